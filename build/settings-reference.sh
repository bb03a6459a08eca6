#!/usr/bin/env bash
# Rewrites README.md's settings reference (between the settings-reference markers) from the settings
# classes of the core and of every product plugin, as `modular settings list --format markdown` prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(mktemp)
trap 'rm -f "$table"' EXIT
# The plugins first: the host's build copies their folders beside it.
dotnet build Modular.Plugins.slnf -nologo -v quiet >/dev/null
dotnet build core/Modular.Host -nologo -v quiet >/dev/null
(cd "$(mktemp -d)" && dotnet "$OLDPWD/core/Modular.Host/bin/Debug/net10.0/modular.dll" settings list --format markdown) > "$table"
awk -v table="$table" '
  /<!-- settings-reference:start -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- settings-reference:end -->/ { skip = 0 }
  !skip { print }
' README.md > README.md.new
mv README.md.new README.md
