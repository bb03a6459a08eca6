#!/usr/bin/env bash
# The scale-out recipe in one command: builds the server's image when there is none yet, then brings deploy/compose.yaml
# up and waits until every instance passes its health check.
# Usage: deploy/up.sh [more 'docker compose up' options]; the compose file's variables apply (MODULAR_IMAGE, REDIS_IMAGE,
# FRONT_ADDRESS, WWW, MODULAR_TELEMETRY, OTLP_ENDPOINT), and MODULAR_BASE_IMAGE names a local base for the image build.
set -euo pipefail
cd "$(dirname "$0")"
image=${MODULAR_IMAGE:-modular:latest}
if ! docker image inspect "$image" >/dev/null 2>&1; then
  ./build-image.sh "$image" ${MODULAR_BASE_IMAGE:+"$MODULAR_BASE_IMAGE"}
fi
exec docker compose -f compose.yaml up --detach --wait --wait-timeout 120 "$@"
