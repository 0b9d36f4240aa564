#!/usr/bin/env bash
# Measures the Release Host as an operator starts it, on the embedded PostgreSQL (first administrator
# made with `admin create`, then a programme staff member signed in to plan cohorts):
#   - process start to /health/ready = 200, first run (initdb included) and second run (same data);
#   - latency of the first API requests after ready, and of later ones (p50, p99 over N requests).
# Usage: build/measure-startup.sh [N=200]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-200}

dotnet build src/Host/Achats.Host -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dll=$PWD/src/Host/Achats.Host/bin/Release/net10.0/Achats.Host.dll
data=$(mktemp -d /tmp/achats-measure.XXXXXX)
chmod 755 "$data"
port=5090
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
base=http://127.0.0.1:$port
pid=
cleanup() { [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

now_ns() { date +%s%N; }
ms() { awk -v ns="$1" 'BEGIN { printf "%.0f", ns / 1000000 }'; }
seconds_to_ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

start_host() {
  local started=$(now_ns)
  env -u ConnectionStrings__Achats EmbeddedPostgres__DataDirectory="$data" ASPNETCORE_URLS="$base" \
    dotnet "$dll" >"$data/host-$1.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$base/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { cat "$data/host-$1.log"; exit 1; }
    sleep 0.01
  done
  echo "run $1: process start → ready: $(ms $(( $(now_ns) - started ))) ms"
}

stop_host() { kill -TERM "$pid"; wait "$pid" || true; pid=; }

password=mesure-du-demarrage-$$
# The session cookie is Secure outside Development: carry it by hand over plain HTTP on loopback.
sign_in() { # email -> prints a Cookie header value
  local page headers name token
  headers=$(mktemp)
  page=$(curl -s -D "$headers" "$base/connexion")
  name=$(grep -oE 'name="__RequestVerificationToken[^"]*"' <<<"$page" | head -1 | cut -d'"' -f2)
  token=$(grep -oE 'value="CfDJ[^"]+"' <<<"$page" | head -1 | cut -d'"' -f2)
  local antiforgery=$(grep -i '^set-cookie: achats.antiforgery=' "$headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
  curl -s -o /dev/null -D "$headers" -H "Cookie: $antiforgery" -X POST "$base/connexion" \
    --data-urlencode "$name=$token" --data-urlencode "email=$1" --data-urlencode "password=$password" --data-urlencode "returnUrl=/"
  grep -i '^set-cookie: achats.session=' "$headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/'
  rm -f "$headers"
}

latency() { curl -s -o /dev/null -w '%{time_total}' "$@"; }

percentiles() { # reads seconds, prints p50 and p99 in ms
  sort -n | awk '{ v[NR] = $1 } END { printf "p50 %.1f ms, p99 %.1f ms (n=%d)\n", v[int(NR*0.50)+1]*1000, v[int(NR*0.99)+1]*1000, NR }'
}

plan() {
  local today=$(TZ=Europe/Paris date +%F)
  printf '{"name":"Mesure %s","registrationOpensOn":"%s","registrationClosesOn":"%s","startsOn":"%s","endsOn":"%s"}' \
    "$1" "$today" "$(date -d "$today +30 days" +%F)" "$(date -d "$today +40 days" +%F)" "$(date -d "$today +400 days" +%F)"
}

echo "Achats.Host (Release) on the embedded PostgreSQL, $(nproc) cores"
created=$(now_ns)
echo "$password" | env -u ConnectionStrings__Achats EmbeddedPostgres__DataDirectory="$data" ASPNETCORE_URLS="$base" \
  dotnet "$dll" admin create --email mesure@achats.test --name "Mesure" >"$data/admin.log" 2>&1 || { cat "$data/admin.log"; exit 1; }
echo "admin create on a new folder (initdb, schema, command, stop): $(ms $(( $(now_ns) - created ))) ms"
start_host 1
admin=$(sign_in mesure@achats.test)
curl -sf -o /dev/null -H "Cookie: $admin" -H 'Content-Type: application/json' -X POST "$base/api/access/v1/staff-accounts" \
  -d "{\"email\":\"equipe@achats.test\",\"displayName\":\"Équipe\",\"role\":\"ProgrammeStaff\",\"organisation\":\"Mgp\",\"password\":\"$password\"}"
staff=$(sign_in equipe@achats.test)
echo "  first POST /api/cohorts/v1/cohorts:      $(seconds_to_ms "$(latency -X POST -H "Cookie: $staff" -H 'Content-Type: application/json' -d "$(plan first)" "$base/api/cohorts/v1/cohorts")") ms"
echo "  first GET /api/enrolment/v1/open-cohorts: $(seconds_to_ms "$(latency "$base/api/enrolment/v1/open-cohorts")") ms"
echo -n "  later POST (plan a cohort):   "
for i in $(seq "$requests"); do latency -X POST -H "Cookie: $staff" -H 'Content-Type: application/json' -d "$(plan "$i")" "$base/api/cohorts/v1/cohorts"; echo; done | percentiles
echo -n "  later GET (open cohorts):     "
for i in $(seq "$requests"); do latency "$base/api/enrolment/v1/open-cohorts"; echo; done | percentiles
stop_host

start_host 2
echo "  first GET /api/enrolment/v1/open-cohorts: $(seconds_to_ms "$(latency "$base/api/enrolment/v1/open-cohorts")") ms"
echo "  cohorts still listed after restart: $(curl -s "$base/api/enrolment/v1/open-cohorts" | grep -o '"id"' | wc -l)"
stop_host
