// Acting for someone else online (issue 9, item 2): a citizen submits for a family member or as
// an authorised person (the power of attorney attached as a required file). The choice is made
// when starting the draft, checked with Vietnamese errors naming the field, kept on the draft and
// the dossier, shown to the officer and printed on the receipt (Mẫu 01); the tờ khai holds the
// subject's data; the dossier still counts as the citizen's own online submission.
// Over HTTP on PGlite and (CI) PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf, uploadToDraft } from './helpers/backoffice';
import type { Client } from './helpers/client';
import { pdfText, samplePdf } from './helpers/files';
import { BIRTH_FILES, KHAI_SINH_ANSWERS } from './helpers/submit-flow';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const { as, dossier, act } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;

const MOTHER = { name: 'Lương Thị Hoa', idNumber: '020095007788' };
const PRINCIPAL = { name: 'Đinh Văn Quý', idNumber: '020070001122' };

async function draftsOf(username: string) {
  return db().selectFrom('drafts').innerJoin('accounts', 'accounts.id', 'drafts.accountId').select(['drafts.id', 'drafts.actingFor']).where('accounts.username', '=', username).execute();
}

async function start(c: Client, fields: Record<string, string>) {
  await c.get('/nop-ho-so/1.001193');
  return c.post('/nop-ho-so/1.001193', fields);
}

/** The tờ khai step with the subject as requester, the birth files; returns the draft path. */
async function fillForm(c: Client, path: string, requester: { name: string; idNumber: string }) {
  const form = await c.get(path);
  assert.equal(form.statusCode, 200);
  const unit = /<option value="([0-9a-f-]{36})"[^>]*>Ủy ban nhân dân phường Lương Văn Tri/.exec(form.body)?.[1];
  assert.ok(unit, 'the receiving unit is offered');
  const res = await c.post(path, { ...KHAI_SINH_ANSWERS, requesterName: requester.name, requesterIdNumber: requester.idNumber, receivingUnitId: unit, _action: 'continue' });
  assert.equal(res.statusCode, 303, errorsOf(res.body));
  const draftId = path.split('/').pop()!;
  for (const f of BIRTH_FILES) await uploadToDraft(c, draftId, f.componentIndex, f.name, f.bytes);
  return draftId;
}

async function submitReviewed(c: Client, path: string): Promise<string> {
  const review = await c.get(`${path}/kiem-tra`);
  assert.equal(review.statusCode, 200);
  const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;
  const done = await c.post(`${path}/nop`, { key });
  assert.equal(done.statusCode, 303, errorsOf(done.body) || done.body.slice(0, 300));
  return decodeURIComponent(/^\/nop-ho-so\/da-nop\/(.+)$/.exec(done.headers.location as string)![1]!);
}

const componentCount = async () => {
  const row = await db().selectFrom('procedures').select('record').where('code', '=', '1.001193').where('status', '=', 'published').executeTakeFirstOrThrow();
  return (row.record as { components: unknown[] }).components.length;
};

