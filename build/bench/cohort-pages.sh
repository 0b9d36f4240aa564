#!/usr/bin/env bash
# The pages of a cohort under way (issue 14, "Bench"): seeds one cohort through the system's own commands, then prints
# p50/p95 of the wall time of each measured page beside the floor (GET /health/live) and its target (p95 <= 300 ms),
# signed in as programme staff. The attendance sheet of a 300-person roster and the impact report of 1,000 purchasing projects. Release Host on Kestrel,
# loopback; a throwaway embedded PostgreSQL unless ConnectionStrings__Achats is set.
# Usage: build/bench/cohort-pages.sh [requests per page, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build build/bench/Achats.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build/bench/Achats.Bench/bin/Release/net10.0/Achats.Bench.dll cohort-pages "$@"
