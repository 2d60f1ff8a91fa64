// Online fee payment end to end: the real app listening on a port, the real VNPay adapter, and
// the VNPay simulator as its own process (simulators/vnpay-gateway.ts). The citizen's browser is
// an HTTP client that follows the gateway's pages and redirects by hand; the IPN comes from the
// simulator, server to server; forged and replayed notifications are sent as an attacker would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { signedQuery, vnpDate } from '../src/integrations/payment-gateway/vnpay';
import { gatewayFor, paymentDeps, reconcile, expirePayment, startPaymentWorker, type PaymentDeps } from '../src/modules/payments';
import { formatMoney, localDate } from '../src/platform/format';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import { HttpClient } from './helpers/http-client';
import { freePort, startVnpaySimulator, until, vnpayEnv } from './helpers/simulators';
import { KHAI_SINH_ANSWERS, submitBirthRegistration } from './helpers/submit-flow';

let t: TestApp;
let sim: Awaited<ReturnType<typeof startVnpaySimulator>>;
let base: string;
let pd: PaymentDeps;
const bo = backofficeHelpers(() => ({ t, base }));
// the birth registration with two copies of the certificate asked for: 2 × 8.000 ₫ (the copy fee
// of civil status extracts, variant cap_ban_sao); the rest of the online khai sinh is free
Object.assign(KHAI_SINH_ANSWERS, { banSao: 'true', soBanSao: '2' });
const FEE = 16_000;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  sim = await startVnpaySimulator({ IPN_RETRY_MS: '200', IPN_MAX_RETRIES: '2' });
  t = await startTestApp({
    PUBLIC_URL: base,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...vnpayEnv(sim),
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  await fetch(`${sim.url}/_config`, { method: 'POST', body: JSON.stringify({ ipnUrl: `${base}/api/v1/payments/vnpay/ipn` }) });
  pd = paymentDeps({ config: t.config, db: t.database.db, jobs: t.jobs }, gatewayFor(t.config));
  await startPaymentWorker(pd);
});
after(async () => {
  await t.close();
  await sim.stop();
});

const db = () => t.database.db;

async function citizen(username = 'congdan'): Promise<HttpClient> {
  const web = new HttpClient(base);
  await web.login(username);
  return web;
}

async function submitted(web: HttpClient): Promise<string> {
  return submitBirthRegistration(web);
}

/** Posts the pay form; the gateway's URL. */
async function startPay(web: HttpClient, code: string, bankCode = ''): Promise<string> {
  await web.get(`/ho-so-cua-toi/${code}/nop-phi`);
  const r = await web.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  assert.ok(r.location?.startsWith(`${sim.url}/paymentv2/vpcpay.html?`), String(r.location));
  return r.location!;
}

/** Opens the gateway's page and presses one of its buttons; the address the gateway sends the browser back to. */
async function atGateway(url: string, result: 'success' | 'fail' | 'cancel' | 'timeout', opts: { ipn?: 'before' | 'after' | 'none'; copies?: number; bank?: string } = {}): Promise<string> {
  const page = await fetch(url);
  const body = await page.text();
  assert.equal(page.status, 200, body);
  const token = /name="token" value="([^"]+)"/.exec(body)?.[1];
  assert.ok(token, 'the gateway page has its form');
  const done = await fetch(`${sim.url}/paymentv2/xu-ly`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, result, bank: opts.bank ?? 'NCB', ipn: opts.ipn ?? 'before', copies: String(opts.copies ?? 1) }).toString(),
  });
  assert.equal(done.status, 302);
  const location = done.headers.get('location')!;
  assert.ok(location.startsWith(`${base}/thanh-toan/vnpay/ket-qua?`), location);
  return location;
}

function local(url: string): string {
  return url.slice(base.length);
}

function txnRefOf(url: string): string {
  return new URL(url).searchParams.get('vnp_TxnRef')!;
}

async function payment(txnRef: string) {
  return db().selectFrom('payments').selectAll().where('txnRef', '=', txnRef).executeTakeFirstOrThrow();
}

async function events(txnRef: string) {
  const p = await payment(txnRef);
  return db().selectFrom('paymentEvents').selectAll().where('paymentId', '=', p.id).orderBy('id').execute();
}

