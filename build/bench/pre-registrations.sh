#!/usr/bin/env bash
# Pre-registrations per second and p50/p99 latency through HTTP (Release Host on Kestrel, loopback) at 1
# and 16 concurrent clients, beside single-row INSERT commits on the same PostgreSQL in the same run,
# and the ratio of the two. Starts a throwaway embedded PostgreSQL unless ConnectionStrings__Achats is set.
# Usage: build/bench/pre-registrations.sh [requests per client count, default 2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build build/bench/Achats.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build/bench/Achats.Bench/bin/Release/net10.0/Achats.Bench.dll "$@"
