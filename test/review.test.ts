// The yearly review of online levels over HTTP on the real app and demo data: the province office
// opens the year (one list per unit that performs procedures), Sở Nội vụ fills in its list, is
// refused when incomplete or without a reason, submits, is sent back with a reason, resubmits and
// is approved; the catalogue then carries a new version "Rà soát năm Y" with the decided flags and
// reason, and the progress page shows the hand-computed figures. Who may see and do what, for
// every role; two administrators acting at once: one wins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoAccounts, DEMO_PASSWORD } from '../seed/demo';
import { hashPassword, insertAccount } from '../src/modules/accounts';
import { findUnitByCode } from '../src/modules/org';
import type { Procedure } from '../src/modules/catalogue';
import { localDate } from '../src/platform/format';
import { startTestApp, type TestApp } from './helpers/app';
import { errorsOf } from './helpers/backoffice';
import { Client } from './helpers/client';

let t: TestApp;
const YEAR = Number(localDate(new Date()).slice(0, 4));
const LIST = (unit: string) => `/quan-tri/ra-soat/${YEAR}/${unit}`;
const db = () => t.database.db;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Sở Nội vụ's administrator and a second province administrator (not demo accounts)
  for (const [username, unitCode] of [
    ['quantrinv', 'so-noi-vu'],
    ['quantri2', 'ubnd-tinh'],
  ] as const) {
    const unit = await findUnitByCode({ db: db() }, unitCode);
    await insertAccount(db(), { username, fullName: `Quản trị ${unitCode}`, role: 'admin', unitId: unit!.id, phone: null, email: null, passwordHash });
  }
  // dossiers received, for the priority rule (the demo catalogue starts at 0 everywhere)
  for (const [code, n] of [
    ['2.000908', 5],
    ['1.115744', 3],
    ['2.001016', 10],
    ['1.010827', 7],
  ] as const) {
    await db().updateTable('procedures').set({ dossierCount: n }).where('code', '=', code).execute();
  }
});
after(() => t.close());

async function as(username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(username);
  return c;
}

async function listRow(unitCode: string) {
  return db()
    .selectFrom('reviewLists as l')
    .innerJoin('reviews as r', 'r.id', 'l.reviewId')
    .innerJoin('units as u', 'u.id', 'l.unitId')
    .select(['l.id', 'l.state', 'l.version', 'l.revisionReason'])
    .where('r.year', '=', YEAR)
    .where('u.code', '=', unitCode)
    .executeTakeFirstOrThrow();
}

async function itemsOf(unitCode: string) {
  const list = await listRow(unitCode);
  return db().selectFrom('reviewItems').selectAll().where('listId', '=', list.id).orderBy('position').execute();
}

async function record(code: string): Promise<{ version: number; record: Procedure; onlineLevel: string }> {
  const row = await db().selectFrom('procedures').select(['version', 'record', 'onlineLevel']).where('code', '=', code).executeTakeFirstOrThrow();
  return { ...row, record: row.record as unknown as Procedure };
}

type Decision = { presence?: boolean; inspection?: boolean; feeOnline?: boolean; resultOnline?: boolean; proposal?: 'eligible' | 'not_eligible'; reason?: string; explanation?: string };

/** The unit's form as a browser sends it: every item, its checkboxes when ticked, its choices. */
function form(version: number, action: string, items: Record<string, Decision>): Record<string, string | string[]> {
  const f: Record<string, string | string[]> = { version: String(version), _action: action, item: Object.keys(items) };
  for (const [code, d] of Object.entries(items)) {
    if (d.presence) f[`requiresPresence-${code}`] = '1';
    if (d.inspection) f[`requiresSiteInspection-${code}`] = '1';
    if (d.feeOnline) f[`feePayableOnline-${code}`] = '1';
    if (d.resultOnline) f[`resultDeliverableOnlineOrPost-${code}`] = '1';
    if (d.proposal) f[`proposal-${code}`] = d.proposal;
    f[`reason-${code}`] = d.reason ?? '';
    f[`explanation-${code}`] = d.explanation ?? '';
  }
  return f;
}

