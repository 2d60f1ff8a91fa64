// Online fee payment (DOMAIN.md §2: level 4 / toàn trình needs fees payable online; §9: record
// the transaction id, amount, payer, status and the e-receipt, reconcile daily).
//
// The gateway's signed notification (IPN) is the truth; the return page only shows, and asks
// the gateway (querydr) when the notification has not come. Every change of a payment writes its
// event, its audit entry and its side effects (the applicant's notification, the jobs) in one
// transaction; a payment row is changed under its row lock and only from the state read, so a
// replayed or duplicated notification changes nothing and is answered "02 already confirmed".
import { postageFor } from '../delivery';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit, type AuditActor } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB, PaymentState } from '../../platform/db/schema';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { formatDateTime, formatMoney, localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import type { GatewayResult, IpnCode, PaymentGateway } from '../../integrations/payment-gateway/port';
import { parseVnpDate, vnpDate } from '../../integrations/payment-gateway/vnpay';
import { requireAction } from '../accounts/policy';
import type { Procedure } from '../catalogue';
import { queueNotification } from '../notifications';
import { findUnitById, unitScope } from '../org';
import {
  actionFor,
  amountDue,
  asciiOnly,
  type Due,
  holdsMoney,
  POSTAGE_LABEL,
  CLOSED_DOSSIER_STATES,
  feeLines,
  feeQueryFrom,
  type FeeLine,
  newTxnRef,
  nextPaymentState,
  OPEN_STATES,
  orderInfoFor,
  PAID_STATES,
  PAYMENT_STATE_LABELS,
  receiptNumber,
  REFUNDABLE_DOSSIER_STATES,
  refundable,
} from './model';
import { renderReceipt } from './receipt';
import * as store from './store';

export const EXPIRE_QUEUE = 'payments.expire';
export const REFUND_QUEUE = 'payments.refund';
export const RECONCILE_QUEUE = 'payments.reconcile';
/** Every night at 01:30 (Vietnam) the previous day is reconciled. */
export const RECONCILE_CRON = '30 1 * * *';

export interface PaymentDeps {
  db: Db;
  jobs: Jobs;
  /** Absent when VNPAY_* is not configured: fees are then paid at the desk. */
  gateway: PaymentGateway | undefined;
  publicUrl: string;
  expireMinutes: number;
  provinceName: string;
}

const GATEWAY_ACTOR: AuditActor = { id: null, role: 'gateway', unitId: null };
const SYSTEM_ACTOR: AuditActor = { id: null, role: 'system', unitId: null };

export class PaymentNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy giao dịch thanh toán này.');
  }
}

export class PaymentRefused extends ConflictError {
  constructor(message: string) {
    super('payment_refused', message);
  }
}

/** A refused attempt, in the audit log on its own (the refused operation wrote nothing). */
async function logRefusal(db: Db, actor: AuditActor, entityId: string, attempted: string, reason: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'payment.refused', entityType: 'payment', entityId, reason, detail: { attempted, ...detail } }));
}

async function audited<T>(db: Db, actor: Actor, entityId: string, attempted: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.status < 500) await logRefusal(db, actor, entityId, attempted, err.message);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The fee and the applicant's step
// ---------------------------------------------------------------------------------------------

export interface FeeView {
  lines: FeeLine[];
  total: number;
}

/** The fee alone: the rules of the procedure version the dossier was submitted under, applied to its answers. */
async function procedureFee(conn: Pick<PaymentDeps, 'db'>, d: Pick<store.DossierForPayment, 'procedureId' | 'procedureVersion' | 'data'>): Promise<FeeView> {
  const record = (await store.procedureRecord(conn.db, d.procedureId, d.procedureVersion)) as Procedure;
  return feeLines(record.fees ?? [], feeQueryFrom(d.data));
}

/** The fee of a dossier with the postage of a result going by post (paid online too, issue 10). */
export async function feeOf(deps: Pick<PaymentDeps, 'db'>, d: store.DossierForPayment): Promise<FeeView> {
  const fee = await procedureFee(deps, d);
  const postage = await postageFor(deps, d.id);
  if (!postage || postage <= 0) return fee;
  return { lines: [...fee.lines, { label: POSTAGE_LABEL, amount: postage }], total: fee.total + postage };
}

