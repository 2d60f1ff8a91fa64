// The citizen's document store (kho dữ liệu, issue 9 item 4): the results issued to a citizen and
// the documents they gave, each with its validity, downloadable by them only; a valid signed result
// offered and taken again for a later procedure's component (recorded on the new dossier), and a
// revoked one shown as revoked and never offered. Over HTTP, on PGlite and (CI) PostgreSQL.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import type { Client } from './helpers/client';
import { samplePdf } from './helpers/files';
import { GENERAL_REQUEST_ANSWERS } from './helpers/submit-flow';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const { as, submitted, dossier, act } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;
const STORE = '/ho-so-cua-toi/kho-du-lieu';
// Tuyển sinh trung học cơ sở: its component 1 asks for "Bản sao Giấy khai sinh", the paper a birth registration issues
const LATER_PROCEDURE = '3.000182';
const BIRTH_CERTIFICATE_SLOT = 1;

/** A birth registration submitted by congdan, taken through to the leader's signed result. */
async function issuedBirthCertificate(): Promise<{ code: string; document: { id: string; code: string; sha256: string } }> {
  const code = await submitted();
  const desk = await as('motcuaxa');
  assert.equal((await act(desk, code, 'accept')).statusCode, 303);
  assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
  const specialist = await as('tuphapxa');
  assert.equal((await act(specialist, code, 'consult')).statusCode, 303);
  assert.equal((await act(await as('conganxa'), code, 'consulted', { opinion: 'Đã xác minh nơi cư trú của mẹ, đủ điều kiện.' })).statusCode, 303);
  const sent = await act(specialist, code, 'sendForApproval', { outcome: 'result', generate: '1' });
  assert.equal(sent.statusCode, 303, errorsOf(sent.body));
  assert.equal((await act(await as('chutichxa'), code, 'approve')).statusCode, 303);
  const d = await dossier(code);
  assert.equal(d.state, 'RESULT_READY');
  const document = await db().selectFrom('issuedDocuments').select(['id', 'code', 'sha256']).where('dossierId', '=', d.id).where('kind', '=', 'result').executeTakeFirstOrThrow();
  return { code, document };
}

/** congdan starts a draft of the later procedure and fills its request form; the draft's path. */
async function laterDraft(citizen: Client): Promise<{ path: string; draftId: string }> {
  await citizen.get(`/nop-ho-so/${LATER_PROCEDURE}`);
  const start = await citizen.post(`/nop-ho-so/${LATER_PROCEDURE}`, {});
  assert.equal(start.statusCode, 303, errorsOf(start.body));
  const path = start.headers.location as string;
  const form = await citizen.get(path);
  assert.equal(form.statusCode, 200);
  const unit = /<option value="([0-9a-f-]{36})"[^>]*>Ủy ban nhân dân phường Lương Văn Tri/.exec(form.body)?.[1];
  assert.ok(unit, 'the commune is offered as receiving unit');
  const filled = await citizen.post(path, { ...GENERAL_REQUEST_ANSWERS, receivingUnitId: unit, _action: 'continue' });
  assert.equal(filled.statusCode, 303, errorsOf(filled.body));
  return { path, draftId: path.split('/').pop()! };
}

