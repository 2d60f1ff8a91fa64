// VNPay payment gateway, protocol version 2.1.0, as VNPay publishes it for merchants
// (sandbox.vnpayment.vn/apis/docs: "Thanh toán PAY", "Truy vấn và hoàn tiền"). The protocol
// functions are exported so that the simulator (simulators/vnpay-gateway.ts) signs exactly alike.
//
// Payment URL and its results (return URL, IPN):
//   every vnp_* parameter except vnp_SecureHash and vnp_SecureHashType, sorted by name, each as
//   key=value with the value encoded as VNPay's Node.js sample (vnpay_nodejs, sortObject) does:
//   encodeURIComponent, then %20 → '+'; joined by '&'. vnp_SecureHash = hex HMAC-SHA512 of that
//   string with the merchant's hash secret. The query string sent is that same string plus
//   &vnp_SecureHash=…, so what is signed is exactly what travels.
// The merchant API (querydr, refund) is a JSON POST whose hash covers the fields joined by '|'
// in a fixed order, which VNPay's page "Truy vấn kết quả thanh toán / Hoàn tiền" (API
// merchant_webapi/api/transaction) lists field by field; the orders are below, where they are used.
// Amounts travel ×100 (VNPay: "số tiền × 100, không có phần thập phân"); dates as yyyyMMddHHmmss in GMT+7.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { GatewayOutcome, GatewayResult, GatewayTransaction, IpnCode, PaymentGateway, PaymentOrder, RefundOrder, RefundResult } from './port';
import { GatewayError } from './port';

export const VNP_VERSION = '2.1.0';

export interface VnpayOptions {
  /** The payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html */
  url: string;
  /** The merchant API, e.g. https://sandbox.vnpayment.vn/merchant_webapi/api/transaction */
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// The protocol
// ---------------------------------------------------------------------------------------------

/** VNPay's sample encoding: encodeURIComponent with spaces as '+'. */
export function vnpEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** The string VNPay signs for the payment URL, the return URL and the IPN. */
export function signData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType')
    .sort()
    .map((k) => `${vnpEncode(k)}=${vnpEncode(params[k]!)}`)
    .join('&');
}

export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', secret).update(Buffer.from(data, 'utf8')).digest('hex');
}

/** The query string of a signed request or result: the signed data plus its hash. */
export function signedQuery(secret: string, params: Record<string, string>): string {
  const data = signData(params);
  return `${data}&vnp_SecureHash=${hmacSha512(secret, data)}`;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Recomputes the hash over every vnp_* parameter except the hash itself and its type. */
export function verifyParams(secret: string, params: Record<string, string>): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || given === '') return false;
  return sameHex(hmacSha512(secret, signData(params)), given);
}

/** The '|'-joined hash of the merchant API; absent fields count as empty. */
export function pipeHash(secret: string, fields: readonly (string | number | undefined | null)[]): string {
  return hmacSha512(secret, fields.map((f) => (f === undefined || f === null ? '' : String(f))).join('|'));
}

/** querydr request, in the order of VNPay's "Truy vấn kết quả thanh toán" page (checksum data). */
export const QUERYDR_REQUEST_ORDER = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_TransactionDate', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'] as const;
/** querydr response, same page ("Dữ liệu checksum" of the answer). */
export const QUERYDR_RESPONSE_ORDER = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;
/** refund request, in the order of VNPay's "Hoàn tiền" page (checksum data). */
export const REFUND_REQUEST_ORDER = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;
/** refund response, same page. */
export const REFUND_RESPONSE_ORDER = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
] as const;

/** Hash of a JSON message of the merchant API over its fields in the given order. */
export function apiHash(secret: string, order: readonly string[], body: Record<string, unknown>): string {
  return pipeHash(secret, order.map((k) => body[k] as string | number | undefined));
}

const GMT7_MS = 7 * 3600_000;

