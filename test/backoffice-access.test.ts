// Authorisation sweep of the back office: every demo account (each role, in its own unit) tries
// every move and every page, document and file of dossiers at several points of their life.
// Only the one account the rules name may make each move; nobody outside the units involved
// learns that a dossier exists (404, the same as a code that does not exist); every refused
// attempt leaves the dossier as it was. Also the workflow editor: checked, versioned, admin only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoAccounts } from '../seed/demo';
import { MOVERS, type Action } from '../src/modules/dossiers';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers } from './helpers/backoffice';
import { Client } from './helpers/client';
import { pdfText } from './helpers/files';

let t: TestApp;
let base: string;
const clients = new Map<string, Client>();

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const a of demoAccounts) {
    const c = new Client(t.app);
    await c.login(a.username);
    clients.set(a.username, c);
  }
});
after(() => t.close());

const { submitted } = backofficeHelpers(() => ({ t, base }));

async function row(code: string) {
  return t.database.db.selectFrom('dossiers').select(['id', 'state', 'version']).where('code', '=', code).executeTakeFirstOrThrow();
}

async function move(username: string, code: string, action: Action, fields: Record<string, string> = {}) {
  const c = clients.get(username)!;
  await c.get('/quan-ly');
  return c.post(`/mot-cua/ho-so/${code}/thao-tac`, { _action: action, version: String((await row(code)).version), ...fields });
}

const ACTIONS = Object.keys(MOVERS) as Action[];
const everyone = () => demoAccounts.map((a) => a.username);

/** Tries every move as every account; only the `allowed` pairs (account, action) may change the dossier. */
async function sweepMoves(code: string, allowed: [string, Action][]) {
  for (const username of everyone()) {
    for (const action of ACTIONS) {
      if (allowed.some(([u, a]) => u === username && a === action)) continue;
      const before = await row(code);
      const res = await move(username, code, action);
      const after = await row(code);
      assert.deepEqual(after, before, `${username} ${action} changed the dossier (${res.statusCode})`);
      assert.ok([303, 400, 403, 404, 409].includes(res.statusCode), `${username} ${action} → ${res.statusCode}`);
    }
  }
}

/** Who may open the officer's page, a stored form and a file of the dossier; everyone else: 404 or 403, never the content. */
async function sweepReads(code: string, readers: string[]) {
  const d = await row(code);
  const file = await t.database.db.selectFrom('dossierFiles').select('id').where('dossierId', '=', d.id).executeTakeFirstOrThrow();
  for (const username of everyone()) {
    const c = clients.get(username)!;
    const officerPage = await c.get(`/mot-cua/ho-so/${code}`);
    const receipt = await c.get(`/ho-so/${code}/giay-tiep-nhan.pdf`);
    const attachment = await c.get(`/ho-so/${code}/tep/${file.id}`);
    const control = await c.get(`/mot-cua/ho-so/${code}/phieu-kiem-soat.pdf`);
    const officer = readers.includes(username);
    const applicant = username === 'congdan';
    assert.equal(officerPage.statusCode === 200, officer, `${username} officer page ${officerPage.statusCode}`);
    assert.equal(control.statusCode === 200, officer, `${username} Mẫu 05 ${control.statusCode}`);
    assert.equal(receipt.statusCode === 200, officer || applicant, `${username} receipt ${receipt.statusCode}`);
    if (!officer && !applicant) {
      for (const res of [officerPage, receipt, attachment, control]) assert.ok([403, 404].includes(res.statusCode), `${username} got ${res.statusCode}`);
      assert.doesNotMatch(officerPage.body + receipt.body, /Nguyễn Văn An/, `${username} sees the applicant's name`);
    }
  }
}

