// Officer pages at a million dossiers (issue 11, 1c and 1e): the reception queue, the work queues
// of a commune's counter, specialist and leader and of the province's centre (with the overdue filter and a search), the
// logbook, the lateness page and one dossier's page, each signed in as the demo officer of that
// role, under concurrent load; beside the static route serving the bytes of the counter's queue;
// and the memory of the server process at rest and under that load.
//
// The data is bench/dataset.ts's (the generator's year repeated to the size asked). The server is
// `src/main.ts` in its own process; autocannon runs in this one.
//
// Reproduce:
//   createdb motcua_bench_reports   (once; the reports benchmark uses the same database)
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench_reports npm run bench:queues
//   BENCH_DATA_DIR=/var/tmp/motcua-1m npm run bench:queues                     (embedded PGlite)
// DOSSIERS (default 1000000), BENCH_SECONDS per page (default 10), CONNECTIONS (default 10).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { PUBLIC_DIR } from '../src/platform/http';
import { startServer } from '../test/e2e/helpers';
import { HttpClient } from '../test/helpers/http-client';
import { openDataset } from './dataset';
import { failOnErrors, load, machine, memoryOf, pairedTable, sampled, type LoadResult } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);
const dataset = await openDataset(Number(process.env.DOSSIERS ?? 1_000_000));
const { db, total } = dataset;
// the counter officer's unit: its open dossiers (for the dossier page) and a word of an applicant's name (for the search)
const counter = await db.selectFrom('accounts').select('unitId').where('username', '=', 'motcuaxa').executeTakeFirstOrThrow();
const open = await sql<{ code: string; applicantName: string }>`
  select code, applicant_name from dossiers
  where receiving_unit_id = ${counter.unitId} and state not in ('DELIVERED', 'WITHDRAWN', 'CANCELLED')
  order by due_at desc nulls last limit 500`.execute(db);
const ofUnit = Number((await sql<{ n: string }>`select count(*) as n from dossiers where receiving_unit_id = ${counter.unitId}`.execute(db)).rows[0]!.n);
const kind = dataset.database.kind;
await dataset.close({ keepDataDir: true });
const codes = open.rows.map((r) => r.code);
if (codes.length === 0) throw new Error('the counter officer’s unit has no open dossier');
const word = open.rows[0]!.applicantName.split(' ').at(-1)!;

const server = await startServer({ ...dataset.serverEnv, LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
const pid = server.process.pid!;
const signedIn = async (username: string) => {
  const c = new HttpClient(server.url);
  await c.login(username);
  return { cookie: c.cookieHeader(), 'accept-encoding': 'gzip' };
};
const as = { counter: await signedIn('motcuaxa'), specialist: await signedIn('tuphapxa'), leader: await signedIn('chutichxa'), province: await signedIn('motcua') };
const december = `tu=${encodeURIComponent('01/12/2025')}&den=${encodeURIComponent('31/12/2025')}`;
const randomCode = () => codes[Math.floor(Math.random() * codes.length)]!;

const pages: { name: string; path: string; headers: Record<string, string>; nextPath?: () => string }[] = [
  { name: 'counter: reception queue /mot-cua/tiep-nhan', path: '/mot-cua/tiep-nhan', headers: as.counter },
  { name: 'counter: work queue /mot-cua/xu-ly', path: '/mot-cua/xu-ly', headers: as.counter },
  { name: 'counter: overdue only', path: '/mot-cua/xu-ly?qua-han=1', headers: as.counter },
  { name: `counter: search “${word}”`, path: `/mot-cua/xu-ly?q=${encodeURIComponent(word)}`, headers: as.counter },
  { name: 'counter: logbook, December 2025', path: `/mot-cua/so-theo-doi?${december}`, headers: as.counter },
  { name: 'counter: lateness, December 2025', path: `/mot-cua/tre-han?${december}`, headers: as.counter },
  { name: 'counter: one dossier, random open code', path: `/mot-cua/ho-so/${codes[0]}`, headers: as.counter, nextPath: () => `/mot-cua/ho-so/${randomCode()}` },
  { name: 'specialist: work queue', path: '/mot-cua/xu-ly', headers: as.specialist },
  { name: 'leader: work queue', path: '/mot-cua/xu-ly', headers: as.leader },
  { name: 'province centre counter: work queue', path: '/mot-cua/xu-ly', headers: as.province },
];

// the rows each page shows, and its bytes for the static twin
const rows: string[] = [];
const twinDir = path.join(PUBLIC_DIR, 'build/bench-queues');
mkdirSync(twinDir, { recursive: true });
const twins: string[] = [];
for (const [i, p] of pages.entries()) {
  const res = await fetch(server.url + p.path, { headers: p.headers, redirect: 'manual' });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${p.name}: ${res.status} ${html.slice(0, 300)}`);
  rows.push(`${p.name}: ${(html.match(/<tr[\s>]/g) ?? []).length} table rows, ${(html.length / 1024).toFixed(0)} KB`);
  writeFileSync(path.join(twinDir, `${i}.html`), html);
  twins.push(`/static/build/bench-queues/${i}.html`);
}
const atRest = memoryOf(pid);

const pairs: { route: LoadResult; twin: LoadResult }[] = [];
const { maxRssMb } = await sampled(pid, async () => {
  for (const [i, p] of pages.entries()) {
    const twin = await load(`static: ${p.name}`, server.url + twins[i], { duration: seconds, connections, headers: { 'accept-encoding': 'gzip' } });
    const route = await load(p.name, server.url + p.path, { duration: seconds, connections, headers: p.headers, ...(p.nextPath ? { nextPath: p.nextPath } : {}) });
    pairs.push({ route, twin });
  }
});
const after = memoryOf(pid);

console.log(`\nMachine: ${machine()}`);
console.log(`Database: ${kind}; ${total.toLocaleString('vi-VN')} dossiers, ${ofUnit.toLocaleString('vi-VN')} of them received by the counter officer's unit; ${seconds} s per page, ${connections} connections`);
console.log(`Server: src/main.ts in its own process; each page signed in as the demo officer of its role\n`);
console.log(pairedTable(pairs));
console.log(`\n${rows.join('\n')}`);
console.log(`\nServer memory (resident): at rest ${atRest.rssMb} MB; under this load up to ${maxRssMb} MB; after it ${after.rssMb} MB`);
failOnErrors(pairs.flatMap((p) => [p.route, p.twin]));

await server.stop();
rmSync(twinDir, { recursive: true, force: true });
if (!dataset.kept) rmSync(dataset.serverEnv.DATA_DIR!, { recursive: true, force: true });
