#!/usr/bin/env bash
# Publishes Modular self-contained for linux-x64 (host and every plugin folder) and builds the image.
# Usage: deploy/build-image.sh [tag] [base-image]
#   tag        default modular:latest
#   base-image default the Dockerfile's own (mcr.microsoft.com/dotnet/runtime-deps:10.0)
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-modular:latest}
base=${2:-}
context=artifacts/image-context

rm -rf "$context"
mkdir -p "$context"
# The plugins first: the host's publish copies their folders (artifacts/plugins) under plugins/.
dotnet build Modular.Plugins.slnf -c Release -nologo -v quiet >/dev/null
dotnet publish core/Modular.Host -c Release -r linux-x64 --self-contained -nologo -v quiet -o "$context/modular" >/dev/null
# The image has no shared runtime: the privileged helper (helpertool) carries its own, trimmed, in place of the plugin build's.
helper="$context/modular/plugins/helpertool/helper"
rm -rf "$helper"
dotnet publish plugins/helpertool/Helper -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -nologo -v quiet \
  -p:OutDir="$PWD/artifacts/helper-publish/" -o "$helper" >/dev/null
cp deploy/Dockerfile "$context/Dockerfile"

args=(--tag "$tag" --label org.opencontainers.image.title=modular)
if [ -n "$base" ]; then
  # A local base must not be pulled: the build uses it as it is.
  args+=(--build-arg "BASE=$base" --pull=false)
fi
docker build --quiet "${args[@]}" "$context" >/dev/null
echo "build-image: $tag ($(docker image inspect "$tag" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1000000}'))"
# The image this build replaced is left untagged: remove it, or every run would keep one more.
docker image prune --force --filter label=org.opencontainers.image.title=modular >/dev/null
