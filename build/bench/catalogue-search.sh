#!/usr/bin/env bash
# The public catalogue's search (issue 16, "Speed"): seeds N published solutions through the event store, then prints
# p50/p95 of GET /api/catalogue/v1/solutions (a word, two words, with filters, filters without words) beside the
# target p95 ≤ 50 ms. Release Host on Kestrel, loopback; a throwaway embedded PostgreSQL unless
# ConnectionStrings__Achats is set. The time is the wall time of each request on loopback: the server's time plus
# the loopback round trip.
# Usage: build/bench/catalogue-search.sh [solutions, default 10000] [requests per search, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
configuration="${BENCH_CONFIGURATION:-Release}"
dotnet build build/bench/Achats.Bench -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
dotnet "build/bench/Achats.Bench/bin/$configuration/net10.0/Achats.Bench.dll" catalogue-search "$@"