async function audits(action: string, entityId: string): Promise<number> {
  const r = await db().selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).where('entityId', '=', entityId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function ipn(query: string): Promise<{ RspCode: string; Message: string }> {
  const res = await fetch(`${base}/api/v1/payments/vnpay/ipn?${query}`);
  assert.equal(res.status, 200);
  return (await res.json()) as { RspCode: string; Message: string };
}

/** A notification signed with the merchant's secret, as only the gateway could make it. */
function signedIpn(params: Record<string, string>): string {
  return signedQuery(sim.hashSecret, { vnp_TmnCode: sim.tmnCode, vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TransactionNo: '99999999', vnp_BankCode: 'NCB', vnp_PayDate: vnpDate(new Date()), ...params });
}

async function ipnLogOf(txnRef: string): Promise<{ attempt: number; body: { RspCode?: string } }[]> {
  const s = (await (await fetch(`${sim.url}/_state`)).json()) as { ipnLog: { txnRef: string; attempt: number; body: { RspCode?: string } }[] };
  return s.ipnLog.filter((l) => l.txnRef === txnRef);
}

test('a citizen sees the fee on the dossier page, pays at the gateway, the IPN records it and the return page and receipt show it', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const page = await web.get(`/ho-so-cua-toi/${code}`);
  assert.match(page.body, /Nộp phí trực tuyến/);
  assert.ok(page.body.includes(formatMoney(FEE)), 'the amount is shown before paying');
  const payPage = await web.get(`/ho-so-cua-toi/${code}/nop-phi`);
  assert.ok(payPage.body.includes('Phí cấp bản sao Giấy khai sinh'), 'the fee line is named');

  const url = await startPay(web, code, 'VNBANK');
  const sent = new URL(url).searchParams;
  assert.equal(sent.get('vnp_Amount'), String(FEE * 100));
  assert.equal(sent.get('vnp_Version'), '2.1.0');
  assert.equal(sent.get('vnp_BankCode'), 'VNBANK');
  assert.equal(sent.get('vnp_OrderInfo'), `Nop phi ho so ${code}`);
  const ref = txnRefOf(url);
  assert.equal((await payment(ref)).state, 'pending');

  const back = await atGateway(url, 'success', { ipn: 'before' });
  const p = await payment(ref);
  assert.equal(p.state, 'succeeded', 'the IPN recorded the payment before the browser came back');
  assert.equal(p.amount, FEE);
  assert.match(p.receiptNumber ?? '', /^BL\d{2}-\d{6}$/);
  assert.deepEqual((await ipnLogOf(ref)).map((l) => l.body.RspCode), ['00']);
  assert.deepEqual((await events(ref)).map((e) => [e.type, e.toState]), [['created', 'created'], ['redirected', 'pending'], ['ipn', 'succeeded']]);
  const d = await bo.dossier(code);
  assert.equal(d.feeAmount, FEE);
  assert.ok(d.feePaidAt);
  const notice = await db().selectFrom('notifications').select('title').where('subjectId', '=', code).where('title', 'like', 'Đã nhận phí%').execute();
  assert.ok(notice.length > 0, 'the applicant is told, through the outbox');

  const result = await web.get(local(back));
  assert.equal(result.status, 200);
  assert.match(result.body, /Nộp phí thành công/);
  assert.equal((await events(ref)).length, 3, 'the return page changed nothing');

  const again = await web.get(`/ho-so-cua-toi/${code}`);
  assert.match(again.body, /Tải biên lai điện tử số BL/);
  const second = await web.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode: '' });
  assert.equal(second.status, 409, 'a paid fee is not paid twice');

  const own = await bo.as('congdan');
  const pdf = await own.get(`/thanh-toan/${ref}/bien-lai.pdf`);
  assert.equal(pdf.statusCode, 200);
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).toString('utf8');
  assert.match(text, /BIÊN LAI THU PHÍ, LỆ PHÍ/);
  assert.ok(text.includes(p.receiptNumber!) && text.includes(code) && text.includes(ref));
  assert.ok(text.includes('16.000'), text);
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);

  const stranger = await citizen('doanhnghiep');
  const res = await stranger.get(`/thanh-toan/${ref}/bien-lai.pdf`);
  assert.equal(res.status, 404, "another applicant cannot fetch the receipt");
});

