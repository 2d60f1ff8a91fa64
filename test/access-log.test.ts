// "Ai đã xem hồ sơ của tôi" (issue 9 item 6): every officer's opening of a dossier (its page, a
// file, a form PDF, a print) is in an append-only log that its applicant (and auditors) can read,
// and nobody else. Over HTTP, on PGlite and (CI) PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers } from './helpers/backoffice';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const { as, submitted, dossier, act } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;

async function logRows(code: string) {
  const d = await dossier(code);
  return db().selectFrom('dossierAccessLog').selectAll().where('dossierId', '=', d.id).orderBy('id').execute();
}

async function fileOf(code: string, componentIndex: number) {
  return db()
    .selectFrom('dossierFiles as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
    .select(['f.id', 'f.fileName', 'f.componentName'])
    .where('d.code', '=', code)
    .where('f.componentIndex', '=', componentIndex)
    .executeTakeFirstOrThrow();
}

/** The entries of the log page as text, one string per entry. */
function entriesOf(body: string): string[] {
  return [...body.matchAll(/<li class="mc-card" data-access-entry>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

describe('Ai đã xem hồ sơ của tôi', () => {
  let code: string;

  test('the applicant’s own views of the dossier and its files leave no entry', async () => {
    code = await submitted();
    const citizen = await as('congdan');
    assert.equal((await citizen.get(`/ho-so-cua-toi/${code}`)).statusCode, 200);
    const file = await fileOf(code, 1);
    assert.equal((await citizen.get(`/ho-so/${code}/tep/${file.id}`)).statusCode, 200);
    assert.deepEqual(await logRows(code), []);
    const page = await citizen.get(`/ho-so-cua-toi/${code}/ai-da-xem`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ai đã xem hồ sơ của tôi/);
    assert.match(page.body, /Chưa có cán bộ nào mở hồ sơ này/);
    // the dossier's page links to it
    assert.match((await citizen.get(`/ho-so-cua-toi/${code}`)).body, new RegExp(`href="/ho-so-cua-toi/${code.replace(/\./g, '\\.')}/ai-da-xem"`));
  });

  test('an officer opening the dossier’s page and a file is listed with time, unit, name, role and what was opened', async () => {
    const desk = await as('motcuaxa');
    const before = new Date();
    assert.equal((await desk.get(`/mot-cua/ho-so/${code}`)).statusCode, 200);
    const file = await fileOf(code, 1);
    const download = await desk.get(`/ho-so/${code}/tep/${file.id}`);
    assert.equal(download.statusCode, 200);

    const rows = await logRows(code);
    assert.deepEqual(
      rows.map((r) => [r.accountName, r.role, r.unitName, r.kind]),
      [
        ['Vi Văn Tùng', 'counter', 'Ủy ban nhân dân phường Lương Văn Tri', 'page'],
        ['Vi Văn Tùng', 'counter', 'Ủy ban nhân dân phường Lương Văn Tri', 'file'],
      ],
    );
    assert.ok(rows.every((r) => r.at.getTime() >= before.getTime() - 1000 && r.at.getTime() <= Date.now() + 1000));

    const page = await (await as('congdan')).get(`/ho-so-cua-toi/${code}/ai-da-xem`);
    assert.equal(page.statusCode, 200);
    const entries = entriesOf(page.body);
    assert.equal(entries.length, 2);
    // newest first: the file, then the page
    assert.match(entries[0]!, /Tải tệp giấy tờ/);
    assert.ok(entries[0]!.includes(`${file.componentName}: ${file.fileName}`), entries[0]);
    assert.match(entries[1]!, /Xem hồ sơ .*Trang thông tin hồ sơ/);
    for (const e of entries) {
      assert.match(e, /Ủy ban nhân dân phường Lương Văn Tri/);
      assert.match(e, /Vi Văn Tùng \(Cán bộ một cửa\)/);
    }
    // dd/MM/yyyy HH:mm in Vietnam's time
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(rows[1]!.at);
    assert.match(entries[1]!, new RegExp(`^${local.replace(/\//g, '\\/')} \\d{2}:\\d{2} · Xem hồ sơ`));
  });

  test('forms opened as PDF are listed by name; the applicant’s own download of them is not', async () => {
    const desk = await as('motcuaxa');
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    const n = (await logRows(code)).length;
    // the applicant downloads the receipt: nothing new
    assert.equal((await (await as('congdan')).get(`/ho-so/${code}/giay-tiep-nhan.pdf`)).statusCode, 200);
    assert.equal((await logRows(code)).length, n);
    // the leader prints it, and the control sheet (Mẫu 05)
    const leader = await as('chutichxa');
    assert.equal((await leader.get(`/ho-so/${code}/van-ban/giay-tiep-nhan.pdf`)).statusCode, 200);
    assert.equal((await leader.get(`/mot-cua/ho-so/${code}/phieu-kiem-soat.pdf`)).statusCode, 200);
    const added = (await logRows(code)).slice(n);
    assert.deepEqual(
      added.map((r) => [r.accountName, r.role, r.kind, r.item]),
      [
        ['Lộc Thị Hoa', 'leader', 'document', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)'],
        ['Lộc Thị Hoa', 'leader', 'document', 'Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)'],
      ],
    );
  });

  test('the desk’s print of the day’s receipts is listed for each dossier printed', async () => {
    const n = (await logRows(code)).length;
    const desk = await as('motcuaxa');
    const print = await desk.get('/mot-cua/giay-hen.pdf');
    assert.equal(print.statusCode, 200);
    const added = (await logRows(code)).slice(n);
    assert.deepEqual(
      added.map((r) => [r.accountName, r.kind]),
      [['Vi Văn Tùng', 'print']],
    );
  });

  test('an officer who may not see the dossier gets “not found” and leaves no entry', async () => {
    const n = (await logRows(code)).length;
    const other = await as('chuyenvien');
    assert.equal((await other.get(`/mot-cua/ho-so/${code}`)).statusCode, 404);
    const file = await fileOf(code, 1);
    assert.equal((await other.get(`/ho-so/${code}/tep/${file.id}`)).statusCode, 404);
    assert.equal((await logRows(code)).length, n);
  });

  test('nobody but the applicant and auditors can read the log', async () => {
    const path = `/ho-so-cua-toi/${code}/ai-da-xem`;
    // another applicant: as if the dossier did not exist
    assert.equal((await (await as('doanhnghiep')).get(path)).statusCode, 404);
    // officers, even of the unit that holds it: not theirs to read, on either page
    const desk = await as('motcuaxa');
    assert.equal((await desk.get(path)).statusCode, 403);
    assert.equal((await desk.get(`/kiem-tra/truy-cap-ho-so/${code}`)).statusCode, 403);
    // signed out: to the login page
    const anon = await fetch(`${base}${path}`, { redirect: 'manual' });
    assert.notEqual(anon.status, 200);
    assert.doesNotMatch(await anon.text(), /Vi Văn Tùng/);
    // an auditor reads it
    const auditor = await (await as('kiemtra')).get(`/kiem-tra/truy-cap-ho-so/${code}`);
    assert.equal(auditor.statusCode, 200);
    assert.match(auditor.body, /Cán bộ đã xem hồ sơ/);
    assert.ok(entriesOf(auditor.body).length >= 5);
    // and the auditor's reading is not an officer opening the dossier
    assert.ok((await logRows(code)).every((r) => r.role !== 'auditor'));
  });

  test('the log cannot be changed or deleted, even with direct SQL', async () => {
    const rows = await logRows(code);
    assert.ok(rows.length > 0);
    await assert.rejects(db().updateTable('dossierAccessLog').set({ accountName: 'Không ai' }).where('id', '=', rows[0]!.id).execute(), /append-only/);
    await assert.rejects(db().deleteFrom('dossierAccessLog').where('id', '=', rows[0]!.id).execute(), /append-only/);
    assert.equal((await logRows(code)).length, rows.length);
  });
});
