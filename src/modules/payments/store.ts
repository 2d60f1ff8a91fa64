// SQL of the payments tables, and the few dossier columns payments read and write (the fee
// columns of 0012 are the payments module's; the rest is read only).
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, PaymentState } from '../../platform/db/schema';

type Conn = Db | Transaction<DB>;

const paymentColumns = [
  'id',
  'dossierId',
  'txnRef',
  'amount',
  'refundedAmount',
  'state',
  'orderInfo',
  'payerId',
  'payerIp',
  'createDate',
  'expiresAt',
  'bankCode',
  'gatewayTxnNo',
  'bankTxnNo',
  'cardType',
  'responseCode',
  'paidAt',
  'receiptNumber',
  'refundDue',
  'purpose',
  'postage',
  'createdAt',
  'updatedAt',
] as const;

export type Payment = NonNullable<Awaited<ReturnType<typeof byTxnRef>>>;

export async function byTxnRef(conn: Conn, txnRef: string) {
  return conn.selectFrom('payments').select(paymentColumns).where('txnRef', '=', txnRef).executeTakeFirst();
}

export async function byTxnRefForUpdate(trx: Transaction<DB>, txnRef: string) {
  return trx.selectFrom('payments').select(paymentColumns).where('txnRef', '=', txnRef).forUpdate().executeTakeFirst();
}

export async function byId(conn: Conn, id: string) {
  return conn.selectFrom('payments').select(paymentColumns).where('id', '=', id).executeTakeFirst();
}

export async function ofDossier(conn: Conn, dossierId: string) {
  return conn.selectFrom('payments').select(paymentColumns).where('dossierId', '=', dossierId).orderBy('createdAt', 'desc').execute();
}