test('a failed, a cancelled and a timed-out attempt change nothing paid; the citizen retries with a new reference', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const outcomes = [
    ['fail', 'failed', /Thanh toán không thành công/],
    ['cancel', 'cancelled', /Bạn đã hủy thanh toán/],
    ['timeout', 'expired', /Hết thời gian thanh toán/],
  ] as const;
  const refs = new Set<string>();
  for (const [button, state, message] of outcomes) {
    const url = await startPay(web, code);
    const ref = txnRefOf(url);
    refs.add(ref);
    const back = await atGateway(url, button);
    assert.equal((await payment(ref)).state, state);
    const page = await web.get(local(back));
    assert.match(page.body, message);
    assert.match(page.body, /Thanh toán lại/);
  }
  assert.equal(refs.size, 3, 'each attempt has its own vnp_TxnRef');
  assert.equal((await bo.dossier(code)).feePaidAt, null);
  const ok = await atGateway(await startPay(web, code), 'success');
  assert.equal((await payment(txnRefOf(ok))).state, 'succeeded');
});

test('forged signatures, wrong amounts, unknown orders and another dossier\'s order are refused with VNPay\'s codes and logged', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const url = await startPay(web, code);
  const ref = txnRefOf(url);
  const orderInfo = `Nop phi ho so ${code}`;

  const genuine = signedIpn({ vnp_TxnRef: ref, vnp_Amount: String(FEE * 100), vnp_OrderInfo: orderInfo });
  const forged = genuine.replace(/vnp_SecureHash=([0-9a-f])/, (_m, c: string) => `vnp_SecureHash=${c === '0' ? '1' : '0'}`);
  assert.deepEqual(await ipn(forged), { RspCode: '97', Message: 'Invalid signature' });
  const tampered = genuine.replace(`vnp_Amount=${FEE * 100}`, 'vnp_Amount=100');
  assert.equal((await ipn(tampered)).RspCode, '97', 'a changed amount breaks the signature');

  assert.deepEqual(await ipn(signedIpn({ vnp_TxnRef: ref, vnp_Amount: '100', vnp_OrderInfo: orderInfo })), { RspCode: '04', Message: 'Invalid amount' });
  assert.deepEqual(await ipn(signedIpn({ vnp_TxnRef: 'MC000000000000000000', vnp_Amount: String(FEE * 100), vnp_OrderInfo: orderInfo })), { RspCode: '01', Message: 'Order not found' });
  assert.equal((await ipn(signedIpn({ vnp_TxnRef: ref, vnp_Amount: String(FEE * 100), vnp_OrderInfo: 'Nop phi ho so H37-000000-0001' }))).RspCode, '01', 'the order of another dossier');

  assert.equal((await payment(ref)).state, 'pending', 'nothing changed');
  assert.equal((await events(ref)).length, 2);
  const refusals = await db().selectFrom('auditLog').select(['reason', 'detail']).where('action', '=', 'payment.refused').where('entityId', '=', ref).execute();
  assert.deepEqual(refusals.map((r) => (r.detail as { rspCode: string }).rspCode).sort(), ['01', '04', '97', '97']);
  assert.equal(await audits('payment.refused', 'MC000000000000000000'), 1);

  // another citizen brings a genuine return address of this payment: not theirs
  const back = await atGateway(url, 'success');
  const stranger = await citizen('doanhnghiep');
  const seen = await stranger.get(local(back));
  assert.equal(seen.status, 404);
  assert.ok(!seen.body.includes(code));
  assert.ok((await audits('payment.refused', ref)) >= 5);
  const broken = await web.get(local(back).replace(/vnp_ResponseCode=00/, 'vnp_ResponseCode=24'));
  assert.equal(broken.status, 400, 'a return address with a broken signature is refused');
});

test('replayed and 1000 concurrent duplicate IPNs record the payment exactly once: one 00, 02 for the rest', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const url = await startPay(web, code);
  const ref = txnRefOf(url);
  const back = await atGateway(url, 'success', { copies: 1000 });
  const answers = (await ipnLogOf(ref)).map((l) => l.body.RspCode);
  assert.equal(answers.length, 1000);
  assert.equal(answers.filter((a) => a === '00').length, 1);
  assert.equal(answers.filter((a) => a === '02').length, 999);
  const evs = await events(ref);
  assert.equal(evs.filter((e) => e.toState === 'succeeded').length, 1);
  assert.equal(evs.length, 3);
  assert.equal(await audits('payment.succeeded', ref), 1);

  // the same signed result replayed later (its query is the return address's)
  const replay = await ipn(new URL(back).search.slice(1));
  assert.deepEqual(replay, { RspCode: '02', Message: 'Order already confirmed' });
  assert.equal((await events(ref)).length, 3);
});

