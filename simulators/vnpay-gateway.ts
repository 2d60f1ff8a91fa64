// VNPay payment gateway simulator: its own process, speaking VNPay's protocol 2.1.0 with the
// signatures of src/integrations/payment-gateway/vnpay.ts. Run: npm run sim:vnpay
//
// Environment: PORT (default 4020), VNPAY_TMN_CODE (DEMO0001), VNPAY_HASH_SECRET
// (demo-hash-secret-vnpay), VNPAY_IPN_URL (the merchant's IPN address, which VNPay keeps in the
// merchant's profile rather than in each request), IPN_RETRY_MS (300000) and IPN_MAX_RETRIES (10).
//
//   GET  /paymentv2/vpcpay.html?…        the payment page: checks the signature, the merchant, the
//                                        amount and the expiry, then lets the payer choose a bank and
//                                        succeed, fail, cancel or let it time out
//   POST /paymentv2/xu-ly                completes it: IPN to the merchant (server to server, GET with
//                                        the signed result; retried while the answer is not RspCode
//                                        00 or 02), then a redirect to vnp_ReturnUrl with the same params
//   POST /merchant_webapi/api/transaction  querydr and refund (JSON, '|'-joined HMAC-SHA512)
//   GET  /merchant_webapi/api/reconciliation?vnp_RequestId&vnp_TmnCode&vnp_Date=yyyyMMdd&vnp_SecureHash
//                                        the day's transactions. VNPay delivers reconciliation as a daily
//                                        file or report in its merchant portal; the simulator serves the
//                                        same lines as JSON {"vnp_TmnCode","vnp_Date","transactions":[{
//                                        vnp_TxnRef, vnp_TransactionNo, vnp_TransactionType (01 payment,
//                                        02/03 refund), vnp_Amount (×100), vnp_TransactionStatus, vnp_PayDate,
//                                        vnp_BankCode}]} with header x-vnp-securehash = HMAC-SHA512 of the body.
// Test-only: GET /_state, POST /_config {"ipnUrl"}, POST /_plant {a transaction line}, POST /_reset.
// The payment page has test options: when to send the IPN (before the redirect, after it, never)
// and how many copies of it to send at once (duplicate IPNs).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { apiHash, hmacSha512, IPN_ANSWERS, parseVnpDate, pipeHash, QUERYDR_REQUEST_ORDER, QUERYDR_RESPONSE_ORDER, REFUND_REQUEST_ORDER, REFUND_RESPONSE_ORDER, RESPONSE_MESSAGES, signedQuery, verifyParams, vnpDate } from '../src/integrations/payment-gateway/vnpay';

const port = Number(process.env.PORT ?? 4020);
const tmnCode = process.env.VNPAY_TMN_CODE ?? 'DEMO0001';
const secret = process.env.VNPAY_HASH_SECRET ?? 'demo-hash-secret-vnpay';
let ipnUrl = process.env.VNPAY_IPN_URL ?? '';
const retryMs = Number(process.env.IPN_RETRY_MS ?? 300_000);
const maxRetries = Number(process.env.IPN_MAX_RETRIES ?? 10);

const BANKS: Record<string, string> = {
  NCB: 'Ngân hàng Quốc Dân (NCB)',
  VIETCOMBANK: 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)',
  VIETINBANK: 'Ngân hàng TMCP Công thương Việt Nam (VietinBank)',
  BIDV: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)',
  AGRIBANK: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn (Agribank)',
  TECHCOMBANK: 'Ngân hàng TMCP Kỹ thương Việt Nam (Techcombank)',
  MBBANK: 'Ngân hàng TMCP Quân đội (MB)',
};

/** One transaction line, as in the reconciliation report. */
interface Txn {
  vnp_TxnRef: string;
  vnp_TransactionNo: string;
  vnp_TransactionType: '01' | '02' | '03';
  vnp_Amount: string;
  vnp_TransactionStatus: string;
  vnp_ResponseCode: string;
  vnp_PayDate: string;
  vnp_BankCode: string;
  vnp_OrderInfo: string;
}

interface Session {
  token: string;
  params: Record<string, string>;
  done: boolean;
}