describe('Nộp thay cho thân nhân hoặc với tư cách người được ủy quyền', () => {
  test('the start page offers the choice, and bad choices are refused with errors naming each field; no draft is made', async () => {
    const c = await as('congdan');
    const page = await c.get('/nop-ho-so/1.001193');
    assert.match(page.body, /Bạn nộp hồ sơ này cho ai\?/);
    assert.match(page.body, /Nộp thay cho thân nhân/);
    const before = (await draftsOf('congdan')).length;

    const res = await start(c, { capacity: 'relative', subjectName: ' ', subjectIdNumber: '0200950077', relationship: 'hang-xom' });
    assert.equal(res.statusCode, 400);
    const errors = errorsOf(res.body);
    assert.match(errors, /Nhập họ và tên của thân nhân/);
    assert.match(errors, /Số định danh cá nhân của thân nhân phải gồm đúng 12 chữ số/);
    assert.match(errors, /Chọn quan hệ của thân nhân với bạn trong danh sách/);
    // what was typed is kept
    assert.match(res.body, /value="0200950077"/);

    const auth = await start(c, { capacity: 'authorised', subjectName: PRINCIPAL.name, subjectIdNumber: 'abc' });
    assert.equal(auth.statusCode, 400);
    assert.match(errorsOf(auth.body), /Số định danh cá nhân của người ủy quyền phải gồm đúng 12 chữ số/);

    const odd = await start(c, { capacity: 'someone', subjectName: MOTHER.name, subjectIdNumber: MOTHER.idNumber });
    assert.equal(odd.statusCode, 400);
    assert.match(errorsOf(odd.body), /Chọn bạn nộp hồ sơ cho ai/);

    assert.equal((await draftsOf('congdan')).length, before);
  });

  test('a citizen submits for their mother: the form holds her data, the officer sees who submitted for whom, the receipt prints it, and it counts as the citizen’s own online submission', async () => {
    const c = await as('congdan');
    const res = await start(c, { capacity: 'relative', subjectName: MOTHER.name, subjectIdNumber: MOTHER.idNumber, relationship: 'me' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const path = res.headers.location as string;
    const draftId = path.split('/').pop()!;
    const stored = (await draftsOf('congdan')).find((d) => d.id === draftId);
    assert.deepEqual(stored?.actingFor, { capacity: 'relative', name: MOTHER.name, idNumber: MOTHER.idNumber, relationship: 'me' });

    // the applicant fields are prefilled with the mother's name and ID number, not the submitter's
    const form = await c.get(path);
    assert.match(form.body, new RegExp(`name="requesterName"[^>]*value="${MOTHER.name}"|value="${MOTHER.name}"[^>]*name="requesterName"`));
    assert.match(form.body, new RegExp(`value="${MOTHER.idNumber}"`));
    assert.doesNotMatch(form.body, /value="020088001234"/);
    assert.match(form.body, /Bạn nộp thay cho thân nhân: Lương Thị Hoa \(Mẹ, số định danh cá nhân 020095007788\)/);

    await fillForm(c, path, MOTHER);
    const code = await submitReviewed(c, path);
    const d = await dossier(code);
    const me = await db().selectFrom('accounts').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow();
    assert.equal(d.applicantName, MOTHER.name);
    assert.equal(d.applicantId, me.id, 'the citizen who submitted follows the dossier');
    assert.equal(d.submittedBy, me.id);
    assert.equal(d.channel, 'online');
    assert.deepEqual(d.actingFor, { capacity: 'relative', name: MOTHER.name, idNumber: MOTHER.idNumber, relationship: 'me' });
    // the statistics' "người dân tự nộp trực tuyến" (statistics/store.ts selfOnline): online, submitted by the applicant
    const self = await db()
      .selectFrom('dossiers')
      .select('code')
      .where('code', '=', code)
      .where('channel', '=', 'online')
      .whereRef('submittedBy', '=', 'applicantId')
      .executeTakeFirst();
    assert.ok(self, 'counted as an online submission by the citizen');
    // in the citizen's own list
    assert.match((await c.get('/ho-so-cua-toi')).body, new RegExp(code));

    const desk = await as('motcuaxa');
    const page = await desk.get(`/mot-cua/ho-so/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Người nộp Nguyễn Văn An nộp thay cho Lương Thị Hoa \(thân nhân: Mẹ, số định danh cá nhân 020095007788\)/);

    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    const receipt = await c.get(`/ho-so/${code}/giay-tiep-nhan.pdf`);
    assert.equal(receipt.statusCode, 200);
    const text = pdfText(receipt.rawPayload).replace(/\s+/g, ' ');
    assert.match(text, /Người nộp Nguyễn Văn An nộp thay cho Lương Thị Hoa \(thân nhân: Mẹ, số định danh cá nhân 020095007788\)/);
    assert.match(text, /Lương Thị Hoa/);
  });

  test('an authorised person must attach the power of attorney: the files step refuses to go on without it, and the dossier keeps it', async () => {
    const c = await as('congdan');
    const res = await start(c, { capacity: 'authorised', subjectName: PRINCIPAL.name, subjectIdNumber: PRINCIPAL.idNumber });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const path = res.headers.location as string;
    const draftId = await fillForm(c, path, PRINCIPAL);

    const files = await c.get(`${path}/tep`);
    assert.match(files.body, /Giấy ủy quyền \(văn bản ủy quyền nộp hồ sơ\)/);
    const refused = await c.post(`${path}/tep/tiep-tuc`, {});
    assert.equal(refused.statusCode, 400);
    assert.match(errorsOf(refused.body), /Giấy ủy quyền/);
    // nor can it be submitted from the review page
    const review = await c.get(`${path}/kiem-tra`);
    const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;
    const early = await c.post(`${path}/nop`, { key });
    assert.equal(early.statusCode, 400);
    assert.match(errorsOf(early.body), /Giấy ủy quyền/);

    const slot = await componentCount();
    await uploadToDraft(c, draftId, slot, 'giay-uy-quyen.pdf', samplePdf('Giay uy quyen'));
    assert.equal((await c.post(`${path}/tep/tiep-tuc`, {})).statusCode, 303);
    const code = await submitReviewed(c, path);
    const d = await dossier(code);
    assert.equal(d.applicantName, PRINCIPAL.name);
    assert.deepEqual(d.actingFor, { capacity: 'authorised', name: PRINCIPAL.name, idNumber: PRINCIPAL.idNumber });
    const stored = await db().selectFrom('dossierFiles').select(['componentIndex', 'componentName', 'fileName']).where('dossierId', '=', d.id).where('componentIndex', '=', slot).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.componentName, 'Giấy ủy quyền (văn bản ủy quyền nộp hồ sơ)');

    const desk = await as('motcuaxa');
    const page = await desk.get(`/mot-cua/ho-so/${code}`);
    assert.match(page.body, /Người nộp Nguyễn Văn An nộp thay cho Đinh Văn Quý \(theo giấy ủy quyền, số định danh cá nhân 020070001122\)/);
    assert.match(page.body, /Giấy ủy quyền/);
  });

  test('a citizen’s own submission records nobody acted for anyone', async () => {
    const c = await as('congdan');
    const res = await start(c, { capacity: 'self' });
    assert.equal(res.statusCode, 303);
    const path = res.headers.location as string;
    const form = await c.get(path);
    assert.doesNotMatch(form.body, /data-acting-note/);
    await fillForm(c, path, { name: 'Nguyễn Văn An', idNumber: '020088001234' });
    const code = await submitReviewed(c, path);
    assert.equal((await dossier(code)).actingFor, null);
    const desk = await as('motcuaxa');
    assert.doesNotMatch((await desk.get(`/mot-cua/ho-so/${code}`)).body, /data-representation/);
  });

  test('a business cannot start a dossier for a family member', async () => {
    const c = await as('doanhnghiep');
    const res = await start(c, { capacity: 'relative', subjectName: MOTHER.name, subjectIdNumber: MOTHER.idNumber, relationship: 'me' });
    assert.equal(res.statusCode, 400);
    assert.match(errorsOf(res.body), /Tổ chức nộp hồ sơ đứng tên tổ chức/);
  });
});
