// The SQL of issued documents.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, IssuedDocumentsTable } from '../../platform/db/schema';

type Conn = Kysely<DB>;

const columns = [
  'id',
  'code',
  'dossierId',
  'kind',
  'issuerUnitId',
  'issuerName',
  'procedureCode',
  'procedureName',
  'number',
  'issuedAt',
  'sha256',
  'size',
  'certificateSha256',
  'signerSubject',
  'revokedAt',
  'revokedReason',
] as const;

export type IssuedDocument = Awaited<ReturnType<typeof byCode>> & object;

export async function insert(trx: Transaction<DB>, row: Insertable<IssuedDocumentsTable>): Promise<string> {
  const r = await trx.insertInto('issuedDocuments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function byCode(conn: Conn, code: string) {
  return conn.selectFrom('issuedDocuments').select(columns).where('code', '=', code).executeTakeFirst();
}

export function bySha256(conn: Conn, sha256: string) {
  return conn.selectFrom('issuedDocuments').select(columns).where('sha256', '=', sha256).executeTakeFirst();
}

export function ofDossier(conn: Conn, dossierId: string) {
  return conn.selectFrom('issuedDocuments').select(columns).where('dossierId', '=', dossierId).orderBy('issuedAt').execute();
}

/** Revokes once: false when it was already revoked (by someone else meanwhile). */
export async function revoke(trx: Transaction<DB>, id: string, r: { at: Date; reason: string; by: string }): Promise<boolean> {
  const res = await trx.updateTable('issuedDocuments').set({ revokedAt: r.at, revokedReason: r.reason, revokedBy: r.by }).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
