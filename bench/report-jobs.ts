// Long reports as jobs (src/modules/statistics/jobs.ts) on a loaded database: a year's statistics
// read directly and by the job's steps (runReport, the worker's code, run inline), checked
// identical, with the latency of GET /healthz while the job runs.
//
// Reproduce on the database bench/reports.ts loaded (1M dossiers):
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench_reports npx tsx bench/report-jobs.ts
//
// Run (999,826 dossiers, PostgreSQL 15, 2 cores shared with other work, no VACUUM after loading):
//   year 2025, province:    direct 277,990 / 157,194 ms; job 201,936 / 190,312 ms; identical figures;
//                           /healthz during the job median 1–2 ms, max 149 ms (~1,900 requests)
//   year 2025, one commune: direct 2,364 / 2,433 ms;     job 3,075 / 3,164 ms;     identical figures
// The province's year is dominated by MDSH.3's "reuse possible" (a look-up of the applicant's
// earlier dossiers for each dossier; the bench's copies share applicants, thousands each), which
// the statistics read since it was added: the job keeps the server answering, not the total short.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, createJobs } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/platform/db/connect';
import { askStatistics, resolveQuery, runReport, statisticsOf } from '../src/modules/statistics';
import { runStatistics } from '../src/modules/statistics/jobs';
import { machine } from './lib';

const dataDir = mkdtempSync(path.join(tmpdir(), 'bj-'));
const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'b'.repeat(40), LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL! });
const database = await openDatabase({ url: config.databaseUrl });
const db = database.db;
const jobs = createJobs(config, db);
await jobs.start();
const app = await buildApp({ config, db, jobs, logger: false });
const auditor = { id: (await db.selectFrom('accounts').select('id').where('username', '=', 'kiemtra').executeTakeFirstOrThrow()).id, role: 'auditor', unitId: null, username: 'kiemtra', fullName: 'x', ip: '127.0.0.1' } as never;
const deps = { db, jobs };
console.log(`Machine: ${machine()}`);
for (const [label, input] of [
  ['year 2025, province', { tu: '01/01/2025', den: '31/12/2025' }],
  ['year 2025, one commune', { tu: '01/01/2025', den: '31/12/2025', 'don-vi': 'p-luong-van-tri' }],
] as const) {
  const q = await resolveQuery({ db }, auditor, input);
  for (let i = 0; i < 2; i++) {
    let t = performance.now();
    const direct = await statisticsOf({ db }, q);
    const directMs = Math.round(performance.now() - t);
    const l = await askStatistics(deps, auditor, input, { fresh: true });
    assert.equal(l.kind, 'progress');
    const id = l.kind === 'progress' ? l.run.id : '';
    const lat: number[] = [];
    let done = false;
    const probe = (async () => {
      while (!done) {
        const s = performance.now();
        await app.inject('/healthz');
        lat.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    t = performance.now();
    await runReport(deps, id);
    const jobMs = Math.round(performance.now() - t);
    done = true;
    await probe;
    const fromJob = await runStatistics(deps, auditor, id);
    assert.deepEqual(fromJob.counts, direct.counts);
    assert.deepEqual(fromJob.processing, direct.processing);
    assert.deepEqual(fromJob.lateByUnit, direct.lateByUnit);
    lat.sort((a, b) => a - b);
    console.log(`${label}: direct ${directMs} ms; job ${jobMs} ms (${fromJob.counts.received} received, identical figures); /healthz during the job: ${lat.length} requests, median ${Math.round(lat[Math.floor(lat.length / 2)] ?? 0)} ms, max ${Math.round(lat.at(-1) ?? 0)} ms`);
  }
}
await app.close();
await jobs.stop();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