let sessions = new Map<string, Session>();
/** The payment of each TxnRef (the latest attempt) and every line, payments and refunds. */
let payments = new Map<string, Txn>();
let lines: Txn[] = [];
let ipnLog: { txnRef: string; attempt: number; status: number | null; body: unknown }[] = [];
const apiRequests = new Set<string>();
let nextNo = 14_000_000;

function html(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} – VNPAY (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}button{min-height:44px;margin:.25rem 0;width:100%}label{display:block;margin:.5rem 0}</style></head>
<body><p><strong>VNPAY</strong> – cổng thanh toán mô phỏng</p><h1>${esc(title)}</h1>${body}</body></html>`);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function money(amountX100: string): string {
  return `${new Intl.NumberFormat('vi-VN').format(Number(amountX100) / 100)} ₫`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function paymentPage(res: ServerResponse, query: URLSearchParams) {
  const params = Object.fromEntries(query);
  if (!verifyParams(secret, params)) return html(res, 400, 'Sai chữ ký', '<p>Chữ ký dữ liệu (vnp_SecureHash) không hợp lệ. Mã lỗi 97.</p>');
  if (params.vnp_TmnCode !== tmnCode) return html(res, 400, 'Website chưa được phê duyệt', '<p>Mã website (vnp_TmnCode) không tồn tại. Mã lỗi 02.</p>');
  if (params.vnp_Version !== '2.1.0' || params.vnp_Command !== 'pay' || params.vnp_CurrCode !== 'VND') return html(res, 400, 'Dữ liệu không hợp lệ', '<p>Phiên bản, lệnh hoặc loại tiền không đúng. Mã lỗi 03.</p>');
  if (!/^\d+00$/.test(params.vnp_Amount ?? '') || !params.vnp_TxnRef || !params.vnp_ReturnUrl) return html(res, 400, 'Dữ liệu không hợp lệ', '<p>Số tiền, mã giao dịch hoặc địa chỉ trả về không hợp lệ. Mã lỗi 03.</p>');
  const expires = parseVnpDate(params.vnp_ExpireDate);
  if (!expires || !parseVnpDate(params.vnp_CreateDate)) return html(res, 400, 'Dữ liệu không hợp lệ', '<p>Thời gian tạo hoặc hết hạn không đúng định dạng yyyyMMddHHmmss. Mã lỗi 03.</p>');
  if (expires.getTime() < Date.now()) return html(res, 400, 'Giao dịch đã quá thời gian chờ thanh toán', '<p>Vui lòng quay lại website của đơn vị và thực hiện lại giao dịch. Mã lỗi 11.</p>');
  const paid = payments.get(params.vnp_TxnRef);
  if (paid && paid.vnp_TransactionStatus !== '01') return html(res, 400, 'Giao dịch đã tồn tại', '<p>Mã giao dịch (vnp_TxnRef) này đã được xử lý. Mã lỗi 94.</p>');
  const token = randomUUID();
  sessions.set(token, { token, params, done: false });
  // opened, not finished: querydr answers "chưa hoàn tất" (01) until the payer acts
  if (!paid) payments.set(params.vnp_TxnRef, txnOf(params, '01', '99', ''));
  const chosen = params.vnp_BankCode ?? 'NCB';
  const banks = Object.entries(BANKS)
    .map(([code, name]) => `<label><input type="radio" name="bank" value="${code}"${code === chosen ? ' checked' : ''}> ${esc(name)}</label>`)
    .join('');
  return html(
    res,
    200,
    'Thanh toán trực tuyến',
    `<dl><dt>Đơn vị chấp nhận thanh toán</dt><dd>${esc(tmnCode)}</dd><dt>Số tiền</dt><dd><strong>${esc(money(params.vnp_Amount!))}</strong></dd>
