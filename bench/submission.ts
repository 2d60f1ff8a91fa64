// Online submissions per second, each with two 200 KB PDF attachments, through the real pages
// (start draft, tờ khai, two uploads, files step, review, submit: nine requests), by several
// citizens at once, against `src/main.ts` in its own process; and the server's memory at rest
// and under that load (issue 11, 1b and 1e).
//
// Reproduce:
//   npm run bench:submissions                                                  (embedded PGlite)
//   DATABASE_URL=postgres://motcua:motcua@127.0.0.1:5432/motcua_bench npm run bench:submissions BENCH_SECONDS (default 20), CLIENTS (default 8).
import { startServer } from '../test/e2e/helpers';
import { samplePdf } from '../test/helpers/files';
import { HttpClient } from '../test/helpers/http-client';
import { submitBirthRegistration } from '../test/helpers/submit-flow';
import { machine, memoryOf, sampled } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const clients = Number(process.env.CLIENTS ?? 8);
const server = await startServer({ LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '10000', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
const pid = server.process.pid!;
const base = server.url;

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
const atRest = memoryOf(pid);

const latencies: number[] = [];
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
let done = 0;
const { maxRssMb } = await sampled(pid, () =>
  Promise.all(
    sessions.map(async (c) => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        await submitBirthRegistration(c, files(n++));
        latencies.push(performance.now() - t0);
        done++;
      }
    }),
  ),
);
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0);

console.log(`\nMachine: ${machine()}`);
console.log(`Database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; server src/main.ts in its own process; ${clients} citizens at once for ${seconds} s; two 200 KB PDFs each`);
console.log(`\n| measure | value |\n|---|---|`);
console.log(`| whole submissions per second (9 requests each) | ${(done / elapsed).toFixed(1)} |`);
console.log(`| HTTP requests per second | ${((done * 9) / elapsed).toFixed(0)} |`);
console.log(`| one submission, p50 / p99 (ms, whole flow) | ${pct(50)} / ${pct(99)} |`);
console.log(`| dossiers made in all (with the warm-up) | ${done + clients} |`);
console.log(`\nServer memory (resident): at rest ${atRest.rssMb} MB; under this load up to ${maxRssMb} MB`);

await server.stop();
