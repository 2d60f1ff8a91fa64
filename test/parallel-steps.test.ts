// Parallel steps of the internal workflow (issue 7 item 3), over HTTP on PGlite and (CI)
// PostgreSQL: an administrator gives the birth registration a group of two agencies consulted
// at the same time (the commune police and the provincial Department of Justice); the commune's
// specialist asks both at once; each sees the dossier in its own queue, takes it and answers on
// its own; the dossier waits for the last answer and then comes back to the commune. Two answers
// at the same moment: exactly one goes through, the other is told to reload, and nothing is lost.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import type { Client } from './helpers/client';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const { as, submitted, dossier, act } = backofficeHelpers(() => ({ t, base }));

const PARALLEL = [
  { key: 'tham-dinh', name: 'Công chức tư pháp – hộ tịch thẩm định hồ sơ', kind: 'process', unit: { at: 'receiving' }, share: 40 },
  { key: 'lien-thong-cu-tru', name: 'Công an cấp xã đăng ký thường trú cho trẻ', kind: 'consult', unit: { at: 'child', kind: 'cong_an_xa' }, share: 20, parallel: 1 },
  { key: 'y-kien-so-tu-phap', name: 'Sở Tư pháp cho ý kiến về quốc tịch của trẻ', kind: 'consult', unit: { at: 'unit', code: 'so-tu-phap' }, share: 15, parallel: 1 },
  { key: 'du-thao', name: 'Công chức tư pháp – hộ tịch dự thảo Giấy khai sinh', kind: 'process', unit: { at: 'receiving' }, share: 10 },
  { key: 'phe-duyet', name: 'Lãnh đạo Ủy ban nhân dân cấp xã ký', kind: 'approve', unit: { at: 'receiving' }, share: 30 },
];

async function saveWorkflow(admin: Client, steps: unknown) {
  const page = await admin.get('/quan-tri/quy-trinh/1.001193');
  assert.equal(page.statusCode, 200);
  const basedOn = /name="basedOn" value="(\d*)"/.exec(page.body)?.[1] ?? '';
  return admin.post('/quan-tri/quy-trinh/1.001193', { steps: JSON.stringify(steps), basedOn });
}

/** A birth registration received and handed to the first step, taken by the commune's specialist. */
async function atFirstStep(): Promise<string> {
  const code = await submitted();
  const desk = await as('motcuaxa');
  assert.equal((await act(desk, code, 'accept')).statusCode, 303);
  assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
  return code;
}

async function openRows(code: string) {
  const d = await dossier(code);
  return t.database.db.selectFrom('dossierHandovers as h').innerJoin('units as u', 'u.id', 'h.unitId').select(['h.stepKey', 'u.code as unit', 'h.dueAt', 'h.assigneeId']).where('h.dossierId', '=', d.id).where('h.finishedAt', 'is', null).orderBy('h.id').execute();
}

