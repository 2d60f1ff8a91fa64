#!/usr/bin/env bash
# The benchmark set in its reduced form, as CI runs it: every benchmark briefly, on small data,
# on PGlite and (with BENCH_PG_ADMIN_URL, a database the role may create databases from) on
# PostgreSQL. A benchmark whose requests fail exits non-zero, and so does this. The figures of a
# reduced run are not the README's: those come from the full commands, one by one (README).
#   npm run bench:ci                       (PGlite; and PostgreSQL too with BENCH_PG_ADMIN_URL)
#   npm run bench:ci -- pglite             (one of the two; CI runs them in different lanes)
#   BENCH_PG_ADMIN_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua npm run bench:ci -- postgres
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_SECONDS="${BENCH_SECONDS:-2}" LOG_LEVEL=warn
small=5000
only="${1:-}"

run() {
  printf '\n--- %s: %s\n' "$1" "${*:2}"
  "${@:2}"
}

set_of() {
  run "$1" npx tsx bench/pages.ts
  CLIENTS=4 run "$1" npx tsx bench/submission.ts
  DOSSIERS=$small run "$1" npx tsx bench/queues.ts
  DOSSIERS=$small run "$1" npx tsx bench/reports.ts
}

if [ "$only" != postgres ]; then set_of PGlite; fi

if [ "$only" = postgres ] && [ -z "${BENCH_PG_ADMIN_URL:-}" ]; then
  echo "BENCH_PG_ADMIN_URL is needed for the PostgreSQL runs" >&2
  exit 2
fi
if [ "$only" != pglite ] && [ -n "${BENCH_PG_ADMIN_URL:-}" ]; then
  base="${BENCH_PG_ADMIN_URL%/*}"
  fresh() { psql -q "$BENCH_PG_ADMIN_URL" -c "drop database if exists $1" -c "create database $1"; }
  for name in pages submissions data; do fresh "motcua_bench_ci_$name"; done
  DATABASE_URL="$base/motcua_bench_ci_pages" run PostgreSQL npx tsx bench/pages.ts
  DATABASE_URL="$base/motcua_bench_ci_submissions" CLIENTS=4 run PostgreSQL npx tsx bench/submission.ts
  DATABASE_URL="$base/motcua_bench_ci_data" DOSSIERS=$small run PostgreSQL npx tsx bench/queues.ts
  DATABASE_URL="$base/motcua_bench_ci_data" DOSSIERS=$small run PostgreSQL npx tsx bench/reports.ts
  for name in pages submissions data; do psql -q "$BENCH_PG_ADMIN_URL" -c "drop database motcua_bench_ci_$name"; done
fi