<dt>Nội dung</dt><dd>${esc(params.vnp_OrderInfo ?? '')}</dd><dt>Mã giao dịch</dt><dd>${esc(params.vnp_TxnRef)}</dd><dt>Hết hạn lúc</dt><dd>${esc(expires.toISOString())}</dd></dl>
<form method="post" action="/paymentv2/xu-ly"><input type="hidden" name="token" value="${token}">
<fieldset><legend>Chọn ngân hàng</legend>${banks}</fieldset>
<fieldset><legend>Tùy chọn kiểm thử</legend>
<label><input type="radio" name="ipn" value="before" checked> Gửi IPN trước khi chuyển về website</label>
<label><input type="radio" name="ipn" value="after"> Chuyển về website trước, gửi IPN sau</label>
<label><input type="radio" name="ipn" value="none"> Không gửi IPN (mất kết nối)</label>
<label>Số bản IPN gửi cùng lúc (IPN trùng lặp) <input name="copies" inputmode="numeric" value="1"></label></fieldset>
<button name="result" value="success">Thanh toán thành công</button>
<button name="result" value="fail">Thanh toán thất bại (tài khoản không đủ số dư)</button>
<button name="result" value="cancel">Hủy giao dịch</button>
<button name="result" value="timeout">Hết thời gian chờ thanh toán</button></form>`,
  );
}

const RESULT_CODES: Record<string, { response: string; status: string }> = {
  success: { response: '00', status: '00' },
  fail: { response: '51', status: '02' },
  cancel: { response: '24', status: '02' },
  timeout: { response: '11', status: '02' },
};

function txnOf(params: Record<string, string>, status: string, response: string, bank: string, no = ''): Txn {
  return {
    vnp_TxnRef: params.vnp_TxnRef!,
    vnp_TransactionNo: no,
    vnp_TransactionType: '01',
    vnp_Amount: params.vnp_Amount!,
    vnp_TransactionStatus: status,
    vnp_ResponseCode: response,
    vnp_PayDate: vnpDate(new Date()),
    vnp_BankCode: bank,
    vnp_OrderInfo: params.vnp_OrderInfo ?? '',
  };
}

/** The signed result params, the same for the IPN and the return URL. */
function resultQuery(t: Txn): string {
  const params: Record<string, string> = {
    vnp_Amount: t.vnp_Amount,
    vnp_BankCode: t.vnp_BankCode,
    vnp_CardType: 'ATM',
    vnp_OrderInfo: t.vnp_OrderInfo,
    vnp_PayDate: t.vnp_PayDate,
    vnp_ResponseCode: t.vnp_ResponseCode,
    vnp_TmnCode: tmnCode,
    vnp_TransactionNo: t.vnp_TransactionNo,
    vnp_TransactionStatus: t.vnp_TransactionStatus,
    vnp_TxnRef: t.vnp_TxnRef,
  };
  if (t.vnp_TransactionStatus === '00') params.vnp_BankTranNo = `VNP${t.vnp_TransactionNo}`;
  return signedQuery(secret, params);
}

/** One IPN call; true when the merchant confirmed (RspCode 00 or 02). */
async function callIpn(txnRef: string, query: string, attempt: number): Promise<boolean> {
  if (!ipnUrl) return false;
  try {
    const res = await fetch(`${ipnUrl}?${query}`, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json().catch(() => null)) as { RspCode?: string } | null;
    ipnLog.push({ txnRef, attempt, status: res.status, body });
    return res.status === 200 && (body?.RspCode === '00' || body?.RspCode === '02');
  } catch (err) {
    ipnLog.push({ txnRef, attempt, status: null, body: String(err) });
    return false;
  }
}

/** Sends the IPN (copies at once), retrying unconfirmed ones as VNPay does: up to maxRetries more times, retryMs apart. */
async function sendIpn(txnRef: string, query: string, copies: number): Promise<void> {
  const answers = await Promise.all(Array.from({ length: copies }, () => callIpn(txnRef, query, 0)));
  if (answers.some(Boolean)) return;
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    await new Promise((r) => setTimeout(r, retryMs));
    if (await callIpn(txnRef, query, attempt)) return;
  }
}

async function complete(req: IncomingMessage, res: ServerResponse) {
  const form = new URLSearchParams(await readBody(req));
  const s = sessions.get(form.get('token') ?? '');
  if (!s || s.done) return html(res, 400, 'Phiên thanh toán không hợp lệ', '<p>Phiên đã kết thúc hoặc không tồn tại.</p>');
  const codes = RESULT_CODES[form.get('result') ?? ''];
  if (!codes) return html(res, 400, 'Dữ liệu không hợp lệ', '<p>Chọn một kết quả.</p>');
  s.done = true;
  const bank = BANKS[form.get('bank') ?? ''] ? form.get('bank')! : 'NCB';
  const t = txnOf(s.params, codes.status, codes.response, bank, String(++nextNo));
  payments.set(t.vnp_TxnRef, t);
  lines.push(t);
  const query = resultQuery(t);
  const copies = Math.min(Math.max(Number(form.get('copies') ?? 1) || 1, 1), 5000);
  const mode = form.get('ipn') ?? 'before';
  if (mode === 'before') await sendIpn(t.vnp_TxnRef, query, copies);
  else if (mode === 'after') setImmediate(() => void sendIpn(t.vnp_TxnRef, query, copies));
  res.writeHead(302, { location: `${s.params.vnp_ReturnUrl}?${query}` });
  res.end();
}

function signedAnswer(order: readonly string[], body: Record<string, string>): Record<string, string> {
  return { ...body, vnp_SecureHash: apiHash(secret, order, body) };
}

async function merchantApi(req: IncomingMessage, res: ServerResponse) {
  let body: Record<string, string>;
  try {
    body = JSON.parse(await readBody(req)) as Record<string, string>;
  } catch {
    return json(res, 200, signedAnswer(QUERYDR_RESPONSE_ORDER, { vnp_ResponseId: randomUUID(), vnp_Command: '', vnp_ResponseCode: '03', vnp_Message: 'Dữ liệu gửi sang không đúng định dạng', vnp_TmnCode: tmnCode }));
  }
  const command = body.vnp_Command;
  const order = command === 'refund' ? REFUND_REQUEST_ORDER : QUERYDR_REQUEST_ORDER;
  const respOrder = command === 'refund' ? REFUND_RESPONSE_ORDER : QUERYDR_RESPONSE_ORDER;
  const base = { vnp_ResponseId: randomUUID().replace(/-/g, ''), vnp_Command: command ?? '', vnp_TmnCode: tmnCode, vnp_TxnRef: body.vnp_TxnRef ?? '' };
  const fail = (code: string, message: string) => json(res, 200, signedAnswer(respOrder, { ...base, vnp_ResponseCode: code, vnp_Message: message }));
  if (command !== 'querydr' && command !== 'refund') return fail('03', 'Dữ liệu gửi sang không đúng định dạng');
  if (body.vnp_TmnCode !== tmnCode) return fail('02', 'Merchant không hợp lệ');
  if (apiHash(secret, order, body) !== body.vnp_SecureHash) return fail('97', 'Chữ ký không hợp lệ');
  if (!body.vnp_RequestId || apiRequests.has(body.vnp_RequestId)) return fail('94', 'Yêu cầu bị trùng lặp trong thời gian giới hạn của API');
  apiRequests.add(body.vnp_RequestId);
  const t = payments.get(body.vnp_TxnRef ?? '');
  if (command === 'querydr') {
    if (!t) return fail('91', 'Không tìm thấy giao dịch yêu cầu');
    return json(
      res,
      200,
      signedAnswer(QUERYDR_RESPONSE_ORDER, {
        ...base,
        vnp_ResponseCode: '00',
        vnp_Message: 'Truy vấn giao dịch thành công',
        vnp_Amount: t.vnp_Amount,
        vnp_BankCode: t.vnp_BankCode,
        vnp_PayDate: t.vnp_PayDate,
        vnp_TransactionNo: t.vnp_TransactionNo,
        vnp_TransactionType: '01',
        vnp_TransactionStatus: t.vnp_TransactionStatus,
        vnp_OrderInfo: t.vnp_OrderInfo,
        vnp_PromotionCode: '',
        vnp_PromotionAmount: '',
      }),
    );
  }
  // refund
  if (!t || t.vnp_TransactionNo === '') return fail('91', 'Không tìm thấy giao dịch yêu cầu hoàn trả');
  if (t.vnp_TransactionStatus !== '00') return fail('95', 'Giao dịch này không thành công bên VNPAY. VNPAY từ chối xử lý yêu cầu.');
  const type = body.vnp_TransactionType;
  const amount = Number(body.vnp_Amount);
  if ((type !== '02' && type !== '03') || !Number.isSafeInteger(amount) || amount <= 0 || !body.vnp_CreateBy) return fail('03', 'Dữ liệu gửi sang không đúng định dạng');
  const earlier = lines.filter((l) => l.vnp_TxnRef === t.vnp_TxnRef && l.vnp_TransactionType !== '01' && l.vnp_TransactionStatus === '00');
  const refunded = earlier.reduce((sum, l) => sum + Number(l.vnp_Amount), 0);
  if (type === '02' && earlier.length > 0) return fail('04', 'Không cho phép hoàn trả toàn phần sau khi hoàn trả một phần');
  if (type === '02' && amount !== Number(t.vnp_Amount)) return fail('93', 'Số tiền hoàn trả không hợp lệ. Số tiền hoàn trả toàn phần phải bằng số tiền của giao dịch');
  if (refunded + amount > Number(t.vnp_Amount)) return fail('02', 'Tổng số tiền hoàn trả lớn hơn số tiền gốc');
  const line: Txn = { ...t, vnp_TransactionNo: String(++nextNo), vnp_TransactionType: type, vnp_Amount: String(amount), vnp_TransactionStatus: '00', vnp_ResponseCode: '00', vnp_PayDate: vnpDate(new Date()) };
  lines.push(line);
  return json(
    res,
    200,
    signedAnswer(REFUND_RESPONSE_ORDER, {
      ...base,
      vnp_ResponseCode: '00',
      vnp_Message: 'Yêu cầu hoàn tiền thành công',
      vnp_Amount: line.vnp_Amount,
      vnp_BankCode: t.vnp_BankCode,
      vnp_PayDate: line.vnp_PayDate,
      vnp_TransactionNo: line.vnp_TransactionNo,
      vnp_TransactionType: type,
      vnp_TransactionStatus: '05',
      vnp_OrderInfo: body.vnp_OrderInfo ?? '',
    }),
  );
}

function reconciliation(res: ServerResponse, query: URLSearchParams) {
  const requestId = query.get('vnp_RequestId') ?? '';
  const date = query.get('vnp_Date') ?? '';
  if (query.get('vnp_TmnCode') !== tmnCode || pipeHash(secret, [requestId, tmnCode, date]) !== query.get('vnp_SecureHash')) return json(res, 403, { code: '97', message: 'Chữ ký không hợp lệ' });
  const transactions = lines.filter((l) => l.vnp_PayDate.startsWith(date) && (l.vnp_TransactionType !== '01' || l.vnp_TransactionStatus !== '01'));
  const raw = JSON.stringify({ vnp_TmnCode: tmnCode, vnp_Date: date, transactions });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-vnp-securehash': hmacSha512(secret, raw) });
  res.end(raw);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  void (async () => {
    if (req.method === 'GET' && url.pathname === '/paymentv2/vpcpay.html') return paymentPage(res, url.searchParams);
    if (req.method === 'POST' && url.pathname === '/paymentv2/xu-ly') return complete(req, res);
    if (req.method === 'POST' && url.pathname === '/merchant_webapi/api/transaction') return merchantApi(req, res);
    if (req.method === 'GET' && url.pathname === '/merchant_webapi/api/reconciliation') return reconciliation(res, url.searchParams);
    if (req.method === 'GET' && url.pathname === '/_state') return json(res, 200, { ipnUrl, lines, ipnLog, answers: IPN_ANSWERS, messages: RESPONSE_MESSAGES });
    if (req.method === 'POST' && url.pathname === '/_config') {
      const body = JSON.parse((await readBody(req)) || '{}') as { ipnUrl?: string };
      if (typeof body.ipnUrl === 'string') ipnUrl = body.ipnUrl;
      return json(res, 200, { ipnUrl });
    }
    if (req.method === 'POST' && url.pathname === '/_plant') {
      const line = JSON.parse(await readBody(req)) as Txn;
      lines.push(line);
      if (line.vnp_TransactionType === '01') payments.set(line.vnp_TxnRef, line);
      return json(res, 200, { planted: line });
    }
    if (req.method === 'POST' && url.pathname === '/_reset') {
      sessions = new Map();
      payments = new Map();
      lines = [];
      ipnLog = [];
      return json(res, 200, {});
    }
    return json(res, 404, { code: '99', message: 'not found' });
  })().catch((err: unknown) => {
    if (!res.headersSent) json(res, 500, { code: '99', message: String(err) });
  });
});

server.listen(port, '127.0.0.1', () => console.log(`VNPay simulator on http://127.0.0.1:${port}/paymentv2/vpcpay.html (IPN → ${ipnUrl || 'not set'})`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