/** What is still to pay, read through `conn` (inside a transaction: the transaction). */
async function dueOf(conn: Pick<PaymentDeps, 'db'>, d: store.DossierForPayment, payments: readonly store.Payment[]): Promise<Due | undefined> {
  const fee = await procedureFee(conn, d);
  const postage = (await postageFor(conn, d.id)) ?? 0;
  return amountDue(fee, postage, payments.filter(holdsMoney));
}

export interface PaymentStepView {
  dossier: store.DossierForPayment;
  /** Everything the dossier costs: the fee and the postage. */
  fee: FeeView;
  /** What is still to pay online (the fee with the postage, or the postage alone), if anything. */
  due: Due | undefined;
  /** The payment of the fee that holds the money, if any. */
  paid: store.Payment | undefined;
  /** Every payment that holds money (the fee, a later postage), oldest first. */
  held: store.Payment[];
  /** An attempt still open at the gateway. */
  open: store.Payment | undefined;
  /** Attempts that ended without payment (newest first). */
  ended: store.Payment[];
  /** Whether the applicant may pay online now; the reason when not. */
  canPay: boolean;
  reason: string | undefined;
  online: boolean;
}

async function ownDossier(deps: Pick<PaymentDeps, 'db'>, actor: Actor, code: string): Promise<store.DossierForPayment> {
  const d = await store.dossierByCode(deps.db, code);
  if (!d || d.applicantId !== actor.id) throw new NotFoundError('Không tìm thấy hồ sơ này trong hồ sơ của bạn.');
  return d;
}

export async function paymentStep(deps: PaymentDeps, actor: Actor, code: string): Promise<PaymentStepView> {
  const d = await ownDossier(deps, actor, code);
  const [fee, payments] = await Promise.all([feeOf(deps, d), store.ofDossier(deps.db, d.id)]);
  const due = await dueOf(deps, d, payments);
  const held = payments.filter((p) => PAID_STATES.includes(p.state) && p.state !== 'refunded').reverse();
  const paid = held.find((p) => p.purpose === 'fee') ?? held[0];
  const open = payments.find((p) => OPEN_STATES.includes(p.state));
  const ended = payments.filter((p) => !OPEN_STATES.includes(p.state) && !PAID_STATES.includes(p.state));
  let reason: string | undefined;
  if (fee.total <= 0) reason = 'Hồ sơ này không phải nộp phí, lệ phí.';
  else if (!due) reason = 'Hồ sơ đã được nộp phí.';
  else if (CLOSED_DOSSIER_STATES.includes(d.state)) reason = 'Hồ sơ đã kết thúc (rút, hủy, từ chối hoặc đã trả kết quả) nên không nộp phí trực tuyến được.';
  else if (!deps.gateway) reason = 'Cổng chưa kết nối dịch vụ thanh toán trực tuyến; vui lòng nộp phí tại bộ phận một cửa.';
  return { dossier: d, fee, due, paid, held, open, ended, canPay: reason === undefined, reason, online: deps.gateway !== undefined };
}

function returnUrl(deps: Pick<PaymentDeps, 'publicUrl'>): string {
  return `${deps.publicUrl}/thanh-toan/vnpay/ket-qua`;
}

function urlOf(deps: PaymentDeps, p: store.Payment): string {
  return deps.gateway!.paymentUrl({
    txnRef: p.txnRef,
    amount: p.amount,
    orderInfo: p.orderInfo,
    returnUrl: returnUrl(deps),
    ipAddr: p.payerIp,
    createdAt: parseVnpDate(p.createDate)!,
    expiresAt: p.expiresAt,
    ...(p.bankCode ? { bankCode: p.bankCode } : {}),
  });
}

/**
 * Starts (or resumes) the payment of a dossier's fee and returns the gateway's address. A second
 * click while an attempt is open at the gateway sends the payer back to that same attempt.
 */
