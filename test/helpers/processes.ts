// The processes the PostgreSQL suites (test/postgres/) run the app among: a fresh database
// with the demo data loaded once, an S3 protocol server as its own process, and an SMTP server
// that records what it receives. The app itself is started as `npm start` does by
// startServer (test/e2e/helpers.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { seedDemo } from '../../seed/demo';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/platform/db/connect';
import { migrate } from '../../src/platform/db/migrate';
import { blobStoreFor } from '../../src/platform/storage';
import { freshDatabase } from './app';
import { freePort } from './simulators';

/** Temporary directories, removed together at the end of a suite. */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix: string): string {
    const d = mkdtempSync(path.join(tmpdir(), prefix));
    this.dirs.push(d);
    return d;
  }

  removeAll(): void {
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/**
 * A new database on the server named by TEST_DATABASE_URL, migrated and with the demo accounts
 * and catalogue loaded (their files into the storage `env` configures), before any app process
 * starts; the processes then run the migrations again at their start, as in production.
 */
export async function preparedDatabase(env: Record<string, string>, dirs: TempDirs): Promise<{ database: Database; url: string; drop(): Promise<void> }> {
  if (!process.env.TEST_DATABASE_URL) throw new Error('test/postgres needs a PostgreSQL server: set TEST_DATABASE_URL (see .ci/run)');
  const { database, drop, url } = await freshDatabase();
  await migrate(database.db);
  await seedDemo(database.db, { blobs: blobStoreFor(loadConfig({ ...env, DATABASE_URL: url!, DATA_DIR: dirs.make('motcua-seed-') })) });
  return { database, url: url!, drop };
}

/** s3rver as its own process, with one bucket: storage several app processes share. */
export async function startS3(bucket: string, dirs: TempDirs): Promise<{ endpoint: string; process: ChildProcess; stop(): void }> {
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin/s3rver.js');
  const child = spawn(process.execPath, [bin, '-d', dirs.make('motcua-s3-'), '-a', '127.0.0.1', '-p', '0', '--configure-bucket', bucket], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on ([\d.]+):(\d+)/.exec(out);
      if (m) resolve(`http://${m[1]}:${m[2]}`);
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}): ${out}`)));
  });
  return { endpoint, process: child, stop: () => void child.kill() };
}

export interface ReceivedMail {
  /** The Message-ID header without its angle brackets: `<notification id>@motcua` for ours. */
  messageId: string;
  to: string;
}

/** An SMTP server on a free port that keeps every message it accepts. */
export async function startSmtpSink(): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => (raw += d));
      stream.on('end', () => {
        mails.push({ messageId: /^Message-ID: *<([^>]+)>/im.exec(raw)?.[1] ?? '', to: session.envelope.rcptTo.map((r) => r.address).join(',') });
        callback();
      });
    },
  });
  // a client killed mid-session (the fault suite's SIGKILLs) resets its connection: smtp-server
  // reports that as an 'error' event on the server, which without a listener would end this process
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}
