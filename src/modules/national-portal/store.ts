// SQL of the national portal link: the outbox the triggers of 0020 fill, and the inbound nonces.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { OutboxKind, OutboxState } from './model';

export interface OutboxItem {
  id: number;
  stream: string;
  seq: number;
  kind: OutboxKind;
  dossierId: string | null;
  dossierEventId: number | null;
  procedureId: string | null;
  procedureVersion: number | null;
  idempotencyKey: string;
  attempts: number;
}

/**
 * Takes the oldest item that is due, whose stream has nothing unsent before it, and leases it
 * for `leaseSeconds`: another worker (in this or another process) leaves it alone meanwhile.
 * One statement: the row lock and the re-check of the lease make two workers never take one item.
 */
export async function claimNext(db: Db, leaseSeconds: number): Promise<OutboxItem | undefined> {
  const r = await sql<OutboxItem>`
    update national_portal_outbox
       set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
     where id = (
       select o.id from national_portal_outbox o
        where o.state = 'waiting' and o.next_attempt_at <= now() and (o.locked_until is null or o.locked_until < now())
          and not exists (select 1 from national_portal_outbox p where p.stream = o.stream and p.seq < o.seq and p.state <> 'sent')
        order by o.id
        limit 1
        for update skip locked)
       and state = 'waiting' and (locked_until is null or locked_until < now())
    returning id, stream, seq, kind, dossier_id, dossier_event_id, procedure_id, procedure_version, idempotency_key, attempts`.execute(db);
  const row = r.rows[0];
  return row ? { ...row, id: Number(row.id), dossierEventId: row.dossierEventId === null ? null : Number(row.dossierEventId) } : undefined;
}

export async function markSent(db: Db, id: number, ackId: string): Promise<void> {
  await db.updateTable('nationalPortalOutbox').set({ state: 'sent', sentAt: new Date(), ackId, lockedUntil: null, lastError: null }).where('id', '=', id).execute();
}

export async function markRetry(db: Db, id: number, error: string, delaySeconds: number): Promise<void> {
  await db
    .updateTable('nationalPortalOutbox')
    .set({ lastError: error.slice(0, 1000), lockedUntil: null, nextAttemptAt: sql<Date>`now() + make_interval(secs => ${delaySeconds})` })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.updateTable('nationalPortalOutbox').set({ state: 'failed', lastError: error.slice(0, 1000), lockedUntil: null }).where('id', '=', id).execute();
}

/** A failed item back to the queue, its attempts counted afresh; false when it is not failed (any more). */
export async function requeueFailed(trx: Transaction<DB>, id: number): Promise<{ stream: string; idempotencyKey: string } | undefined> {
  return trx
    .updateTable('nationalPortalOutbox')
    .set({ state: 'waiting', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .returning(['stream', 'idempotencyKey'])
    .executeTakeFirst();
}

/** What a dossier event push carries: the event and the dossier's public facts (nothing personal). */
export async function dossierEventFacts(db: Db, eventId: number) {
  return db
    .selectFrom('dossierEvents as e')
    .innerJoin('dossiers as d', 'd.id', 'e.dossierId')
    .leftJoin('units as u', 'u.id', 'd.receivingUnitId')
    .select(['e.type', 'e.toState', 'e.at', 'e.publicNote', 'e.detail', 'd.code', 'd.procedureCode', 'd.procedureName', 'd.channel', 'd.submittedAt', 'd.receivedAt', 'd.dueAt', 'u.eid'])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
}

export async function procedureVersionFacts(db: Db, procedureId: string, version: number) {
  return db
    .selectFrom('procedureVersions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedureId')
    .select(['p.code', 'v.record', 'v.status', 'v.version'])
    .where('v.procedureId', '=', procedureId)
    .where('v.version', '=', version)
    .executeTakeFirst();
}

export async function countsByState(db: Db): Promise<Record<OutboxState, number>> {
  const rows = await db.selectFrom('nationalPortalOutbox').select(['state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('state').execute();
  const out: Record<OutboxState, number> = { waiting: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

export interface ListedItem {
  id: number;
  kind: OutboxKind;
  seq: number;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  dossierCode: string | null;
  eventType: string | null;
  procedureCode: string | null;
  procedureVersion: number | null;
  /** an earlier item of the same dossier or procedure is not sent yet */
  blocked: boolean;
}

/** Items in one state, the oldest first for waiting and failed ones, the newest first for sent ones. */
export async function listByState(db: Db, state: OutboxState, limit: number): Promise<ListedItem[]> {
  const rows = await db
    .selectFrom('nationalPortalOutbox as o')
    .leftJoin('dossiers as d', 'd.id', 'o.dossierId')
    .leftJoin('dossierEvents as e', 'e.id', 'o.dossierEventId')
    .leftJoin('procedures as p', 'p.id', 'o.procedureId')
    .select(['o.id', 'o.kind', 'o.seq', 'o.state', 'o.attempts', 'o.nextAttemptAt', 'o.lastError', 'o.createdAt', 'o.sentAt', 'd.code as dossierCode', 'e.type as eventType', 'p.code as procedureCode', 'o.procedureVersion'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('nationalPortalOutbox as b').select('b.id').whereRef('b.stream', '=', 'o.stream').whereRef('b.seq', '<', 'o.seq').where('b.state', '<>', 'sent'))
        .as('blocked'),
    )
    .where('o.state', '=', state)
    .orderBy('o.id', state === 'sent' ? 'desc' : 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), blocked: r.blocked === true }));
}

/** Records a nonce of the portal's; false when it was seen before (a replay). Old nonces go at the same time. */
export async function useNonce(trx: Transaction<DB>, nonce: string): Promise<boolean> {
  await trx.deleteFrom('nationalPortalNonces').where('seenAt', '<', sql<Date>`now() - interval '1 day'`).execute();
  const r = await trx.insertInto('nationalPortalNonces').values({ nonce }).onConflict((oc) => oc.column('nonce').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
