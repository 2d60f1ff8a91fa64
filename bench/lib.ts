// Shared helpers for benchmarks: the machine, a load run with autocannon, and a table.
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