describe('a workflow with agencies consulted at the same time', () => {
  test('the administrator’s editor refuses a parallel group that cannot work, naming the step', async () => {
    const admin = await as('quantri');
    const withProcess = PARALLEL.map((s) => (s.key === 'du-thao' ? { ...s, parallel: 1 } : s));
    const r1 = await saveWorkflow(admin, withProcess);
    assert.equal(r1.statusCode, 400);
    assert.match(errorsOf(r1.body), /Chỉ các bước lấy ý kiến, phối hợp \(consult\) mới thực hiện song song/);
    const alone = PARALLEL.map((s) => (s.key === 'y-kien-so-tu-phap' ? { ...s, parallel: 2 } : s));
    const r2 = await saveWorkflow(admin, alone);
    assert.equal(r2.statusCode, 400);
    assert.match(errorsOf(r2.body), /Nhóm song song 1 phải có ít nhất hai bước/);
    const sameUnit = PARALLEL.map((s) => (s.key === 'y-kien-so-tu-phap' ? { ...s, unit: { at: 'child', kind: 'cong_an_xa' } } : s));
    const r3 = await saveWorkflow(admin, sameUnit);
    assert.equal(r3.statusCode, 400);
    assert.match(errorsOf(r3.body), /Hai bước song song không được do cùng một đơn vị thực hiện/);
    // the group's time is its longest step: 40 + max(20, 15) + 10 + 30 = 100
    const ok = await saveWorkflow(admin, PARALLEL);
    assert.equal(ok.statusCode, 303, errorsOf(ok.body));
    assert.match((await admin.get('/quan-tri/quy-trinh/1.001193')).body, /Nhóm 1/);
  });

  test('both agencies are asked at once, each answers on its own, the dossier comes back after the last', async () => {
    const code = await atFirstStep();
    const lead = await as('tuphapxa');
    assert.equal((await act(lead, code, 'take')).statusCode, 303);
    const consult = await act(lead, code, 'consult');
    assert.equal(consult.statusCode, 303, errorsOf(consult.body));
    let d = await dossier(code);
    assert.equal(d.state, 'CONSULTING');
    const rows = await openRows(code);
    assert.deepEqual(
      rows.map((r) => [r.stepKey, r.unit]),
      [
        ['lien-thong-cu-tru', 'ca-p-luong-van-tri'],
        ['y-kien-so-tu-phap', 'so-tu-phap'],
      ],
    );
    assert.ok(rows.every((r) => r.dueAt !== null), 'each agency has its own deadline');
    assert.ok(rows[0]!.dueAt!.getTime() >= rows[1]!.dueAt!.getTime(), 'the longer share has no earlier deadline');

    // each agency finds it in its own queue and sees both steps at work
    const police = await as('conganxa');
    const dept = await as('chuyenvien');
    for (const c of [police, dept]) {
      const queue = await c.get('/mot-cua/xu-ly');
      assert.match(queue.body, new RegExp(code.replaceAll('.', '\\.')));
      const page = await c.get(`/mot-cua/ho-so/${code}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Đang lấy ý kiến đồng thời/);
    }
    // the lead agency cannot answer for them
    assert.equal((await act(lead, code, 'consulted', { opinion: 'Tôi tự trả lời thay cả hai cơ quan.' })).statusCode, 403);

    // the department takes it: the assignee is kept on its own step, not on the police's
    assert.equal((await act(dept, code, 'take')).statusCode, 303);
    const taken = await openRows(code);
    const deptAccount = await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'chuyenvien').executeTakeFirstOrThrow();
    assert.equal(taken.find((r) => r.unit === 'so-tu-phap')!.assigneeId, deptAccount.id);
    assert.equal(taken.find((r) => r.unit === 'ca-p-luong-van-tri')!.assigneeId, null);
    assert.match((await dept.get('/mot-cua/xu-ly')).body, /Lương Văn Minh/);

    // the police answer first: the dossier waits for the department
    assert.equal((await act(police, code, 'consulted', { opinion: 'Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.' })).statusCode, 303);
    d = await dossier(code);
    assert.equal(d.state, 'CONSULTING');
    assert.deepEqual((await openRows(code)).map((r) => r.unit), ['so-tu-phap']);
    // once answered, the police cannot answer again, and no longer find it in their queue
    assert.equal((await act(police, code, 'consulted', { opinion: 'Trả lời lần thứ hai cho chắc chắn.' })).statusCode, 403);
    assert.doesNotMatch((await police.get('/mot-cua/xu-ly')).body, new RegExp(code.replaceAll('.', '\\.')));
    // the citizen is told who answered and who is still to answer
    const citizen = await as('congdan');
    assert.match((await citizen.get(`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`)).body, /Công an phường Lương Văn Tri đã có ý kiến; còn chờ ý kiến của Sở Tư pháp/);

    // the last answer brings it back to the commune's drafting step
    assert.equal((await act(dept, code, 'consulted', { opinion: 'Trẻ có quốc tịch Việt Nam theo cha mẹ; không có vướng mắc.' })).statusCode, 303);
    d = await dossier(code);
    assert.equal(d.state, 'IN_PROCESSING');
    assert.equal(d.stepIndex, 3, 'the step after the group');
    assert.deepEqual((await openRows(code)).map((r) => [r.stepKey, r.unit]), [['du-thao', 'p-luong-van-tri']]);
    // Mẫu 05 has a row for each agency with its own result, and the officer's page both opinions
    const sheet = await lead.get(`/mot-cua/ho-so/${code}`);
    assert.match(sheet.body, /Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ/);
    assert.match(sheet.body, /Trẻ có quốc tịch Việt Nam theo cha mẹ/);
    const finished = await t.database.db.selectFrom('dossierHandovers').select(['stepKey', 'outcome']).where('dossierId', '=', d.id).where('stepKey', 'in', ['lien-thong-cu-tru', 'y-kien-so-tu-phap']).execute();
    assert.equal(finished.length, 2);
    assert.ok(finished.every((r) => r.outcome !== null));
    // and the workflow goes on: the commune drafts for approval
    assert.match(sheet.body, /Trình phê duyệt|trình lãnh đạo/i);
  });

  test('two agencies answering at the same moment: one goes through, the other is told to reload, and its answer then counts', async () => {
    for (let round = 0; round < 5; round++) {
      const code = await atFirstStep();
      const lead = await as('tuphapxa');
      assert.equal((await act(lead, code, 'consult')).statusCode, 303);
      const police = await as('conganxa');
      const dept = await as('chuyenvien');
      const version = String((await dossier(code)).version);
      // both pages were loaded with the same version before either answered
      await police.get(`/mot-cua/ho-so/${code}`);
      await dept.get(`/mot-cua/ho-so/${code}`);
      const [a, b] = await Promise.all([
        police.post(`/mot-cua/ho-so/${code}/thao-tac`, { _action: 'consulted', version, opinion: 'Đã đăng ký thường trú cho trẻ.' }),
        dept.post(`/mot-cua/ho-so/${code}/thao-tac`, { _action: 'consulted', version, opinion: 'Không có vướng mắc về quốc tịch.' }),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode], [303, 303], 'both go back to the page');
      // exactly one answer went through; the other was not applied on a stale version
      assert.equal((await dossier(code)).state, 'CONSULTING');
      const open = await openRows(code);
      assert.equal(open.length, 1);
      const loser = open[0]!.unit === 'so-tu-phap' ? dept : police;
      assert.match((await loser.get(`/mot-cua/ho-so/${code}`)).body, /Hồ sơ vừa được cập nhật bởi người khác/);
      // the one refused answers again on the fresh page and the dossier comes back
      assert.equal((await act(loser, code, 'consulted', { opinion: 'Trả lời lại sau khi tải lại trang.' })).statusCode, 303);
      const d = await dossier(code);
      assert.equal(d.state, 'IN_PROCESSING');
      const events = await t.database.db.selectFrom('dossierEvents').select('type').where('dossierId', '=', d.id).where('type', '=', 'consulted').execute();
      assert.equal(events.length, 2, 'exactly two answers recorded');
    }
  });
});