export async function startPayment(deps: PaymentDeps, actor: Actor, code: string, input: { bankCode?: string }, now = new Date()): Promise<string> {
  return audited(deps.db, actor, code, 'start', async () => {
    const step = await paymentStep(deps, actor, code);
    if (!step.canPay) throw new PaymentRefused(step.reason!);
    const bankCode = input.bankCode && /^[A-Z0-9]{2,20}$/.test(input.bankCode) ? input.bankCode : null;
    // an attempt past its expiry is settled with the gateway first (querydr), then a new one may start
    if (step.open && step.open.expiresAt.getTime() <= now.getTime()) await expirePayment(deps, step.open.id, now);
    const result = await deps.db.transaction().execute(async (trx) => {
      const d = await store.lockDossier(trx, step.dossier.id);
      if (!d || CLOSED_DOSSIER_STATES.includes(d.state)) throw new PaymentRefused('Hồ sơ đã kết thúc (rút, hủy, từ chối hoặc đã trả kết quả) nên không nộp phí trực tuyến được.');
      const payments = await store.ofDossier(trx, d.id);
      const open = payments.find((p) => OPEN_STATES.includes(p.state));
      if (open) return open;
      // inside the transaction every read goes through it (PGlite has one connection)
      const conn = { db: trx as unknown as Db };
      const due = await dueOf(conn, d, payments);
      if (!due) throw new PaymentRefused(payments.some(holdsMoney) ? 'Hồ sơ đã được nộp phí.' : 'Hồ sơ này không phải nộp phí, lệ phí.');
      const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + deps.expireMinutes * 60_000);
      const txnRef = newTxnRef(now);
      const id = await store.insert(trx, {
        dossierId: d.id,
        txnRef,
        amount: due.total,
        orderInfo: orderInfoFor(d.code, due.purpose),
        payerId: actor.id,
        payerIp: actor.ip || '127.0.0.1',
        createDate: vnpDate(now),
        expiresAt,
        bankCode,
        purpose: due.purpose,
        postage: due.postage,
      });
      await store.addEvent(trx, { paymentId: id, type: 'created', fromState: null, toState: 'created', source: 'citizen', actorId: actor.id, detail: { amount: due.total, purpose: due.purpose, postage: due.postage, lines: due.lines } });
      await store.update(trx, id, 'created', { state: 'pending' });
      await store.addEvent(trx, { paymentId: id, type: 'redirected', fromState: 'created', toState: 'pending', source: 'citizen', actorId: actor.id, detail: { gateway: deps.gateway!.name } });
      if (due.purpose === 'fee') await store.setFee(trx, d.id, { feeAmount: due.total - due.postage });
      await recordAudit(trx, actor, { action: 'payment.started', entityType: 'payment', entityId: txnRef, toState: 'pending', detail: { dossier: d.code, amount: due.total, purpose: due.purpose, postage: due.postage } });
      // the gateway's deadline passed: querydr decides (30 s of grace for the gateway's own clock)
      await deps.jobs.queue(trx, EXPIRE_QUEUE, { paymentId: id }, { singletonKey: id, startAfter: new Date(expiresAt.getTime() + 30_000) });
      return (await store.byId(trx, id))!;
    });
    return urlOf(deps, result);
  });
}

// ---------------------------------------------------------------------------------------------
// Results from the gateway: IPN, querydr
// ---------------------------------------------------------------------------------------------


/**
 * Applies a verified gateway result to a payment locked by the caller. 'already' when the
 * payment had left the states this result could move it from (a replay, a duplicate).
 */