test('when the IPN has not come, the return page asks querydr; an IPN after the return changes nothing more', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const url = await startPay(web, code);
  const ref = txnRefOf(url);
  const back = await atGateway(url, 'success', { ipn: 'none' });
  assert.equal((await payment(ref)).state, 'pending');
  const page = await web.get(local(back));
  assert.match(page.body, /Nộp phí thành công/);
  assert.deepEqual((await events(ref)).map((e) => [e.type, e.source, e.toState]).at(-1), ['querydr', 'querydr', 'succeeded']);
  assert.equal((await ipn(new URL(back).search.slice(1))).RspCode, '02');

  // and the other order: IPN after the redirect
  const url2 = await startPay(web, await submitted(web));
  const back2 = await atGateway(url2, 'success', { ipn: 'after' });
  await until(async () => (await payment(txnRefOf(url2))).state === 'succeeded', 15_000, 'the late IPN');
  assert.match((await web.get(local(back2))).body, /Nộp phí thành công/);
});

test('after vnp_ExpireDate the expiry job asks querydr: unfinished attempts expire, a payment whose IPN was lost is recorded', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const abandoned = await startPay(web, code);
  await (await fetch(abandoned)).text(); // the payer opened the gateway's page and left
  const ref = txnRefOf(abandoned);
  const p = await payment(ref);
  await expirePayment(pd, p.id, new Date(p.expiresAt.getTime() - 1000));
  assert.equal((await payment(ref)).state, 'pending', 'not before the gateway\'s deadline');
  await expirePayment(pd, p.id, new Date(p.expiresAt.getTime() + 60_000));
  assert.equal((await payment(ref)).state, 'expired');
  assert.deepEqual((await events(ref)).at(-1)?.detail, { querydr: '01' });

  const lost = await startPay(web, code);
  await atGateway(lost, 'success', { ipn: 'none' });
  const q = await payment(txnRefOf(lost));
  await expirePayment(pd, q.id, new Date(q.expiresAt.getTime() + 60_000));
  assert.equal((await payment(txnRefOf(lost))).state, 'succeeded', 'querydr decided');
});

test('a payment for a withdrawn dossier: no new attempt; money taken meanwhile is recorded, flagged and refunded in full by the leader', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const url = await startPay(web, code);
  const ref = txnRefOf(url);
  const d = await bo.dossier(code);
  await web.get('/ho-so-cua-toi');
  assert.equal((await web.post(`/ho-so-cua-toi/${code}/rut`, { version: String(d.version) })).status, 303);
  assert.equal((await bo.dossier(code)).state, 'WITHDRAWN');

  const refused = await web.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode: '' });
  assert.equal(refused.status, 409);
  assert.match(refused.body, /Hồ sơ đã kết thúc/);
  assert.equal(await audits('payment.refused', code), 1);

  await atGateway(url, 'success');
  const p = await payment(ref);
  assert.equal(p.state, 'succeeded', 'the gateway took the money: the ledger says so');
  assert.equal(p.refundDue, true);
  assert.equal((await bo.dossier(code)).feePaidAt, null);

  const leader = await bo.as('chutichxa');
  const list = await leader.get('/mot-cua/thanh-toan?can-hoan=1');
  assert.ok(list.body.includes(ref), 'offered to the leader');
  const desk = await bo.as('motcuaxa');
  await desk.get(`/mot-cua/thanh-toan/${ref}`);
  assert.equal((await desk.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: String(FEE), reason: 'Người nộp đã rút hồ sơ' })).statusCode, 403, 'only a leader approves');
  await leader.get(`/mot-cua/thanh-toan/${ref}`);
  const ok = await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: String(FEE), reason: 'Người nộp đã rút hồ sơ trước khi tiếp nhận' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  await until(async () => (await payment(ref)).state === 'refunded', 15_000, 'the refund job');
  const after = await payment(ref);
  assert.equal(after.refundedAmount, FEE);
  const refunds = await db().selectFrom('paymentRefunds').selectAll().where('paymentId', '=', p.id).execute();
  assert.deepEqual(refunds.map((r) => [r.kind, r.state, r.amount]), [['full', 'succeeded', FEE]]);
  assert.equal(await audits('payment.refund_approved', ref), 1);
});

