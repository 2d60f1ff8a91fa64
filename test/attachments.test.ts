// Attachments through the HTTP interface of a listening app: resumable tus uploads with the
// real tus-js-client (a PATCH cut midway and resumed from the server's offset), the plain
// multipart form, refusals by content and size, names stripped of paths, owners only, and
// photos merged into one PDF per component at submission.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import * as tus from 'tus-js-client';
import { blobStoreFor } from '../src/platform/storage';
import { publishedProcedure } from '../src/modules/catalogue';
import { cleanUpPartialUploads, dossierFiles, filesOfDraft, moveDraftFilesToDossier, partialUploadsDir, prepareSubmissionFiles } from '../src/modules/attachments';
import { Client } from './helpers/client';
import {
  type AttachmentsApp,
  bigPdf,
  errorMessage,
  pdf,
  photo,
  postFiles as post,
  runTus,
  sha,
  startAttachmentsApp,
  tusOptions as tusOpts,
} from './helpers/attachments-app';

// ---------------------------------------------------------------------------------------
// Set-up: two citizens, a draft each
// ---------------------------------------------------------------------------------------

let t: AttachmentsApp;
const citizen = { client: undefined as unknown as Client, id: '' };
const other = { client: undefined as unknown as Client, id: '' };
const MB = 1024 * 1024;