/** yyyyMMddHHmmss in GMT+7, whatever the server's zone. */
export function vnpDate(d: Date): string {
  const t = new Date(d.getTime() + GMT7_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

export function parseVnpDate(s: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - GMT7_MS);
}

/**
 * vnp_ResponseCode of a payment (VNPay's table "Bảng mã lỗi"): 00 success, 07 money taken but
 * suspected fraud, 09 not registered for internet banking, 10 wrong card details 3 times,
 * 11 timed out waiting for payment, 12 card locked, 13 wrong OTP, 24 cancelled by the customer,
 * 51 insufficient funds, 65 daily limit exceeded, 75 bank under maintenance, 79 wrong payment
 * password too often, 99 other errors.
 */
export const RESPONSE_MESSAGES: Record<string, string> = {
  '00': 'Giao dịch thành công',
  '07': 'Trừ tiền thành công. Giao dịch bị nghi ngờ (liên quan tới lừa đảo, giao dịch bất thường).',
  '09': 'Thẻ/Tài khoản chưa đăng ký dịch vụ InternetBanking tại ngân hàng.',
  '10': 'Xác thực thông tin thẻ/tài khoản không đúng quá 3 lần',
  '11': 'Đã hết hạn chờ thanh toán.',
  '12': 'Thẻ/Tài khoản bị khóa.',
  '13': 'Nhập sai mật khẩu xác thực giao dịch (OTP).',
  '24': 'Khách hàng hủy giao dịch',
  '51': 'Tài khoản không đủ số dư để thực hiện giao dịch.',
  '65': 'Tài khoản đã vượt quá hạn mức giao dịch trong ngày.',
  '75': 'Ngân hàng thanh toán đang bảo trì.',
  '79': 'Nhập sai mật khẩu thanh toán quá số lần quy định.',
  '99': 'Các lỗi khác',
};

/** The IPN answers of VNPay's merchant sample (vnpay_ipn). */
export const IPN_ANSWERS: Record<IpnCode, string> = {
  '00': 'Confirm Success',
  '01': 'Order not found',
  '02': 'Order already confirmed',
  '04': 'Invalid amount',
  '97': 'Invalid signature',
  '99': 'Unknown error',
};

/**
 * What a payment result means. vnp_TransactionStatus (VNPay): 00 success, 01 not finished,
 * 02 error, 04 reversed (money taken at the bank, not at VNPay), 05/06 refund in progress,
 * 07 suspected fraud, 09 refund refused. Success needs both codes 00 (VNPay's sample checks both).
 */
export function outcomeOf(responseCode: string, transactionStatus: string): GatewayOutcome {
  if (responseCode === '00' && transactionStatus === '00') return 'succeeded';
  if (transactionStatus === '01') return 'pending';
  if (responseCode === '24') return 'cancelled';
  if (responseCode === '11') return 'expired';
  return 'failed';
}

// ---------------------------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------------------------

export class VnpayGateway implements PaymentGateway {
  readonly name = 'vnpay';
  constructor(private readonly opts: VnpayOptions) {}

  paymentUrl(order: PaymentOrder): string {
    if (!Number.isSafeInteger(order.amount) || order.amount <= 0) throw new RangeError('amount must be a positive integer of đồng');
    const params: Record<string, string> = {
      vnp_Version: VNP_VERSION,
      vnp_Command: 'pay',
      vnp_TmnCode: this.opts.tmnCode,
      vnp_Amount: String(order.amount * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: order.txnRef,
      vnp_OrderInfo: order.orderInfo,
      // VNPay's category of goods; public fees are bill payments
      vnp_OrderType: 'billpayment',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: order.returnUrl,
      vnp_IpAddr: order.ipAddr,
      vnp_CreateDate: vnpDate(order.createdAt),
      vnp_ExpireDate: vnpDate(order.expiresAt),
    };
    if (order.bankCode) params.vnp_BankCode = order.bankCode;
    return `${this.opts.url}?${signedQuery(this.opts.hashSecret, params)}`;
  }

  verifyResult(query: Record<string, string>): GatewayResult | undefined {
    if (!verifyParams(this.opts.hashSecret, query)) return undefined;
    if (query.vnp_TmnCode !== undefined && query.vnp_TmnCode !== this.opts.tmnCode) return undefined;
    return resultOf(query);
  }

  notificationAnswer(code: IpnCode): object {
    return { RspCode: code, Message: IPN_ANSWERS[code] };
  }

  async query(p: { txnRef: string; transactionDate: string; orderInfo: string; ipAddr: string }): Promise<GatewayResult | undefined> {
    const body: Record<string, string> = {
      vnp_RequestId: randomUUID().replace(/-/g, ''),
      vnp_Version: VNP_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.opts.tmnCode,
      vnp_TxnRef: p.txnRef,
      vnp_OrderInfo: p.orderInfo,
      vnp_TransactionDate: p.transactionDate,
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: p.ipAddr,
    };
    body.vnp_SecureHash = apiHash(this.opts.hashSecret, QUERYDR_REQUEST_ORDER, body);
    const answer = await this.post(body);
    if (!sameHex(apiHash(this.opts.hashSecret, QUERYDR_RESPONSE_ORDER, answer), String(answer.vnp_SecureHash ?? ''))) throw new GatewayError('VNPay querydr: chữ ký của câu trả lời không hợp lệ');
    const code = String(answer.vnp_ResponseCode ?? '');
    if (code === '91') return undefined; // no such transaction at VNPay
    if (code !== '00') throw new GatewayError(`VNPay querydr trả lời mã ${code}: ${String(answer.vnp_Message ?? '')}`);
    const fields = Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
    // querydr reports the transaction's own ResponseCode only through its status
    return { ...resultOf(fields), outcome: outcomeOf(fields.vnp_TransactionStatus === '00' ? '00' : fields.vnp_TransactionStatus ?? '', fields.vnp_TransactionStatus ?? '') };
  }

  async refund(order: RefundOrder): Promise<RefundResult> {
    const body: Record<string, string> = {
      vnp_RequestId: order.requestId,
      vnp_Version: VNP_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.opts.tmnCode,
      vnp_TransactionType: order.full ? '02' : '03',
      vnp_TxnRef: order.txnRef,
      vnp_Amount: String(order.amount * 100),
      vnp_OrderInfo: order.orderInfo,
      vnp_TransactionNo: order.transactionNo ?? '',
      vnp_TransactionDate: order.transactionDate,
      vnp_CreateBy: order.createdBy,
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: order.ipAddr,
    };
    body.vnp_SecureHash = apiHash(this.opts.hashSecret, REFUND_REQUEST_ORDER, body);
    const answer = await this.post(body);
    if (!sameHex(apiHash(this.opts.hashSecret, REFUND_RESPONSE_ORDER, answer), String(answer.vnp_SecureHash ?? ''))) throw new GatewayError('VNPay refund: chữ ký của câu trả lời không hợp lệ');
    const code = String(answer.vnp_ResponseCode ?? '');
    return { ok: code === '00', responseCode: code, message: String(answer.vnp_Message ?? ''), transactionNo: answer.vnp_TransactionNo ? String(answer.vnp_TransactionNo) : null };
  }

  /**
   * VNPay delivers its reconciliation as a daily file in the merchant portal ("Đối soát"), not
   * through this API; the simulator serves the same list at {api}/../reconciliation as signed
   * JSON (see simulators/vnpay-gateway.ts). A production deployment points this method at the
   * imported file instead; the comparison (payments/service.ts reconcile) stays the same.
   */
  async transactionsOn(day: string): Promise<GatewayTransaction[]> {
    const date = day.replaceAll('-', '');
    const requestId = randomUUID().replace(/-/g, '');
    const url = new URL('reconciliation', this.opts.apiUrl);
    url.searchParams.set('vnp_RequestId', requestId);
    url.searchParams.set('vnp_TmnCode', this.opts.tmnCode);
    url.searchParams.set('vnp_Date', date);
    url.searchParams.set('vnp_SecureHash', pipeHash(this.opts.hashSecret, [requestId, this.opts.tmnCode, date]));
    const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000) });
    if (!res.ok) throw new GatewayError(`VNPay đối soát: HTTP ${res.status}`);
    const raw = await res.text();
    const hash = res.headers.get('x-vnp-securehash') ?? '';
    if (!sameHex(hmacSha512(this.opts.hashSecret, raw), hash)) throw new GatewayError('VNPay đối soát: chữ ký của tệp đối soát không hợp lệ');
    const body = JSON.parse(raw) as { transactions: Record<string, string>[] };
    return body.transactions.map((t) => ({
      txnRef: t.vnp_TxnRef!,
      transactionNo: t.vnp_TransactionNo!,
      kind: t.vnp_TransactionType === '01' ? 'payment' : 'refund',
      amount: Number(t.vnp_Amount) / 100,
      succeeded: t.vnp_TransactionStatus === '00',
      at: parseVnpDate(t.vnp_PayDate) ?? new Date(0),
    }));
  }

  private async post(body: Record<string, string>): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(this.opts.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000) });
    } catch (err) {
      throw new GatewayError(`VNPay không trả lời: ${(err as Error).message}`);
    }
    if (!res.ok) throw new GatewayError(`VNPay trả lời HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }
}

function resultOf(q: Record<string, string>): GatewayResult {
  const responseCode = q.vnp_ResponseCode ?? '';
  const transactionStatus = q.vnp_TransactionStatus ?? '';
  const amount = Number(q.vnp_Amount);
  return {
    txnRef: q.vnp_TxnRef ?? '',
    // ×100 on the wire; a value that is not a whole number of đồng is refused as a wrong amount
    amount: Number.isSafeInteger(amount) && amount % 100 === 0 ? amount / 100 : Number.NaN,
    outcome: outcomeOf(responseCode, transactionStatus),
    responseCode,
    transactionStatus,
    transactionNo: q.vnp_TransactionNo || null,
    bankCode: q.vnp_BankCode || null,
    bankTranNo: q.vnp_BankTranNo || null,
    cardType: q.vnp_CardType || null,
    orderInfo: q.vnp_OrderInfo ?? null,
    payDate: parseVnpDate(q.vnp_PayDate),
  };
}
