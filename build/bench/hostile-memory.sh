#!/usr/bin/env bash
# Memory under hostile input (issue 11, point 12): the Release Host on Kestrel (loopback) receives rounds of malformed
# requests over every OpenAPI operation; prints the process's resident memory and managed heap after each round and
# after a forced full compacting collection. A throwaway embedded PostgreSQL unless ConnectionStrings__Achats is set.
# Usage: build/bench/hostile-memory.sh [rounds, default 5] [requests per round, default 2000] [concurrent clients, default 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build build/bench/Achats.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build/bench/Achats.Bench/bin/Release/net10.0/Achats.Bench.dll hostile-memory "$@"
