#!/usr/bin/env bash
# Every test of the solution, from a fresh machine of this kind (PostgreSQL binaries or apt, no Docker,
# nothing running): installs what is missing, builds Release with zero warnings, checks the generated
# handler code, runs `dotnet test` (browser tests included, in Chromium), and ends with one line
# "N passed, N failed, N skipped".
# PostgreSQL for the tests: ACHATS_TEST_POSTGRES if set, else Testcontainers, else the embedded launcher.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
log=artifacts/test.log

fail_before_tests() {
  echo "build/test.sh: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

has_postgres_binaries() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if [[ -z "${ACHATS_TEST_POSTGRES:-}" ]] && ! has_postgres_binaries; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the PostgreSQL server binaries (apt-get install postgresql)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || fail_before_tests "could not install PostgreSQL; set ACHATS_TEST_POSTGRES to a server's connection string."
  else
    fail_before_tests "no PostgreSQL server binaries: install them (apt-get install postgresql) or set ACHATS_TEST_POSTGRES."
  fi
fi

# The browser tests drive Debian's Chromium (Playwright cannot download a browser of its own here).
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || fail_before_tests "could not install Chromium (apt-get install -y chromium) for the browser tests."
  else
    fail_before_tests "Chromium is missing at /usr/bin/chromium: install it (apt-get install -y chromium) for the browser tests."
  fi
fi

echo "== Release build (warnings are errors)"
dotnet build Achats.sln -c Release -nologo -clp:"ErrorsOnly;Summary" || fail_before_tests "the Release build failed."

echo "== Generated Wolverine handler code is up to date"
build/codegen.sh --check || fail_before_tests "the generated handler code was stale (see above)."

echo "== Tests"
dotnet test --solution Achats.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The Microsoft.Testing.Platform summary ends with total/failed/succeeded/skipped lines.
count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1 # the run itself failed (build, crash) without counting a test
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
