// A business logs in as itself and its staff act for it (issue 9, item 1): the organisation adds
// people by personal ID number or e-mail; each chooses to work for it, submits with the
// organisation as applicant and themself as submitter, and sees every dossier of the
// organisation in "Hồ sơ của tổ chức"; a removed member loses access on their very next request;
// nobody else can act for the organisation or see its dossiers. Over HTTP on PGlite and (CI)
// PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import { Client } from './helpers/client';
import { BIRTH_FILES, KHAI_SINH_ANSWERS } from './helpers/submit-flow';

let t: TestApp;
let base: string;

const ORG_NAME = 'Công ty TNHH Hoa Sen Lạng Sơn';
const STAFF_ID = '020090001357';

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // two more citizens, registered through the form
  for (const [fullName, contact] of [
    ['Phạm Thu Trang', 'trang@vidu.vn'],
    ['Lâm Văn Khoa', 'khoa@vidu.vn'],
  ] as const) {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { fullName, contact, password: 'matkhau-dai-123', passwordConfirm: 'matkhau-dai-123', kind: 'citizen' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
  }
  // Trang's personal ID number, as her identity login would have recorded it
  await t.database.db.updateTable('accounts').set({ idNumber: STAFF_ID }).where('email', '=', 'trang@vidu.vn').execute();
});
after(() => t.close());

const { as, dossier } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;

async function login(contact: string, password = 'matkhau-dai-123'): Promise<Client> {
  const c = new Client(t.app);
  await c.login(contact, password);
  return c;
}

const accountId = async (where: { username?: string; email?: string }) => {
  let q = db().selectFrom('accounts').select('id');
  if (where.username) q = q.where('username', '=', where.username);
  if (where.email) q = q.where('email', '=', where.email);
  return (await q.executeTakeFirstOrThrow()).id;
};

async function addStaff(org: Client, key: string) {
  await org.get('/to-chuc/nhan-vien');
  return org.post('/to-chuc/nhan-vien', { staff: key });
}

async function actFor(c: Client, organisationId: string) {
  await c.get('/to-chuc');
  return c.post('/to-chuc/lam-viec', { organisationId });
}

/** A birth registration submitted online by whoever `c` is acting as; its code. */
async function submitBirth(c: Client): Promise<string> {
  await c.get('/nop-ho-so/1.001193');
  const start = await c.post('/nop-ho-so/1.001193', {});
  assert.equal(start.statusCode, 303, errorsOf(start.body));
  const path = start.headers.location as string;
  const form = await c.get(path);
  const unit = /<option value="([0-9a-f-]{36})"[^>]*>Ủy ban nhân dân phường Lương Văn Tri/.exec(form.body)![1]!;
  assert.equal((await c.post(path, { ...KHAI_SINH_ANSWERS, receivingUnitId: unit, _action: 'continue' })).statusCode, 303);
  const draftId = path.split('/').pop()!;
  for (const f of BIRTH_FILES) {
    await c.get(`${path}/tep`);
    const body = new FormData();
    body.append('_csrf', c.lastCsrf ?? '');
    body.append('componentIndex', String(f.componentIndex));
    body.append('files', new Blob([f.bytes]), f.name);
    assert.equal((await c.postMultipart(`/ho-so-nhap/${draftId}/tep`, body)).statusCode, 303);
  }
  assert.equal((await c.post(`${path}/tep/tiep-tuc`, {})).statusCode, 303);
  const review = await c.get(`${path}/kiem-tra`);
  const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;
  const done = await c.post(`${path}/nop`, { key });
  assert.equal(done.statusCode, 303, errorsOf(done.body));
  return decodeURIComponent(/^\/nop-ho-so\/da-nop\/(.+)$/.exec(done.headers.location as string)![1]!);
}

