// The online level follows from the procedure's configuration (issue 10, item 5), over HTTP: an
// administrator cannot claim toàn trình that the configuration does not support (the error names
// the field and why), the level saved and published is the one the configuration supports, and
// the public page and the editor say why a procedure is not toàn trình.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { blankProcedure } from '../src/modules/catalogue';
import { startTestApp, type TestApp } from './helpers/app';
import { Client } from './helpers/client';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  admin = new Client(t.app);
  await admin.login('quantri');
});
after(() => t.close());

function record(code: string, over: Record<string, unknown>) {
  return {
    ...blankProcedure(),
    code,
    name: 'Thủ tục thử nghiệm xác nhận tình trạng',
    field: { code: 'ho-tich', name: 'Hộ tịch' },
    steps: ['Nộp hồ sơ', 'Nhận kết quả'],
    results: ['Giấy xác nhận'],
    legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
    agencies: { competent: [{ unitCode: 'so-tu-phap' }], authorised: [], cooperating: [] },
    channels: [{ kind: 'truc_tuyen', description: 'Nộp trực tuyến trên Cổng Dịch vụ công' }],
    components: [{ code: 'TP1', name: 'Tờ khai', form: 'ban_chinh', quantity: 1, required: true }],
    fees: [{ type: 'fixed', kind: 'le_phi', label: 'Lệ phí', setByProvince: false, amount: 20_000 }],
    legacyLevel: 4,
    requiresPresence: false,
    requiresSiteInspection: false,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    ...over,
  };
}

async function stored(code: string) {
  return t.database.db.selectFrom('procedures').select(['onlineLevel', 'status']).where('code', '=', code).executeTakeFirst();
}

test('claiming toàn trình for a procedure that needs the applicant in person is refused, naming the field and the reason', async () => {
  await admin.get('/quan-tri/thu-tuc/moi');
  const res = await admin.post('/quan-tri/thu-tuc/moi', { record: JSON.stringify(record('9.002401', { onlineLevel: 'toan_trinh', requiresPresence: true, ineligibleReason: 'Phải đối chiếu bản chính' })) });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /onlineLevel: Mức độ trực tuyến: không ghi toàn trình được vì người yêu cầu phải có mặt trực tiếp/);
  assert.equal(await stored('9.002401'), undefined, 'nothing saved');
  // the editor shows what the configuration supports, and why
  assert.match(res.body, /Mức độ trực tuyến theo cấu hình:[\s\S]*Một phần/);
  assert.match(res.body, /Chưa đủ điều kiện toàn trình vì:[\s\S]*Người yêu cầu phải có mặt trực tiếp/);
});

test('the level follows the configuration when saved: toàn trình when the four conditions hold, một phần with its reasons on the public page', async () => {
  await admin.get('/quan-tri/thu-tuc/moi');
  const full = await admin.post('/quan-tri/thu-tuc/moi', { record: JSON.stringify(record('9.002402', { onlineLevel: 'toan_trinh' })) });
  assert.equal(full.statusCode, 303, full.body.slice(0, 1500));
  assert.equal((await stored('9.002402'))?.onlineLevel, 'toan_trinh');

  await admin.get('/quan-tri/thu-tuc/moi');
  const part = await admin.post('/quan-tri/thu-tuc/moi', {
    record: JSON.stringify(record('9.002403', { onlineLevel: 'mot_phan', requiresSiteInspection: true, feePayableOnline: false, ineligibleReason: 'Phải kiểm tra thực tế nơi cư trú' })),
  });
  assert.equal(part.statusCode, 303, part.body.slice(0, 1500));
  assert.equal((await stored('9.002403'))?.onlineLevel, 'mot_phan');
  await admin.get('/quan-tri/thu-tuc/9.002403');
  assert.equal((await admin.post('/quan-tri/thu-tuc/9.002403/cong-bo', {})).statusCode, 303);
  const page = await t.app.inject({ url: '/thu-tuc/9.002403' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Chưa thực hiện toàn trình vì:/);
  assert.match(page.body, /Phải kiểm tra, xác minh thực địa/);
  assert.match(page.body, /Phí, lệ phí chưa nộp trực tuyến được/);
  const fullPage = await t.app.inject({ url: '/thu-tuc/9.002402' });
  assert.equal(fullPage.statusCode, 404, 'still a draft');
});

test('changing the configuration so that it no longer supports toàn trình is refused until the level is changed too', async () => {
  const edit = await admin.get('/quan-tri/thu-tuc/9.002402');
  const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
  const res = await admin.post('/quan-tri/thu-tuc/9.002402', { record: JSON.stringify(record('9.002402', { onlineLevel: 'toan_trinh', resultDeliverableOnlineOrPost: false, ineligibleReason: 'Trả bản chính tại quầy' })), version });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /không ghi toàn trình được vì kết quả chưa trả trực tuyến hoặc qua bưu chính công ích được/);
  assert.equal((await stored('9.002402'))?.onlineLevel, 'toan_trinh', 'unchanged');
  const ok = await admin.post('/quan-tri/thu-tuc/9.002402', { record: JSON.stringify(record('9.002402', { onlineLevel: 'mot_phan', resultDeliverableOnlineOrPost: false, ineligibleReason: 'Trả bản chính tại quầy' })), version });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
  assert.equal((await stored('9.002402'))?.onlineLevel, 'mot_phan');
});

test('publishing puts back the level the configuration supports over a stale stored one', async () => {
  // as a record from before this rule could be: it claims toàn trình, its configuration does not support it
  const row = await t.database.db.selectFrom('procedures').select('record').where('code', '=', '9.002403').executeTakeFirstOrThrow();
  const stale = { ...(row.record as Record<string, unknown>), onlineLevel: 'toan_trinh' };
  await t.database.db.updateTable('procedures').set({ onlineLevel: 'toan_trinh', record: JSON.stringify(stale) }).where('code', '=', '9.002403').execute();
  await admin.get('/quan-tri/thu-tuc/9.002403');
  assert.equal((await admin.post('/quan-tri/thu-tuc/9.002403/ngung-cong-bo', {})).statusCode, 303);
  await admin.get('/quan-tri/thu-tuc/9.002403');
  assert.equal((await admin.post('/quan-tri/thu-tuc/9.002403/cong-bo', {})).statusCode, 303);
  assert.deepEqual(await stored('9.002403'), { onlineLevel: 'mot_phan', status: 'published' });
  const fixed = await t.database.db.selectFrom('procedures').select('record').where('code', '=', '9.002403').executeTakeFirstOrThrow();
  assert.equal((fixed.record as { onlineLevel: string }).onlineLevel, 'mot_phan', 'the record says so too');
  const page = await t.app.inject({ url: '/thu-tuc/9.002403' });
  assert.doesNotMatch(page.body, /Dịch vụ công trực tuyến toàn trình/);
});
