// Postage paid online (issue 10): the postage of a result going by post is paid with the fee
// when the applicant chose the post before paying; chosen after the fee was paid, it is a second
// payment of its own, for the postage only, through the same state machine, and the desk cannot
// post the result until it is paid. The real app listening on a port, the real VNPay and postal
// adapters, and both simulators as their own processes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deliveryDeps, startDeliveryWorker } from '../src/modules/delivery';
import { gatewayFor, paymentDeps, startPaymentWorker } from '../src/modules/payments';
import { formatMoney } from '../src/platform/format';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import { HttpClient } from './helpers/http-client';
import { freePort, startPostalSimulator, startVnpaySimulator, until, vnpayEnv, postalEnv } from './helpers/simulators';
import { KHAI_SINH_ANSWERS, submitBirthRegistration } from './helpers/submit-flow';

let t: TestApp;
let base: string;
let vnpay: Awaited<ReturnType<typeof startVnpaySimulator>>;
let postal: Awaited<ReturnType<typeof startPostalSimulator>>;
const bo = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;
// two copies of the birth certificate: 2 × 8.000 ₫; the postage within the province, up to 100 g: 13.000 ₫
Object.assign(KHAI_SINH_ANSWERS, { banSao: 'true', soBanSao: '2' });
const FEE = 16_000;
const POSTAGE = 13_000;
const ADDRESS = { province: 'ubnd-tinh', commune: 'p-luong-van-tri', detail: 'Số 12 đường Bà Triệu, khối 4', recipient: 'Nguyễn Văn An', phone: '0912 345 678' };

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  [vnpay, postal] = await Promise.all([startVnpaySimulator({ IPN_RETRY_MS: '200', IPN_MAX_RETRIES: '2' }), startPostalSimulator(`${base}/api/v1/postal/webhook`)]);
  t = await startTestApp({
    PUBLIC_URL: base,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...vnpayEnv(vnpay),
    ...postalEnv(postal),
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  await fetch(`${vnpay.url}/_config`, { method: 'POST', body: JSON.stringify({ ipnUrl: `${base}/api/v1/payments/vnpay/ipn` }) });
  await startPaymentWorker(paymentDeps({ config: t.config, db: db(), jobs: t.jobs }, gatewayFor(t.config)));
  await startDeliveryWorker(deliveryDeps({ config: t.config, db: db(), jobs: t.jobs }), { pollingIntervalSeconds: 0.5 });
});
after(async () => {
  await t.close();
  await Promise.all([vnpay.stop(), postal.stop()]);
});

async function citizen(): Promise<HttpClient> {
  const web = new HttpClient(base);
  await web.login('congdan');
  return web;
}

/** Posts the pay form and pays at the simulator's page ("success", the IPN first); the payment's reference and what was asked. */
async function pay(web: HttpClient, code: string): Promise<{ ref: string; amount: number; orderInfo: string }> {
  await web.get(`/ho-so-cua-toi/${code}/nop-phi`);
  const r = await web.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode: '' });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  const url = r.location!;
  assert.ok(url.startsWith(`${vnpay.url}/paymentv2/vpcpay.html?`), url);
  const page = await (await fetch(url)).text();
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the gateway page has its form');
  const done = await fetch(`${vnpay.url}/paymentv2/xu-ly`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, result: 'success', bank: 'NCB', ipn: 'before', copies: '1' }).toString(),
  });
  assert.equal(done.status, 302);
  const back = await web.get(done.headers.get('location')!.slice(base.length));
  assert.match(back.body, /Nộp phí thành công/);
  const sent = new URL(url).searchParams;
  return { ref: sent.get('vnp_TxnRef')!, amount: Number(sent.get('vnp_Amount')) / 100, orderInfo: sent.get('vnp_OrderInfo')! };
}

async function payment(txnRef: string) {
  return db().selectFrom('payments').selectAll().where('txnRef', '=', txnRef).executeTakeFirstOrThrow();
}

async function choosePost(web: HttpClient, code: string): Promise<void> {
  await web.get(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`);
  const r = await web.post(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`, ADDRESS);
  assert.equal(r.status, 303, errorsOf(r.body));
}

async function deliverByPost(code: string) {
  return bo.act(await bo.as('motcuaxa'), code, 'deliver', { channel: 'post' });
}

