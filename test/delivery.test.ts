// Results by the public postal service end to end: the real app listening on a port, the real
// HTTP adapter (integrations/postal/postal-http.ts), and the postal service simulator as its own
// process (simulators/postal-service.ts) sending signed status webhooks back to the app. The
// citizen chooses delivery by post and sees the postage, the dossier goes through the back
// office to RESULT_READY, the desk returns it by post, the outbox job places the order, the
// simulator moves it on and the timeline shows each step. Forged, stale, replayed and late
// webhooks change nothing; a retried job never orders twice.
import assert from 'node:assert/strict';
import { GENERAL_REQUEST_ANSWERS } from './helpers/submit-flow';
import { after, before, describe, test } from 'node:test';
import { signWebhook } from '../src/integrations/postal/port';
import { deliveryDeps, postageFor, startDeliveryWorker, type DeliveryDeps } from '../src/modules/delivery';
import { chooseDelivery, deliveryStep, PostalNotOffered } from '../src/modules/delivery/service';
import { formatMoney } from '../src/platform/format';
import type { Actor } from '../src/platform/http/context';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import type { Client } from './helpers/client';
import { samplePdf } from './helpers/files';
import { freePort, startPostalSimulator, until, type Simulator, postalEnv } from './helpers/simulators';

let t: TestApp;
let base: string;
let sim: Simulator & { apiKey: string; secret: string; webhookSecret: string };
let dd: DeliveryDeps;
const { as, submitted, dossier, resultReady } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  sim = await startPostalSimulator(`${base}/api/v1/postal/webhook`);
  t = await startTestApp({
    PUBLIC_URL: base,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '10000',
    ...postalEnv(sim),
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  dd = deliveryDeps({ config: t.config, db: db(), jobs: t.jobs });
  await startDeliveryWorker(dd, { pollingIntervalSeconds: 0.5 });
});
after(async () => {
  await t.close();
  await sim.stop();
});

