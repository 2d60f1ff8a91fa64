import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Mutex, PGliteDialect } from './pglite-dialect';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory, 'memory' or the server's host and database. */
  location: string;
  close(): Promise<void>;
}

// The same JavaScript values from both engines: int8 as number (counts, money in đồng
// stay far below 2^53) and `date` as its 'YYYY-MM-DD' text, never a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Whether an error is the database server going away (restarted, shut down, failed over, the
 * network cut) rather than a fault of the query: SQLSTATE classes 08 and 57P, refused or reset
 * sockets, and node-postgres's own messages for a connection that ended.
 */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  return typeof e?.message === 'string' && /Connection terminated|not queryable|connection error/i.test(e.message);
}

export async function openDatabase(opts: { url?: string; dataDir?: string }): Promise<Database> {
  if (opts.url) return openPostgres(opts.url);
  return openPGlite(opts.dataDir ?? 'memory://');
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    /* an idle client lost its server; the next query reconnects */
  });
  // A client checked out of the pool (a transaction between two queries) that loses its server
  // (PostgreSQL restarted, a connection terminated) emits 'error' with no listener of the pool's:
  // unhandled, it would end the process. Its work fails with the error and the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const client = await pool.connect(); // fails fast with a clear error when the server is down
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });
  const u = new URL(url);
  return { db, kind: 'postgres', location: `${u.hostname}:${u.port || 5432}${u.pathname}`, close: () => db.destroy() };
}

async function openPGlite(dataDir: string): Promise<Database> {
  const pglite = await PGlite.create({
    dataDir,
    extensions: { unaccent, pg_trgm },
    parsers: { [pgliteTypes.DATE]: (v: string) => v },
  });
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, mutex), plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });
  return {
    db,
    kind: 'pglite',
    location: dataDir.startsWith('memory://') ? 'memory' : dataDir,
    close: () => db.destroy(),
  };
}