async function applyResult(trx: Transaction<DB>, deps: PaymentDeps, p: store.Payment, r: GatewayResult, source: 'ipn' | 'querydr', now: Date): Promise<'applied' | 'already' | 'pending'> {
  const action = actionFor(r.outcome);
  if (!action) return 'pending';
  const to = nextPaymentState(p.state, action);
  if (!to || (p.state === 'expired' && to !== 'succeeded')) return 'already';
  const d = (await store.lockDossier(trx, p.dossierId))!;
  const change: store.PaymentChange = { state: to, gatewayTxnNo: r.transactionNo, bankCode: r.bankCode ?? p.bankCode, bankTxnNo: r.bankTranNo, cardType: r.cardType, responseCode: r.responseCode };
  let refundDue = false;
  if (to === 'succeeded') {
    // a payment of the postage after the fee is no second payment of the fee
    const others = (await store.ofDossier(trx, d.id)).filter((o) => o.id !== p.id && o.purpose === p.purpose && (o.state === 'succeeded' || o.state === 'partly_refunded'));
    // money taken for a dossier closed meanwhile, or a second payment of the same fee: recorded, and flagged for a refund
    refundDue = REFUNDABLE_DOSSIER_STATES.includes(d.state) || d.state === 'DELIVERED' || others.length > 0;
    const paidAt = r.payDate ?? now;
    change.paidAt = paidAt;
    change.refundDue = refundDue;
    change.receiptNumber = receiptNumber(Number(localDate(paidAt).slice(0, 4)), await store.nextReceiptSerial(trx));
    if (!refundDue && p.purpose === 'fee') await store.setFee(trx, d.id, { feePaidAt: paidAt });
  }
  if (!(await store.update(trx, p.id, p.state, change))) return 'already';
  await store.addEvent(trx, { paymentId: p.id, type: source, fromState: p.state, toState: to, source, detail: { responseCode: r.responseCode, transactionStatus: r.transactionStatus, transactionNo: r.transactionNo, bankCode: r.bankCode, ...(refundDue ? { refundDue: true } : {}) } });
  await recordAudit(trx, GATEWAY_ACTOR, { action: `payment.${to}`, entityType: 'payment', entityId: p.txnRef, fromState: p.state, toState: to, detail: { dossier: d.code, source, amount: p.amount, responseCode: r.responseCode, ...(refundDue ? { refundDue: true, dossierState: d.state } : {}) } });
  if (to === 'succeeded') {
    await queueNotification(
      trx,
      deps.jobs,
      { accountId: d.applicantId, email: d.applicantEmail, phone: d.applicantPhone },
      {
        title: `Đã nhận ${p.purpose === 'postage' ? 'cước phí bưu chính' : 'phí, lệ phí'} của hồ sơ ${d.code}`,
        body: [
          `Kính gửi ${d.applicantName},`,
          '',
          `Cổng Dịch vụ công đã nhận ${formatMoney(p.amount)} ${p.purpose === 'postage' ? 'cước phí bưu chính' : 'phí, lệ phí'} của hồ sơ ${d.code} (${d.procedureName}) lúc ${formatDateTime(change.paidAt!)}, mã giao dịch ${p.txnRef}.`,
          `Biên lai điện tử số ${change.receiptNumber} có trong trang hồ sơ của bạn (mục “Hồ sơ của tôi”).`,
          ...(refundDue ? ['', 'Hồ sơ đã kết thúc hoặc đã được nộp phí trước đó, nên khoản tiền này sẽ được xem xét hoàn trả.'] : []),
        ].join('\n'),
        short: asciiOnly(`Da nhan ${p.amount} dong phi ho so ${d.code}. Bien lai ${change.receiptNumber}.`),
      },
      { type: 'dossier', id: d.code },
    );
  }
  return 'applied';
}

/**
 * The IPN (server to server, signed). Answers as VNPay's merchant sample does: 97 bad
 * signature, 01 unknown order, 04 wrong amount, 02 already confirmed, 00 confirmed, 99 error.
 * Every refusal is written to the audit log; a duplicate (02) is not, it changes nothing.
 */
export async function handleNotification(deps: PaymentDeps, query: Record<string, string>, ip: string | null, now = new Date()): Promise<IpnCode> {
  const gw = deps.gateway;
  if (!gw) return '99';
  const ref = String(query.vnp_TxnRef ?? '').slice(0, 60);
  const refuse = async (code: IpnCode, reason: string, detail: Record<string, unknown> = {}): Promise<IpnCode> => {
    await logRefusal(deps.db, { ...GATEWAY_ACTOR, ip }, ref || '?', 'ipn', reason, { rspCode: code, ...detail });
    return code;
  };
  try {
    const r = gw.verifyResult(query);
    if (!r) return await refuse('97', 'Chữ ký của thông báo thanh toán (IPN) không hợp lệ');
    let refused: { code: IpnCode; reason: string; detail?: Record<string, unknown> } | undefined;
    const code = await deps.db.transaction().execute(async (trx): Promise<IpnCode> => {
      const p = await store.byTxnRefForUpdate(trx, r.txnRef);
      if (!p) {
        refused = { code: '01', reason: 'Thông báo thanh toán cho một giao dịch không có trong sổ' };
        return '01';
      }
      if (r.orderInfo !== null && r.orderInfo !== p.orderInfo) {
        refused = { code: '01', reason: 'Thông báo thanh toán mang nội dung của hồ sơ khác', detail: { orderInfo: r.orderInfo, expected: p.orderInfo } };
        return '01';
      }
      if (r.amount !== p.amount) {
        refused = { code: '04', reason: 'Số tiền trong thông báo thanh toán khác số tiền của giao dịch', detail: { amount: query.vnp_Amount, expected: p.amount } };
        return '04';
      }
      const applied = await applyResult(trx, deps, p, r, 'ipn', now);
      return applied === 'applied' ? '00' : applied === 'pending' ? '99' : '02';
    });
    if (refused) return await refuse(refused.code, refused.reason, refused.detail);
    return code;
  } catch (err) {
    await refuse('99', `Lỗi khi xử lý thông báo thanh toán: ${(err as Error).message}`).catch(() => undefined);
    return '99';
  }
}

