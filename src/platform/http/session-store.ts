// @fastify/session store in the database, so every app process shares the sessions.
import type { Session } from 'fastify';
import type { SessionStore } from '@fastify/session';
import type { Db } from '../db/connect';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: Session | null) => void;

export class DbSessionStore implements SessionStore {
  constructor(private readonly db: Db) {}

  set(sid: string, session: Session, callback: Callback): void {
    const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + 24 * 3600_000);
    const accountId = typeof session.accountId === 'string' ? session.accountId : null;
    this.db
      .insertInto('sessions')
      .values({ sid, accountId, data: JSON.stringify(session), expiresAt: expires })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ accountId, data: JSON.stringify(session), expiresAt: expires }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sid: string, callback: GetCallback): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expiresAt'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(null, null);
        callback(null, row.data as unknown as Session);
      }, callback);
  }

  destroy(sid: string, callback: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => callback(), callback);
  }
}

/** Removes expired sessions; run periodically. */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expiresAt', '<', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