// ---- the simulator ----
interface SimState {
  shipments: { trackingNumber: string; idempotencyKey: string; reference: string; status: string; fee: number }[];
  ordersReceived: number;
  rejected: number;
  webhooks: { eventId: string; trackingNumber: string; status: string; answer: number | string; body: string; timestamp: string; signature: string }[];
  pendingWebhooks: number;
}
async function simState(): Promise<SimState> {
  return (await fetch(`${sim.url}/__sim/state`)).json() as Promise<SimState>;
}
async function simPost(path: string, body: unknown = {}): Promise<Response> {
  return fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

// ---- the app's side ----
async function shipmentOf(code: string) {
  const d = await dossier(code);
  return db().selectFrom('shipments').selectAll().where('dossierId', '=', d.id).where('direction', '=', 'outbound').executeTakeFirst();
}
async function untilState(code: string, state: string): Promise<void> {
  await until(async () => (await shipmentOf(code))?.state === state, 20_000, `shipment of ${code} ${state}`);
}
async function counts(code: string) {
  const d = await dossier(code);
  const s = await shipmentOf(code);
  const events = s ? await db().selectFrom('shipmentEvents').select((eb) => eb.fn.countAll().as('n')).where('shipmentId', '=', s.id).executeTakeFirstOrThrow() : { n: 0 };
  const timeline = await db().selectFrom('dossierEvents').select((eb) => eb.fn.countAll().as('n')).where('dossierId', '=', d.id).executeTakeFirstOrThrow();
  return { state: s?.state, events: Number(events.n), timeline: Number(timeline.n), tracking: s?.trackingNumber };
}
async function webhook(body: string, opts: { secret?: string; timestamp?: string; signature?: string } = {}) {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? signWebhook(opts.secret ?? sim.webhookSecret, timestamp, body);
  return fetch(`${base}/api/v1/postal/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature }, body });
}

const ADDRESS = { province: 'ubnd-tinh', commune: 'p-luong-van-tri', detail: 'Số 12 đường Bà Triệu, khối 4', recipient: 'Nguyễn Văn An', phone: '0912 345 678' };

/** The citizen chooses delivery by post on their dossier's page; the page then shows the postage. */
async function choosePost(code: string): Promise<Client> {
  const citizen = await as('congdan');
  const page = await citizen.get(`/ho-so-cua-toi/${code}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Đăng ký nhận kết quả qua bưu chính/);
  const form = await citizen.get(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`);
  assert.match(form.body, /phường Lương Văn Tri/, 'the communes come from the organisation data');
  const r = await citizen.post(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`, ADDRESS);
  assert.equal(r.statusCode, 303, errorsOf(r.body));
  const after = await citizen.get(`/ho-so-cua-toi/${code}`);
  assert.match(after.body, /Cước phí bưu chính/);
  // nội tỉnh, up to 100 g, on the simulator's table
  assert.ok(after.body.includes(formatMoney(13_000)), 'the postage quoted by the postal service is shown');
  assert.match(after.body, /Số 12 đường Bà Triệu, khối 4, phường Lương Văn Tri, tỉnh Lạng Sơn/);
  return citizen;
}

/** The desk returns the result by post from the dossier's postal page, as its button does. */
async function deliverByPost(code: string) {
  const desk = await as('motcuaxa');
  const page = await desk.get(`/mot-cua/ho-so/${code}/buu-chinh`);
  assert.equal(page.statusCode, 200);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? String((await dossier(code)).version);
  return desk.post(`/mot-cua/ho-so/${code}/thao-tac`, { _action: 'deliver', channel: 'post', version });
}

describe('a result returned by post', () => {
  let code: string;

  test('officer delivers by post → job → order at the postal service → tracking number → delivered, each step on the timeline', async () => {
    code = await submitted();
    await choosePost(code);
    await resultReady(code);
    const r = await deliverByPost(code);
    assert.equal(r.statusCode, 303, errorsOf(r.body));
    const d = await dossier(code);
    assert.equal(d.state, 'DELIVERED');
    assert.equal((d.delivery as { channel: string }).channel, 'post');

    await untilState(code, 'accepted');
    const s = (await shipmentOf(code))!;
    assert.match(s.trackingNumber ?? '', /^EB\d{9}VN$/);
    assert.equal(s.postage, 13_000);
    assert.equal(s.idempotencyKey, d.id, "the order's idempotency key is the dossier's id");
    const order = (await simState()).shipments.filter((x) => x.idempotencyKey === d.id);
    assert.equal(order.length, 1);
    assert.equal(order[0]!.trackingNumber, s.trackingNumber);
    assert.equal(order[0]!.reference, code);

    for (const next of ['picked_up', 'in_transit', 'out_for_delivery', 'delivered']) {
      assert.equal((await simPost(`/__sim/shipments/${s.trackingNumber}/advance`)).status, 200);
      await untilState(code, next);
    }
    await until(async () => (await simState()).pendingWebhooks === 0, 10_000, 'webhooks sent');
    const sent = (await simState()).webhooks.filter((w) => w.trackingNumber === s.trackingNumber);
    assert.deepEqual([...new Set(sent.map((w) => w.status))], ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered']);
    assert.ok(sent.every((w) => w.answer === 200), 'every signed webhook was accepted');

    // the public tracking page and the applicant's page show the shipment's progress in Vietnamese
    const tracking = await (await as('doanhnghiep')).get(`/tra-cuu-ho-so?ma=${code}`);
    for (const line of ['Đã trả kết quả qua bưu chính', `Bưu điện đã nhận bưu gửi kết quả (số hiệu bưu gửi ${s.trackingNumber})`, 'Đang vận chuyển kết quả', 'Bưu tá đang phát kết quả', 'Đã phát thành công kết quả cho người nhận']) {
      assert.ok(tracking.body.includes(line), `tracking page shows “${line}”`);
    }
    assert.doesNotMatch(tracking.body, /Bà Triệu/, 'the address is not public');
    const mine = await (await as('congdan')).get(`/ho-so-cua-toi/${code}`);
    assert.match(mine.body, /Đã phát thành công/);
    assert.ok(mine.body.includes(s.trackingNumber!));
    // the postage the payments module adds to what the applicant pays
    assert.equal(await postageFor(dd, d.id), 13_000);
  });

  test('a replayed webhook changes nothing; a late, out-of-order status is kept but does not move the shipment back', async () => {
    const before = await counts(code);
    const delivered = (await simState()).webhooks.find((w) => w.trackingNumber === before.tracking && w.status === 'delivered' && w.answer === 200)!;
    // the very bytes and headers the postal service sent, again (within the replay window)
    const replay = await webhook(delivered.body, { timestamp: delivered.timestamp, signature: delivered.signature });
    assert.equal(replay.status, 200);
    assert.equal(((await replay.json()) as { duplicate?: boolean }).duplicate, true);
    assert.deepEqual(await counts(code), before);

    const d = await dossier(code);
    const late = JSON.stringify({ eventId: 'late-1', trackingNumber: before.tracking, idempotencyKey: d.id, status: 'in_transit', at: new Date(Date.now() - 3600_000).toISOString() });
    const answer = await webhook(late);
    assert.equal(answer.status, 200);
    const after = await counts(code);
    assert.equal(after.state, 'delivered', 'not moved back');
    assert.equal(after.events, before.events + 1, 'the late status is recorded');
    assert.equal(after.timeline, before.timeline, 'and not put on the timeline');
    const desk = await (await as('motcuaxa')).get(`/mot-cua/ho-so/${code}/buu-chinh`);
    assert.match(desk.body, /báo muộn hoặc trùng, không thay đổi tình trạng/);
  });

  test('a webhook with a bad signature, or signed too long ago, is refused with 401, logged, and changes nothing', async () => {
    const before = await counts(code);
    const d = await dossier(code);
    const refusedBefore = await db().selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'postal.webhook_refused').executeTakeFirstOrThrow();
    const forged = JSON.stringify({ eventId: 'forged-1', trackingNumber: before.tracking, idempotencyKey: d.id, status: 'returned', at: new Date().toISOString(), reason: 'Giả mạo' });
    const bad = await webhook(forged, { secret: 'khong-phai-bi-mat-cua-buu-dien' });
    assert.equal(bad.status, 401);
    const missing = await fetch(`${base}/api/v1/postal/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged });
    assert.equal(missing.status, 401);
    // a correctly signed message from ten minutes ago: outside the replay window
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    assert.equal((await webhook(forged, { timestamp: stale })).status, 401);
    assert.deepEqual(await counts(code), before);
    const refused = await db().selectFrom('auditLog').selectAll().where('action', '=', 'postal.webhook_refused').orderBy('seq').execute();
    assert.equal(refused.length, Number(refusedBefore.n) + 3);
    assert.equal(refused.at(-3)!.entityId, before.tracking);
    assert.match(refused.at(-3)!.reason ?? '', /Chữ ký/);
    assert.match(refused.at(-1)!.reason ?? '', /lệch quá 300 giây/);
  });
});

test('a returned shipment: the timeline says why, the desk sees it with its reason, the applicant is told', async () => {
  const code = await submitted();
  await resultReady(code);
  await choosePost(code);
  assert.equal((await deliverByPost(code)).statusCode, 303);
  await untilState(code, 'accepted');
  const no = (await shipmentOf(code))!.trackingNumber!;
  assert.equal((await simPost(`/__sim/shipments/${no}/advance`)).status, 200);
  assert.equal((await simPost(`/__sim/shipments/${no}/advance`)).status, 200);
  const reason = 'Người nhận không có mặt tại địa chỉ, đã phát 3 lần';
  assert.equal((await simPost(`/__sim/shipments/${no}/return`, { reason })).status, 200);
  await untilState(code, 'returned');
  assert.equal((await shipmentOf(code))!.returnReason, reason);

  const tracking = await (await as('doanhnghiep')).get(`/tra-cuu-ho-so?ma=${code}`);
  assert.ok(tracking.body.includes(`Chuyển hoàn: ${reason}`));
  const desk = await as('motcuaxa');
  const list = await desk.get('/mot-cua/buu-chinh?chuyen-hoan=1');
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(code));
  assert.ok(list.body.includes(`Lý do: ${reason}`));
  const all = await desk.get('/mot-cua/buu-chinh');
  const first = /\/mot-cua\/ho-so\/([^/"]+)\/buu-chinh/.exec(all.body)?.[1];
  assert.equal(decodeURIComponent(first ?? ''), code, 'returned shipments come first');
  const page = await desk.get(`/mot-cua/ho-so/${code}/buu-chinh`);
  assert.ok(page.body.includes(reason));
  // another unit's officer does not see the dossier's shipments
  assert.equal((await (await as('chuyenvien')).get(`/mot-cua/ho-so/${code}/buu-chinh`)).statusCode, 404);
  const told = await db().selectFrom('notifications').select('title').where('subjectId', '=', code).execute();
  assert.ok(told.some((n) => /bị bưu điện chuyển hoàn/.test(n.title)));
});

test('the job retried after the postal service answered 500 once does not create a second order', async () => {
  const code = await submitted();
  await resultReady(code);
  // without the applicant's address the desk cannot return by post: refused, named, nothing changes
  const early = await deliverByPost(code);
  assert.equal(early.statusCode, 400);
  assert.match(errorsOf(early.body), /chưa đăng ký nhận kết quả qua bưu chính/);
  assert.equal((await dossier(code)).state, 'RESULT_READY');
  assert.equal(await shipmentOf(code), undefined);

  await choosePost(code);
  // the order is made, but the answer is lost (500): the job fails and pg-boss runs it again
  await simPost('/__sim/faults', { failNextOrders: 1, when: 'after' });
  assert.equal((await deliverByPost(code)).statusCode, 303);
  // the simulator's "accepted" webhook for the order it made may well arrive before the retry
  await until(async () => {
    const s = await shipmentOf(code);
    return s?.attempts === 2 && s.lastError === null;
  }, 30_000, 'the retried job done');
  const d = await dossier(code);
  const s = (await shipmentOf(code))!;
  assert.equal(s.state, 'accepted');
  const orders = (await simState()).shipments.filter((x) => x.idempotencyKey === d.id);
  assert.equal(orders.length, 1, 'exactly one order at the postal service');
  assert.equal(orders[0]!.trackingNumber, s.trackingNumber);
  const audit = await db().selectFrom('auditLog').select('detail').where('action', '=', 'shipment.ordered').where('entityId', '=', code).execute();
  assert.equal(audit.length, 1);
  assert.equal((audit[0]!.detail as { duplicate: boolean }).duplicate, true, 'the second attempt got the first order back');
  // the "accepted" line is written once, whether the webhook or the job got there first
  const lines = await db().selectFrom('dossierEvents').select('publicNote').where('dossierId', '=', d.id).where('type', '=', 'shipment_accepted').execute();
  assert.equal(lines.length, 1);
});

test('a bad address is refused with Vietnamese messages naming the fields, and nothing is stored', async () => {
  const code = await submitted();
  const citizen = await as('congdan');
  await citizen.get(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`);
  const r = await citizen.post(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`, { province: 'tinh-khac', commune: '', detail: 'x', recipient: '', phone: '12345' });
  assert.equal(r.statusCode, 400);
  const errors = errorsOf(r.body);
  for (const m of [/Tỉnh, thành phố: chọn trong danh sách/, /Xã, phường: chọn xã, phường nơi nhận kết quả/, /Địa chỉ chi tiết: nhập số nhà/, /Người nhận: nhập họ và tên/, /Số điện thoại người nhận: nhập số di động 10 chữ số/]) assert.match(errors, m);
  assert.match(r.body, /href="#f-commune"/, 'each message links to its field');
  assert.equal((await db().selectFrom('dossiers').select('deliveryAddress').where('code', '=', code).executeTakeFirstOrThrow()).deliveryAddress, null);
  // a stranger cannot choose for someone else's dossier
  const stranger = await as('doanhnghiep');
  await stranger.get('/ho-so-cua-toi');
  assert.equal((await stranger.post(`/ho-so-cua-toi/${code}/nhan-qua-buu-chinh`, ADDRESS)).statusCode, 404);
});

test('without a postal service configured, results by post are not offered', async () => {
  const code = await submitted();
  const d = await dossier(code);
  const actor: Actor = { id: d.applicantId!, username: 'congdan', fullName: d.applicantName, role: 'citizen', unitId: null, ip: '127.0.0.1' };
  const off = { ...dd, postal: undefined, webhookSecret: undefined };
  assert.equal((await deliveryStep(off, actor, code)).offered, false);
  await assert.rejects(chooseDelivery(off, actor, code, ADDRESS), PostalNotOffered);
});

test('papers received by post: the desk records the tracking number on the dossier, checked, once', async () => {
  // the desk enters a dossier that came by post (as in counter-entry.test.ts), on a procedure with no e-form
  const desk = await as('motcuaxa');
  const entry = await desk.get('/mot-cua/tiep-nhan/nhap-ho-so');
  const offered = [...entry.body.matchAll(/<option value="(\d\.\d{6})"/g)].map((m) => m[1]!);
  const withForm = new Set((await db().selectFrom('formDefinitions').select('procedureCode').execute()).map((r) => r.procedureCode));
  const procedureCode = offered.find((c) => !withForm.has(c))!;
  const start = await desk.post('/mot-cua/tiep-nhan/nhap-ho-so', { procedureCode, channel: 'post', name: 'Hà Thị Năm', phone: '0987654321' });
  assert.equal(start.statusCode, 303, errorsOf(start.body));
  const path = start.headers.location as string;
  await desk.get(path);
  const deskUnit = await db().selectFrom('units').select('id').where('code', '=', 'p-luong-van-tri').executeTakeFirstOrThrow();
  const filled = await desk.post(path, {
    ...GENERAL_REQUEST_ANSWERS,
    receivingUnitId: deskUnit.id,
    _action: 'continue',
  });
  assert.equal(filled.statusCode, 303, errorsOf(filled.body));
  const draftId = path.split('/').pop()!;
  const procedure = await db().selectFrom('procedures').select('record').where('code', '=', procedureCode).executeTakeFirstOrThrow();
  for (const [i, c] of (procedure.record as { components: { required: boolean }[] }).components.entries()) {
    if (!c.required) continue;
    await desk.get(`/nop-ho-so/ho-so-nhap/${draftId}/tep`);
    const body = new FormData();
    body.append('_csrf', desk.lastCsrf ?? '');
    body.append('componentIndex', String(i));
    body.append('files', new Blob([samplePdf(`Giay to ${i}`)]), `giay-to-${i}.pdf`);
    assert.equal((await desk.postMultipart(`/ho-so-nhap/${draftId}/tep`, body)).statusCode, 303);
  }
  await desk.get(`${path}/tep`);
  assert.equal((await desk.post(`${path}/tep/tiep-tuc`, {})).statusCode, 303);
  const review = await desk.get(`${path}/kiem-tra`);
  const done = await desk.post(`${path}/nop`, { key: /name="key" value="([^"]+)"/.exec(review.body)![1]! });
  assert.equal(done.statusCode, 303);
  const code = decodeURIComponent(/^\/mot-cua\/ho-so\/(.+)$/.exec(done.headers.location as string)![1]!);
  assert.equal((await dossier(code)).channel, 'post');

  const page = await desk.get(`/mot-cua/ho-so/${code}/buu-chinh`);
  assert.match(page.body, /Số hiệu bưu gửi trên phong bì/);
  const typo = await desk.post(`/mot-cua/ho-so/${code}/buu-chinh/nhan-den`, { trackingNumber: 'EB123456786VN' });
  assert.equal(typo.statusCode, 400);
  assert.match(errorsOf(typo.body), /Số hiệu bưu gửi: chữ số kiểm tra không đúng/);
  const short = await desk.post(`/mot-cua/ho-so/${code}/buu-chinh/nhan-den`, { trackingNumber: 'EB1234' });
  assert.match(errorsOf(short.body), /Số hiệu bưu gửi: gồm 13 ký tự/);
  const ok = await desk.post(`/mot-cua/ho-so/${code}/buu-chinh/nhan-den`, { trackingNumber: 'eb 123 456 785 vn' });
  assert.equal(ok.statusCode, 303, errorsOf(ok.body));
  const inbound = await db().selectFrom('shipments').selectAll().where('dossierId', '=', (await dossier(code)).id).where('direction', '=', 'inbound').executeTakeFirstOrThrow();
  assert.equal(inbound.trackingNumber, 'EB123456785VN');
  const again = await desk.post(`/mot-cua/ho-so/${code}/buu-chinh/nhan-den`, { trackingNumber: 'RR473124829GB' });
  assert.equal(again.statusCode, 400);
  assert.match(errorsOf(again.body), /đã có số hiệu bưu gửi nhận đến/);
  const tracking = await (await as('doanhnghiep')).get(`/tra-cuu-ho-so?ma=${code}`);
  assert.ok(tracking.body.includes('Bộ phận một cửa đã nhận hồ sơ giấy gửi qua bưu chính (số hiệu bưu gửi EB123456785VN).'));
});
