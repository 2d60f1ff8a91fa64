// Online submissions per second, each with two 200 KB PDF attachments, through the real pages
// (start draft, tờ khai, two uploads, files step, review, submit: nine requests), by several
// citizens at once; and the submit step alone (the one transaction that makes the dossier).
//
// Reproduce (PostgreSQL, as the README quotes):
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench npx tsx bench/submission.ts
// Without DATABASE_URL it runs on embedded PGlite. BENCH_SECONDS (default 20), CLIENTS (default 8).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, createJobs } from '../src/app';
import { blobStoreFor } from '../src/platform/storage';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { seedDemo } from '../seed/demo';
import { samplePdf } from '../test/helpers/files';
import { HttpClient } from '../test/helpers/http-client';
import { submitBirthRegistration } from '../test/helpers/submit-flow';
import { machine } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const clients = Number(process.env.CLIENTS ?? 8);
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  SESSION_SECRET: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(dataDir, 'db') });
await migrate(database.db);
await seedDemo(database.db, { blobs: blobStoreFor(config) });
const jobs = createJobs(config, database.db);
await jobs.start();
const app = await buildApp({ config, db: database.db, jobs, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

let n = 0;
const files = (i: number) => [
  { componentIndex: 1, name: 'giay-chung-sinh.pdf', bytes: samplePdf(`Giay chung sinh ${i}`, 200 * 1024) },
  { componentIndex: 5, name: 'can-cuoc.pdf', bytes: samplePdf(`Can cuoc ${i}`, 200 * 1024) },
];
const sessions = await Promise.all(
  Array.from({ length: clients }, async () => {
    const c = new HttpClient(base);
    await c.login('congdan');
    return c;
  }),
);
// warm-up: one submission per client
await Promise.all(sessions.map((c) => submitBirthRegistration(c, files(n++))));

const latencies: number[] = [];
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
let done = 0;
await Promise.all(
  sessions.map(async (c) => {
    while (Date.now() < deadline) {
      const t0 = performance.now();
      await submitBirthRegistration(c, files(n++));
      latencies.push(performance.now() - t0);
      done++;
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0);
const stored = await database.db.selectFrom('dossierFiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

console.log(`\nMachine: ${machine()}`);
console.log(`Database: ${database.kind} (${database.location}); ${clients} citizens at once for ${seconds} s; two 200 KB PDFs each`);
console.log(`\n| measure | value |\n|---|---|`);
console.log(`| whole submissions per second (9 requests each) | ${(done / elapsed).toFixed(1)} |`);
console.log(`| HTTP requests per second | ${((done * 9) / elapsed).toFixed(0)} |`);
console.log(`| one submission, p50 / p99 (ms, whole flow) | ${pct(50)} / ${pct(99)} |`);
console.log(`| dossiers made / files stored | ${done + clients} / ${Number(stored.n)} |`);

await app.close();
await jobs.stop();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
