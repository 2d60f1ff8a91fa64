// Payments as pure rules: the state machine of one attempt at the gateway, the fee of a dossier
// from its procedure's rules and its answers, references and the refund arithmetic.
import type { DossierState, PaymentState } from '../../platform/db/schema';
import { computeFee, type FeeQuery, type FeeRule, APPLICANT_CATEGORIES } from '../catalogue';

export type { PaymentState };

export type PaymentAction = 'redirect' | 'succeed' | 'fail' | 'cancel' | 'expire' | 'refundFull' | 'refundPartly';

/**
 * created → pending (the payer was sent to the gateway) → succeeded | failed | cancelled | expired;
 * succeeded → refunded | partly_refunded; partly_refunded → refunded | partly_refunded.
 * expired → succeeded: the gateway's word (IPN or querydr) that money was taken wins over our
 * clock, so the ledger never misses money really paid (it is then refunded if not due).
 */
export const PAYMENT_TRANSITIONS = {
  created: { redirect: 'pending', succeed: 'succeeded', fail: 'failed', cancel: 'cancelled', expire: 'expired' },
  pending: { succeed: 'succeeded', fail: 'failed', cancel: 'cancelled', expire: 'expired' },
  succeeded: { refundFull: 'refunded', refundPartly: 'partly_refunded' },
  partly_refunded: { refundFull: 'refunded', refundPartly: 'partly_refunded' },
  expired: { succeed: 'succeeded' },
  failed: {},
  cancelled: {},
  refunded: {},
} as const satisfies Record<PaymentState, Partial<Record<PaymentAction, PaymentState>>>;

export function nextPaymentState(from: PaymentState, action: PaymentAction): PaymentState | undefined {
  return (PAYMENT_TRANSITIONS[from] as Partial<Record<PaymentAction, PaymentState>>)[action];
}

/** The gateway's outcome as a move; pending is no move. */
export function actionFor(outcome: 'succeeded' | 'failed' | 'cancelled' | 'expired' | 'pending'): PaymentAction | undefined {
  return ({ succeeded: 'succeed', failed: 'fail', cancelled: 'cancel', expired: 'expire', pending: undefined } as const)[outcome];
}

export const OPEN_STATES: readonly PaymentState[] = ['created', 'pending'];
/** States in which the money is (at least partly) with us. */
export const PAID_STATES: readonly PaymentState[] = ['succeeded', 'partly_refunded', 'refunded'];

export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  created: 'Mới tạo',
  pending: 'Đang chờ thanh toán',
  succeeded: 'Đã thanh toán',
  failed: 'Thanh toán không thành công',
  cancelled: 'Đã hủy thanh toán',
  expired: 'Hết thời gian thanh toán',
  refunded: 'Đã hoàn tiền toàn bộ',
  partly_refunded: 'Đã hoàn một phần',
};

/** Dossier states in which no fee may be paid any more. */
export const CLOSED_DOSSIER_STATES: readonly DossierState[] = ['WITHDRAWN', 'CANCELLED', 'REJECTED_AT_RECEPTION', 'REFUSED', 'DELIVERED'];
/** Dossier states in which money paid is refunded (a leader decides how much). */
export const REFUNDABLE_DOSSIER_STATES: readonly DossierState[] = ['WITHDRAWN', 'CANCELLED', 'REJECTED_AT_RECEPTION', 'REFUSED'];

/**
 * What the fee depends on, read from the e-form's answers: the number of copies (soBanSao,
 * asked only when banSao is yes, as in the birth registration), pages, the applicant's category
 * (doiTuong, a key of APPLICANT_CATEGORIES) and the case (feeVariant; banSao → cap_ban_sao,
 * the variant of the copy fee of civil status procedures). Online submissions pay the online
 * channel's rates (rules restricted to truc_tuyen apply, those of the desk do not).
 */
export function feeQueryFrom(answers: Record<string, unknown>): FeeQuery {
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined);
  const yes = (v: unknown) => v === true || v === 'true';
  const category = typeof answers.doiTuong === 'string' && Object.hasOwn(APPLICANT_CATEGORIES, answers.doiTuong) ? answers.doiTuong : undefined;
  const variant = typeof answers.feeVariant === 'string' && answers.feeVariant ? answers.feeVariant : yes(answers.banSao) ? 'cap_ban_sao' : undefined;
  const copies = yes(answers.banSao) ? num(answers.soBanSao) : num(answers.soBan ?? answers.copies);
  const pages = num(answers.soTrang ?? answers.pages);
  return {
    channel: 'truc_tuyen',
    ...(copies !== undefined ? { copies } : {}),
    ...(pages !== undefined ? { pages } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(variant !== undefined ? { variant } : {}),
  };
}