/** Asks the gateway about an open payment and applies a final answer; used by the return page and the expiry job. */
async function settleFromGateway(deps: PaymentDeps, p: store.Payment, now: Date, expireIfUnfinished: boolean): Promise<void> {
  const r = await deps.gateway!.query({ txnRef: p.txnRef, transactionDate: p.createDate, orderInfo: p.orderInfo, ipAddr: '127.0.0.1' });
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await store.byTxnRefForUpdate(trx, p.txnRef);
    if (!fresh || !OPEN_STATES.includes(fresh.state)) return;
    if (r && r.amount === fresh.amount && (await applyResult(trx, deps, fresh, r, 'querydr', now)) === 'applied') return;
    if (!expireIfUnfinished) return;
    await store.update(trx, fresh.id, fresh.state, { state: 'expired' });
    await store.addEvent(trx, { paymentId: fresh.id, type: 'expired', fromState: fresh.state, toState: 'expired', source: 'job', detail: { querydr: r ? r.transactionStatus : 'not_found' } });
    await recordAudit(trx, SYSTEM_ACTOR, { action: 'payment.expired', entityType: 'payment', entityId: fresh.txnRef, fromState: fresh.state, toState: 'expired' });
  });
}

/** The expiry job: after vnp_ExpireDate an open payment is settled by querydr, or expires. */
export async function expirePayment(deps: PaymentDeps, paymentId: string, now = new Date()): Promise<void> {
  const p = await store.byId(deps.db, paymentId);
  if (!p || !OPEN_STATES.includes(p.state) || p.expiresAt.getTime() > now.getTime()) return;
  await settleFromGateway(deps, p, now, true);
}

export interface ReturnView {
  payment: store.Payment;
  dossierCode: string;
  /** What the browser brought back (for the message), already checked against the signature. */
  responseCode: string;
}

/**
 * The return page: checks the signature and that the payment is the signed-in applicant's, then
 * shows the ledger's state. It changes nothing by itself; if the IPN has not come, it asks querydr.
 */
export async function returnView(deps: PaymentDeps, actor: Actor, query: Record<string, string>, now = new Date()): Promise<ReturnView> {
  const ref = String(query.vnp_TxnRef ?? '').slice(0, 60);
  const r = deps.gateway?.verifyResult(query);
  if (!r) {
    await logRefusal(deps.db, actor, ref || '?', 'return', 'Chữ ký của địa chỉ trả về không hợp lệ');
    throw new ValidationError([{ field: 'vnp_SecureHash', message: 'Kết quả thanh toán không hợp lệ (sai chữ ký). Trạng thái nộp phí xem tại trang hồ sơ.' }]);
  }
  let p = await store.byTxnRef(deps.db, r.txnRef);
  const d = p ? await store.dossierById(deps.db, p.dossierId) : undefined;
  if (!p || !d || d.applicantId !== actor.id) {
    await logRefusal(deps.db, actor, ref, 'return', 'Xem kết quả thanh toán của hồ sơ khác', { dossier: d?.code });
    throw new PaymentNotFound();
  }
  if (OPEN_STATES.includes(p.state)) {
    await settleFromGateway(deps, p, now, false).catch(() => undefined);
    p = (await store.byTxnRef(deps.db, r.txnRef))!;
  }
  return { payment: p, dossierCode: d.code, responseCode: r.responseCode };
}

// ---------------------------------------------------------------------------------------------
// Officers: payments of their units, refunds (leaders), reconciliation
// ---------------------------------------------------------------------------------------------

async function officerScopeOf(deps: Pick<PaymentDeps, 'db'>, actor: Actor): Promise<Set<string>> {
  return actor.unitId ? unitScope(deps, actor.unitId) : new Set();
}

export async function officerList(deps: PaymentDeps, actor: Actor, onlyRefundDue: boolean) {
  requireAction(actor, 'payment.view');
  return store.forUnits(deps.db, [...(await officerScopeOf(deps, actor))], onlyRefundDue);
}

async function paymentForOfficer(deps: PaymentDeps, actor: Actor, txnRef: string) {
  const p = await store.byTxnRef(deps.db, txnRef);
  const d = p ? await store.dossierById(deps.db, p.dossierId) : undefined;
  const scope = await officerScopeOf(deps, actor);
  if (!p || !d || !(scope.has(d.receivingUnitId) || (d.holderUnitId !== null && scope.has(d.holderUnitId)))) throw new PaymentNotFound();
  return { p, d };
}