describe('the back office, every account against every move', () => {
  test('a received dossier: only the commune desk may hand it over; only the commune’s officers see it', async () => {
    const code = await submitted();
    assert.equal((await move('motcuaxa', code, 'accept')).statusCode, 303);
    assert.equal((await row(code)).state, 'RECEIVED');
    await sweepMoves(code, [['motcuaxa', 'startProcessing']]);
    await sweepReads(code, ['motcuaxa', 'tuphapxa', 'chutichxa']);
    assert.equal((await move('motcuaxa', code, 'startProcessing')).statusCode, 303);
    assert.equal((await row(code)).state, 'IN_PROCESSING');
  });

  test('at the police’s step: only the police may answer, and the police now see the dossier', async () => {
    const code = await submitted();
    for (const [who, action] of [['motcuaxa', 'accept'], ['motcuaxa', 'startProcessing'], ['tuphapxa', 'consult']] as const) {
      assert.equal((await move(who, code, action)).statusCode, 303, `${who} ${action}`);
    }
    assert.equal((await row(code)).state, 'CONSULTING');
    await sweepMoves(code, [['conganxa', 'consulted'], ['conganxa', 'take']]);
    await sweepReads(code, ['motcuaxa', 'tuphapxa', 'chutichxa', 'conganxa']);
  });

  test('guessing codes and file ids tells nothing: the same 404 as for codes that do not exist', async () => {
    const code = await submitted();
    const d = await row(code);
    const file = await t.database.db.selectFrom('dossierFiles').select('id').where('dossierId', '=', d.id).executeTakeFirstOrThrow();
    const stranger = clients.get('doanhnghiep')!;
    const real = await stranger.get(`/ho-so/${code}/tep/${file.id}`);
    const fake = await stranger.get(`/ho-so/${code}/tep/00000000-0000-4000-8000-000000000000`);
    assert.equal(real.statusCode, 404);
    assert.equal(fake.statusCode, 404);
    const other = clients.get('motcua')!;
    const a = await other.get(`/mot-cua/ho-so/${code}`);
    const b = await other.get(`/mot-cua/ho-so/${code.replace(/\d{4}$/, '9999')}`);
    assert.equal(a.statusCode, 404);
    assert.equal(b.statusCode, 404);
    const title = (body: string) => /<title>([^<]*)<\/title>/.exec(body)?.[1];
    assert.equal(title(a.body), title(b.body), 'the same page either way');
    assert.doesNotMatch(a.body, /Nguyễn Văn An|Đăng ký khai sinh/);
    const refused = await t.database.db.selectFrom('auditLog').select('action').where('entityId', '=', code).where('action', '=', 'dossier.refused').execute();
    assert.ok(refused.length >= 1, 'the attempt is logged');
  });
});

