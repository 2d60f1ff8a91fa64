// The result document: written by the system when the agency has none of its own (a draft with
// no number for the leader, then the approved document with its number, date and signer), and
// signed with the issuing unit's key (PAdES) whether written or uploaded. Over HTTP, on PGlite
// and (CI) PostgreSQL; the signature is checked by our verifier and by poppler's pdfsig.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import { pdfText, samplePdf } from './helpers/files';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const { as, submitted, dossier, act } = backofficeHelpers(() => ({ t, base }));

/** Submitted, received, through the commune and its police, back at the commune's drafting step. */
async function atDrafting(): Promise<string> {
  const code = await submitted();
  const desk = await as('motcuaxa');
  assert.equal((await act(desk, code, 'accept')).statusCode, 303);
  assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
  const specialist = await as('tuphapxa');
  assert.equal((await act(specialist, code, 'consult')).statusCode, 303);
  const police = await as('conganxa');
  assert.equal((await act(police, code, 'consulted', { opinion: 'Đã xác minh nơi cư trú của mẹ, đủ điều kiện.' })).statusCode, 303);
  assert.equal((await dossier(code)).state, 'IN_PROCESSING');
  return code;
}

function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-sig-'));
  try {
    const file = path.join(dir, 'kq.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Văn bản kết quả do hệ thống tạo, được ký số', () => {
  let code: string;

  test('the specialist has the system write the draft: no number yet, marked as a draft, with the answers', async () => {
    code = await atDrafting();
    const specialist = await as('tuphapxa');
    const both = await act(specialist, code, 'sendForApproval', { outcome: 'result', generate: '1' });
    assert.equal(both.statusCode, 303, errorsOf(both.body));
    const d = await dossier(code);
    assert.equal(d.state, 'AWAITING_APPROVAL');
    // the leader reads the draft from the dossier page's document link
    const leader = await as('chutichxa');
    const draft = await leader.get(`/ho-so/${code}/van-ban/ket-qua.pdf`);
    assert.equal(draft.statusCode, 200);
    const text = pdfText(draft.rawPayload);
    assert.match(text, /DỰ THẢO/);
    assert.match(text, /GIẤY KHAI SINH/);
    assert.match(text, /Nguyễn Minh Khang/);
    assert.match(text, /Số: …/);
    // not signed: a draft has no legal effect
    assert.match(pdfsig(draft.rawPayload), /does not contain any signatures/);
  });

  test('the leader approves: the result is written again with its number and the leader’s name, stamped and signed', async () => {
    const leader = await as('chutichxa');
    assert.equal((await act(leader, code, 'approve')).statusCode, 303);
    const d = await dossier(code);
    assert.equal(d.state, 'RESULT_READY');
    const citizen = await as('congdan');
    const res = await citizen.get(`/ho-so/${code}/van-ban/ket-qua.pdf`);
    assert.equal(res.statusCode, 200);
    const text = pdfText(res.rawPayload);
    assert.doesNotMatch(text, /DỰ THẢO/);
    assert.ok(text.includes(`Số: ${d.resultNumber}`), text.slice(0, 600));
    assert.match(text, /Lộc Thị Hoa/);
    assert.match(text, /Xác thực/);
    const sig = pdfsig(res.rawPayload);
    assert.match(sig, /Signature is Valid/);
    assert.match(sig, /Total document signed/);
    // recorded for the public verification page, issued by the unit that approved
    const issued = await t.database.db.selectFrom('issuedDocuments').selectAll().where('dossierId', '=', d.id).execute();
    assert.equal(issued.length, 1);
    assert.equal(issued[0]!.number, d.resultNumber);
    const check = await citizen.get(`/api/v1/verify/${issued[0]!.code}`);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /Lương Văn Tri/);
  });

  test('an uploaded result is signed as it is, when approved', async () => {
    const other = await atDrafting();
    const specialist = await as('tuphapxa');
    const page = await specialist.get(`/mot-cua/ho-so/${other}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: specialist.lastCsrf ?? '', _action: 'sendForApproval', version, outcome: 'result' })) form.append(k, v);
    form.append('resultFile', new Blob([samplePdf('Giay khai sinh tai len')]), 'giay-khai-sinh.pdf');
    assert.equal((await specialist.postMultipart(`/mot-cua/ho-so/${other}/thao-tac`, form)).statusCode, 303);
    const leader = await as('chutichxa');
    assert.equal((await act(leader, other, 'approve')).statusCode, 303);
    const res = await (await as('congdan')).get(`/ho-so/${other}/van-ban/ket-qua.pdf`);
    assert.match(pdfText(res.rawPayload), /Giay khai sinh tai len/);
    assert.match(pdfsig(res.rawPayload), /Signature is Valid/);
  });
});