async function outbound(code: string) {
  const d = await bo.dossier(code);
  return db().selectFrom('shipments').selectAll().where('dossierId', '=', d.id).where('direction', '=', 'outbound').executeTakeFirst();
}

test('post chosen before paying: one payment of the fee and the postage, and the desk may post the result', async () => {
  const web = await citizen();
  const code = await submitBirthRegistration(web);
  await choosePost(web, code);
  const page = await web.get(`/ho-so-cua-toi/${code}/nop-phi`);
  assert.ok(page.body.includes(formatMoney(FEE + POSTAGE)), 'the pay page shows the fee and the postage together');
  assert.match(page.body, /Cước phí bưu chính/);

  const paid = await pay(web, code);
  assert.equal(paid.amount, FEE + POSTAGE, 'the gateway is asked for the fee and the postage');
  const p = await payment(paid.ref);
  assert.deepEqual([p.state, p.amount, p.purpose, p.postage, p.refundDue], ['succeeded', FEE + POSTAGE, 'fee', POSTAGE, false]);
  assert.equal((await bo.dossier(code)).feeAmount, FEE, 'the dossier keeps the fee alone');
  const again = await web.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode: '' });
  assert.equal(again.status, 409, 'nothing more is due');

  await bo.resultReady(code);
  const r = await deliverByPost(code);
  assert.equal(r.statusCode, 303, errorsOf(r.body));
  await until(async () => (await outbound(code))?.state === 'accepted', 20_000, 'the order placed at the postal service');
});

test('post chosen after the fee was paid: a second payment for the postage only, and the desk cannot post the result until it is paid', async () => {
  const web = await citizen();
  const code = await submitBirthRegistration(web);
  const fee = await pay(web, code);
  assert.equal(fee.amount, FEE);
  assert.equal((await payment(fee.ref)).postage, 0);

  await choosePost(web, code);
  const mine = await web.get(`/ho-so-cua-toi/${code}`);
  assert.match(mine.body, /Nộp cước phí bưu chính trực tuyến/, 'the dossier page asks for the postage');
  assert.match(mine.body, new RegExp(`Số tiền phải nộp: <strong>${formatMoney(POSTAGE)}</strong>`));
  assert.match(mine.body, /Tải biên lai điện tử số BL/, 'and still shows the fee paid, with its receipt');

  await bo.resultReady(code);
  const refused = await deliverByPost(code);
  assert.equal(refused.statusCode, 400);
  assert.match(errorsOf(refused.body), /chưa nộp cước phí bưu chính \(còn thiếu 13\.000\s₫\)/);
  assert.equal((await bo.dossier(code)).state, 'RESULT_READY', 'the result is not posted');
  assert.equal(await outbound(code), undefined, 'no order is placed');

  const postage = await pay(web, code);
  assert.equal(postage.amount, POSTAGE, 'the gateway is asked for the postage alone');
  assert.equal(postage.orderInfo, `Nop cuoc buu chinh ho so ${code}`);
  const p = await payment(postage.ref);
  assert.deepEqual([p.state, p.amount, p.purpose, p.postage, p.refundDue], ['succeeded', POSTAGE, 'postage', POSTAGE, false], 'not taken for a second payment of the fee');
  assert.match(p.receiptNumber ?? '', /^BL\d{2}-\d{6}$/);
  const types = await db().selectFrom('paymentEvents').select('type').where('paymentId', '=', p.id).orderBy('id').execute();
  assert.deepEqual(types.map((e) => e.type), ['created', 'redirected', 'ipn'], 'through the same state machine');
  const after = await web.get(`/ho-so-cua-toi/${code}`);
  assert.equal(after.body.match(/Tải biên lai điện tử số BL/g)?.length, 2, 'both receipts on the dossier page');
  assert.doesNotMatch(after.body, /Nộp cước phí bưu chính trực tuyến/);
  assert.equal((await web.post(`/ho-so-cua-toi/${code}/nop-phi`, { bankCode: '' })).status, 409, 'nothing more is due');

  const posted = await deliverByPost(code);
  assert.equal(posted.statusCode, 303, errorsOf(posted.body));
  assert.equal((await bo.dossier(code)).state, 'DELIVERED');
  await until(async () => (await outbound(code))?.state === 'accepted', 20_000, 'the order placed at the postal service');
});
