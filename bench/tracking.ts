// Public dossier tracking at one million dossiers: look-ups per second of random existing codes
// through the JSON API and the tracking page, compared with the server's static route serving
// the same bytes in the same run.
//
// Reproduce (PostgreSQL, as the README quotes):
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench npx tsx bench/tracking.ts
// Without DATABASE_URL it runs on embedded PGlite. DOSSIERS (default 1000000), BENCH_SECONDS (default 10).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp, createJobs } from '../src/app';
import { blobStoreFor } from '../src/platform/storage';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { PUBLIC_DIR } from '../src/platform/http';
import { seedDemo } from '../seed/demo';
import { load, machine, table } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const target = Number(process.env.DOSSIERS ?? 1_000_000);
const PREFIX = '000.99.99.H39';
const PER_DAY = 2000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  SESSION_SECRET: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  TRACKING_RATE_LIMIT_PER_MINUTE: '10000000',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(dataDir, 'db') });
const db = database.db;
await migrate(db);
await seedDemo(db, { blobs: blobStoreFor(config) });

const have = Number((await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).where('code', 'like', `${PREFIX}-%`).executeTakeFirstOrThrow()).n);
const proc = await db.selectFrom('procedures').select(['id', 'code', 'name']).where('code', '=', '1.001193').executeTakeFirstOrThrow();
const unit = await db.selectFrom('units').select('id').where('code', '=', 'p-luong-van-tri').executeTakeFirstOrThrow();
const t0 = Date.now();
const BATCH = 100_000;
for (let from = have + 1; from <= target; from += BATCH) {
  const to = Math.min(target, from + BATCH - 1);
  // one dossier per number g: day g/PER_DAY after 01/01/2024, serial g%PER_DAY; each with two public events
  await sql`
    with rows as (
      insert into dossiers (code, procedure_id, procedure_code, procedure_name, procedure_version, channel, state, receiving_unit_id, holder_unit_id,
                            applicant_name, data, time_limit, submitted_at, received_at, due_at)
      select ${PREFIX} || '-' || to_char(date '2024-01-01' + (g / ${PER_DAY}), 'YYMMDD') || '-' || lpad(((g % ${PER_DAY}) + 1)::text, 4, '0'),
             ${proc.id}::uuid, ${proc.code}, ${proc.name}, 1, 'online',
             (array['SUBMITTED','RECEIVED','IN_PROCESSING','RESULT_READY','DELIVERED'])[1 + g % 5], ${unit.id}::uuid, ${unit.id}::uuid,
             'Người nộp ' || g, '{}'::jsonb, '{"amount":1,"unit":"same_day"}'::jsonb,
             timestamptz '2024-01-01 08:00+07' + ((g / ${PER_DAY}) || ' days')::interval,
             timestamptz '2024-01-01 09:00+07' + ((g / ${PER_DAY}) || ' days')::interval,
             timestamptz '2024-01-02 17:00+07' + ((g / ${PER_DAY}) || ' days')::interval
      from generate_series(${from}::int, ${to}::int) g
      returning id, submitted_at
    )
    insert into dossier_events (dossier_id, at, type, to_state, public_note)
    select id, submitted_at, 'submitted', 'SUBMITTED', 'Hồ sơ đã được nộp trực tuyến.' from rows
    union all
    select id, submitted_at + interval '1 hour', 'accepted', 'RECEIVED', 'Bộ phận một cửa đã tiếp nhận hồ sơ.' from rows`.execute(db);
  process.stdout.write(`\rLoaded ${to.toLocaleString('vi-VN')} dossiers…`);
}
if (target > have) console.log(` in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
await sql`analyze dossiers`.execute(db);
await sql`analyze dossier_events`.execute(db);

const jobs = createJobs(config, db);
await jobs.start();
const app = await buildApp({ config, db, jobs, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const codeOf = (g: number) => {
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(g / PER_DAY) * 86_400_000).toISOString().slice(2, 10).replaceAll('-', '');
  return `${PREFIX}-${day}-${String((g % PER_DAY) + 1).padStart(4, '0')}`;
};
const randomCode = () => codeOf(1 + Math.floor(Math.random() * target));
const sample = codeOf(Math.floor(target / 2));
const apiBody = await (await fetch(`${base}/api/v1/dossiers/${sample}/status`)).text();
const pageBody = await (await fetch(`${base}/tra-cuu-ho-so?ma=${sample}`)).text();
if (!apiBody.includes(sample)) throw new Error(`look-up failed: ${apiBody.slice(0, 200)}`);
mkdirSync(path.join(PUBLIC_DIR, 'build/bench'), { recursive: true });
writeFileSync(path.join(PUBLIC_DIR, 'build/bench/status.json'), apiBody);
writeFileSync(path.join(PUBLIC_DIR, 'build/bench/tracking.html'), pageBody);

const gz = { 'accept-encoding': 'gzip' };
const staticApi = await load('static: same bytes as the status API', `${base}/static/build/bench/status.json`, { duration: seconds, headers: gz });
const api = await load('GET /api/v1/dossiers/{random code}/status', `${base}/api/v1/dossiers/${sample}/status`, { duration: seconds, headers: gz, nextPath: () => `/api/v1/dossiers/${randomCode()}/status` });
const staticPage = await load('static: same bytes as the tracking page', `${base}/static/build/bench/tracking.html`, { duration: seconds, headers: gz });
const page = await load('tracking page ?ma={random code}', `${base}/tra-cuu-ho-so?ma=${sample}`, { duration: seconds, headers: gz, nextPath: () => `/tra-cuu-ho-so?ma=${randomCode()}` });
const missing = await load('unknown code (404)', `${base}/api/v1/dossiers/${PREFIX}-991231-9999/status`, { duration: seconds, headers: gz });

console.log(`\nMachine: ${machine()}`);
console.log(`Database: ${database.kind} (${database.location}), ${target.toLocaleString('vi-VN')} dossiers, ${seconds} s per route, 20 connections\n`);
console.log(table([staticApi, api, missing], staticApi));
console.log();
console.log(table([staticPage, page], staticPage));
console.log('\n(The unknown-code row counts 404 answers as errors: they are the expected answer.)');

await app.close();
await jobs.stop();
await database.close();
rmSync(path.join(PUBLIC_DIR, 'build/bench'), { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
