// The desk enters a dossier for an applicant who brought the papers to the counter or sent them
// by post: the same tờ khai and validator as online, the papers scanned per component, documents
// the applicant gave in an earlier dossier taken again by reference, then the usual reception.
// Over HTTP on PGlite and (CI) PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf, uploadToDraft } from './helpers/backoffice';
import type { Client } from './helpers/client';
import { samplePdf } from './helpers/files';
import { GENERAL_REQUEST_ANSWERS, KHAI_SINH_ANSWERS } from './helpers/submit-flow';
import { receivingUnitsFor } from '../src/modules/dossiers';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  await findNotHere();
});
after(() => t.close());

const { as, submitted, dossier } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;

/** Procedures whose only receiving desk is the province's centre (the provincial tier's, received at ttpvhcc). */
const notHere: string[] = [];
async function findNotHere() {
  const rows = await db().selectFrom('procedures').select(['code', 'record']).where('status', '=', 'published').execute();
  for (const r of rows) {
    const units = await receivingUnitsFor({ db: db() }, r.record as never);
    if (units.length > 0 && units.every((u) => u.code === 'ttpvhcc')) notHere.push(r.code);
  }
}

const draftCount = async () => Number((await db().selectFrom('drafts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function startEntry(c: Client, fields: Record<string, string>) {
  await c.get('/mot-cua/tiep-nhan/nhap-ho-so');
  return c.post('/mot-cua/tiep-nhan/nhap-ho-so', fields);
}

/** Review and record: the code the officer is sent to. */
async function record(c: Client, path: string): Promise<string> {
  const review = await c.get(`${path}/kiem-tra`);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /Ghi hồ sơ/);
  const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;
  const done = await c.post(`${path}/nop`, { key });
  assert.equal(done.statusCode, 303, done.body.slice(0, 400));
  const code = /^\/mot-cua\/ho-so\/(.+)$/.exec(done.headers.location as string)?.[1];
  assert.ok(code, `redirected to ${done.headers.location}`);
  return decodeURIComponent(code);
}

describe('Nhập hồ sơ nhận trực tiếp hoặc qua bưu chính', () => {
  test('only the desk enters dossiers for others: citizens, specialists and anonymous visitors are refused', async () => {
    for (const u of ['congdan', 'tuphapxa']) {
      const c = await as(u);
      assert.equal((await c.get('/mot-cua/tiep-nhan/nhap-ho-so')).statusCode, 403, u);
    }
    const anon = new (await import('./helpers/client')).Client(t.app);
    const res = await anon.get('/mot-cua/tiep-nhan/nhap-ho-so');
    assert.ok([302, 303, 401].includes(res.statusCode), String(res.statusCode));
  });

  test('the choice lists the procedures the officer’s unit receives, online or not', async () => {
    const desk = await as('motcuaxa');
    const page = await desk.get('/mot-cua/tiep-nhan/nhap-ho-so');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="1\.001193"/);
    const reception = await desk.get('/mot-cua/tiep-nhan');
    assert.match(reception.body, /href="\/mot-cua\/tiep-nhan\/nhap-ho-so"/);
    // the province's own procedures are received at the province's centre, not here
    assert.ok(notHere.length > 0);
    for (const code of notHere) assert.doesNotMatch(page.body, new RegExp(`value="${code.replace('.', '\\.')}"`));
    const centre = await (await as('motcua')).get('/mot-cua/tiep-nhan/nhap-ho-so');
    assert.match(centre.body, new RegExp(`value="${notHere[0]!.replace('.', '\\.')}"`));
  });

  test('bad input: each field named in Vietnamese, and no draft is made', async () => {
    const desk = await as('motcuaxa');
    const before = await draftCount();
    const res = await startEntry(desk, { procedureCode: '9.999999', channel: 'fax', name: '', idNumber: '12345', email: 'khong-phai-thu' });
    assert.equal(res.statusCode, 400);
    const errors = errorsOf(res.body);
    assert.match(errors, /Chọn thủ tục hành chính trong danh sách/);
    assert.match(errors, /Chọn cách nhận hồ sơ/);
    assert.match(errors, /Nhập họ và tên người nộp hồ sơ/);
    assert.match(errors, /Số định danh cá nhân phải gồm đúng 12 chữ số/);
    assert.match(errors, /Thư điện tử không đúng định dạng/);
    // what was typed stays in the form
    assert.match(res.body, /value="12345"/);
    const other = await startEntry(desk, { procedureCode: notHere[0]!, channel: 'counter', name: 'Lý Văn Bốn' });
    assert.equal(other.statusCode, 400);
    assert.match(errorsOf(other.body), /Đơn vị của bạn không tiếp nhận hồ sơ của thủ tục này/);
    assert.equal(await draftCount(), before);
  });

  test('at the counter for a citizen with an account: prefilled, an earlier document reused, a paper scanned, then received with Mẫu 01', async () => {
    // the citizen's earlier online dossier holds their ID card scan (component 5)
    const earlier = await submitted();
    const earlierFile = await db()
      .selectFrom('dossierFiles as f')
      .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
      .select(['f.id', 'f.sha256', 'f.componentIndex'])
      .where('d.code', '=', earlier)
      .where('f.componentIndex', '=', 5)
      .executeTakeFirstOrThrow();
    const congdan = await db().selectFrom('accounts').select(['id', 'idNumber']).where('username', '=', 'congdan').executeTakeFirstOrThrow();

    const desk = await as('motcuaxa');
    const start = await startEntry(desk, { procedureCode: '1.001193', channel: 'counter', name: 'Nguyễn Văn An', idNumber: congdan.idNumber!, phone: '0912345678' });
    assert.equal(start.statusCode, 303, errorsOf(start.body));
    const path = start.headers.location as string;
    const draftId = path.split('/').pop()!;
    const form = await desk.get(path);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Nhập hồ sơ thay cho người nộp: Nguyễn Văn An/);
    assert.match(form.body, /Người nộp có tài khoản/);
    // prefilled from the citizen's profile and what the officer typed
    assert.match(form.body, /name="requesterIdNumber"[^>]*value="020088001234"|value="020088001234"[^>]*name="requesterIdNumber"/);
    // the desk receives for its own unit only
    const units = [...form.body.matchAll(/name="receivingUnitId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const deskUnit = await db().selectFrom('units').select('id').where('code', '=', 'p-luong-van-tri').executeTakeFirstOrThrow();
    assert.deepEqual(units, [deskUnit.id]);
    assert.doesNotMatch(form.body, /<select[^>]*name="receivingUnitId"/);
    assert.equal((await desk.post(path, { ...KHAI_SINH_ANSWERS, receivingUnitId: deskUnit.id, _action: 'continue' })).statusCode, 303);

    // the files step offers the ID card the citizen already gave
    const files = await desk.get(`${path}/tep`);
    assert.match(files.body, /Giấy tờ đã có trong hệ thống/);
    assert.match(files.body, new RegExp(`name="fileId" value="${earlierFile.id}"`));
    // a file that is not the applicant's is not found, and nothing is added
    const forged = await desk.post(`/ho-so-nhap/${draftId}/tep/dung-lai`, { componentIndex: '5', fileId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(forged.statusCode, 404);
    const reuse = await desk.post(`/ho-so-nhap/${draftId}/tep/dung-lai`, { componentIndex: '5', fileId: earlierFile.id });
    assert.equal(reuse.statusCode, 303);
    // pressing twice keeps one
    await desk.get(`${path}/tep`);
    assert.equal((await desk.post(`/ho-so-nhap/${draftId}/tep/dung-lai`, { componentIndex: '5', fileId: earlierFile.id })).statusCode, 303);
    const held = await db().selectFrom('draftFiles').selectAll().where('draftId', '=', draftId).execute();
    assert.equal(held.length, 1);
    assert.equal(held[0]!.reusedFrom, earlierFile.id);
    assert.equal(held[0]!.sha256, earlierFile.sha256);
    // the birth certificate is scanned at the counter
    await uploadToDraft(desk, draftId, 1, 'giay-chung-sinh-scan.pdf', samplePdf('Giay chung sinh quet tai quay'));
    await desk.get(`${path}/tep`);
    assert.equal((await desk.post(`${path}/tep/tiep-tuc`, {})).statusCode, 303);

    // another counter cannot open this draft
    const other = await as('motcua');
    assert.equal((await other.get(path)).statusCode, 404);

    const code = await record(desk, path);
    const d = await dossier(code);
    assert.equal(d.channel, 'counter');
    assert.equal(d.state, 'SUBMITTED');
    assert.equal(d.applicantId, congdan.id);
    const officer = await db().selectFrom('accounts').select('id').where('username', '=', 'motcuaxa').executeTakeFirstOrThrow();
    assert.equal(d.submittedBy, officer.id);
    const stored = await db().selectFrom('dossierFiles').selectAll().where('dossierId', '=', d.id).orderBy('componentIndex').execute();
    assert.deepEqual(
      stored.map((f) => [f.componentIndex, f.reusedFrom, f.uploadedBy]),
      [
        [1, null, officer.id],
        [5, earlierFile.id, officer.id],
      ],
    );
    const event = await db().selectFrom('dossierEvents').select(['publicNote']).where('dossierId', '=', d.id).executeTakeFirstOrThrow();
    assert.match(event.publicNote ?? '', /được nhận trực tiếp tại bộ phận một cửa/);
    assert.equal(await draftCount().then(async () => (await db().selectFrom('drafts').select('id').where('id', '=', draftId).execute()).length), 0);

    // the usual reception follows: accepted, with the receipt
    const page = await desk.get(`/mot-cua/ho-so/${code}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    assert.equal((await desk.post(`/mot-cua/ho-so/${code}/tiep-nhan`, { version })).statusCode, 303);
    assert.equal((await dossier(code)).state, 'RECEIVED');

    // the citizen follows it in "Hồ sơ của tôi"
    const citizen = await as('congdan');
    assert.match((await citizen.get('/ho-so-cua-toi')).body, new RegExp(code.replaceAll('.', '\\.')));
  });

  test('by post for someone without an account, on a procedure with no e-form: the general request form, the dossier belongs to nobody online', async () => {
    const desk = await as('motcuaxa');
    const page = await desk.get('/mot-cua/tiep-nhan/nhap-ho-so');
    const offered = [...page.body.matchAll(/<option value="(\d\.\d{6})"/g)].map((m) => m[1]!);
    const withForm = new Set((await db().selectFrom('formDefinitions').select('procedureCode').execute()).map((r) => r.procedureCode));
    const noForm = offered.find((c) => !withForm.has(c));
    assert.ok(noForm, 'the demo commune receives at least one procedure that has no e-form');

    const start = await startEntry(desk, { procedureCode: noForm, channel: 'post', name: 'Hà Thị Năm', phone: '0987654321' });
    assert.equal(start.statusCode, 303, errorsOf(start.body));
    const path = start.headers.location as string;
    const form = await desk.get(path);
    assert.match(form.body, /Đơn đề nghị/);
    assert.match(form.body, /Nhận qua dịch vụ bưu chính/);
    const deskUnit = await db().selectFrom('units').select('id').where('code', '=', 'p-luong-van-tri').executeTakeFirstOrThrow();
    // the same validator as online: a missing answer is named
    const bad = await desk.post(path, { fullName: 'Hà Thị Năm', receivingUnitId: deskUnit.id, _action: 'continue' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorsOf(bad.body), /Nhập nội dung đề nghị/);
    const ok = await desk.post(path, {
      ...GENERAL_REQUEST_ANSWERS,
      receivingUnitId: deskUnit.id,
      _action: 'continue',
    });
    assert.equal(ok.statusCode, 303, errorsOf(ok.body));
    const draftId = path.split('/').pop()!;
    const files = await desk.get(`${path}/tep`);
    // no account, nothing to reuse
    assert.doesNotMatch(files.body, /Giấy tờ đã có trong hệ thống/);
    const procedure = await db().selectFrom('procedures').select('record').where('code', '=', noForm).executeTakeFirstOrThrow();
    const components = (procedure.record as { components: { required: boolean }[] }).components;
    for (const [i, c] of components.entries()) if (c.required) await uploadToDraft(desk, draftId, i, `giay-to-${i}.pdf`, samplePdf(`Giay to ${i}`));
    await desk.get(`${path}/tep`);
    assert.equal((await desk.post(`${path}/tep/tiep-tuc`, {})).statusCode, 303);
    const code = await record(desk, path);
    const d = await dossier(code);
    assert.equal(d.channel, 'post');
    assert.equal(d.applicantId, null);
    assert.equal(d.formVersion, null);
    assert.equal(d.applicantName, 'Hà Thị Năm');
    // the notification goes to the phone the officer typed
    const n = await db().selectFrom('notifications').select(['recipient', 'body']).where('subjectId', '=', code).execute();
    assert.ok(n.some((x) => x.recipient === '0987654321'), JSON.stringify(n));
  });
});