async function accountId(username: string) {
  return (await t.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

async function newDraft(accountIdValue: string, code = '1.001193'): Promise<string> {
  return (await t.db.insertInto('drafts').values({ accountId: accountIdValue, procedureCode: code }).returning('id').executeTakeFirstOrThrow()).id;
}

async function signIn(username: string) {
  const client = new Client(t.app);
  await client.login(username);
  await client.get('/'); // a page with a form: its CSRF token
  return client;
}

before(async () => {
  t = await startAttachmentsApp({ UPLOAD_MAX_FILE_MB: '4', UPLOAD_MAX_DOSSIER_MB: '10' });
  citizen.client = await signIn('congdan');
  citizen.id = await accountId('congdan');
  other.client = await signIn('doanhnghiep');
  other.id = await accountId('doanhnghiep');
});
after(() => t?.close());

const postFiles = (client: Client, draftId: string, componentIndex: number, files: { fileName: string; bytes: Buffer }[]) => post(t, client, draftId, componentIndex, files);
const tusOptions = (client: Client, draftId: string, componentIndex: number, filename: string, extra: Partial<tus.UploadOptions> = {}) => tusOpts(t, client, draftId, componentIndex, filename, extra);

// ---------------------------------------------------------------------------------------
// tus
// ---------------------------------------------------------------------------------------

/** Remembers uploads in memory, as the browser's localStorage does, so a second Upload can find the first. */
class MemoryUrlStorage implements tus.UrlStorage {
  private entries = new Map<string, tus.PreviousUpload & { fingerprint: string }>();
  async findAllUploads() {
    return [...this.entries.values()];
  }
  async findUploadsByFingerprint(fingerprint: string) {
    return [...this.entries.values()].filter((e) => e.fingerprint === fingerprint);
  }
  async removeUpload(key: string) {
    this.entries.delete(key);
  }
  async addUpload(fingerprint: string, upload: tus.PreviousUpload) {
    const key = `tus::${fingerprint}::${this.entries.size}`;
    this.entries.set(key, { ...upload, fingerprint, urlStorageKey: key });
    return key;
  }
}

/**
 * An HTTP stack whose first PATCH sends `cutAfter` bytes, waits until the server has written
 * them to the partial upload, then drops the connection, as a phone losing its signal does.
 */
class DroppingStack implements tus.HttpStack {
  private readonly inner = new tus.DefaultHttpStack({});
  dropped = false;

  constructor(private readonly cutAfter: number) {}

  getName() {
    return 'DroppingStack';
  }

  createRequest(method: string, url: string): tus.HttpRequest {
    const req = this.inner.createRequest(method, url);
    if (method !== 'PATCH' || this.dropped) return req;
    this.dropped = true;
    const cutAfter = this.cutAfter;
    const partial = path.join(partialUploadsDir(t.config.dataDir), url.split('/').pop()!);
    return Object.assign(Object.create(req) as tus.HttpRequest, {
      send: async (body: Uint8Array) => {
        const first = new Readable({ read() {} });
        first.push(Buffer.from(body.subarray(0, cutAfter)));
        req.send(first).catch(() => undefined);
        // wait for the condition, bounded: the server holds the first bytes on disk
        for (let i = 0; i < 500 && ((await stat(partial).catch(() => undefined))?.size ?? 0) < cutAfter; i++) await delay(10);
        assert.ok((await stat(partial)).size >= cutAfter, 'the server received the first part before the drop');
        await req.abort();
        throw new Error('connection dropped');
      },
    });
  }
}

describe('resumable uploads (tus)', () => {
  test('a PDF uploaded with tus-js-client is stored, and the answer says so', async () => {
    const draftId = await newDraft(citizen.id);
    const bytes = await pdf('Giấy chứng sinh');
    const out = await runTus(bytes, tusOptions(citizen.client, draftId, 1, 'giay-chung-sinh.pdf'));
    assert.equal(out.ok, true, out.body);
    const answer = JSON.parse(out.body) as { id: string; fileName: string; size: number; mime: string };
    assert.deepEqual({ fileName: answer.fileName, size: answer.size, mime: answer.mime }, { fileName: 'giay-chung-sinh.pdf', size: bytes.length, mime: 'application/pdf' });
    const files = await filesOfDraft(t.db, draftId);
    assert.deepEqual(files.map((f) => [f.id, f.componentIndex, f.sha256, f.pages]), [[answer.id, 1, sha(bytes), 1]]);
    const dl = await citizen.client.get(`/ho-so-nhap/${draftId}/tep/${answer.id}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(sha(dl.rawPayload), sha(bytes));
    // the partial upload is gone once stored
    assert.equal(existsSync(path.join(partialUploadsDir(t.config.dataDir), out.url!.split('/').pop()!)), false);
  });

  test('a PATCH cut midway resumes from the server’s offset, not from zero', async () => {
    const draftId = await newDraft(citizen.id);
    const bytes = await bigPdf('Ảnh chụp hộ chiếu', 3 * MB);
    const storage = new MemoryUrlStorage();
    const fingerprint = async () => `motcua-${draftId}-1-${sha(bytes)}`;
    const common = { urlStorage: storage, fingerprint, removeFingerprintOnSuccess: true };

    const stack = new DroppingStack(MB);
    const first = await runTus(bytes, tusOptions(citizen.client, draftId, 1, 'ho-chieu.pdf', { ...common, httpStack: stack }));
    assert.equal(first.ok, false);
    assert.equal(stack.dropped, true);
    assert.equal((await filesOfDraft(t.db, draftId)).length, 0);

    // what the server holds, as a browser asks after reconnecting
    const head = await fetch(first.url!, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', cookie: `mc_sid=${citizen.client.cookie('mc_sid')}` } });
    assert.equal(head.status, 200);
    const offset = Number(head.headers.get('upload-offset'));
    assert.ok(offset >= MB && offset < bytes.length, `server offset ${offset}`);

    const patches: number[] = [];
    const second = await runTus(
      bytes,
      tusOptions(citizen.client, draftId, 1, 'ho-chieu.pdf', { ...common, onBeforeRequest: (req) => void (req.getMethod() === 'PATCH' && patches.push(Number(req.getHeader('Upload-Offset')))) }),
      async (upload) => {
        const previous = await upload.findPreviousUploads();
        assert.equal(previous.length, 1, 'the first upload was remembered');
        upload.resumeFromPreviousUpload(previous[0]!);
      },
    );
    assert.equal(second.ok, true, second.body);
    assert.equal(second.url, first.url, 'the same upload went on');
    assert.deepEqual(patches, [offset], 'one PATCH, starting where the server was');
    const files = await filesOfDraft(t.db, draftId);
    assert.equal(files.length, 1);
    assert.equal(files[0]!.sha256, sha(bytes), 'the stored file is the whole file, byte for byte');
    assert.deepEqual(await storage.findAllUploads(), [], 'the browser forgets a finished upload');
  });

  test('refusals answer 4xx with a Vietnamese message naming the component, and leave no partial file', async () => {
    const draftId = await newDraft(citizen.id);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), randomBytes(2000)]);
    exe.writeUInt32LE(64, 0x3c);
    const renamed = await runTus(exe, tusOptions(citizen.client, draftId, 1, 'giay-chung-sinh.pdf'));
    assert.equal(renamed.ok, false);
    assert.equal(renamed.status, 415);
    assert.match(errorMessage(renamed), /^Tệp “giay-chung-sinh\.pdf” cho thành phần “Giấy chứng sinh.*” không phải PDF, JPG hoặc PNG\.$/);

    const text = await runTus(Buffer.from('Tôi là một tệp văn bản đổi tên thành PDF.\n'), tusOptions(citizen.client, draftId, 1, 'to-khai.pdf'));
    assert.equal(text.status, 415);
    assert.match(errorMessage(text), /“to-khai\.pdf”.*không phải PDF, JPG hoặc PNG/);

    const empty = await runTus(Buffer.alloc(0), tusOptions(citizen.client, draftId, 1, 'trong.pdf'));
    assert.equal(empty.status, 400);
    assert.match(errorMessage(empty), /“trong\.pdf” cho thành phần “Giấy chứng sinh.*” không có nội dung \(0 byte\)/);

    const big = await runTus(await bigPdf('lớn', 5 * MB), tusOptions(citizen.client, draftId, 1, 'lon.pdf'));
    assert.equal(big.status, 413);
    assert.match(errorMessage(big), /“lon\.pdf” cho thành phần “Giấy chứng sinh.*” có dung lượng 5 MB, vượt quá giới hạn 4 MB cho mỗi tệp/);

    const noSlot = await runTus(await pdf('x'), tusOptions(citizen.client, draftId, 42, 'x.pdf'));
    assert.equal(noSlot.status, 400);
    assert.match(errorMessage(noSlot), /không có thành phần hồ sơ số 42/);

    assert.equal((await filesOfDraft(t.db, draftId)).length, 0);
    assert.deepEqual(await readdir(partialUploadsDir(t.config.dataDir)), [], 'no partial upload left behind');
  });

  test('path characters in a file name are stripped', async () => {
    const draftId = await newDraft(citizen.id);
    const out = await runTus(await pdf('tên'), tusOptions(citizen.client, draftId, 1, '../../etc/passwd\\..\\giay to:*?.pdf'));
    assert.equal(out.ok, true, out.body);
    assert.equal((JSON.parse(out.body) as { fileName: string }).fileName, 'giay to.pdf');
  });

  test('tus requests need the CSRF header and a signed-in account, and send no CORS grant', async () => {
    const draftId = await newDraft(citizen.id);
    const noCsrf = await runTus(await pdf('a'), { ...tusOptions(citizen.client, draftId, 1, 'a.pdf'), headers: { cookie: `mc_sid=${citizen.client.cookie('mc_sid')}` } });
    assert.equal(noCsrf.status, 403);
    const anonymous = await fetch(`${t.base}/tai-len/`, { method: 'POST', redirect: 'manual', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get('location')!, /^\/dang-nhap/);
    const options = await fetch(`${t.base}/tai-len/`, { method: 'OPTIONS', headers: { origin: 'https://ke-gian.example', cookie: `mc_sid=${citizen.client.cookie('mc_sid')}` } });
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('access-control-allow-origin'), null);
    assert.equal((await filesOfDraft(t.db, draftId)).length, 0);
  });
});

// ---------------------------------------------------------------------------------------
// The plain form
// ---------------------------------------------------------------------------------------

describe('the plain form (no JavaScript)', () => {
  test('several files for one component are stored, and the page says which', async () => {
    const draftId = await newDraft(citizen.id);
    const a = await photo(800, 600, 'jpeg');
    const b = await pdf('trang 2');
    const r = await postFiles(citizen.client, draftId, 1, [
      { fileName: 'trang-1.jpg', bytes: a },
      { fileName: 'trang-2.pdf', bytes: b },
    ]);
    assert.equal(r.res.statusCode, 303);
    assert.equal(r.res.headers.location, `/nop-ho-so/ho-so-nhap/${draftId}/tep`);
    assert.match(r.flash!, /^Đã đính kèm 2 tệp cho thành phần “Giấy chứng sinh.*”: “trang-1\.jpg”, “trang-2\.pdf”\.$/);
    assert.deepEqual(r.errors, []);
    const files = await filesOfDraft(t.db, draftId);
    assert.deepEqual(files.map((f) => [f.fileName, f.mime, f.size, f.sha256]), [
      ['trang-1.jpg', 'image/jpeg', a.length, sha(a)],
      ['trang-2.pdf', 'application/pdf', b.length, sha(b)],
    ]);
  });

  test('each refused file is named with its component, the good ones are kept', async () => {
    const draftId = await newDraft(citizen.id);
    const r = await postFiles(citizen.client, draftId, 1, [
      { fileName: 'to-khai.pdf', bytes: Buffer.from('đây không phải PDF') },
      { fileName: 'trong.pdf', bytes: Buffer.alloc(0) },
      { fileName: 'lon.pdf', bytes: await bigPdf('lớn', 5 * MB) },
      { fileName: 'tot.pdf', bytes: await pdf('tốt') },
    ]);
    assert.equal(r.res.statusCode, 303);
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ['files-1', 'files-1', 'files-1'],
    );
    assert.match(r.errors[0]!.message, /^Tệp “to-khai\.pdf” cho thành phần “Giấy chứng sinh.*” không phải PDF, JPG hoặc PNG\.$/);
    assert.match(r.errors[1]!.message, /“trong\.pdf”.* không có nội dung \(0 byte\)/);
    assert.match(r.errors[2]!.message, /“lon\.pdf”.* vượt quá giới hạn 4 MB cho mỗi tệp/);
    assert.match(r.flash!, /Đã đính kèm 1 tệp .*“tot\.pdf”/);
    assert.deepEqual((await filesOfDraft(t.db, draftId)).map((f) => f.fileName), ['tot.pdf']);
  });

  test('a post with no file asks for one', async () => {
    const draftId = await newDraft(citizen.id);
    const r = await postFiles(citizen.client, draftId, 2, []);
    assert.equal(r.res.statusCode, 303);
    assert.deepEqual(r.errors, [{ field: 'files-2', message: 'Chọn tệp để đính kèm cho thành phần “Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập (trường hợp trẻ bị…”' }]);
  });

  test('the files of a dossier together stay under the dossier limit', async () => {
    const draftId = await newDraft(citizen.id);
    for (const n of [1, 2, 3]) {
      const r = await postFiles(citizen.client, draftId, 1, [{ fileName: `phan-${n}.pdf`, bytes: await bigPdf(`phần ${n}`, 3.5 * MB) }]);
      if (n < 3) assert.deepEqual(r.errors, []);
      else assert.match(r.errors[0]!.message, /^Tệp “phan-3\.pdf” cho thành phần “Giấy chứng sinh.*” không được nhận vì tổng dung lượng các tệp của hồ sơ sẽ vượt quá 10 MB/);
    }
    assert.equal((await filesOfDraft(t.db, draftId)).length, 2);
  });

  test('a file is removed by its owner, and removing it twice is harmless', async () => {
    const draftId = await newDraft(citizen.id);
    await postFiles(citizen.client, draftId, 1, [{ fileName: 'xoa.pdf', bytes: await pdf('xóa') }]);
    const [file] = await filesOfDraft(t.db, draftId);
    const res = await citizen.client.post(`/ho-so-nhap/${draftId}/tep/${file!.id}/xoa`, {});
    assert.equal(res.statusCode, 303);
    assert.equal((await citizen.client.get('/thu-nghiem/ket-qua-tai-len')).json().flash, 'Đã xóa tệp “xoa.pdf”.');
    assert.deepEqual(await filesOfDraft(t.db, draftId), []);
    assert.equal((await citizen.client.post(`/ho-so-nhap/${draftId}/tep/${file!.id}/xoa`, {})).statusCode, 303);
  });

  test('a download names the file in RFC 5987 form and is never sniffed', async () => {
    const draftId = await newDraft(citizen.id);
    const bytes = await pdf('tải về');
    await postFiles(citizen.client, draftId, 1, [{ fileName: 'Giấy chứng sinh (bản sao).pdf', bytes }]);
    const [file] = await filesOfDraft(t.db, draftId);
    const res = await citizen.client.get(`/ho-so-nhap/${draftId}/tep/${file!.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-disposition'], `attachment; filename="Giay chung sinh (ban sao).pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh%20%28b%E1%BA%A3n%20sao%29.pdf`);
    assert.equal(sha(res.rawPayload), sha(bytes));
  });
});

// ---------------------------------------------------------------------------------------
// Owners only
// ---------------------------------------------------------------------------------------

describe('a draft’s files are its owner’s only', () => {
  test('another citizen can neither list, download, remove nor add files: 404', async () => {
    const draftId = await newDraft(citizen.id);
    const out = await runTus(await pdf('riêng tư'), tusOptions(citizen.client, draftId, 1, 'rieng-tu.pdf'));
    const { id } = JSON.parse(out.body) as { id: string };
    assert.equal((await other.client.get(`/ho-so-nhap/${draftId}/tep/${id}`)).statusCode, 404);
    assert.equal((await other.client.post(`/ho-so-nhap/${draftId}/tep/${id}/xoa`, {})).statusCode, 404);
    const add = await postFiles(other.client, draftId, 1, [{ fileName: 'la.pdf', bytes: await pdf('lạ') }]);
    assert.equal(add.res.statusCode, 404);
    const tusAdd = await runTus(await pdf('lạ'), tusOptions(other.client, draftId, 1, 'la.pdf'));
    assert.equal(tusAdd.status, 404);
    assert.deepEqual((await filesOfDraft(t.db, draftId)).map((f) => f.id), [id]);
  });

  test('another citizen cannot look at or continue someone’s partial upload: 404', async () => {
    const draftId = await newDraft(citizen.id);
    const create = await fetch(`${t.base}/tai-len/`, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': '1000',
        'upload-metadata': `draftId ${Buffer.from(draftId).toString('base64')},componentIndex ${Buffer.from('1').toString('base64')},filename ${Buffer.from('a.pdf').toString('base64')}`,
        cookie: `mc_sid=${citizen.client.cookie('mc_sid')}`,
        'x-csrf-token': citizen.client.lastCsrf!,
      },
    });
    assert.equal(create.status, 201);
    const url = t.base + create.headers.get('location')!;
    const asOther = { 'tus-resumable': '1.0.0', cookie: `mc_sid=${other.client.cookie('mc_sid')}`, 'x-csrf-token': other.client.lastCsrf! };
    assert.equal((await fetch(url, { method: 'HEAD', headers: asOther })).status, 404);
    const patch = await fetch(url, { method: 'PATCH', headers: { ...asOther, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: Buffer.from('%PDF-1.4') });
    assert.equal(patch.status, 404);
    assert.equal((await fetch(url, { method: 'DELETE', headers: asOther })).status, 404);
    const asOwner = { 'tus-resumable': '1.0.0', cookie: `mc_sid=${citizen.client.cookie('mc_sid')}`, 'x-csrf-token': citizen.client.lastCsrf! };
    assert.equal((await fetch(url, { method: 'HEAD', headers: asOwner })).headers.get('upload-offset'), '0');
    // the owner may give it up (tus termination): the partial file goes
    assert.equal((await fetch(url, { method: 'DELETE', headers: asOwner })).status, 204);
    assert.equal(existsSync(path.join(partialUploadsDir(t.config.dataDir), url.split('/').pop()!)), false);
  });
});

// ---------------------------------------------------------------------------------------
// Submission
// ---------------------------------------------------------------------------------------

describe('at submission', () => {
  test('photos of a component become one PDF with a page each; PDFs stay as they are; the dossier gets the rows', async () => {
    const draftId = await newDraft(citizen.id);
    const scans = [await photo(4000, 3000, 'jpeg'), await photo(1200, 1800, 'png'), await photo(900, 1200, 'jpeg')];
    await postFiles(
      citizen.client,
      draftId,
      1,
      scans.map((bytes, i) => ({ fileName: `trang-${i + 1}.${i === 1 ? 'png' : 'jpg'}`, bytes })),
    );
    const signed = await pdf('Bản sao điện tử có chứng thực', 2);
    await postFiles(citizen.client, draftId, 4, [{ fileName: 'cu-tru.pdf', bytes: signed }]);
    const components = (await publishedProcedure({ db: t.db }, '1.001193')).record.components;

    const prepared = await prepareSubmissionFiles({ db: t.db, blobs: blobStoreFor(t.config) }, draftId, components);
    assert.deepEqual(
      prepared.files.map((f) => [f.componentIndex, f.fileName, f.mime, f.pages]),
      [
        [1, 'anh-chup-GCS.pdf', 'application/pdf', 3],
        [4, 'cu-tru.pdf', 'application/pdf', 2],
      ],
    );
    assert.equal(prepared.files[1]!.sha256, sha(signed), 'a PDF is not rewritten');

    // the merged PDF, read back from the store: three pages, checked by pdf-lib and by pdfinfo
    const merged = await buffer(await blobStoreFor(t.config).get(prepared.files[0]!.sha256));
    assert.equal((await PDFDocument.load(merged)).getPageCount(), 3);
    const tmp = path.join(t.config.dataDir, 'merged.pdf');
    writeFileSync(tmp, merged);
    assert.match(execFileSync('pdfinfo', [tmp], { encoding: 'utf8' }), /^Pages:\s+3$/m);
    // shrunk: a 4000 px photo does not travel at full size
    assert.ok(merged.length < scans.reduce((n, b) => n + b.length, 0), 'smaller than the photos');

    const unit = await t.db.selectFrom('units').select('id').where('kind', '=', 'ubnd_xa').where('eid', 'is not', null).executeTakeFirstOrThrow();
    const procedure = await t.db.selectFrom('procedures').select(['id', 'code', 'name', 'version']).where('code', '=', '1.001193').executeTakeFirstOrThrow();
    const dossierId = await t.db.transaction().execute(async (trx) => {
      const d = await trx
        .insertInto('dossiers')
        .values({
          code: `TEST-${randomBytes(3).toString('hex')}`,
          procedureId: procedure.id,
          procedureCode: procedure.code,
          procedureName: procedure.name,
          procedureVersion: procedure.version,
          applicantId: citizen.id,
          submittedBy: citizen.id,
          channel: 'online',
          state: 'SUBMITTED',
          receivingUnitId: unit.id,
          applicantName: 'Nguyễn Văn An',
          data: '{}',
          timeLimit: '{}',
          submittedAt: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await moveDraftFilesToDossier(trx, { draftId, dossierId: d.id, components, uploadedBy: citizen.id, prepared });
      return d.id;
    });
    const rows = await dossierFiles(t.db, dossierId);
    assert.deepEqual(
      rows.map((r) => [r.componentIndex, r.componentName === components[r.componentIndex]!.name, r.fileName, r.pages, r.round, r.uploadedBy]),
      [
        [1, true, 'anh-chup-GCS.pdf', 3, 1, citizen.id],
        [4, true, 'cu-tru.pdf', 2, 1, citizen.id],
      ],
    );
    await checkDossierDownloads(dossierId, unit.id, rows[0]!.id, merged);
  });

  test('a file added after the files were prepared stops the submission', async () => {
    const draftId = await newDraft(citizen.id);
    await postFiles(citizen.client, draftId, 1, [{ fileName: 'a.pdf', bytes: await pdf('a') }]);
    const components = (await publishedProcedure({ db: t.db }, '1.001193')).record.components;
    const prepared = await prepareSubmissionFiles({ db: t.db, blobs: blobStoreFor(t.config) }, draftId, components);
    await postFiles(citizen.client, draftId, 1, [{ fileName: 'b.pdf', bytes: await pdf('b') }]);
    await assert.rejects(
      t.db.transaction().execute((trx) => moveDraftFilesToDossier(trx, { draftId, dossierId: '00000000-0000-4000-8000-000000000000', components, uploadedBy: citizen.id, prepared })),
      /Các tệp đính kèm vừa thay đổi/,
    );
  });
});

/** A dossier's file: its applicant and the receiving unit's officers get it; others 404. */
async function checkDossierDownloads(dossierId: string, unitId: string, fileId: string, bytes: Buffer) {
  const code = (await t.db.selectFrom('dossiers').select('code').where('id', '=', dossierId).executeTakeFirstOrThrow()).code;
  const url = `/ho-so/${code}/tep/${fileId}`;
  const mine = await citizen.client.get(url);
  assert.equal(mine.statusCode, 200);
  assert.equal(sha(mine.rawPayload), sha(bytes));
  assert.equal((await other.client.get(url)).statusCode, 404);
  // an officer of the receiving unit gets it; one of another unit (the province's one-stop centre) does not
  const hash = (await t.db.selectFrom('accounts').select('passwordHash').where('id', '=', citizen.id).executeTakeFirstOrThrow()).passwordHash;
  await t.db.insertInto('accounts').values({ username: 'motcua-xa', fullName: 'Cán bộ một cửa xã', role: 'counter', unitId, passwordHash: hash }).execute();
  for (const [username, status] of [['motcua-xa', 200], ['motcua', 404]] as const) {
    const officer = new Client(t.app);
    await officer.login(username);
    assert.equal((await officer.get(url)).statusCode, status, username);
  }
}

// ---------------------------------------------------------------------------------------
// Partial uploads
// ---------------------------------------------------------------------------------------

describe('partial uploads', () => {
  test('abandoned partial uploads are deleted after a day, those still moving are kept', async () => {
    const dataDir = path.join(t.config.dataDir, 'cleanup');
    const dir = partialUploadsDir(dataDir);
    mkdirSync(dir, { recursive: true });
    const now = new Date('2026-11-23T12:00:00Z');
    const write = (id: string, hoursAgo: number) => {
      const at = new Date(now.getTime() - hoursAgo * 3_600_000);
      for (const f of [id, `${id}.json`]) {
        writeFileSync(path.join(dir, f), '{}');
        utimesSync(path.join(dir, f), at, at);
      }
    };
    write('cu', 30);
    write('moi', 2);
    assert.equal(await cleanUpPartialUploads(dataDir, { now }), 1);
    assert.deepEqual((await readdir(dir)).sort(), ['moi', 'moi.json']);
  });
});