export async function officerView(deps: PaymentDeps, actor: Actor, txnRef: string) {
  requireAction(actor, 'payment.view');
  const { p, d } = await audited(deps.db, actor, txnRef, 'view', () => paymentForOfficer(deps, actor, txnRef));
  const [events, refunds] = await Promise.all([store.events(deps.db, p.id), store.refundsOf(deps.db, p.id)]);
  const pending = refunds.filter((r) => r.state === 'approved').reduce((s, r) => s + r.amount, 0);
  const refundOpen = (p.state === 'succeeded' || p.state === 'partly_refunded') && (REFUNDABLE_DOSSIER_STATES.includes(d.state) || p.refundDue);
  return { payment: p, dossier: d, events, refunds, maxRefund: refundable(p, pending), canRefund: refundOpen && actor.role === 'leader' && refundable(p, pending) > 0 };
}

/**
 * A leader approves a refund (full or partial) of a payment for a dossier refused, rejected,
 * cancelled or withdrawn (or money taken twice); never more than what was paid and not yet
 * refunded. The gateway is called by a job from the outbox, with the refund's own request id.
 */
export async function approveRefund(deps: PaymentDeps, actor: Actor, txnRef: string, input: { amount: string; reason: string }): Promise<void> {
  requireAction(actor, 'payment.refund');
  await audited(deps.db, actor, txnRef, 'refund', async () => {
    const { p } = await paymentForOfficer(deps, actor, txnRef);
    const errors = [];
    const amount = /^\d{1,12}$/.test(input.amount.replace(/[.\s]/g, '')) ? Number(input.amount.replace(/[.\s]/g, '')) : Number.NaN;
    if (!Number.isSafeInteger(amount) || amount <= 0) errors.push({ field: 'amount', message: 'Nhập số tiền hoàn là số nguyên đồng lớn hơn 0' });
    const reason = input.reason.trim();
    if (reason.length < 10) errors.push({ field: 'reason', message: 'Nhập lý do hoàn phí (ít nhất 10 ký tự)' });
    else if (reason.length > 1000) errors.push({ field: 'reason', message: 'Lý do hoàn phí dài quá 1.000 ký tự' });
    if (errors.length > 0) throw new ValidationError(errors);
    await deps.db.transaction().execute(async (trx) => {
      const fresh = (await store.byTxnRefForUpdate(trx, p.txnRef))!;
      const d = (await store.dossierById(trx, fresh.dossierId))!;
      if (fresh.state !== 'succeeded' && fresh.state !== 'partly_refunded') throw new PaymentRefused('Chỉ hoàn tiền cho khoản đã thanh toán và chưa hoàn hết.');
      if (!REFUNDABLE_DOSSIER_STATES.includes(d.state) && !fresh.refundDue) throw new PaymentRefused('Chỉ hoàn phí khi hồ sơ bị từ chối, không được giải quyết, bị hủy hoặc đã rút (hoặc phí bị nộp trùng).');
      const pending = (await store.refundsOf(trx, fresh.id)).filter((r) => r.state === 'approved').reduce((s, r) => s + r.amount, 0);
      const max = refundable(fresh, pending);
      if (amount > max) throw new ValidationError([{ field: 'amount', message: `Số tiền hoàn không được lớn hơn số đã nộp còn lại: ${formatMoney(max)}` }]);
      const full = amount === fresh.amount && fresh.refundedAmount === 0 && pending === 0;
      const id = await store.insertRefund(trx, { paymentId: fresh.id, requestId: randomUUID().replace(/-/g, ''), amount, kind: full ? 'full' : 'partial', reason, approvedBy: actor.id, approvedByName: actor.username });
      await store.addEvent(trx, { paymentId: fresh.id, type: 'refund_approved', fromState: fresh.state, toState: fresh.state, source: 'officer', actorId: actor.id, detail: { refundId: id, amount, kind: full ? 'full' : 'partial', reason } });
      await recordAudit(trx, actor, { action: 'payment.refund_approved', entityType: 'payment', entityId: fresh.txnRef, reason, detail: { dossier: d.code, amount, kind: full ? 'full' : 'partial' } });
      await deps.jobs.queue(trx, REFUND_QUEUE, { refundId: id }, { singletonKey: id });
    });
  });
}

