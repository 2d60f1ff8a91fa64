import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ActingFor, DB, DraftChannel, DraftStep, OnBehalf } from '../../platform/db/schema';

type Conn = Db | Transaction<DB>;

const columns = ['id', 'accountId', 'procedureCode', 'formVersion', 'receivingUnitId', 'answers', 'step', 'idempotencyKey', 'channel', 'onBehalf', 'actingFor', 'createdAt', 'updatedAt'] as const;

export type DraftRow = Awaited<ReturnType<typeof byId>>;

export async function byId(conn: Conn, id: string) {
  return conn.selectFrom('drafts').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function insert(
  conn: Conn,
  d: { accountId: string; procedureCode: string; formVersion: number | null; receivingUnitId: string | null; answers: Record<string, unknown>; channel?: DraftChannel; onBehalf?: OnBehalf; actingFor?: ActingFor | undefined },
): Promise<string> {
  const row = await conn
    .insertInto('drafts')
    .values({ ...d, answers: JSON.stringify(d.answers), onBehalf: d.onBehalf ? JSON.stringify(d.onBehalf) : null, actingFor: d.actingFor ? JSON.stringify(d.actingFor) : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function update(conn: Conn, id: string, d: { answers?: Record<string, unknown>; receivingUnitId?: string | null; step?: DraftStep; formVersion?: number }): Promise<void> {
  await conn
    .updateTable('drafts')
    .set({
      ...(d.answers ? { answers: JSON.stringify(d.answers) } : {}),
      ...(d.receivingUnitId !== undefined ? { receivingUnitId: d.receivingUnitId } : {}),
      ...(d.step ? { step: d.step } : {}),
      ...(d.formVersion ? { formVersion: d.formVersion } : {}),
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function remove(conn: Conn, id: string): Promise<number> {
  const r = await conn.deleteFrom('drafts').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}


/**
 * Records on the new dossier, in the submission's transaction, who submitted it for whom (0021).
 * The dossiers module owns the table; this one column is written only here, at submission.
 */
export async function recordActingFor(trx: Transaction<DB>, dossierId: string, actingFor: ActingFor): Promise<void> {
  await trx.updateTable('dossiers').set({ actingFor: JSON.stringify(actingFor) }).where('id', '=', dossierId).execute();
}