describe('Nhân viên làm việc cho tổ chức, doanh nghiệp', () => {
  let orgId: string;
  let code: string;

  before(async () => {
    orgId = await accountId({ username: 'doanhnghiep' });
  });

  test('the organisation adds staff by personal ID number or e-mail; bad or unknown keys and duplicates are refused naming the field', async () => {
    const org = await as('doanhnghiep');
    const bad = await addStaff(org, '12345');
    assert.equal(bad.statusCode, 400);
    assert.match(errorsOf(bad.body), /Số định danh cá nhân phải gồm đúng 12 chữ số, hoặc nhập thư điện tử đúng định dạng/);
    const unknown = await addStaff(org, '020011112222');
    assert.equal(unknown.statusCode, 400);
    assert.match(errorsOf(unknown.body), /Không tìm thấy tài khoản công dân có số định danh cá nhân này/);

    assert.equal((await addStaff(org, STAFF_ID)).statusCode, 303);
    assert.equal((await addStaff(org, 'congdan@vidu.vn')).statusCode, 303);
    const again = await addStaff(org, 'trang@vidu.vn');
    assert.equal(again.statusCode, 409);
    assert.match(errorsOf(again.body), /Phạm Thu Trang đã là nhân viên của tổ chức/);

    const list = await org.get('/to-chuc/nhan-vien');
    assert.match(list.body, /Phạm Thu Trang/);
    assert.match(list.body, /Nguyễn Văn An/);
    assert.doesNotMatch(list.body, /Lâm Văn Khoa/);
  });

  test('only the organisation’s own login manages its staff: citizens are refused', async () => {
    const citizen = await login('khoa@vidu.vn');
    assert.equal((await citizen.get('/to-chuc/nhan-vien')).statusCode, 403);
    await citizen.get('/tai-khoan');
    assert.equal((await citizen.post('/to-chuc/nhan-vien', { staff: 'khoa@vidu.vn' })).statusCode, 403);
    const n = await db().selectFrom('organisationStaff').select((eb) => eb.fn.countAll().as('n')).where('organisationId', '=', orgId).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 2);
  });

  test('a staff member working for the organisation submits with the organisation as applicant and themself as submitter', async () => {
    const trang = await login('trang@vidu.vn');
    const choose = await trang.get('/to-chuc');
    assert.match(choose.body, new RegExp(`Làm việc cho ${ORG_NAME}`));
    const res = await actFor(trang, orgId);
    assert.equal(res.statusCode, 303);
    const list = await trang.get('/to-chuc/ho-so');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Hồ sơ của tổ chức/);

    code = await submitBirth(trang);
    const d = await dossier(code);
    const trangId = await accountId({ email: 'trang@vidu.vn' });
    assert.equal(d.applicantId, orgId);
    assert.equal(d.submittedBy, trangId);
    assert.equal(d.channel, 'online');
    assert.deepEqual(d.actingFor, { capacity: 'staff', submitterId: trangId, submitterName: 'Phạm Thu Trang' });
    // the audit log names the person behind the organisation
    const audit = await db().selectFrom('auditLog').select(['actorId', 'detail']).where('action', '=', 'dossier.submitted').where('entityId', '=', code).executeTakeFirstOrThrow();
    assert.equal(audit.actorId, orgId);
    assert.equal((audit.detail as { agentId?: string }).agentId, trangId);

    const desk = await as('motcuaxa');
    assert.match((await desk.get(`/mot-cua/ho-so/${code}`)).body, new RegExp(`Người nộp Phạm Thu Trang nộp thay cho ${ORG_NAME} \\(nhân viên của tổ chức\\)`));
  });

  test('every staff member and the organisation itself see the organisation’s dossiers', async () => {
    const an = await as('congdan');
    assert.equal((await actFor(an, orgId)).statusCode, 303);
    const list = await an.get('/to-chuc/ho-so');
    assert.match(list.body, new RegExp(code));
    assert.equal((await an.get(`/ho-so-cua-toi/${code}`)).statusCode, 200);

    const org = await as('doanhnghiep');
    assert.match((await org.get('/to-chuc/ho-so')).body, new RegExp(code));
    // but a staff member does not manage the staff, nor the organisation's password
    assert.equal((await an.get('/to-chuc/nhan-vien')).statusCode, 403);
    const profile = await an.get('/tai-khoan');
    assert.match(profile.body, new RegExp(`Nguyễn Văn An đang làm việc cho ${ORG_NAME}`));
    const pw = await an.post('/tai-khoan/doi-mat-khau', { current: 'demo1234', next: 'mat-khau-moi-123', confirm: 'mat-khau-moi-123' });
    assert.equal(pw.statusCode, 403);
    await as('doanhnghiep'); // the organisation's password is unchanged: signing in with it still works
  });

  test('a citizen who is not on the staff can neither act for the organisation nor see its dossiers', async () => {
    const khoa = await login('khoa@vidu.vn');
    const res = await actFor(khoa, orgId);
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Bạn không phải là nhân viên của tổ chức này/);
    assert.equal((await khoa.get('/to-chuc/ho-so')).statusCode, 403);
    assert.equal((await khoa.get(`/ho-so-cua-toi/${code}`)).statusCode, 404);
    assert.doesNotMatch((await khoa.get('/ho-so-cua-toi')).body, new RegExp(code));
  });

  test('a removed staff member loses access at once, in the session they already have', async () => {
    const trang = await login('trang@vidu.vn');
    assert.equal((await actFor(trang, orgId)).statusCode, 303);
    assert.equal((await trang.get(`/ho-so-cua-toi/${code}`)).statusCode, 200);

    const org = await as('doanhnghiep');
    const page = await org.get('/to-chuc/nhan-vien');
    const trangId = await accountId({ email: 'trang@vidu.vn' });
    const membership = await db().selectFrom('organisationStaff').select('id').where('accountId', '=', trangId).where('removedAt', 'is', null).executeTakeFirstOrThrow();
    assert.match(page.body, new RegExp(`/to-chuc/nhan-vien/${membership.id}/xoa`));
    assert.equal((await org.post(`/to-chuc/nhan-vien/${membership.id}/xoa`, {})).statusCode, 303);

    // the same session, the next request: no longer the organisation
    assert.equal((await trang.get(`/ho-so-cua-toi/${code}`)).statusCode, 404);
    assert.equal((await trang.get('/to-chuc/ho-so')).statusCode, 403);
    const again = await actFor(trang, orgId);
    assert.equal(again.statusCode, 404);
    assert.doesNotMatch((await org.get('/to-chuc/nhan-vien')).body, /Phạm Thu Trang/);
    // the other member keeps access
    const an = await as('congdan');
    assert.equal((await actFor(an, orgId)).statusCode, 303);
    assert.equal((await an.get(`/ho-so-cua-toi/${code}`)).statusCode, 200);
  });
});
