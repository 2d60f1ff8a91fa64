// Signed results anyone can verify: a result is stamped with its verification QR code and link,
// signed with the issuing unit's key (PAdES, ETSI.CAdES.detached) and recorded; poppler's pdfsig,
// an independent verifier, finds the signature valid (and trusted, with the demo CA in an NSS
// database); one changed byte breaks it for pdfsig and for us. The public page shows the facts
// and nothing personal; an uploaded file is valid, tampered, unknown or revoked; only a leader of
// the issuing unit may revoke, with a reason, logged; the JSON API says the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { issueSignedResult, type Issued } from '../src/modules/documents';
import { renderPdf } from '../src/platform/pdf';
import { checkPdfSignature, DemoSigning, signingFor, SigningUnavailable } from '../src/platform/signing';
import { loadConfig } from '../src/config';
import { derLength } from '../src/platform/signing/der';
import { formatDate } from '../src/platform/format';
import { blobStoreFor } from '../src/platform/storage';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import { Client } from './helpers/client';
import { pdfText, samplePdf } from './helpers/files';

let t: TestApp;
let base: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'motcua-signing-'));

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', TRACKING_RATE_LIMIT_PER_MINUTE: '1000', UPLOAD_MAX_FILE_MB: '1' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await t.close();
  rmSync(scratch, { recursive: true, force: true });
});

const { as, submitted, dossier, auditCount } = backofficeHelpers(() => ({ t, base }));