/** The refund job: calls the gateway, then records the outcome (and the payment's new state) in one transaction. */
export async function executeRefund(deps: PaymentDeps, refundId: string): Promise<void> {
  const r = await deps.db.selectFrom('paymentRefunds').selectAll().where('id', '=', refundId).executeTakeFirst();
  if (!r || r.state !== 'approved') return;
  const p = (await store.byId(deps.db, r.paymentId))!;
  const res = await deps.gateway!.refund({
    requestId: r.requestId,
    txnRef: p.txnRef,
    amount: r.amount,
    full: r.kind === 'full',
    transactionNo: p.gatewayTxnNo,
    transactionDate: p.createDate,
    createdBy: r.approvedByName,
    orderInfo: asciiOnly(`Hoan phi ${p.orderInfo}`),
    ipAddr: '127.0.0.1',
  });
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await store.refundForUpdate(trx, refundId);
    if (!fresh || fresh.state !== 'approved') return;
    const pay = (await store.byTxnRefForUpdate(trx, p.txnRef))!;
    const d = (await store.dossierById(trx, pay.dossierId))!;
    if (!res.ok) {
      await store.finishRefund(trx, refundId, { state: 'failed', responseCode: res.responseCode, gatewayTxnNo: null });
      await store.addEvent(trx, { paymentId: pay.id, type: 'refund_failed', fromState: pay.state, toState: pay.state, source: 'job', detail: { refundId, responseCode: res.responseCode, message: res.message } });
      await recordAudit(trx, SYSTEM_ACTOR, { action: 'payment.refund_failed', entityType: 'payment', entityId: pay.txnRef, reason: res.message, detail: { responseCode: res.responseCode, amount: r.amount } });
      return;
    }
    const refunded = pay.refundedAmount + r.amount;
    const to = nextPaymentState(pay.state, refunded >= pay.amount ? 'refundFull' : 'refundPartly')!;
    await store.update(trx, pay.id, pay.state, { state: to, refundedAmount: refunded, ...(refunded >= pay.amount ? { refundDue: false } : {}) });
    await store.finishRefund(trx, refundId, { state: 'succeeded', responseCode: res.responseCode, gatewayTxnNo: res.transactionNo });
    if (refunded >= pay.amount) await store.setFee(trx, d.id, { feePaidAt: null });
    await store.addEvent(trx, { paymentId: pay.id, type: 'refunded', fromState: pay.state, toState: to, source: 'job', detail: { refundId, amount: r.amount, transactionNo: res.transactionNo } });
    await recordAudit(trx, SYSTEM_ACTOR, { action: `payment.${to}`, entityType: 'payment', entityId: pay.txnRef, fromState: pay.state, toState: to, detail: { amount: r.amount, dossier: d.code } });
    await queueNotification(
      trx,
      deps.jobs,
      { accountId: d.applicantId, email: d.applicantEmail, phone: d.applicantPhone },
      {
        title: `Hoàn phí hồ sơ ${d.code}`,
        body: `Kính gửi ${d.applicantName},\n\n${formatMoney(r.amount)} phí, lệ phí của hồ sơ ${d.code} đã được hoàn về tài khoản đã thanh toán (mã giao dịch ${pay.txnRef}). Lý do: ${r.reason}`,
        short: asciiOnly(`Da hoan ${r.amount} dong phi ho so ${d.code}.`),
      },
      { type: 'dossier', id: d.code },
    );
  });
}

export interface Difference {
  kind: 'missing_in_ledger' | 'missing_at_gateway' | 'amount_mismatch' | 'refund_mismatch';
  txnRef: string;
  gatewayAmount: number | null;
  ledgerAmount: number | null;
  note: string;
}

/**
 * Reconciliation of one day (Vietnam): the gateway's successful payments and refunds against the
 * ledger's, every difference named; the report is stored for officers whatever it finds.
 */