test('refunds of a dossier refused at reception: partial, then the rest; never more than paid; none for a dossier still being handled', async () => {
  const web = await citizen();
  const code = await submitted(web);
  const ref = txnRefOf(await atGateway(await startPay(web, code), 'success'));
  const leader = await bo.as('chutichxa');
  await leader.get(`/mot-cua/thanh-toan/${ref}`);
  const early = await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: '1000', reason: 'Thử hoàn khi hồ sơ chưa bị từ chối' });
  assert.equal(early.statusCode, 409);
  assert.match(errorsOf(early.body), /Chỉ hoàn phí khi hồ sơ/);

  const desk = await bo.as('motcuaxa');
  const r = await bo.act(desk, code, 'rejectAtReception', { reasonCode: 'khong_tham_quyen', reasonExplanation: 'Trẻ sinh ra tại tỉnh khác, cha mẹ thường trú tại tỉnh khác.' });
  assert.equal(r.statusCode, 303, r.body.slice(0, 300));

  await leader.get(`/mot-cua/thanh-toan/${ref}`);
  const tooMuch = await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: '20000', reason: 'Hồ sơ bị từ chối tiếp nhận' });
  assert.equal(tooMuch.statusCode, 400);
  // errorsOf folds whitespace, the no-break space before ₫ included
  assert.ok(errorsOf(tooMuch.body).includes(`không được lớn hơn số đã nộp còn lại: ${formatMoney(FEE).replace(/\s/g, ' ')}`), errorsOf(tooMuch.body));
  const noReason = await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: '6000', reason: '' });
  assert.match(errorsOf(noReason.body), /Nhập lý do hoàn phí/);

  assert.equal((await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: '6000', reason: 'Hoàn phần phí bản sao chưa cấp' })).statusCode, 303);
  await until(async () => (await payment(ref)).state === 'partly_refunded', 15_000, 'the partial refund');
  await leader.get(`/mot-cua/thanh-toan/${ref}`);
  const over = await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: '10001', reason: 'Hoàn phần còn lại của phí' });
  assert.equal(over.statusCode, 400);
  assert.ok(errorsOf(over.body).includes(formatMoney(10_000).replace(/\s/g, ' ')), errorsOf(over.body));
  assert.equal((await leader.post(`/mot-cua/thanh-toan/${ref}/hoan-phi`, { amount: '10000', reason: 'Hoàn phần còn lại của phí' })).statusCode, 303);
  await until(async () => (await payment(ref)).state === 'refunded', 15_000, 'the second refund');
  assert.equal((await payment(ref)).refundedAmount, FEE);
  assert.deepEqual((await events(ref)).filter((e) => e.type === 'refunded').map((e) => e.toState), ['partly_refunded', 'refunded']);
});

test('the daily reconciliation matches the ledger with the gateway and reports a planted difference', async () => {
  const day = localDate(new Date());
  const clean = await reconcile(pd, day);
  assert.deepEqual(clean.differences, [], 'everything paid and refunded today matches');
  await fetch(`${sim.url}/_plant`, {
    method: 'POST',
    body: JSON.stringify({ vnp_TxnRef: 'MC999999999999999999', vnp_TransactionNo: '77777777', vnp_TransactionType: '01', vnp_Amount: '5000000', vnp_TransactionStatus: '00', vnp_ResponseCode: '00', vnp_PayDate: vnpDate(new Date()), vnp_BankCode: 'NCB', vnp_OrderInfo: 'Khong ro' }),
  });
  const found = await reconcile(pd, day);
  assert.deepEqual(
    found.differences.map((d) => [d.kind, d.txnRef, d.gatewayAmount, d.ledgerAmount]),
    [['missing_in_ledger', 'MC999999999999999999', 50_000, null]],
  );
  const leader = await bo.as('chutichxa');
  const page = await leader.get('/mot-cua/doi-soat');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('MC999999999999999999') && page.body.includes('1 chênh lệch'));
});