/** pdfsig's report of a PDF (its exit status is not the verdict: it reads the text). */
function pdfsig(pdf: Buffer, nssdir?: string): string {
  const file = path.join(scratch, `f-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', [...(nssdir ? ['-nssdir', `sql:${nssdir}`] : []), file], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

/** An NSS database trusting the demo CA, when certutil (libnss3-tools) is installed. */
function nssTrusting(caPem: string): string | undefined {
  if (spawnSync('certutil', ['--help']).error) return undefined;
  const dir = mkdtempSync(path.join(scratch, 'nss-'));
  const ca = path.join(dir, 'ca.pem');
  writeFileSync(ca, caPem);
  assert.equal(spawnSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']).status, 0);
  assert.equal(spawnSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'CA Demo Mot Cua', '-t', 'CT,C,C', '-i', ca]).status, 0);
  return dir;
}

async function upload(c: Client, bytes: Buffer, name = 'ket-qua.pdf', csrf = true) {
  await c.get('/xac-thuc');
  const form = new FormData();
  if (csrf) form.append('_csrf', c.lastCsrf ?? '');
  form.append('file', new Blob([bytes]), name);
  return c.postMultipart('/xac-thuc', form);
}

const APPLICANT = 'Nguyễn Minh Khang';
const ID_NUMBER = '020123456789';

describe('a signed birth registration result', () => {
  let issued: Issued;
  let signed: Buffer;
  let dossierCode: string;
  let unitId: string;

  test('issuing stamps the verification link and QR code on the last page, signs, stores and records it', async () => {
    dossierCode = await submitted();
    const d = await dossier(dossierCode);
    const leader = await t.database.db.selectFrom('accounts').select('unitId').where('username', '=', 'chutichxa').executeTakeFirstOrThrow();
    unitId = leader.unitId!;
    const pdf = await renderPdf({ title: 'Giấy khai sinh', content: [{ text: 'GIẤY KHAI SINH', style: 'title' }, `Họ, chữ đệm, tên: ${APPLICANT}`, `Số định danh cá nhân: ${ID_NUMBER}`, { text: 'Trang 2', pageBreak: 'before' }] });
    const deps = { db: t.database.db, blobs: blobStoreFor(t.config), publicUrl: t.config.publicUrl, signing: signingFor(t.config) };
    issued = await t.database.db.transaction().execute((trx) =>
      issueSignedResult(deps, trx, null, { dossierId: d.id, unitId, procedureCode: d.procedureCode, procedureName: d.procedureName, pdf, number: '12/2025/KQ' }),
    );
    assert.match(issued.code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.equal(issued.verifyUrl, `${t.config.publicUrl}/xac-thuc/${issued.code}`);
    signed = Buffer.concat(await (await deps.blobs.get(issued.sha256)).toArray());
    const row = await t.database.db.selectFrom('issuedDocuments').selectAll().where('code', '=', issued.code).executeTakeFirstOrThrow();
    assert.equal(row.sha256, issued.sha256, 'stored under the hash of the signed file');
    assert.equal(row.dossierId, d.id);
    assert.equal(row.issuerName, 'Ủy ban nhân dân phường Lương Văn Tri');
    assert.equal(row.revokedAt, null);
    // the box is on the last page, with the original text kept
    const pages = pdfText(signed).split('\f');
    assert.match(pages[0]!, new RegExp(APPLICANT));
    assert.doesNotMatch(pages[0]!, /Xác thực:/);
    assert.match(pages[1]!, new RegExp(`Xác thực: ${issued.verifyUrl.replace(/[.]/g, '\\.')}`));
    assert.match(pages[1]!, new RegExp(`Mã xác thực: ${issued.code}`));
    assert.equal(await auditCount('document.issued', issued.code), 1);
  });

  test('pdfsig, an independent verifier, reports the PAdES signature valid, and trusted with the demo CA', async (ctx) => {
    const report = pdfsig(signed);
    assert.match(report, /Signature Validation: Signature is Valid\./);
    assert.match(report, /Signature Type: ETSI\.CAdES\.detached/);
    assert.match(report, /Total document signed/);
    assert.match(report, /Signer Certificate Common Name: Ủy ban nhân dân phường Lương Văn Tri/);
    assert.match(report, /O=Tỉnh Lạng Sơn/);
    const ca = await new DemoSigning(path.join(t.config.dataDir, 'signing', 'demo'), 'Tỉnh Lạng Sơn').caPem();
    const nss = nssTrusting(ca);
    if (!nss) {
      ctx.diagnostic('certutil (libnss3-tools) is not installed: the chain to the demo CA is checked by our verifier only');
    } else {
      assert.match(pdfsig(signed, nss), /Certificate Validation: Certificate is Trusted\./);
    }
    // without the CA, pdfsig still finds the signature sound but cannot trust the issuer
    assert.doesNotMatch(report, /Certificate is Trusted/);
    const ours = checkPdfSignature(signed, await signingFor(t.config).trust.anchors());
    assert.equal(ours.status, 'ok', ours.detail);
  });

  test('one changed byte inside the signed range fails pdfsig and our verifier; bytes added after signing fail ours', async () => {
    const changed = Buffer.from(signed);
    const at = changed.indexOf('/MediaBox');
    assert.ok(at > 0 && at < changed.indexOf('/ByteRange'));
    const digit = changed.indexOf('8', at);
    changed[digit] = '7'.charCodeAt(0);
    const report = pdfsig(changed);
    assert.doesNotMatch(report, /Signature is Valid/);
    assert.match(report, /Digest Mismatch/);
    const anchors = await signingFor(t.config).trust.anchors();
    assert.equal(checkPdfSignature(changed, anchors).status, 'modified');
    const appended = Buffer.concat([signed, Buffer.from('\n% added later\n')]);
    assert.equal(checkPdfSignature(appended, anchors).status, 'modified');
    // a changed signature value (the last bytes of the CMS): it no longer verifies with its certificate
    const forged = Buffer.from(signed);
    const [, b, c] = /\/ByteRange \[0 (\d+) (\d+)/.exec(forged.toString('latin1'))!.map(Number) as [number, number, number];
    const cmsLength = derLength(Buffer.from(forged.toString('latin1', b + 1, c - 1), 'hex'));
    const last = b + 1 + 2 * cmsLength - 1;
    forged[last] = forged[last] === 0x30 ? 0x31 : 0x30;
    assert.equal(checkPdfSignature(forged, anchors).status, 'broken');
  });

  test('the public page shows issuer, date, procedure and hash, and nothing personal', async () => {
    const anyone = new Client(t.app);
    const page = await anyone.get(`/xac-thuc/${issued.code}`);
    assert.equal(page.statusCode, 200);
    const d = await dossier(dossierCode);
    assert.match(page.body, /Ủy ban nhân dân phường Lương Văn Tri/);
    assert.match(page.body, new RegExp(formatDate(new Date())));
    assert.match(page.body, new RegExp(`${d.procedureCode.replace(/\./g, '\\.')} – ${d.procedureName}`));
    assert.match(page.body, new RegExp(issued.sha256.slice(0, 8)));
    assert.match(page.body, /12\/2025\/KQ/);
    assert.match(page.body, /Còn hiệu lực/);
    for (const personal of [APPLICANT, ID_NUMBER, d.applicantName, dossierCode, d.applicantPhone ?? 'no phone', d.applicantEmail ?? 'no e-mail']) {
      assert.ok(!page.body.includes(personal), `the page does not show ${personal}`);
    }
    assert.doesNotMatch(page.body, /Thu hồi văn bản/, 'no revoke form for the public');
    // typed from paper: lower case, without dashes, O for zero
    const typed = await anyone.get(`/xac-thuc/${issued.code.toLowerCase().replace(/-/g, '').replace(/0/g, 'o')}`);
    assert.equal(typed.statusCode, 301);
    assert.equal(typed.headers.location, `/xac-thuc/${issued.code}`);
    const search = await anyone.get(`/xac-thuc?ma=${encodeURIComponent(issued.code.toLowerCase())}`);
    assert.equal(search.statusCode, 303);
    assert.equal((await anyone.get('/xac-thuc/ABCD-EFGH-JKMN-PQRS')).statusCode, 404);
    const bad = await anyone.get('/xac-thuc?ma=12');
    assert.equal(bad.statusCode, 400);
    assert.match(errorsOf(bad.body), /Mã xác thực gồm 16 chữ và số/);
  });

  test('an uploaded PDF: the genuine one is valid, a changed one tampered, an unsigned or foreign one unknown', async () => {
    const anyone = new Client(t.app);
    const genuine = await upload(anyone, signed);
    assert.equal(genuine.statusCode, 200, errorsOf(genuine.body));
    assert.match(genuine.body, /Kết quả kiểm tra: <strong[^>]*>Văn bản hợp lệ/);
    assert.match(genuine.body, /chữ ký số hợp lệ của Ủy ban nhân dân phường Lương Văn Tri/);
    assert.ok(!genuine.body.includes(APPLICANT));

    const changed = Buffer.from(signed);
    const at = changed.indexOf('/MediaBox');
    changed[changed.indexOf('8', at)] = '7'.charCodeAt(0);
    const tampered = await upload(anyone, changed);
    assert.match(tampered.body, /Văn bản đã bị thay đổi sau khi ký/);
    assert.doesNotMatch(tampered.body, /Văn bản hợp lệ/);

    const unsigned = await upload(anyone, samplePdf('Giay khai sinh tu lam'));
    assert.match(unsigned.body, /Không xác định được văn bản/);
    assert.match(unsigned.body, /Tệp không có chữ ký số/);

    // signed properly, but by a CA the portal does not trust
    const stranger = new DemoSigning(path.join(scratch, 'other-ca'), 'Tỉnh Khác');
    const foreign = await stranger.sign(samplePdf('Giay gia'), { id: unitId, code: 'x', name: 'Ủy ban nhân dân phường Lương Văn Tri' });
    assert.match(pdfsig(foreign.pdf), /Signature is Valid/);
    const untrusted = await upload(anyone, foreign.pdf);
    assert.match(untrusted.body, /Không xác định được văn bản/);
    assert.match(untrusted.body, /không thuộc cơ quan nhà nước nào được hệ thống tin cậy/);
  });

  test('the upload form refuses a missing file, a non-PDF, a file over the limit and a post without its CSRF token', async () => {
    const anyone = new Client(t.app);
    await anyone.get('/xac-thuc');
    const empty = new FormData();
    empty.append('_csrf', anyone.lastCsrf ?? '');
    const none = await anyone.postMultipart('/xac-thuc', empty);
    assert.equal(none.statusCode, 400);
    assert.match(errorsOf(none.body), /Chọn tệp PDF cần kiểm tra/);
    const text = await upload(anyone, Buffer.from('Đây không phải PDF'), 'ket-qua.pdf');
    assert.equal(text.statusCode, 400);
    assert.match(errorsOf(text.body), /không phải tệp PDF/);
    const big = await upload(anyone, samplePdf('To', 1100 * 1024));
    assert.equal(big.statusCode, 413);
    assert.match(errorsOf(big.body), /Tệp lớn hơn 1 MB/);
    const forged = await upload(new Client(t.app), signed, 'ket-qua.pdf', false);
    assert.equal(forged.statusCode, 403);
  });

  test('only a leader of the issuing unit may revoke, with a reason; every attempt is logged', async () => {
    const url = `/xac-thuc/${issued.code}/thu-hoi`;
    const anonymous = new Client(t.app);
    await anonymous.get(`/xac-thuc/${issued.code}`);
    const anon = await anonymous.post(url, { reason: 'Cấp nhầm cho người khác.' });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/dang-nhap/);
    for (const username of ['congdan', 'tuphapxa', 'motcuaxa']) {
      const c = await as(username);
      await c.get(`/xac-thuc/${issued.code}`);
      assert.equal((await c.post(url, { reason: 'Cấp nhầm cho người khác.' })).statusCode, 403, username);
    }
    // a leader, but of another unit: the page offers nothing and a forged post is refused and logged
    const otherLeader = await as('lanhdao');
    assert.doesNotMatch((await otherLeader.get(`/xac-thuc/${issued.code}`)).body, /Thu hồi văn bản/);
    const other = await otherLeader.post(url, { reason: 'Cấp nhầm cho người khác.' });
    assert.equal(other.statusCode, 403);
    assert.match(other.body, /Chỉ lãnh đạo của cơ quan đã ban hành văn bản/);
    assert.equal(await auditCount('document.revoke_refused', issued.code), 1);
    assert.equal((await t.database.db.selectFrom('issuedDocuments').select('revokedAt').where('code', '=', issued.code).executeTakeFirstOrThrow()).revokedAt, null);

    const leader = await as('chutichxa');
    assert.match((await leader.get(`/xac-thuc/${issued.code}`)).body, /Thu hồi văn bản/);
    const bare = await leader.post(url, { reason: '  ' });
    assert.equal(bare.statusCode, 400);
    assert.match(errorsOf(bare.body), /Nhập lý do thu hồi/);
    const ok = await leader.post(url, { reason: 'Sai ngày sinh của trẻ; đã cấp lại bản đúng.' });
    assert.equal(ok.statusCode, 303);
    assert.equal(await auditCount('document.revoked', issued.code), 1);
    const again = await leader.post(url, { reason: 'Thu hồi lần nữa để thử.' });
    assert.equal(again.statusCode, 303);
    assert.match((await leader.get(`/xac-thuc/${issued.code}`)).body, /đã bị thu hồi trước đó/);
    assert.equal(await auditCount('document.revoked', issued.code), 1, 'revoked once');

    const page = await new Client(t.app).get(`/xac-thuc/${issued.code}`);
    assert.match(page.body, /Đã bị thu hồi/);
    assert.match(page.body, new RegExp(`Thu hồi ngày ${formatDate(new Date())}. Lý do: Sai ngày sinh của trẻ; đã cấp lại bản đúng.`));
    const check = await upload(new Client(t.app), signed);
    assert.match(check.body, /Kết quả kiểm tra: <strong[^>]*>Văn bản đã bị thu hồi/);
    assert.match(check.body, /Sai ngày sinh của trẻ/);
  });

  test('the JSON API gives the same facts, is in the OpenAPI document, and answers 404 in Vietnamese', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/verify/${issued.code}` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.code, issued.code);
    assert.equal(body.valid, false);
    assert.equal(body.issuer, 'Ủy ban nhân dân phường Lương Văn Tri');
    assert.equal(body.sha256, issued.sha256);
    assert.equal(body.number, '12/2025/KQ');
    assert.match(body.signer.subject, /CN=Ủy ban nhân dân phường Lương Văn Tri/);
    assert.equal(body.revoked.reason, 'Sai ngày sinh của trẻ; đã cấp lại bản đúng.');
    assert.ok(!res.body.includes(APPLICANT) && !res.body.includes(dossierCode));
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/verify/ABCD-EFGH-JKMN-PQRS' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json().error.message, /Không tìm thấy văn bản/);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    assert.ok(doc.paths['/api/v1/verify/{code}'], 'documented');
  });
});