export async function reconcile(deps: PaymentDeps, day: string): Promise<{ id: string; differences: Difference[] }> {
  const list = await deps.gateway!.transactionsOn(day);
  const from = new Date(`${day}T00:00:00+07:00`);
  const to = new Date(from.getTime() + 86_400_000);
  const ledger = await store.ledgerBetween(deps.db, from, to);
  const differences: Difference[] = [];
  const gwPaid = new Map(list.filter((t) => t.kind === 'payment' && t.succeeded).map((t) => [t.txnRef, t]));
  const ledgerPaid = new Map(ledger.paid.map((p) => [p.txnRef, p]));
  const known = new Map((await store.paymentStates(deps.db, [...gwPaid.keys()])).map((p) => [p.txnRef, p]));
  for (const [ref, t] of gwPaid) {
    const l = ledgerPaid.get(ref);
    if (!l) {
      const k = known.get(ref);
      differences.push({ kind: 'missing_in_ledger', txnRef: ref, gatewayAmount: t.amount, ledgerAmount: k?.amount ?? null, note: k ? `Cổng đã thu tiền nhưng sổ ghi trạng thái “${PAYMENT_STATE_LABELS[k.state]}”` : 'Cổng đã thu tiền cho một giao dịch không có trong sổ' });
    } else if (l.amount !== t.amount) {
      differences.push({ kind: 'amount_mismatch', txnRef: ref, gatewayAmount: t.amount, ledgerAmount: l.amount, note: 'Số tiền ở cổng thanh toán khác số tiền trong sổ' });
    }
  }
  for (const [ref, l] of ledgerPaid) {
    if (!gwPaid.has(ref)) differences.push({ kind: 'missing_at_gateway', txnRef: ref, gatewayAmount: null, ledgerAmount: l.amount, note: 'Sổ ghi đã thu nhưng cổng thanh toán không có giao dịch thành công' });
  }
  const sum = (rows: { txnRef: string; amount: number }[]) => rows.reduce((m, r) => m.set(r.txnRef, (m.get(r.txnRef) ?? 0) + r.amount), new Map<string, number>());
  const gwRefunds = sum(list.filter((t) => t.kind === 'refund' && t.succeeded));
  const ledgerRefunds = sum(ledger.refunds);
  for (const ref of new Set([...gwRefunds.keys(), ...ledgerRefunds.keys()])) {
    const g = gwRefunds.get(ref) ?? 0;
    const l = ledgerRefunds.get(ref) ?? 0;
    if (g !== l) differences.push({ kind: 'refund_mismatch', txnRef: ref, gatewayAmount: g, ledgerAmount: l, note: 'Số tiền hoàn ở cổng thanh toán khác số tiền hoàn trong sổ' });
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await store.insertReconciliation(trx, { day, gatewayCount: list.length, ledgerCount: ledger.paid.length + ledger.refunds.length, differences });
    await recordAudit(trx, SYSTEM_ACTOR, { action: 'payment.reconciled', entityType: 'reconciliation', entityId: day, detail: { differences: differences.length } });
    return id;
  });
  return { id, differences };
}

export async function reconciliationReports(deps: PaymentDeps, actor: Actor) {
  requireAction(actor, 'payment.reconcile');
  return store.reconciliations(deps.db);
}

// ---------------------------------------------------------------------------------------------
// The e-receipt (biên lai điện tử)
// ---------------------------------------------------------------------------------------------

/** The receipt of a payment, for its payer and for the officers of the dossier's units. */
export async function receiptFor(deps: PaymentDeps, actor: Actor, txnRef: string): Promise<{ pdf: Buffer; number: string }> {
  const p = await store.byTxnRef(deps.db, txnRef);
  const d = p ? await store.dossierById(deps.db, p.dossierId) : undefined;
  let allowed = p !== undefined && d !== undefined && d.applicantId === actor.id;
  if (!allowed && p && d && (actor.role === 'counter' || actor.role === 'leader' || actor.role === 'specialist')) {
    const scope = await officerScopeOf(deps, actor);
    allowed = scope.has(d.receivingUnitId) || (d.holderUnitId !== null && scope.has(d.holderUnitId));
  }
  if (!p || !d || !allowed) {
    await logRefusal(deps.db, actor, txnRef, 'receipt', 'Tải biên lai của giao dịch không thuộc quyền xem');
    throw new PaymentNotFound();
  }
  if (!p.receiptNumber || !PAID_STATES.includes(p.state)) throw new PaymentNotFound();
  const unit = await findUnitById(deps, d.receivingUnitId);
  const fee = await procedureFee(deps, d);
  const feeLinesPaid = p.postage > 0 ? [...fee.lines, { label: POSTAGE_LABEL, amount: p.postage }] : fee.lines;
  const pdf = await renderReceipt({
    payment: p,
    dossier: d,
    lines: p.purpose === 'postage' ? [{ label: POSTAGE_LABEL, amount: p.amount }] : fee.total + p.postage === p.amount ? feeLinesPaid : [{ label: 'Phí, lệ phí', amount: p.amount }],
    unitName: unit?.name ?? '',
    provinceName: deps.provinceName,
    trackingUrl: `${deps.publicUrl}/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`,
  });
  return { pdf, number: p.receiptNumber };
}


export type { PaymentState };
