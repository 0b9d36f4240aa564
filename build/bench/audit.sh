#!/usr/bin/env bash
# The auditor's replay and rebuild (issue 18, "Figures"): generates one cohort's history of at least 100,000 events
# (participants who each went the whole way: 7 events of the project's real types over their enrolment and signature
# file, appended through Marten in batches, the chain and the inline snapshots written as in production), then prints
# the events per second of `audit replay`'s work over every stream and of `audit rebuild`, each beside its target
# (replay >= 50,000 events/s, rebuild >= 15,000 events/s). Release build; a throwaway embedded PostgreSQL unless
# ConnectionStrings__Achats is set.
# Usage: build/bench/audit.sh [events, default 105000]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build build/bench/Achats.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build/bench/Achats.Bench/bin/Release/net10.0/Achats.Bench.dll audit "$@"
