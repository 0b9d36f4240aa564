#!/usr/bin/env bash
# The staff pages on a full cohort (issue 13, "Speed"): seeds one cohort with N enrolments through the system's own
# APIs (public pre-registrations, partners' attestations, staff pairs and decisions), then prints p50/p95 of the wall
# time of the enrolment list page (first page, filtered, searched) and of the dashboard, signed in as programme staff,
# beside the one-query floor (GET open-cohorts) and the targets. Release Host on Kestrel, loopback; a throwaway
# embedded PostgreSQL unless ConnectionStrings__Achats is set.
# Usage: build/bench/staff-pages.sh [enrolments, default 5000] [requests per URL, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build build/bench/Achats.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build/bench/Achats.Bench/bin/Release/net10.0/Achats.Bench.dll staff-pages "$@"