describe('the officers’ queue', () => {
  test('the desk finds a dossier by code, name, phone or personal ID number; another unit’s desk finds nothing', async () => {
    const code = await submitted();
    const desk = clients.get('motcuaxa')!;
    for (const q of [code, 'văn an', '0912345678', '020088001234']) {
      const page = await desk.get(`/mot-cua/xu-ly?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`href="/mot-cua/ho-so/${code.replaceAll('.', '\\.')}"`), q);
    }
    assert.match((await desk.get('/mot-cua/xu-ly?q=020088009999')).body, /Không có hồ sơ nào/);
    assert.match((await clients.get('motcua')!.get(`/mot-cua/xu-ly?q=${code}`)).body, /Không có hồ sơ nào/);
    // filters: by state, and late dossiers only
    const link = new RegExp(`href="/mot-cua/ho-so/${code.replaceAll('.', '\\.')}"`);
    assert.match((await desk.get('/mot-cua/xu-ly?trang-thai=SUBMITTED')).body, link);
    assert.doesNotMatch((await desk.get('/mot-cua/xu-ly?trang-thai=RECEIVED')).body, link);
    assert.doesNotMatch((await desk.get('/mot-cua/xu-ly?qua-han=1')).body, link, 'not late: it has no due date yet');
    const wrongState = await desk.get('/mot-cua/xu-ly?trang-thai=AWAITING_APPROVAL');
    assert.equal(wrongState.statusCode, 400, 'a state outside the desk’s queue');
    assert.match(wrongState.body, /Tình trạng không có trong hàng đợi này/);
    const long = await desk.get(`/mot-cua/xu-ly?q=${'x'.repeat(101)}`);
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /Từ khóa tìm kiếm dài quá 100 ký tự/);
  });
});

describe('bulk printing', () => {
  test('the desk prints every receipt it issued today in one PDF; other desks get none of them', async () => {
    const codes = [await submitted(), await submitted()];
    for (const code of codes) assert.equal((await move('motcuaxa', code, 'accept')).statusCode, 303);
    const all = await clients.get('motcuaxa')!.get('/mot-cua/giay-hen.pdf');
    assert.equal(all.statusCode, 200);
    assert.equal(all.headers['content-type'], 'application/pdf');
    const text = pdfText(all.rawPayload);
    for (const code of codes) assert.match(text, new RegExp(code.replaceAll('.', '\\.')));
    assert.equal((text.match(/GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/g) ?? []).length >= 2, true);
    const other = await clients.get('motcua')!.get('/mot-cua/giay-hen.pdf');
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(pdfText(other.rawPayload), /000\.40\.03\.H39/);
    assert.equal((await clients.get('motcuaxa')!.get('/mot-cua/giay-hen.pdf?ngay=31/02/2026')).statusCode, 400);
    assert.equal((await clients.get('tuphapxa')!.get('/mot-cua/giay-hen.pdf')).statusCode, 403);
  });
});

describe('the workflow editor', () => {
  const steps = (share: number) =>
    JSON.stringify([
      { key: 'tham-dinh', name: 'Thẩm định hồ sơ', kind: 'process', unit: { at: 'unit', code: 'so-tu-phap' }, share },
      { key: 'phe-duyet', name: 'Lãnh đạo Sở phê duyệt', kind: 'approve', unit: { at: 'unit', code: 'so-tu-phap' }, share: 100 - share },
    ]);

  test('an administrator saves a checked workflow as a new version; bad ones are named by path', async () => {
    const admin = clients.get('quantri')!;
    const page = await admin.get('/quan-tri/quy-trinh/1.000894');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /đang dùng quy trình mặc định/);
    const bad = await admin.post('/quan-tri/quy-trinh/1.000894', { basedOn: '', steps: JSON.stringify([{ key: 'X', name: '', kind: 'approve', unit: { at: 'unit', code: 'khong-co' }, share: 0 }]) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /steps\[0\]\.key/);
    assert.match(bad.body, /steps\[0\]\.share/);
    assert.match(bad.body, /Bước đầu tiên phải là bước thụ lý/);
    const sum = await admin.post('/quan-tri/quy-trinh/1.000894', { basedOn: '', steps: steps(50).replace('"share":50', '"share":40') });
    assert.equal(sum.statusCode, 400);
    assert.match(sum.body, /Tổng tỷ lệ thời gian các bước phải bằng 100%/);
    const notJson = await admin.post('/quan-tri/quy-trinh/1.000894', { basedOn: '', steps: '[{' });
    assert.equal(notJson.statusCode, 400);
    assert.match(notJson.body, /không phải JSON hợp lệ/);
    const ok = await admin.post('/quan-tri/quy-trinh/1.000894', { basedOn: '', steps: steps(60) });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    // a second administrator working from the old page is told, not overwritten
    const stale = await admin.post('/quan-tri/quy-trinh/1.000894', { basedOn: '', steps: steps(70) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /vừa được người khác lưu/);
    const again = await admin.post('/quan-tri/quy-trinh/1.000894', { basedOn: '1', steps: steps(70) });
    assert.equal(again.statusCode, 303);
    const versions = await t.database.db.selectFrom('workflows').select(['version', 'steps']).where('procedureCode', '=', '1.000894').orderBy('version').execute();
    assert.deepEqual(versions.map((v) => v.version), [1, 2]);
    assert.equal((versions[1]!.steps as { share: number }[])[0]!.share, 70);
    const audit = await t.database.db.selectFrom('auditLog').select('action').where('entityId', '=', '1.000894').where('action', '=', 'workflow.saved').execute();
    assert.equal(audit.length, 2);
  });

  test('nobody but an administrator may read or save workflows', async () => {
    for (const username of ['congdan', 'motcuaxa', 'tuphapxa', 'chutichxa', 'kiemtra']) {
      const c = clients.get(username)!;
      assert.equal((await c.get('/quan-tri/quy-trinh/1.001193')).statusCode, 403, username);
      assert.equal((await c.post('/quan-tri/quy-trinh/1.001193', { steps: '[]', basedOn: '1' })).statusCode, 403, username);
    }
  });
});