export interface FeeLine {
  label: string;
  amount: number;
}

/** The fee by rule (each with the exemptions that may cancel it) and the total, in đồng. */
export function feeLines(rules: readonly FeeRule[], query: FeeQuery): { lines: FeeLine[]; total: number } {
  const exemptions = rules.filter((r) => r.type === 'exemption');
  const lines = rules
    .filter((r) => r.type !== 'exemption')
    .map((r) => ({ label: r.label, amount: computeFee([r, ...exemptions], query) }))
    .filter((l) => l.amount > 0);
  return { lines, total: computeFee(rules, query) };
}

export type PaymentPurpose = 'fee' | 'postage';

export const POSTAGE_LABEL = 'Cước phí bưu chính (trả kết quả qua bưu điện)';

/** What is still to be paid online: one payment, its purpose, its lines and the part of it that is postage. */
export interface Due {
  purpose: PaymentPurpose;
  lines: FeeLine[];
  total: number;
  postage: number;
}

/**
 * What the applicant still has to pay online, from the fee, the postage of the result going by
 * post (0 when it does not) and the payments that hold money (succeeded or partly refunded, not
 * flagged for a refund). The first payment takes the fee with the postage; a postage chosen (or
 * raised by a new address) after the fee was paid is a payment of its own for what is missing,
 * so that the result is never posted unpaid (issue 10). Undefined when nothing is due.
 */
export function amountDue(fee: { lines: FeeLine[]; total: number }, postage: number, held: readonly { purpose: PaymentPurpose; postage: number }[]): Due | undefined {
  const postagePaid = held.reduce((s, p) => s + p.postage, 0);
  const postageLeft = Math.max(0, postage - postagePaid);
  const postageLines = postageLeft > 0 ? [{ label: postagePaid > 0 ? `${POSTAGE_LABEL}, phần còn thiếu` : POSTAGE_LABEL, amount: postageLeft }] : [];
  const feePaid = held.some((p) => p.purpose === 'fee');
  if (!feePaid && fee.total > 0) return { purpose: 'fee', lines: [...fee.lines, ...postageLines], total: fee.total + postageLeft, postage: postageLeft };
  if (postageLeft > 0) return { purpose: 'postage', lines: postageLines, total: postageLeft, postage: postageLeft };
  return undefined;
}

/** Payments that hold money for the dossier: paid, not wholly refunded, not flagged as paid twice. */
export function holdsMoney(p: { state: PaymentState; refundDue: boolean }): boolean {
  return (p.state === 'succeeded' || p.state === 'partly_refunded') && !p.refundDue;
}

/** vnp_TxnRef: MC + yymmddHHmmss (Vietnam) + 6 random digits; alphanumeric as VNPay asks. */
export function newTxnRef(now: Date, random: () => number = Math.random): string {
  const t = new Date(now.getTime() + 7 * 3600_000).toISOString();
  const stamp = t.slice(2, 19).replace(/[-T:]/g, '');
  return `MC${stamp}${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`;
}

/** vnp_OrderInfo: Vietnamese without diacritics and without special characters (VNPay's rule). */
export function orderInfoFor(dossierCode: string, purpose: PaymentPurpose = 'fee'): string {
  return purpose === 'postage' ? `Nop cuoc buu chinh ho so ${dossierCode}` : `Nop phi ho so ${dossierCode}`;
}

export function asciiOnly(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,-]/g, '');
}

/** How much may still be refunded: paid, less what was refunded or is being refunded. */
export function refundable(p: { amount: number; refundedAmount: number }, pendingRefunds: number): number {
  return Math.max(0, p.amount - p.refundedAmount - pendingRefunds);
}

/** Receipt number: BL<yy>-<6-digit serial>. */
export function receiptNumber(year: number, serial: number): string {
  return `BL${String(year % 100).padStart(2, '0')}-${String(serial).padStart(6, '0')}`;
}
