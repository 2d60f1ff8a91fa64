// Shared helpers for benchmarks: the machine, a load run with autocannon, and a table.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(
  name: string,
  url: string,
  opts: { connections?: number; duration?: number; headers?: Record<string, string>; /** A new path for each request (e.g. a random dossier code). */ nextPath?: () => string } = {},
): Promise<LoadResult> {
  const next = opts.nextPath;
  const r = await autocannon({
    url,
    connections: opts.connections ?? 20,
    duration: opts.duration ?? 10,
    headers: opts.headers,
    ...(next ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: next() }) }] } : {}),
  });
  return { name, requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function table(rows: LoadResult[], baseline: LoadResult): string {
  const lines = ['| route | req/s | p50 ms | p99 ms | throughput vs static | errors |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.requestsPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.requestsPerSec / baseline.requestsPerSec).toFixed(2)} | ${r.errors + r.non2xx} |`);
  }
  return lines.join('\n');
}

/** Resident memory of a process in MB (Linux /proc): now and its peak since it started. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** Runs `fn` while sampling the resident memory of process `pid` every 100 ms; the highest sample. */
export async function sampled<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; maxRssMb: number }> {
  let max = memoryOf(pid).rssMb;
  const timer = setInterval(() => (max = Math.max(max, memoryOf(pid).rssMb)), 100);
  try {
    const result = await fn();
    return { result, maxRssMb: Math.max(max, memoryOf(pid).rssMb) };
  } finally {
    clearInterval(timer);
  }
}

/** Load rows as a table, each beside the static route that served the same bytes in the same run. */
export function pairedTable(pairs: { route: LoadResult; twin: LoadResult }[]): string {
  const lines = ['| route | req/s | p50 ms | p99 ms | static req/s | static p50 / p99 ms | throughput vs static | errors |', '|---|---|---|---|---|---|---|---|'];
  for (const { route: r, twin: s } of pairs) {
    lines.push(`| ${r.name} | ${r.requestsPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${s.requestsPerSec.toFixed(0)} | ${s.p50} / ${s.p99} | ${(r.requestsPerSec / s.requestsPerSec).toFixed(2)} | ${r.errors + r.non2xx} |`);
  }
  return lines.join('\n');
}

/** A benchmark that met errors fails (CI runs the benchmarks in a reduced form and needs them to pass). */
export function failOnErrors(results: LoadResult[]): void {
  const bad = results.filter((r) => r.errors + r.non2xx > 0);
  if (bad.length === 0) return;
  console.error(`\nErrors under load: ${bad.map((r) => `${r.name} (${r.errors} errors, ${r.non2xx} non-2xx)`).join('; ')}`);
  process.exitCode = 1;
}
