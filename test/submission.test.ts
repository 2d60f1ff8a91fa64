// Online submission end to end over HTTP, without JavaScript: start a draft, fill the tờ khai
// (errors named, nothing lost), resume from another device, attach files, review, submit once
// even when pressed twice, and the form version replaced meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { saveForm, currentForm } from '../src/modules/forms';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';
import { pdfText, samplePdf } from './helpers/files';
import { KHAI_SINH_ANSWERS } from './helpers/submit-flow';

let t: TestApp;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
});
after(() => t.close());


async function citizen(): Promise<Client> {
  const c = new Client(t.app);
  await c.login('congdan');
  return c;
}

/** Starts a draft of a procedure and returns its path. */
async function startDraft(c: Client, code: string): Promise<string> {
  await c.get(`/nop-ho-so/${code}`);
  const res = await c.post(`/nop-ho-so/${code}`, {});
  assert.equal(res.statusCode, 303, res.body);
  return res.headers.location as string;
}

async function unitOf(code: string): Promise<string> {
  const u = await t.database.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return u.id;
}

async function upload(c: Client, draftPath: string, componentIndex: number, name: string, bytes: Buffer) {
  const draftId = draftPath.split('/').pop()!;
  const form = new FormData();
  form.append('_csrf', c.lastCsrf!);
  form.append('componentIndex', String(componentIndex));
  form.append('files', new Blob([bytes], { type: 'application/pdf' }), name);
  return c.postMultipart(`/ho-so-nhap/${draftId}/tep`, form);
}