async function post(c: Client, url: string, fields: Record<string, string | string[]>) {
  await c.get(url);
  return c.post(url, fields);
}

// Sở Nội vụ's two procedures: 1.010827 (level 3, free, not eligible in the catalogue: presence
// required) goes eligible with its conditions corrected; 2.001955 (level 4, toàn trình, free)
// is found not eligible because the result must be collected in person.
const ELIGIBLE_1010827: Decision = { feeOnline: true, resultOnline: true, proposal: 'eligible' };
const NOT_ELIGIBLE_2001955: Decision = { feeOnline: true, proposal: 'not_eligible', reason: 'ket_qua_truc_tiep', explanation: 'Quyết định phải trao bản giấy có đóng dấu tại buổi lễ.' };

describe('opening the review', () => {
  test('years after next year, or not numbers, are refused naming the year; nothing is opened', async () => {
    const quantri = await as('quantri');
    const late = await post(quantri, '/quan-tri/ra-soat', { year: String(YEAR + 2) });
    assert.equal(late.statusCode, 400);
    assert.match(errorsOf(late.body), new RegExp(`Năm rà soát không được sau năm ${YEAR + 1}`));
    const bad = await post(quantri, '/quan-tri/ra-soat', { year: 'năm nay' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorsOf(bad.body), /Năm rà soát phải là số có 4 chữ số/);
    assert.equal((await db().selectFrom('reviews').select('id').execute()).length, 0);
  });

  test('a unit administrator cannot open a review; a form without its CSRF token is refused', async () => {
    const unitAdmin = await as('quantrixa');
    assert.equal((await post(unitAdmin, '/quan-tri/ra-soat', { year: String(YEAR) })).statusCode, 403);
    const quantri = await as('quantri');
    assert.equal((await quantri.post('/quan-tri/ra-soat', { year: String(YEAR), _csrf: null })).statusCode, 403);
    assert.equal((await db().selectFrom('reviews').select('id').execute()).length, 0);
  });

  test('the province office opens the year: every competent unit gets its list, pre-filled from the catalogue', async () => {
    const quantri = await as('quantri');
    const res = await post(quantri, '/quan-tri/ra-soat', { year: String(YEAR) });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    assert.equal(res.headers.location, `/quan-tri/ra-soat/${YEAR}`);
    // 6 communes × 30 (UBND cấp xã), 2 commune police × 7, 9 departments and the provincial police with 1–2 each
    const lists = await db().selectFrom('reviewLists').select('id').execute();
    const items = await db().selectFrom('reviewItems').select('id').execute();
    assert.equal(lists.length, 6 + 2 + 9);
    assert.equal(items.length, 6 * 30 + 2 * 7 + 10);
    const nv = await itemsOf('so-noi-vu');
    assert.deepEqual(
      nv.map((i) => i.procedureCode),
      ['1.010827', '2.001955'],
    );
    const catalogue = (await record('1.010827')).record;
    const it = nv[0]!;
    assert.deepEqual(
      [it.requiresPresence, it.requiresSiteInspection, it.feePayableOnline, it.resultDeliverableOnlineOrPost, it.legacyLevel, it.onlineLevel, it.noFee, it.proposal],
      [catalogue.requiresPresence, catalogue.requiresSiteInspection, catalogue.feePayableOnline, catalogue.resultDeliverableOnlineOrPost, 3, 'mot_phan', true, null],
    );
    assert.equal((await itemsOf('p-luong-van-tri')).length, 30);
    const audit = await db().selectFrom('auditLog').select('detail').where('action', '=', 'review.opened').where('entityId', '=', String(YEAR)).execute();
    assert.equal(audit.length, 1);
  });

  test('the same year cannot be opened twice', async () => {
    const quantri = await as('quantri');
    const again = await post(quantri, '/quan-tri/ra-soat', { year: String(YEAR) });
    assert.equal(again.statusCode, 409);
    assert.match(errorsOf(again.body), new RegExp(`đã mở rà soát năm ${YEAR}; mỗi năm chỉ mở một lần`));
    assert.equal((await db().selectFrom('reviews').select('id').execute()).length, 1);
  });
});

describe('who may see and do what', () => {
  test('every demo role: only administrators reach the review; only the province office sees the progress and other units’ lists', async () => {
    for (const a of demoAccounts) {
      const c = await as(a.username);
      const index = await c.get('/quan-tri/ra-soat');
      const progress = await c.get(`/quan-tri/ra-soat/${YEAR}`);
      const other = await c.get(LIST('so-noi-vu'));
      if (a.username === 'quantri') {
        assert.deepEqual([index.statusCode, progress.statusCode, other.statusCode], [200, 200, 200], a.username);
      } else if (a.username === 'quantrixa') {
        assert.deepEqual([index.statusCode, progress.statusCode, other.statusCode], [200, 403, 404], a.username);
        assert.doesNotMatch(other.body, /1\.010827/);
      } else {
        assert.deepEqual([index.statusCode, progress.statusCode, other.statusCode], [403, 403, 403], a.username);
      }
    }
  });

  test('a unit administrator sees and edits only their own list; the province office reads it but does not fill it in', async () => {
    const unitAdmin = await as('quantrixa');
    const own = await unitAdmin.get(LIST('p-luong-van-tri'));
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /name="proposal-1\.001193"/);
    assert.match(own.body, /Đăng ký khai sinh/);
    const index = await unitAdmin.get('/quan-tri/ra-soat');
    assert.match(index.body, new RegExp(`Năm ${YEAR}: Ủy ban nhân dân phường Lương Văn Tri`));

    // another unit's list: not found, whatever the move
    const nv = await listRow('so-noi-vu');
    const forged = await unitAdmin.post(LIST('so-noi-vu'), form(nv.version, 'save', { '1.010827': ELIGIBLE_1010827 }));
    assert.equal(forged.statusCode, 404);
    // approving their own list is the province's move
    const lvt = await listRow('p-luong-van-tri');
    const selfApprove = await unitAdmin.post(LIST('p-luong-van-tri'), { version: String(lvt.version), _action: 'approve' });
    assert.equal(selfApprove.statusCode, 403);

    const quantri = await as('quantri');
    const read = await quantri.get(LIST('p-luong-van-tri'));
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /name="proposal-/);
    const fill = await quantri.post(LIST('p-luong-van-tri'), form(lvt.version, 'save', { '1.001193': { feeOnline: true, resultOnline: true, proposal: 'eligible' } }));
    assert.equal(fill.statusCode, 403);
    assert.match(fill.body, /Chỉ quản trị của Ủy ban nhân dân phường Lương Văn Tri mới khai/);
    assert.deepEqual(await listRow('p-luong-van-tri'), lvt, 'nothing changed');
    assert.equal((await itemsOf('p-luong-van-tri'))[0]!.proposal, null);
  });
});

