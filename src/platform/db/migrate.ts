// Plain SQL migrations, forward only. Each file runs in its own transaction under an
// advisory lock, so two processes starting together apply each file exactly once.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './connect';

const LOCK_KEY = 4_217_001; // any constant shared by every process of this application
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  // "create table if not exists" is not safe against a concurrent twin on PostgreSQL
  // (duplicate pg_type row), so it runs under the same lock as the migrations
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(trx);
  });
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const name of files) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const didApply = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const done = await trx.selectFrom('schemaMigrations').select('name').where('name', '=', name).executeTakeFirst();
      if (done) return false;
      await sql.raw(text).execute(trx);
      await trx.insertInto('schemaMigrations').values({ name }).execute();
      return true;
    });
    if (didApply) applied.push(name);
  }
  return applied;
}
