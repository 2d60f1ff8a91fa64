import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { Channel } from './model';

type Conn = Db | Transaction<DB>;

export async function insert(
  conn: Conn,
  n: { accountId: string | null; subjectType: string | null; subjectId: string | null; channel: Channel; recipient: string; title: string; body: string },
): Promise<string> {
  const row = await conn.insertInto('notifications').values(n).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function byIdForUpdate(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('notifications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function byId(conn: Conn, id: string) {
  return conn.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSent(conn: Conn, id: string, providerId: string): Promise<void> {
  await conn.updateTable('notifications').set((eb) => ({ status: 'sent', providerId, sentAt: new Date(), attempts: eb('attempts', '+', 1), lastError: null })).where('id', '=', id).execute();
}

export async function markAttemptFailed(conn: Conn, id: string, error: string, final: boolean): Promise<void> {
  await conn
    .updateTable('notifications')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 500), ...(final ? { status: 'failed' as const } : {}) }))
    .where('id', '=', id)
    .execute();
}

export async function forSubject(conn: Conn, subjectType: string, subjectId: string) {
  return conn.selectFrom('notifications').selectAll().where('subjectType', '=', subjectType).where('subjectId', '=', subjectId).orderBy('createdAt').execute();
}