describe('one list through the whole cycle', () => {
  test('an incomplete list, or a not-eligible item without its reason, is refused naming the procedure and field; nothing is written', async () => {
    const unit = await as('quantrinv');
    const before = await listRow('so-noi-vu');
    const incomplete = await post(unit, LIST('so-noi-vu'), form(before.version, 'submit', { '1.010827': ELIGIBLE_1010827, '2.001955': { feeOnline: true, resultOnline: true } }));
    assert.equal(incomplete.statusCode, 400, incomplete.body.slice(0, 300));
    assert.match(errorsOf(incomplete.body), /Thủ tục 2\.001955 \([^)]+\): chưa chọn đủ điều kiện hay không đủ điều kiện/);
    assert.match(incomplete.body, /href="#f-proposal-2-001955"/);
    const noReason = await post(unit, LIST('so-noi-vu'), form(before.version, 'save', { '1.010827': ELIGIBLE_1010827, '2.001955': { ...NOT_ELIGIBLE_2001955, reason: '' } }));
    assert.equal(noReason.statusCode, 400);
    assert.match(errorsOf(noReason.body), /Thủ tục 2\.001955 \([^)]+\): không đủ điều kiện thì phải chọn lý do trong danh sách/);
    // the form comes back as it was sent
    assert.match(noReason.body, /Quyết định phải trao bản giấy có đóng dấu tại buổi lễ\./);
    assert.deepEqual(await listRow('so-noi-vu'), before);
    assert.deepEqual(
      (await itemsOf('so-noi-vu')).map((i) => i.proposal),
      [null, null],
    );
  });

  test('the unit saves a draft, then submits; the province cannot approve a draft', async () => {
    const unit = await as('quantrinv');
    const v1 = (await listRow('so-noi-vu')).version;
    const saved = await post(unit, LIST('so-noi-vu'), form(v1, 'save', { '1.010827': ELIGIBLE_1010827 }));
    assert.equal(saved.statusCode, 303, errorsOf(saved.body));
    const afterSave = await listRow('so-noi-vu');
    assert.deepEqual([afterSave.state, afterSave.version], ['draft', v1 + 1]);

    const quantri = await as('quantri');
    const early = await post(quantri, LIST('so-noi-vu'), { version: String(afterSave.version), _action: 'approve' });
    assert.equal(early.statusCode, 409);
    assert.match(errorsOf(early.body), /Chỉ phê duyệt được danh sách đơn vị đã gửi; danh sách của Sở Nội vụ đang ở trạng thái “Đang rà soát”/);

    const sent = await post(unit, LIST('so-noi-vu'), form(afterSave.version, 'submit', { '1.010827': ELIGIBLE_1010827, '2.001955': NOT_ELIGIBLE_2001955 }));
    assert.equal(sent.statusCode, 303, errorsOf(sent.body));
    assert.equal((await listRow('so-noi-vu')).state, 'submitted');
    // a submitted list is no longer edited by the unit
    const late = await post(unit, LIST('so-noi-vu'), form((await listRow('so-noi-vu')).version, 'save', { '1.010827': ELIGIBLE_1010827 }));
    assert.equal(late.statusCode, 409);
  });

  test('the province asks for a revision: the reason is mandatory; the unit sees it and the item; it resubmits', async () => {
    const quantri = await as('quantri');
    const v = (await listRow('so-noi-vu')).version;
    const noReason = await post(quantri, LIST('so-noi-vu'), { version: String(v), _action: 'requestRevision', flag: '2.001955', revisionReason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(errorsOf(noReason.body), /Nêu lý do yêu cầu rà soát lại/);
    assert.equal((await listRow('so-noi-vu')).state, 'submitted');

    const asked = await post(quantri, LIST('so-noi-vu'), { version: String(v), _action: 'requestRevision', flag: '2.001955', revisionReason: 'Nêu rõ văn bản nào quy định trao quyết định trực tiếp.' });
    assert.equal(asked.statusCode, 303, errorsOf(asked.body));
    const row = await listRow('so-noi-vu');
    assert.equal(row.state, 'revision_requested');
    assert.deepEqual(
      (await itemsOf('so-noi-vu')).map((i) => i.flagged),
      [false, true],
    );

    const unit = await as('quantrinv');
    const page = await unit.get(LIST('so-noi-vu'));
    assert.match(page.body, /Tỉnh yêu cầu rà soát lại:/);
    assert.match(page.body, /Nêu rõ văn bản nào quy định trao quyết định trực tiếp\./);
    assert.match(page.body, /Thủ tục cần rà soát lại: 2\.001955/);
    const again = await post(unit, LIST('so-noi-vu'), form(row.version, 'submit', {
      '1.010827': ELIGIBLE_1010827,
      '2.001955': { ...NOT_ELIGIBLE_2001955, explanation: 'Quyết định phải trao bản giấy có đóng dấu tại buổi lễ (Điều 12 Nghị định 131/2021/NĐ-CP).' },
    }));
    assert.equal(again.statusCode, 303, errorsOf(again.body));
    assert.equal((await listRow('so-noi-vu')).state, 'submitted');
  });

  test('two administrators approve at once: one wins, the other is told; the catalogue gets a new version per changed procedure', async () => {
    const before1 = await record('1.010827');
    const before2 = await record('2.001955');
    const [a, b] = [await as('quantri'), await as('quantri2')];
    await a.get(LIST('so-noi-vu'));
    await b.get(LIST('so-noi-vu'));
    const v = String((await listRow('so-noi-vu')).version);
    const results = await Promise.all([a.post(LIST('so-noi-vu'), { version: v, _action: 'approve' }), b.post(LIST('so-noi-vu'), { version: v, _action: 'approve' })]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    assert.match(errorsOf(loser.body), /Danh sách vừa được người khác thay đổi hoặc xử lý/);
    assert.equal((await listRow('so-noi-vu')).state, 'approved');

    const after1 = await record('1.010827');
    assert.equal(after1.version, before1.version + 1);
    assert.deepEqual(
      [after1.record.requiresPresence, after1.record.requiresSiteInspection, after1.record.feePayableOnline, after1.record.resultDeliverableOnlineOrPost, after1.record.ineligibleReason, after1.onlineLevel],
      [false, false, true, true, undefined, 'mot_phan'],
    );
    const after2 = await record('2.001955');
    assert.equal(after2.version, before2.version + 1);
    assert.equal(after2.record.resultDeliverableOnlineOrPost, false);
    assert.equal(after2.onlineLevel, 'mot_phan', 'level 4 is no longer toàn trình');
    assert.equal(after2.record.ineligibleReason, 'Kết quả phải nhận trực tiếp (bản giấy có đóng dấu, ký nhận trực tiếp…) – Quyết định phải trao bản giấy có đóng dấu tại buổi lễ (Điều 12 Nghị định 131/2021/NĐ-CP).');
    for (const code of ['1.010827', '2.001955']) {
      const v2 = await db()
        .selectFrom('procedureVersions as v')
        .innerJoin('procedures as p', 'p.id', 'v.procedureId')
        .select(['v.summary', 'v.changedBy'])
        .where('p.code', '=', code)
        .orderBy('v.version', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(v2.summary, `Rà soát năm ${YEAR}`);
      assert.ok(v2.changedBy, 'the approving administrator is recorded');
    }
    assert.deepEqual(
      (await itemsOf('so-noi-vu')).map((i) => i.catalogueVersion),
      [after1.version, after2.version],
    );
    // the whole history, in events and in the audit log
    const list = await listRow('so-noi-vu');
    const events = await db().selectFrom('reviewEvents').select(['action', 'toState', 'actorId']).where('listId', '=', list.id).orderBy('at').execute();
    assert.deepEqual(
      events.map((e) => `${e.action}→${e.toState}`),
      ['save→draft', 'submit→submitted', 'requestRevision→revision_requested', 'submit→submitted', 'approve→approved'],
    );
    assert.ok(events.every((e) => e.actorId));
    const audit = await db().selectFrom('auditLog').select('action').where('entityId', '=', `${YEAR}/so-noi-vu`).execute();
    assert.equal(audit.length, 5);
  });

  test('an approved list changes no more', async () => {
    const quantri = await as('quantri');
    const v = String((await listRow('so-noi-vu')).version);
    const again = await post(quantri, LIST('so-noi-vu'), { version: v, _action: 'approve' });
    assert.equal(again.statusCode, 409);
    const revise = await post(quantri, LIST('so-noi-vu'), { version: v, _action: 'requestRevision', flag: '1.010827', revisionReason: 'Xem lại thủ tục này một lần nữa.' });
    assert.equal(revise.statusCode, 409);
    assert.equal((await listRow('so-noi-vu')).state, 'approved');
  });
});

describe('a procedure performed by every commune', () => {
  test('approving one commune’s list leaves the shared procedures for the other communes: no catalogue change yet', async () => {
    const unit = await as('quantrixa');
    const items = await itemsOf('p-luong-van-tri');
    // propose what the catalogue says: eligible when every condition holds, otherwise not, with a reason
    const decisions: Record<string, Decision> = {};
    for (const i of items) {
      const d: Decision = { presence: i.requiresPresence, inspection: i.requiresSiteInspection, feeOnline: i.feePayableOnline, resultOnline: i.resultDeliverableOnlineOrPost };
      const blocked = i.requiresPresence || i.requiresSiteInspection || (!i.feePayableOnline && !i.noFee) || !i.resultDeliverableOnlineOrPost;
      decisions[i.procedureCode] = blocked ? { ...d, proposal: 'not_eligible', reason: 'khac', explanation: 'Còn điều kiện chưa đáp ứng theo danh mục.' } : { ...d, proposal: 'eligible' };
    }
    const sent = await post(unit, LIST('p-luong-van-tri'), form((await listRow('p-luong-van-tri')).version, 'submit', decisions));
    assert.equal(sent.statusCode, 303, errorsOf(sent.body));
    const khaiSinh = await record('1.001193');
    const quantri = await as('quantri');
    const ok = await post(quantri, LIST('p-luong-van-tri'), { version: String((await listRow('p-luong-van-tri')).version), _action: 'approve' });
    assert.equal(ok.statusCode, 303, errorsOf(ok.body));
    const page = await quantri.get(LIST('p-luong-van-tri'));
    assert.match(page.body, /cập nhật 0 thủ tục vào danh mục, 30 thủ tục chờ danh sách của các đơn vị khác cùng thực hiện/);
    assert.equal((await record('1.001193')).version, khaiSinh.version);
  });
});

describe('progress', () => {
  test('figures by hand on the demo catalogue, raw counts beside every percentage, and what to move next', async () => {
    const quantri = await as('quantri');
    const res = await quantri.get(`/quan-tri/ra-soat/${YEAR}`);
    assert.equal(res.statusCode, 200);
    const cell = (id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(res.body)?.[1];
    // 47 procedures; 3 at level 2 (2.001016, 2.000181, 1.115744)
    assert.equal(cell('t-level34-raw'), '44/47');
    assert.equal(cell('t-level34-pct'), '93,6 %');
    // priority (dossiers and free): 2.000908 (level 3), 1.010827 (level 3), 1.115744 (level 2)
    assert.equal(cell('t-priority-raw'), '2/3');
    assert.equal(cell('t-priority-pct'), '66,7 %');
    // 21 eligible in the demo catalogue, all at level 4; the review made 1.010827 eligible (level 3)
    // and 2.001955 not eligible: 21 eligible, 20 of them at level 4
    assert.equal(cell('t-eligible4-raw'), '20/21');
    assert.equal(cell('t-eligible4-pct'), '95,2 %');
    // Sở Nội vụ (2) and the ward (30) decided, of 204 items; 2 lists of 17 sent and approved; 2 procedures written
    assert.equal(cell('p-decided-raw'), '32/204');
    assert.equal(cell('p-submitted-raw'), '2/17');
    assert.equal(cell('p-approved-raw'), '2/17');
    assert.equal(cell('p-written-raw'), '2/47');
    assert.match(res.body, /<th scope="row" class="govuk-table__header">[\s\S]*?Sở Nội vụ/);
    // next: both receive dossiers and are free; 1.010827 has more dossiers
    const next = [...res.body.matchAll(/<tr class="govuk-table__row" data-code="([\d.]+)"/g)].map((m) => m[1]);
    assert.deepEqual(next, ['1.010827', '1.115744']);
    assert.match(res.body, /Đủ điều kiện nhưng chưa ở mức độ 4/);
    assert.match(res.body, /Ưu tiên \(có hồ sơ, không thu phí\) nhưng chưa ở mức độ 3/);
  });
});
