// Citizen pages under concurrent load (issue 11, 1a and 1e): the home page, a catalogue search,
// a procedure page, the tracking page and the tracking API for random existing codes, each
// beside the server's own static route serving the same bytes in the same run; and the memory
// of the server process at rest and under that load.
//
// The server is `src/main.ts` as `npm start` runs it, in its own process (the load generator,
// autocannon, runs in this one), on the demo data with its generated year of dossiers.
//
// Reproduce:
//   npm run bench:pages                                                        (embedded PGlite)
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench_pages npm run bench:pages
// The PostgreSQL database is created empty beforehand (createdb) and filled on the first run.
// BENCH_SECONDS per route (default 10), CONNECTIONS (default 20).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { PUBLIC_DIR } from '../src/platform/http';
import { blobStoreFor } from '../src/platform/storage';
import { seedDemo } from '../seed/demo';
import { startServer } from '../test/e2e/helpers';
import { failOnErrors, load, machine, memoryOf, pairedTable, sampled, type LoadResult } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-pages-'));
const url = process.env.DATABASE_URL;

// the data first, in this process, closed before the server opens it (PGlite has one owner)
const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'b'.repeat(40), ...(url ? { DATABASE_URL: url } : {}) });
const prepared = await openDatabase({ url: config.databaseUrl, dataDir: path.join(dataDir, 'db') });
await migrate(prepared.db);
await seedDemo(prepared.db, { blobs: blobStoreFor(config), history: true });
const dossiers = Number((await sql<{ n: string }>`select count(*) as n from dossiers`.execute(prepared.db)).rows[0]!.n);
const procedures = Number((await sql<{ n: string }>`select count(*) as n from procedures`.execute(prepared.db)).rows[0]!.n);
const codes = (await sql<{ code: string }>`select code from dossiers order by random() limit 2000`.execute(prepared.db)).rows.map((r) => r.code);
const kind = prepared.kind;
await prepared.close();
if (codes.length === 0) throw new Error('no dossiers to track');

const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', TRACKING_RATE_LIMIT_PER_MINUTE: '10000000', ...(url ? { DATABASE_URL: url } : {}) });
const pid = server.process.pid!;
const randomCode = () => codes[Math.floor(Math.random() * codes.length)]!;
const gz = { 'accept-encoding': 'gzip' };

const routes: { name: string; path: string; nextPath?: () => string }[] = [
  { name: 'home page /', path: '/' },
  { name: 'catalogue search “khai sinh”', path: `/thu-tuc?q=${encodeURIComponent('khai sinh')}` },
  { name: 'procedure page 1.001193', path: '/thu-tuc/1.001193' },
  { name: 'tracking page, random code', path: `/tra-cuu-ho-so?ma=${codes[0]}`, nextPath: () => `/tra-cuu-ho-so?ma=${randomCode()}` },
  { name: 'tracking API, random code', path: `/api/v1/dossiers/${codes[0]}/status`, nextPath: () => `/api/v1/dossiers/${randomCode()}/status` },
];

// each route's bytes, served again by the static route; and a first request of each (warm-up)
mkdirSync(path.join(PUBLIC_DIR, 'build/bench-pages'), { recursive: true });
const twins: string[] = [];
for (const [i, r] of routes.entries()) {
  const res = await fetch(server.url + r.path);
  if (!res.ok) throw new Error(`${r.path}: ${res.status}`);
  const file = `pages-${i}${r.path.startsWith('/api/') ? '.json' : '.html'}`;
  writeFileSync(path.join(PUBLIC_DIR, 'build/bench-pages', file), await res.text());
  twins.push(`/static/build/bench-pages/${file}`);
}
const atRest = memoryOf(pid);

const pairs: { route: LoadResult; twin: LoadResult }[] = [];
const { maxRssMb } = await sampled(pid, async () => {
  for (const [i, r] of routes.entries()) {
    const twin = await load(`static: ${r.name}`, server.url + twins[i], { duration: seconds, connections, headers: gz });
    const route = await load(r.name, server.url + r.path, { duration: seconds, connections, headers: gz, ...(r.nextPath ? { nextPath: r.nextPath } : {}) });
    pairs.push({ route, twin });
  }
});
const after = memoryOf(pid);

console.log(`\nMachine: ${machine()}`);
console.log(`Database: ${kind}; ${procedures.toLocaleString('vi-VN')} procedures, ${dossiers.toLocaleString('vi-VN')} dossiers; ${seconds} s per route, ${connections} connections, gzip accepted`);
console.log(`Server: src/main.ts in its own process (pid ${pid}); load generator: autocannon in another\n`);
console.log(pairedTable(pairs));
console.log(`\nServer memory (resident): at rest ${atRest.rssMb} MB; under this load up to ${maxRssMb} MB; after it ${after.rssMb} MB (peak since start ${after.peakMb} MB, which includes start-up)`);
failOnErrors(pairs.flatMap((p) => [p.route, p.twin]));

await server.stop();
rmSync(path.join(PUBLIC_DIR, 'build/bench-pages'), { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