describe('online submission without JavaScript', () => {
  test('the procedure page offers online submission only when the procedure has an e-form', async () => {
    const anon = new Client(t.app);
    assert.match((await anon.get('/thu-tuc/1.001193')).body, /href="\/nop-ho-so\/1\.001193"/);
    const none = await t.database.db.selectFrom('procedures').select('code').where('onlineLevel', '=', 'none').where('status', '=', 'published').executeTakeFirstOrThrow();
    assert.doesNotMatch((await anon.get(`/thu-tuc/${none.code}`)).body, /Nộp hồ sơ trực tuyến/);
    assert.equal((await anon.get(`/nop-ho-so/${none.code}`)).statusCode, 303, 'asks to sign in first');
  });

  test('a started draft is prefilled from the profile; a bad answer is named and nothing entered is lost', async () => {
    const c = await citizen();
    const path = await startDraft(c, '1.001193');
    const form = await c.get(path);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Nguyễn Văn An"/, 'the applicant name from the profile');
    assert.match(form.body, /value="020088001234"/, 'the personal ID from the profile');

    const res = await c.post(path, { ...KHAI_SINH_ANSWERS, receivingUnitId: await unitOf('p-luong-van-tri'), requesterIdNumber: '02008800123', _action: 'continue' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Số định danh cá nhân[^<]*phải gồm đúng 12 chữ số/);
    assert.match(res.body, /value="Nguyễn Minh Khang"/, 'the other answers stay on the page');

    // another device: a new session sees the same draft with what was typed, bad value included
    const other = await citizen();
    const again = await other.get(path);
    assert.match(again.body, /value="Nguyễn Minh Khang"/);
    assert.match(again.body, /value="02008800123"/);
  });

  test('another citizen cannot open someone’s draft', async () => {
    const c = await citizen();
    const path = await startDraft(c, '1.001193');
    const b = new Client(t.app);
    await b.login('doanhnghiep');
    assert.equal((await b.get(path)).statusCode, 404);
    assert.equal((await b.post(path, { ...KHAI_SINH_ANSWERS, _action: 'save' })).statusCode, 404);
  });

  test('a birth registration goes from draft to SUBMITTED with its file, once, even pressed twice', async () => {
    const c = await citizen();
    const path = await startDraft(c, '1.001193');
    await c.get(path);
    const step1 = await c.post(path, { ...KHAI_SINH_ANSWERS, receivingUnitId: await unitOf('p-luong-van-tri'), _action: 'continue' });
    assert.equal(step1.statusCode, 303, step1.body.slice(0, 3000));
    assert.equal(step1.headers.location, `${path}/tep`);

    await c.get(`${path}/tep`);
    const missing = await c.post(`${path}/tep/tiep-tuc`, {});
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Giấy chứng sinh/);

    const up = await upload(c, path, 1, 'giay-chung-sinh.pdf', samplePdf('Giấy chứng sinh'));
    assert.equal(up.statusCode, 303, up.body);
    assert.equal((await upload(c, path, 5, 'can-cuoc.pdf', samplePdf('Căn cước'))).statusCode, 303);
    await c.get(`${path}/tep`);
    const next = await c.post(`${path}/tep/tiep-tuc`, {});
    assert.equal(next.statusCode, 303, /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(next.body)?.[1]);

    const review = await c.get(`${path}/kiem-tra`);
    assert.match(review.body, /Nguyễn Minh Khang/);
    assert.match(review.body, /giay-chung-sinh\.pdf/);
    const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;

    const [a, b] = await Promise.all([c.post(`${path}/nop`, { key }), c.post(`${path}/nop`, { key })]);
    assert.equal(a.statusCode, 303, a.body);
    assert.equal(b.statusCode, 303, b.body);
    assert.equal(a.headers.location, b.headers.location, 'both presses lead to one dossier');
    const code = decodeURIComponent(String(a.headers.location).split('/').pop()!);

    const d = await t.database.db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(d.state, 'SUBMITTED');
    assert.equal(d.formVersion, (await currentForm({ db: t.database.db }, '1.001193'))!.version);
    assert.equal((d.data as Record<string, unknown>).childBirthDate, '2026-11-02');
    const files = await t.database.db.selectFrom('dossierFiles').select(['componentIndex', 'mime']).where('dossierId', '=', d.id).execute();
    assert.deepEqual(files.sort((x, y) => x.componentIndex - y.componentIndex), [{ componentIndex: 1, mime: 'application/pdf' }, { componentIndex: 5, mime: 'application/pdf' }]);
    assert.equal(await t.database.db.selectFrom('drafts').select('id').where('idempotencyKey', '=', key).executeTakeFirst(), undefined, 'the draft is gone');
    const count = await t.database.db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).where('idempotencyKey', '=', key).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);

    const done = await c.get(String(a.headers.location));
    assert.equal(done.statusCode, 200);
    assert.match(done.body, new RegExp(code.replaceAll('.', '\\.')));
    const mine = await c.get('/ho-so-cua-toi');
    assert.match(mine.body, new RegExp(code.replaceAll('.', '\\.')));

    // the commune's desk accepts it: the clock starts and the Mẫu 01 receipt is issued
    assert.equal((await c.get(`/ho-so/${code}/giay-tiep-nhan.pdf`)).statusCode, 404, 'no receipt before reception');
    const other = new Client(t.app);
    await other.login('motcua');
    assert.equal((await other.get(`/mot-cua/ho-so/${code}`)).statusCode, 404, 'another unit’s desk does not see it');
    const desk = new Client(t.app);
    await desk.login('motcuaxa');
    assert.match((await desk.get('/mot-cua/tiep-nhan')).body, new RegExp(code.replaceAll('.', '\\.')));
    const page = await desk.get(`/mot-cua/ho-so/${code}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    assert.equal((await desk.post(`/mot-cua/ho-so/${code}/tiep-nhan`, { version })).statusCode, 303);
    const stale = await desk.post(`/mot-cua/ho-so/${code}/tiep-nhan`, { version });
    assert.equal(stale.statusCode, 303);
    const after = await t.database.db.selectFrom('dossiers').select(['state', 'receivedAt', 'dueAt', 'logbookSerial', 'version']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(after.state, 'RECEIVED');
    assert.ok(after.dueAt && after.receivedAt && after.dueAt > after.receivedAt);
    assert.equal(after.version, Number(version) + 1, 'the second press with the old version changed nothing');
    const pdf = await c.get(`/ho-so/${code}/giay-tiep-nhan.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.match(text, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
    assert.match(text, new RegExp(code.replaceAll('.', '\\.')));
    assert.match(text, /Giấy chứng sinh/);
    assert.match(text, /Tờ khai điện tử/, 'the e-form stands for the tờ khai');
    assert.doesNotMatch(text, /Biên bản về việc trẻ bị bỏ rơi/, 'a component with no file was not received');
    const stranger = new Client(t.app);
    await stranger.login('doanhnghiep');
    assert.equal((await stranger.get(`/ho-so/${code}/giay-tiep-nhan.pdf`)).statusCode, 404, 'nobody else gets the receipt');
  });

  test('a form replaced while the citizen was filling it: the submission is refused with a clear message and the answers kept', async () => {
    const c = await citizen();
    const path = await startDraft(c, '1.001193');
    await c.get(path);
    await c.post(path, { ...KHAI_SINH_ANSWERS, receivingUnitId: await unitOf('p-luong-van-tri'), _action: 'continue' });
    await c.get(`${path}/tep`);
    await upload(c, path, 1, 'gcs.pdf', samplePdf('GCS'));
    await upload(c, path, 5, 'cc.pdf', samplePdf('CC'));
    const review = await c.get(`${path}/kiem-tra`);
    const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;

    const def = (await currentForm({ db: t.database.db }, '1.001193'))!;
    await saveForm({ db: t.database.db }, null, { ...def, title: `${def.title} (sửa đổi)` }, def.version);

    const res = await c.post(`${path}/nop`, { key });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, path);
    const form = await c.get(path);
    assert.match(form.body, /vừa được cơ quan cập nhật/);
    assert.match(form.body, /value="Nguyễn Minh Khang"/);
    assert.equal(await t.database.db.selectFrom('dossiers').select('id').where('idempotencyKey', '=', key).executeTakeFirst(), undefined);
  });

  test('a household registration with two members and the conditional household head', async () => {
    const c = await citizen();
    const path = await startDraft(c, '1.004222');
    await c.get(path);
    const post = {
      fullName: 'Nguyễn Văn An',
      birthDate: '14/08/1988',
      gender: 'nam',
      idNumber: '020088001234',
      phone: '0912345678',
      email: '',
      laChuHo: 'false',
      headName: '',
      headIdNumber: '',
      relationToHead: '',
      'newAddress[provinceCode]': 'ubnd-tinh',
      'newAddress[communeCode]': 'p-luong-van-tri',
      'newAddress[detail]': 'Số 12 đường Trần Đăng Ninh',
      housingBasis: 've_o_voi_nguoi_than',
      request: 'Đề nghị đăng ký thường trú.',
      'members[0][fullName]': 'Trần Thị Mai',
      'members[0][birthDate]': '05/11/1990',
      'members[0][gender]': 'nu',
      'members[0][idNumber]': '001190054321',
      'members[0][relationToHead]': 'khac',
      'members[0][relationDetail]': 'Con dâu',
      receivingUnitId: await unitOf('p-luong-van-tri'),
    };
    // the head is asked for only when the declarant is not the head: here they are missing
    const bad = await c.post(path, { ...post, _action: 'continue' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Nhập họ, chữ đệm và tên chủ hộ/);
    // add a second member without JavaScript: the page comes back with an empty item
    const added = await c.post(path, { ...post, _action: 'add:members' });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /name="members\[1\]\[fullName\]"/);
    const ok = await c.post(path, {
      ...post,
      headName: 'Nguyễn Văn Bình',
      headIdNumber: '020060004321',
      relationToHead: 'con',
      'members[1][fullName]': 'Nguyễn Minh Châu',
      'members[1][birthDate]': '20/01/2018',
      'members[1][gender]': 'nu',
      'members[1][idNumber]': '001318009876',
      'members[1][relationToHead]': 'chau',
      _action: 'continue',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
    await c.get(`${path}/tep`);
    const slots = await t.database.db.selectFrom('procedures').select('record').where('code', '=', '1.004222').executeTakeFirstOrThrow();
    const choIndex = (slots.record as { components: { code: string }[] }).components.findIndex((x) => x.code === 'CHO_O');
    assert.equal((await upload(c, path, choIndex, 'so-do.pdf', samplePdf('Giấy chứng nhận'))).statusCode, 303);
    const review = await c.get(`${path}/kiem-tra`);
    assert.match(review.body, /Nguyễn Minh Châu/);
    const key = /name="key" value="([^"]+)"/.exec(review.body)![1]!;
    const res = await c.post(`${path}/nop`, { key });
    assert.equal(res.statusCode, 303, res.body);
    const code = decodeURIComponent(String(res.headers.location).split('/').pop()!);
    const d = await t.database.db.selectFrom('dossiers').select('data').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(((d.data as { members: unknown[] }).members).length, 2);
  });
});
