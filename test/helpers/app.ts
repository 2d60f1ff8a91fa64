// Starts the real app on a real database for integration tests: PGlite in memory by
// default, or a fresh database on the PostgreSQL server named by TEST_DATABASE_URL (CI).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, createJobs } from '../../src/app';
import { blobStoreFor } from '../../src/platform/storage';
import type { Jobs } from '../../src/platform/jobs';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type Database } from '../../src/platform/db/connect';
import { migrate } from '../../src/platform/db/migrate';
import { seedDemo } from '../../seed/demo';

export interface TestApp {
  app: FastifyInstance;
  /** Started, with no workers: tests see what was queued, and start workers when they need delivery. */
  jobs: Jobs;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** A new, empty database: in-memory PGlite, or a uniquely named database on the test server. */
export async function freshDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    return { database, drop: async () => {} };
  }
  const name = `motcua_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withServer(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    url: url.toString(),
    // A plain DROP first: it also stops an autovacuum worker busy in the database, which
    // WITH (FORCE) would refuse to terminate for a role without pg_signal_backend. If one of
    // our own connections is still open, end those (same role, so allowed) and drop again.
    drop: () =>
      withServer(serverUrl, async (c) => {
        try {
          await c.query(`drop database if exists ${name}`);
        } catch (error) {
          if ((error as { code?: string }).code !== '55006') throw error;
          await c.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = current_user',
            [name],
          );
          await c.query(`drop database if exists ${name}`);
        }
      }),
  };
}

/** Runs `work` on a connection to the server's maintenance database, closed whatever happens. */
async function withServer<T>(serverUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40), ...env });
  const { database, drop, url } = await freshDatabase();
  await migrate(database.db);
  await seedDemo(database.db, { blobs: blobStoreFor(config) });
  const jobs = createJobs({ ...config, databaseUrl: url }, database.db);
  await jobs.start();
  const app = await buildApp({ config, db: database.db, jobs, logger: false });
  await app.ready();
  return {
    app,
    jobs,
    database,
    config,
    close: async () => {
      await app.close();
      await jobs.stop();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
