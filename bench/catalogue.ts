// Catalogue search and the procedure page under concurrent load, at 2,000 procedures,
// each compared with the server's own static route serving the same bytes in the same run.
//
// Reproduce (PostgreSQL, as the README quotes):
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench npx tsx bench/catalogue.ts
// Without DATABASE_URL it runs on embedded PGlite. BENCH_SECONDS (default 10) per route.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, createJobs } from '../src/app';
import { blobStoreFor } from '../src/platform/storage';
import { loadConfig } from '../src/config';
import { SYSTEM_ACTOR, saveProcedure } from '../src/modules/catalogue';
import { openDatabase } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { PUBLIC_DIR } from '../src/platform/http';
import { seedDemo } from '../seed/demo';
import { generateCatalogue } from '../seed/generate-catalogue';
import { load, machine, table } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'b'.repeat(40), LOG_LEVEL: 'silent', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(dataDir, 'db') });
await migrate(database.db);
if (config.databaseUrl) await database.db.deleteFrom('procedures').where('code', 'like', '9.%').execute();
await seedDemo(database.db, { blobs: blobStoreFor(config) });

const existing = Number((await database.db.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const { procedures } = generateCatalogue(Math.max(0, 2000 - existing), 42);
const t0 = Date.now();
for (const p of procedures) await saveProcedure({ db: database.db }, SYSTEM_ACTOR, p, { publish: true, summary: 'bench' });
const total = existing + procedures.length;
console.log(`Loaded ${procedures.length} generated procedures in ${((Date.now() - t0) / 1000).toFixed(1)} s (${total} in all).`);

const jobs = createJobs(config, database.db);
await jobs.start();
const app = await buildApp({ config, db: database.db, jobs, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const searchUrl = `${base}/thu-tuc?q=${encodeURIComponent('cap giay phep')}`;
const pageUrl = `${base}/thu-tuc/1.001193`;
const searchHtml = await (await fetch(searchUrl)).text();
const pageHtml = await (await fetch(pageUrl)).text();
mkdirSync(path.join(PUBLIC_DIR, 'build/bench'), { recursive: true });
writeFileSync(path.join(PUBLIC_DIR, 'build/bench/search.html'), searchHtml);
writeFileSync(path.join(PUBLIC_DIR, 'build/bench/page.html'), pageHtml);

const css = await (await fetch(`${base}/static/build/app.css`)).text();
const pageGz = gzipSync(pageHtml).length;
const cssGz = gzipSync(css).length;

const gz = { 'accept-encoding': 'gzip' };
const staticSearch = await load('static: same bytes as search', `${base}/static/build/bench/search.html`, { duration: seconds, headers: gz });
const search = await load('catalogue search “cap giay phep”', searchUrl, { duration: seconds, headers: gz });
const staticPage = await load('static: same bytes as procedure page', `${base}/static/build/bench/page.html`, { duration: seconds, headers: gz });
const page = await load('procedure page 1.001193', pageUrl, { duration: seconds, headers: gz });
const typoSearch = await load('typo search “dang ki khai xinh” (trigram path)', `${base}/thu-tuc?q=${encodeURIComponent('dang ki khai xinh')}`, { duration: seconds, headers: gz });
const apiSearch = await load('API search /api/v1/procedures?q=khai sinh', `${base}/api/v1/procedures?q=${encodeURIComponent('khai sinh')}`, { duration: seconds, headers: gz });

console.log(`\nMachine: ${machine()}`);
console.log(`Database: ${database.kind} (${database.location}), ${total} procedures, ${seconds} s per route, 20 connections\n`);
console.log(table([staticSearch, search, typoSearch, apiSearch], staticSearch));
console.log();
console.log(table([staticPage, page], staticPage));
console.log(`\nProcedure page weight: HTML ${pageHtml.length} B (${pageGz} B gzip) + CSS ${css.length} B (${cssGz} B gzip) = ${((pageGz + cssGz) / 1024).toFixed(1)} KB compressed; no JavaScript.`);

await app.close();
await jobs.stop();
if (config.databaseUrl) await database.db.deleteFrom('procedures').where('code', 'like', '9.%').execute();
await database.close();
rmSync(path.join(PUBLIC_DIR, 'build/bench'), { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