export async function insert(
  trx: Transaction<DB>,
  p: { dossierId: string; txnRef: string; amount: number; orderInfo: string; payerId: string; payerIp: string; createDate: string; expiresAt: Date; bankCode: string | null; purpose?: 'fee' | 'postage'; postage?: number },
): Promise<string> {
  const row = await trx
    .insertInto('payments')
    .values({ ...p, state: 'created' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface PaymentChange {
  state?: PaymentState;
  gatewayTxnNo?: string | null;
  bankTxnNo?: string | null;
  bankCode?: string | null;
  cardType?: string | null;
  responseCode?: string | null;
  paidAt?: Date | null;
  receiptNumber?: string | null;
  refundDue?: boolean;
  refundedAmount?: number;
}

/** Changes a payment only if it is still in the state the caller saw (under its row lock). */
export async function update(trx: Transaction<DB>, id: string, from: PaymentState, change: PaymentChange): Promise<boolean> {
  const r = await trx
    .updateTable('payments')
    .set({ ...change, updatedAt: new Date() })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addEvent(trx: Transaction<DB>, e: { paymentId: string; type: string; fromState: PaymentState | null; toState: PaymentState | null; source: string; actorId?: string | null; detail?: Record<string, unknown> }): Promise<void> {
  await trx
    .insertInto('paymentEvents')
    .values({ ...e, actorId: e.actorId ?? null, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export async function events(conn: Conn, paymentId: string) {
  return conn.selectFrom('paymentEvents').selectAll().where('paymentId', '=', paymentId).orderBy('id').execute();
}

export async function nextReceiptSerial(trx: Transaction<DB>): Promise<number> {
  const r = await sql<{ n: number }>`select nextval('payment_receipt_seq')::int as n`.execute(trx);
  return r.rows[0]!.n;
}

// ---- dossiers (read; fee columns written) ----

const dossierColumns = [
  'id',
  'code',
  'state',
  'applicantId',
  'applicantName',
  'applicantEmail',
  'applicantPhone',
  'procedureId',
  'procedureCode',
  'procedureName',
  'procedureVersion',
  'receivingUnitId',
  'holderUnitId',
  'data',
  'channel',
  'feeAmount',
  'feePaidAt',
] as const;

export type DossierForPayment = NonNullable<Awaited<ReturnType<typeof dossierByCode>>>;

export async function dossierByCode(conn: Conn, code: string) {
  return conn.selectFrom('dossiers').select(dossierColumns).where('code', '=', code).executeTakeFirst();
}

export async function dossierById(conn: Conn, id: string) {
  return conn.selectFrom('dossiers').select(dossierColumns).where('id', '=', id).executeTakeFirst();
}

/** Serialises payment decisions of one dossier (two tabs, two clicks). */
export async function lockDossier(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('dossiers').select(dossierColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setFee(trx: Transaction<DB>, dossierId: string, change: { feeAmount?: number; feePaidAt?: Date | null }): Promise<void> {
  await trx.updateTable('dossiers').set(change).where('id', '=', dossierId).execute();
}

/** The procedure record the dossier was submitted under (its version), else the current one. */
export async function procedureRecord(conn: Conn, procedureId: string, version: number): Promise<unknown> {
  const v = await conn.selectFrom('procedureVersions').select('record').where('procedureId', '=', procedureId).where('version', '=', version).executeTakeFirst();
  if (v) return v.record;
  return (await conn.selectFrom('procedures').select('record').where('id', '=', procedureId).executeTakeFirstOrThrow()).record;
}

// ---- refunds ----

export async function insertRefund(trx: Transaction<DB>, r: { paymentId: string; requestId: string; amount: number; kind: 'full' | 'partial'; reason: string; approvedBy: string; approvedByName: string }): Promise<string> {
  return (
    await trx
      .insertInto('paymentRefunds')
      .values({ ...r, state: 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function refundsOf(conn: Conn, paymentId: string) {
  return conn.selectFrom('paymentRefunds').selectAll().where('paymentId', '=', paymentId).orderBy('createdAt').execute();
}

export async function refundForUpdate(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('paymentRefunds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function finishRefund(trx: Transaction<DB>, id: string, change: { state: 'succeeded' | 'failed'; responseCode: string; gatewayTxnNo: string | null }): Promise<void> {
  await trx
    .updateTable('paymentRefunds')
    .set({ ...change, decidedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- officers' lists and reconciliation ----

export async function forUnits(conn: Conn, units: readonly string[], onlyRefundDue: boolean) {
  if (units.length === 0) return [];
  let q = conn
    .selectFrom('payments as p')
    .innerJoin('dossiers as d', 'd.id', 'p.dossierId')
    .select(['p.txnRef', 'p.amount', 'p.refundedAmount', 'p.state', 'p.paidAt', 'p.createdAt', 'p.refundDue', 'd.code', 'd.state as dossierState', 'd.applicantName'])
    .where((eb) => eb.or([eb('d.receivingUnitId', 'in', units), eb('d.holderUnitId', 'in', units)]));
  if (onlyRefundDue) q = q.where('p.state', 'in', ['succeeded', 'partly_refunded']).where((eb) => eb.or([eb('p.refundDue', '=', true), eb('d.state', 'in', ['WITHDRAWN', 'CANCELLED', 'REJECTED_AT_RECEPTION', 'REFUSED'])]));
  return q.orderBy('p.createdAt', 'desc').limit(200).execute();
}

/** Payments and refunds the ledger says happened between two moments. */
export async function ledgerBetween(conn: Conn, from: Date, to: Date) {
  const paid = await conn.selectFrom('payments').select(['txnRef', 'amount', 'state', 'gatewayTxnNo', 'paidAt']).where('paidAt', '>=', from).where('paidAt', '<', to).execute();
  const refunds = await conn
    .selectFrom('paymentRefunds as r')
    .innerJoin('payments as p', 'p.id', 'r.paymentId')
    .select(['p.txnRef', 'r.amount', 'r.gatewayTxnNo', 'r.decidedAt'])
    .where('r.state', '=', 'succeeded')
    .where('r.decidedAt', '>=', from)
    .where('r.decidedAt', '<', to)
    .execute();
  return { paid, refunds };
}

export async function paymentStates(conn: Conn, txnRefs: readonly string[]) {
  if (txnRefs.length === 0) return [];
  return conn.selectFrom('payments').select(['txnRef', 'amount', 'state']).where('txnRef', 'in', txnRefs).execute();
}

export async function insertReconciliation(trx: Transaction<DB>, r: { day: string; gatewayCount: number; ledgerCount: number; differences: unknown[] }): Promise<string> {
  return (
    await trx
      .insertInto('paymentReconciliations')
      .values({ ...r, differences: JSON.stringify(r.differences), ok: r.differences.length === 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function reconciliations(conn: Conn, limit = 30) {
  return conn.selectFrom('paymentReconciliations').selectAll().orderBy('ranAt', 'desc').limit(limit).execute();
}

/** Open payments past their expiry (for a sweep after a restart, besides each one's job). */
export async function openPastExpiry(conn: Conn, now: Date) {
  return conn.selectFrom('payments').select(['id']).where('state', 'in', ['created', 'pending']).where('expiresAt', '<', now).execute();
}
