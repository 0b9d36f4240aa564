#!/usr/bin/env bash
# Writes Wolverine's handler code into src/Host/Achats.Host/Internal/Generated: Release runs on it,
# without Roslyn (ADR 0004). Run it after adding or changing a handler, and commit the result.
#   build/codegen.sh          regenerate
#   build/codegen.sh --check  regenerate and fail if the committed code was not up to date
set -euo pipefail
cd "$(dirname "$0")/.."
generated=src/Host/Achats.Host/Internal/Generated

rm -rf "$generated"
dotnet build src/Host/Achats.Host -c Debug -nologo -v quiet -clp:ErrorsOnly
# Writing code reads the configuration only; this connection string is never opened, and it keeps
# the embedded PostgreSQL from starting for nothing.
ConnectionStrings__Achats="Host=127.0.0.1;Database=codegen-does-not-connect" \
  dotnet run --project src/Host/Achats.Host --no-build -- codegen write >/dev/null

if [[ "${1:-}" == "--check" ]] && [[ -n "$(git status --porcelain -- "$generated")" ]]; then
  git status --short -- "$generated" >&2
  echo "The generated Wolverine code was out of date; build/codegen.sh has rewritten it: commit $generated." >&2
  exit 1
fi
echo "Wolverine handler code written to $generated"