describe('keys in production', () => {
  const unit = { id: '00000000-0000-4000-8000-000000000001', code: 'ubnd-xa-luong-van-tri', name: 'Ủy ban nhân dân phường Lương Văn Tri' };

  test('signs with the unit’s PKCS#12 file from SIGNING_P12_DIR and trusts only SIGNING_CA_FILE', async () => {
    // a unit's .p12 and its CA, as a certification authority would deliver them
    const issuer = new DemoSigning(path.join(scratch, 'ca-for-prod'), 'Tỉnh Lạng Sơn');
    await issuer.sign(samplePdf('first use makes the files'), unit);
    const keys = path.join(scratch, 'p12');
    mkdirSync(keys);
    copyFileSync(path.join(scratch, 'ca-for-prod', 'units', `${unit.id}.p12`), path.join(keys, `${unit.code}.p12`));
    const caFile = path.join(scratch, 'trusted.pem');
    writeFileSync(caFile, await issuer.caPem());
    const passphrase = readFileSync(path.join(scratch, 'ca-for-prod', 'passphrase'), 'utf8').trim();
    const env = { NODE_ENV: 'production', SESSION_SECRET: 'y'.repeat(32), DATA_DIR: path.join(scratch, 'prod-data'), SIGNING_P12_DIR: keys, SIGNING_CA_FILE: caFile };

    const prod = signingFor(loadConfig({ ...env, SIGNING_P12_PASSPHRASE: passphrase }));
    const signed = await prod.signer.sign(samplePdf('Quyet dinh'), unit);
    assert.equal(checkPdfSignature(signed.pdf, await prod.trust.anchors()).status, 'ok');
    assert.match(pdfsig(signed.pdf), /Signature is Valid/);
    // a signature by the app's demo CA is not trusted by a production trust store
    const demoSigned = await signingFor(t.config).signer.sign(samplePdf('Demo'), unit);
    assert.equal(checkPdfSignature(demoSigned.pdf, await prod.trust.anchors()).status, 'untrusted');

    await assert.rejects(signingFor(loadConfig({ ...env, SIGNING_P12_PASSPHRASE: 'sai mat khau' })).signer.sign(samplePdf('x'), unit), SigningUnavailable);
    await assert.rejects(prod.signer.sign(samplePdf('x'), { ...unit, id: 'other', code: 'khong-co-tep' }), SigningUnavailable);
    await assert.rejects(prod.signer.sign(samplePdf('x'), { ...unit, id: 'evil', code: '../p12/ubnd-xa-luong-van-tri' }), SigningUnavailable);
  });

  test('production without SIGNING_P12_DIR never signs with a demo key; a key folder needs its CA file', async () => {
    const none = signingFor(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'y'.repeat(32), DATA_DIR: path.join(scratch, 'prod-none') }));
    await assert.rejects(none.signer.sign(samplePdf('x'), unit), SigningUnavailable);
    assert.deepEqual(await none.trust.anchors(), []);
    assert.throws(() => loadConfig({ DATA_DIR: path.join(scratch, 'cfg'), SIGNING_P12_DIR: '/khong-co' }), /SIGNING_CA_FILE/);
  });
});