/** The files step's "Dùng lại" offers for one slot: the ids of the files and results offered. */
function offeredIn(page: string, slot: number): string[] {
  const section = new RegExp(`data-component-index="${slot}"[\\s\\S]*?(?=<section class="mc-attachment-slot"|$)`).exec(page)?.[0] ?? '';
  const reuse = /class="govuk-details mc-reuse"[\s\S]*?<\/details>/.exec(section)?.[0] ?? '';
  return [...reuse.matchAll(/name="fileId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

function text(body: string): string {
  return body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('Kho dữ liệu của công dân', () => {
  let issued: Awaited<ReturnType<typeof issuedBirthCertificate>>;
  let pendingCode: string;

  test('the store lists the results issued and the documents given, each with its validity', async () => {
    issued = await issuedBirthCertificate();
    pendingCode = await submitted();
    const citizen = await as('congdan');
    // linked from "Hồ sơ của tôi"
    assert.match((await citizen.get('/ho-so-cua-toi')).body, /href="\/ho-so-cua-toi\/kho-du-lieu"/);
    const page = await citizen.get(STORE);
    assert.equal(page.statusCode, 200);

    const result = new RegExp(`data-store-result="${issued.document.code}">([\\s\\S]*?)</li>`).exec(page.body)?.[1];
    assert.ok(result, 'the signed result is listed');
    const d = await dossier(issued.code);
    assert.match(text(result), /Giấy khai sinh \(bản chính, bản điện tử\) Còn hiệu lực/);
    assert.ok(text(result).includes(`Số ${d.resultNumber}`), text(result));
    assert.match(text(result), /Cơ quan cấp Ủy ban nhân dân phường Lương Văn Tri/);
    assert.match(text(result), /Ngày cấp \d{2}\/\d{2}\/\d{4}/);

    // the files of the received dossier are valid for 12 months; those of the one not yet received await reception
    const files = await db()
      .selectFrom('dossierFiles as f')
      .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
      .select(['f.id', 'f.componentName', 'd.code', 'f.createdAt'])
      .where('d.code', 'in', [issued.code, pendingCode])
      .execute();
    assert.equal(files.length, 4);
    for (const f of files) {
      const card = new RegExp(`data-store-file="${f.id}">([\\s\\S]*?)</li>`).exec(page.body)?.[1];
      assert.ok(card, `file ${f.id} is listed`);
      assert.match(text(card), f.code === issued.code ? /Còn giá trị sử dụng/ : /Chờ tiếp nhận/);
      const until = new Date(f.createdAt);
      until.setUTCFullYear(until.getUTCFullYear() + 1);
      const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(until);
      assert.ok(text(card).includes(`Dùng lại được đến ${shown}`), text(card));
    }
    // the rule is explained on the page
    assert.match(page.body, /Cách xác định giá trị sử dụng/);
    assert.match(page.body, /được dùng lại trong 12 tháng kể từ ngày nộp/);
  });

  test('the citizen downloads their documents from the store; nobody else can', async () => {
    const citizen = await as('congdan');
    const pdf = await citizen.get(`${STORE}/ket-qua/${issued.document.id}`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), issued.document.sha256);
    const file = await db().selectFrom('dossierFiles as f').innerJoin('dossiers as d', 'd.id', 'f.dossierId').select(['f.id', 'f.sha256']).where('d.code', '=', issued.code).where('f.componentIndex', '=', 1).executeTakeFirstOrThrow();
    const got = await citizen.get(`${STORE}/tep/${file.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(createHash('sha256').update(got.rawPayload).digest('hex'), file.sha256);

    // another applicant: not found; officers, even of the issuing unit: not theirs (the store is the citizen's)
    const other = await as('doanhnghiep');
    assert.equal((await other.get(`${STORE}/ket-qua/${issued.document.id}`)).statusCode, 404);
    assert.equal((await other.get(`${STORE}/tep/${file.id}`)).statusCode, 404);
    assert.doesNotMatch((await other.get(STORE)).body, new RegExp(issued.document.code));
    const leader = await as('chutichxa');
    assert.equal((await leader.get(`${STORE}/ket-qua/${issued.document.id}`)).statusCode, 403);
    assert.equal((await leader.get(STORE)).statusCode, 403);
  });

  test('a valid result is offered for a later procedure’s component, taken again, and recorded on the new dossier', async () => {
    const citizen = await as('congdan');
    const { path, draftId } = await laterDraft(citizen);
    const step = await citizen.get(`${path}/tep`);
    assert.equal(step.statusCode, 200);
    assert.deepEqual(offeredIn(step.body, BIRTH_CERTIFICATE_SLOT), [issued.document.id]);
    assert.match(step.body, /Kết quả đã cấp<\/strong> <span>Giấy khai sinh \(bản chính, bản điện tử\)<\/span>/);
    // the request form's slot (a declaration) is never offered a result
    assert.deepEqual(offeredIn(step.body, 0), []);

    // a result offered for one slot cannot be forced into another
    assert.equal((await citizen.post(`/ho-so-nhap/${draftId}/tep/dung-lai`, { componentIndex: '2', fileId: issued.document.id })).statusCode, 404);
    const reuse = await citizen.post(`/ho-so-nhap/${draftId}/tep/dung-lai`, { componentIndex: String(BIRTH_CERTIFICATE_SLOT), fileId: issued.document.id });
    assert.equal(reuse.statusCode, 303);
    const held = await db().selectFrom('draftFiles').selectAll().where('draftId', '=', draftId).execute();
    assert.deepEqual(
      held.map((f) => [f.componentIndex, f.reusedFrom, f.reusedDocumentId, f.sha256]),
      [[BIRTH_CERTIFICATE_SLOT, null, issued.document.id, issued.document.sha256]],
    );
    // once in the slot it is no longer offered there
    assert.deepEqual(offeredIn((await citizen.get(`${path}/tep`)).body, BIRTH_CERTIFICATE_SLOT), []);

    // the other required slots get a new upload, then the dossier is submitted
    const procedure = await db().selectFrom('procedures').select('record').where('code', '=', LATER_PROCEDURE).executeTakeFirstOrThrow();
    for (const [i, c] of (procedure.record as { components: { required: boolean }[] }).components.entries()) {
      if (!c.required) continue;
      await citizen.get(`${path}/tep`);
      const body = new FormData();
      body.append('_csrf', citizen.lastCsrf ?? '');
      body.append('componentIndex', String(i));
      body.append('files', new Blob([samplePdf(`Giay to ${i}`)]), `giay-to-${i}.pdf`);
      assert.equal((await citizen.postMultipart(`/ho-so-nhap/${draftId}/tep`, body)).statusCode, 303);
    }
    await citizen.get(`${path}/tep`);
    const next = await citizen.post(`${path}/tep/tiep-tuc`, {});
    assert.equal(next.statusCode, 303, errorsOf(next.body));
    const review = await citizen.get(`${path}/kiem-tra`);
    const done = await citizen.post(`${path}/nop`, { key: /name="key" value="([^"]+)"/.exec(review.body)![1]! });
    assert.equal(done.statusCode, 303, errorsOf(done.body));
    const code = decodeURIComponent(/^\/nop-ho-so\/da-nop\/(.+)$/.exec(done.headers.location as string)![1]!);

    const d = await dossier(code);
    const stored = await db().selectFrom('dossierFiles').selectAll().where('dossierId', '=', d.id).where('componentIndex', '=', BIRTH_CERTIFICATE_SLOT).execute();
    assert.deepEqual(
      stored.map((f) => [f.reusedFrom, f.reusedDocumentId, f.sha256, f.mime]),
      [[null, issued.document.id, issued.document.sha256, 'application/pdf']],
    );
    // the officer receiving the new dossier opens the reused result like any file of it
    const desk = await as('motcuaxa');
    const opened = await desk.get(`/ho-so/${code}/tep/${stored[0]!.id}`);
    assert.equal(opened.statusCode, 200);
    assert.equal(createHash('sha256').update(opened.rawPayload).digest('hex'), issued.document.sha256);
    // and the dossier's page tells the officer it is the result issued before, not a new upload
    const officerPage = await desk.get(`/mot-cua/ho-so/${encodeURIComponent(code)}`);
    assert.equal(officerPage.statusCode, 200);
    assert.ok(text(officerPage.body).includes(`(Dùng lại kết quả đã cấp, mã xác thực ${issued.document.code})`), 'the reuse shown on the officer’s page');
  });

  test('a revoked result is shown as revoked in the store and is no longer offered or accepted for reuse', async () => {
    const leader = await as('chutichxa');
    await leader.get(`/xac-thuc/${issued.document.code}`);
    const revoked = await leader.post(`/xac-thuc/${issued.document.code}/thu-hoi`, { reason: 'Cấp nhầm thông tin ngày sinh của trẻ, cần cấp lại.' });
    assert.equal(revoked.statusCode, 303);

    const citizen = await as('congdan');
    const page = await citizen.get(STORE);
    const card = new RegExp(`data-store-result="${issued.document.code}">([\\s\\S]*?)</li>`).exec(page.body)?.[1];
    assert.ok(card, 'the revoked result stays in the store');
    assert.match(text(card), /Đã bị thu hồi/);
    assert.doesNotMatch(text(card), /Còn hiệu lực/);
    assert.match(text(card), /Lý do: Cấp nhầm thông tin ngày sinh của trẻ, cần cấp lại\./);
    // the copy taken into the later dossier is marked too
    const copy = await db().selectFrom('dossierFiles').select('id').where('reusedDocumentId', '=', issued.document.id).executeTakeFirstOrThrow();
    const copyCard = new RegExp(`data-store-file="${copy.id}">([\\s\\S]*?)</li>`).exec(page.body)?.[1];
    assert.ok(copyCard);
    assert.match(text(copyCard), /Văn bản đã bị thu hồi/);

    const { path, draftId } = await laterDraft(citizen);
    const step = await citizen.get(`${path}/tep`);
    // neither the result nor the later dossier's copy of it
    assert.deepEqual(offeredIn(step.body, BIRTH_CERTIFICATE_SLOT), []);
    assert.doesNotMatch(step.body, /Kết quả đã cấp/);
    // taking it by its id anyway is refused, and nothing is added
    assert.equal((await citizen.post(`/ho-so-nhap/${draftId}/tep/dung-lai`, { componentIndex: String(BIRTH_CERTIFICATE_SLOT), fileId: issued.document.id })).statusCode, 404);
    assert.equal((await db().selectFrom('draftFiles').select('id').where('draftId', '=', draftId).execute()).length, 0);
  });
});
