#!/usr/bin/env bash
# The benchmark set in its reduced form: every benchmark briefly (1–2 s per route, 5,000 dossiers,
# each report query once), failing if any of its requests fails. The figures of a reduced run are
# not the README's: those come from the full commands, one by one (README › Benchmarks).
#   npm run bench:ci                              all four on PGlite (and on PostgreSQL too with
#                                                 BENCH_PG_ADMIN_URL, a database the role may
#                                                 create databases from)
#   bash bench/ci.sh pglite pages submissions     some of them on one database; CI runs the citizen
#   bash bench/ci.sh postgres queues reports      ones on PGlite and the million-scale ones on
#                                                 PostgreSQL, in different lanes (.ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_SECONDS="${BENCH_SECONDS:-2}" REPORT_RUNS="${REPORT_RUNS:-1}" DOSSIERS="${DOSSIERS:-5000}" LOG_LEVEL=warn
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

one() { # database benchmark
  local file=$2
  [ "$2" = submissions ] && file=submission
  printf '\n--- %s on %s\n' "$2" "$1"
  if [ "$1" = postgres ]; then
    local db="motcua_bench_ci_$2"
    [ "$2" = queues ] || [ "$2" = reports ] && db=motcua_bench_ci_data # one data set for both
    psql -q "$BENCH_PG_ADMIN_URL" -c "create database $db" 2>/dev/null || true
    DATABASE_URL="${BENCH_PG_ADMIN_URL%/*}/$db" CLIENTS=4 npx tsx "bench/$file.ts"
  else
    BENCH_DATA_DIR="$scratch/data" CLIENTS=4 npx tsx "bench/$file.ts"
  fi
}

run_on() { # database [benchmark…]
  local database=$1
  shift
  [ "$database" = postgres ] && [ -z "${BENCH_PG_ADMIN_URL:-}" ] && { echo "BENCH_PG_ADMIN_URL is needed for PostgreSQL" >&2; exit 2; }
  [ "$database" = postgres ] && for db in pages submissions data; do psql -q "$BENCH_PG_ADMIN_URL" -c "drop database if exists motcua_bench_ci_$db"; done
  for b in "${@:-pages submissions queues reports}"; do
    for x in $b; do one "$database" "$x"; done
  done
  [ "$database" = postgres ] && for db in pages submissions data; do psql -q "$BENCH_PG_ADMIN_URL" -c "drop database if exists motcua_bench_ci_$db"; done
  return 0
}

if [ $# -gt 0 ]; then
  run_on "$@"
else
  run_on pglite
  [ -n "${BENCH_PG_ADMIN_URL:-}" ] && run_on postgres
  true
fi
