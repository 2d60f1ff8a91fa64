// The national public-service portal link end to end: the real app listening on a port, the real
// HTTP adapter (integrations/national-portal/http.ts) and its worker, and the national-portal
// simulator as its own process (simulators/national-portal.ts), which checks every signature and
// sequence number and keeps what it received in a file, so that it can be stopped and restarted.
// Dossiers go through the back office over HTTP as officers do it; the triggers of 0020 capture
// their public events, the worker pushes them in order; the portal also submits dossiers to us.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NationalPortalHttp } from '../src/integrations/national-portal/http';
import { PortalRefused, sign, signedHeaders } from '../src/integrations/national-portal/port';
import { nationalPortalDeps, startNationalPortalWorker, type NationalPortalWorker } from '../src/modules/national-portal';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf, uploadRequested } from './helpers/backoffice';
import { samplePdf } from './helpers/files';
import { freePort, startNationalPortalSimulator, until, type Simulator } from './helpers/simulators';
import { KHAI_SINH_ANSWERS } from './helpers/submit-flow';
import { NATIONAL_PORTAL_ACCOUNT_ID } from '../src/modules/dossiers';

let t: TestApp;
let base: string;
let sim: Simulator & { clientId: string; secret: string };
let simPort: number;
let dataDir: string;
let workers: NationalPortalWorker[] = [];
const { as, submitted, dossier, act, auditCount, resultReady } = backofficeHelpers(() => ({ t, base }));
const db = () => t.database.db;

function startSim() {
  return startNationalPortalSimulator(base, { DATA_FILE: path.join(dataDir, 'inbox.json') }, simPort);
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  simPort = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-dvcqg-'));
  sim = await startSim();
  t = await startTestApp({
    PUBLIC_URL: base,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '10000',
    NATIONAL_PORTAL_URL: sim.url,
    NATIONAL_PORTAL_CLIENT_ID: sim.clientId,
    NATIONAL_PORTAL_SECRET: sim.secret,
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  // retries every 0.2–1 s here (production: 5 s doubling to 15 minutes)
  const deps = nationalPortalDeps({ config: t.config, db: db(), jobs: t.jobs }, { retry: { baseDelaySeconds: 0.2, maxDelaySeconds: 1, maxAttempts: 1000 }, leaseSeconds: 30 });
  // two workers on one database, as two app processes run them: the lease keeps them off each other's items
  workers = [startNationalPortalWorker(deps, { intervalMs: 100 }), startNationalPortalWorker(deps, { intervalMs: 130 })];
});
after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await t?.close();
  await sim?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// ---- the simulator ----
interface Received {
  ackId: string;
  idempotencyKey: string;
  sequence: number;
  body: { dossier?: { code: string }; procedure?: { code: string; onlineLevel: string }; event?: { type: string; state: string | null; rating?: number } };
}
interface Inbox {
  events: Received[];
  onlineLevels: Received[];
  duplicates: number;
  duplicatesByKey: Record<string, number>;
  refused: { path: string; code: string }[];
}
async function inbox(): Promise<Inbox> {
  return (await fetch(`${sim.url}/_inbox`)).json() as Promise<Inbox>;
}
async function simPost(p: string, body: unknown = {}): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string; message: string; field?: string } } }> {
  const res = await fetch(sim.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as never;
}

// ---- the app's side ----
/** The public events (and ratings) of a dossier in the order they happened: what the portal must receive. */
async function publicEvents(code: string): Promise<{ key: string; type: string }[]> {
  const d = await dossier(code);
  const rows = await db().selectFrom('dossierEvents').select(['id', 'type', 'isPublic']).where('dossierId', '=', d.id).orderBy('id').execute();
  return rows.filter((r) => r.isPublic || r.type === 'rated').map((r) => ({ key: `dossier-event-${r.id}`, type: r.type }));
}
function receivedFor(box: Inbox, code: string): Received[] {
  return box.events.filter((e) => e.body.dossier?.code === code);
}
async function untilAllSent(what: string, ms = 60_000): Promise<void> {
  await until(
    async () => {
      const r = await db().selectFrom('nationalPortalOutbox').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '<>', 'sent').executeTakeFirstOrThrow();
      return Number(r.n) === 0;
    },
    ms,
    what,
  );
}
/** The portal has exactly the dossier's public events, each once, numbered 1, 2, 3… in the order they happened. */
async function assertDeliveredInOrder(code: string): Promise<void> {
  const want = await publicEvents(code);
  const got = receivedFor(await inbox(), code);
  assert.deepEqual(
    got.map((e) => e.idempotencyKey),
    want.map((e) => e.key),
    `${code}: every public event once, in order`,
  );
  assert.deepEqual(
    got.map((e) => e.sequence),
    want.map((_, i) => i + 1),
  );
  assert.deepEqual(
    got.map((e) => e.body.event?.type),
    want.map((e) => e.type),
  );
}

/** The form's flat field names (requesterAddress[provinceCode]) as the nested JSON the national portal sends. */
function nested(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const m = /^([^[]+)\[([^\]]+)\]$/.exec(k);
    if (m) out[m[1]!] = { ...((out[m[1]!] as object | undefined) ?? {}), [m[2]!]: v };
    else out[k] = v;
  }
  return out;
}

async function unitCode(name: string): Promise<string> {
  return (await db().selectFrom('units').select('code').where('name', '=', name).executeTakeFirstOrThrow()).code;
}

describe('pushing to the national portal', () => {
  test('the catalogue: every published procedure’s online level reaches the portal', async () => {
    await untilAllSent('the catalogue pushed');
    const box = await inbox();
    const published = await db().selectFrom('procedures').select(['code', 'onlineLevel']).where('status', '=', 'published').execute();
    assert.ok(published.length > 0);
    for (const p of published) {
      const got = box.onlineLevels.filter((e) => e.body.procedure?.code === p.code);
      assert.ok(got.length >= 1, `${p.code} pushed`);
      assert.equal(got.at(-1)!.body.procedure!.onlineLevel, p.onlineLevel);
    }
  });

  test('every public event of a dossier walked through reception, processing and return arrives in order, each once', async () => {
    const code = await submitted();
    const desk = await as('motcuaxa');
    // completion requested at the desk, the citizen completes it
    const asked = await act(desk, code, 'requestCompletion', { item: ['c:1'], 'reason-c:1Code': 'khong_ro', 'reason-c:1Explanation': 'Ảnh Giấy chứng sinh bị mờ, không đọc được số và ngày cấp.' });
    assert.equal(asked.statusCode, 303, errorsOf(asked.body));
    const citizen = await as('congdan');
    const up = await uploadRequested(citizen, `/ho-so-cua-toi/${code}/bo-sung/tep`, 1, 'giay-chung-sinh-ro.pdf', samplePdf('Giay chung sinh ro net'));
    assert.equal(up.statusCode, 303, errorsOf(up.body));
    const page = await citizen.get(`/ho-so-cua-toi/${code}`);
    const back = await citizen.post(`/ho-so-cua-toi/${code}/bo-sung`, { version: /name="version" value="(\d+)"/.exec(page.body)![1]! });
    assert.equal(back.statusCode, 303, errorsOf(back.body));
    // received, processed, result, returned at the counter, rated
    await resultReady(code);
    const handed = await act(desk, code, 'deliver', { channel: 'counter', recipient: 'Nguyễn Văn An', idNumber: '020088001234' });
    assert.equal(handed.statusCode, 303, errorsOf(handed.body));
    assert.equal((await dossier(code)).state, 'DELIVERED');
    await citizen.get(`/ho-so-cua-toi/${code}`);
    const rated = await citizen.post(`/ho-so-cua-toi/${code}/danh-gia`, { rating: '5', comment: '' });
    assert.equal(rated.statusCode, 303, errorsOf(rated.body));

    await untilAllSent(`the events of ${code}`);
    await assertDeliveredInOrder(code);
    const got = receivedFor(await inbox(), code);
    const types = got.map((e) => e.body.event!.type);
    for (const type of ['submitted', 'completion_requested', 'resubmitted', 'accepted', 'approved', 'delivered', 'rated']) assert.ok(types.includes(type), `${type} pushed: ${types.join(', ')}`);
    assert.ok(!types.includes('taken'), 'internal events stay inside');
    assert.equal(got.find((e) => e.body.event!.type === 'rated')!.body.event!.rating, 5);
    assert.equal(got.find((e) => e.body.event!.type === 'delivered')!.body.event!.state, 'DELIVERED');
    const box = await inbox();
    assert.equal(box.duplicates, 0);
    assert.ok(!box.refused.some((r) => r.code === 'out_of_order'));
  });

  test('a forged signature is refused by the portal with 401 and nothing is recorded; the adapter treats it as a final refusal', async () => {
    const before = await inbox();
    const body = JSON.stringify({ idempotencyKey: 'gia-mao-1', sequence: 1, dossier: { code: 'GIA-MAO' }, event: { type: 'accepted' } });
    const headers = signedHeaders(sim.clientId, 'khong-phai-bi-mat-0123456789', 'POST', '/api/v1/dossier-events', body);
    const res = await fetch(`${sim.url}/api/v1/dossier-events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_signature');
    // the body changed after signing: refused as well
    const good = signedHeaders(sim.clientId, sim.secret, 'POST', '/api/v1/dossier-events', body);
    const tampered = await fetch(`${sim.url}/api/v1/dossier-events`, { method: 'POST', headers: { 'content-type': 'application/json', ...good }, body: body.replace('accepted', 'delivered') });
    assert.equal(tampered.status, 401);

    const forger = new NationalPortalHttp({ baseUrl: sim.url, clientId: sim.clientId, secret: 'khong-phai-bi-mat-0123456789' });
    await assert.rejects(
      forger.pushDossierEvent({ idempotencyKey: 'gia-mao-2', sequence: 1, dossier: { code: 'GIA-MAO', procedureCode: '1.001193', procedureName: 'x', channel: 'online', agencyCode: null, submittedAt: new Date().toISOString(), receivedAt: null, dueAt: null }, event: { type: 'accepted', state: 'RECEIVED', at: new Date().toISOString(), note: null } }),
      (err: unknown) => err instanceof PortalRefused && err.status === 401 && !err.retryable,
    );
    const afterBox = await inbox();
    assert.equal(afterBox.events.length, before.events.length, 'nothing recorded');
    assert.equal(afterBox.refused.length, before.refused.length + 3);
  });

  test('a test stops the national-portal simulator during a run of submissions, restarts it, and shows every event delivered exactly once', async () => {
    const desk = await as('motcuaxa');
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      if (i === 2) {
        await sim.stop();
      }
      const code = await submitted();
      codes.push(code);
      assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    }
    // while the portal is down the worker keeps trying: the items wait, with the error, and nothing is lost
    await until(
      async () => {
        const r = await db().selectFrom('nationalPortalOutbox').select(['attempts', 'lastError']).where('state', '=', 'waiting').where('attempts', '>', 1).where('lastError', 'is not', null).execute();
        return r.length > 0;
      },
      30_000,
      'retries while the portal is down',
    );
    const waiting = await db().selectFrom('nationalPortalOutbox').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '=', 'waiting').executeTakeFirstOrThrow();
    assert.ok(Number(waiting.n) >= 8, 'the events of the last four dossiers wait');
    assert.equal(await db().selectFrom('nationalPortalOutbox').select('id').where('state', '=', 'failed').executeTakeFirst(), undefined, 'an outage fails nothing');

    sim = await startSim();
    await untilAllSent('everything delivered after the restart');
    const box = await inbox();
    for (const code of codes) await assertDeliveredInOrder(code);
    const keys = box.events.map((e) => e.idempotencyKey);
    assert.equal(new Set(keys).size, keys.length, 'no event recorded twice');
    assert.equal(box.duplicates, 0, 'no event even sent twice');
    assert.ok(!box.refused.some((r) => r.code === 'out_of_order'), 'never out of order');
  });
});

describe('dossiers submitted on the national portal', () => {
  let luongVanTri: string;
  const applicant = { name: 'Nguyễn Văn An', idNumber: '020088001234', phone: '0912345678', email: 'an.nguyen@example.vn' };
  // 1.001193's components: [0] the tờ khai (the e-form stands for it), [1] Giấy chứng sinh and [5] Giấy tờ tùy thân (required), the rest optional
  const ID_FILE = [{ name: 'can-cuoc.pdf', sample: 'Can cuoc DVCQG' }];
  const BIRTH_FILES = [[], [{ name: 'giay-chung-sinh.pdf', sample: 'Giay chung sinh DVCQG' }], [], [], [], ID_FILE];
  const nationalCount = async () => Number((await db().selectFrom('dossiers').select((eb) => eb.fn.countAll<string>().as('n')).where('channel', '=', 'national_portal').executeTakeFirstOrThrow()).n);
  const portalFileCount = async () => Number((await db().selectFrom('dossierFiles').select((eb) => eb.fn.countAll<string>().as('n')).where('uploadedBy', '=', NATIONAL_PORTAL_ACCOUNT_ID).executeTakeFirstOrThrow()).n);
  before(async () => {
    luongVanTri = await unitCode('Ủy ban nhân dân phường Lương Văn Tri');
  });

  test('a dossier submitted on the national portal becomes a dossier here, with a code, at the receiving unit’s queue', async () => {
    const nationalDossierId = `G22.99-${Date.now()}`;
    const r = await simPost('/_submit', { nationalDossierId, procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: nested(KHAI_SINH_ANSWERS), files: BIRTH_FILES });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const code = (r.body as { dossierCode: string }).dossierCode;
    const d = await dossier(code);
    assert.equal(d.channel, 'national_portal');
    assert.equal(d.state, 'SUBMITTED');
    assert.equal(d.procedureCode, '1.001193');
    assert.equal(d.applicantName, 'Nguyễn Văn An');
    assert.equal((await db().selectFrom('units').select('code').where('id', '=', d.receivingUnitId).executeTakeFirstOrThrow()).code, luongVanTri);
    assert.equal(await auditCount('dossier.submitted', code), 1);
    // the same dossier again (the portal's retry): the first one's code, no second dossier
    const again = await simPost('/_submit', { nationalDossierId, procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: nested(KHAI_SINH_ANSWERS), files: BIRTH_FILES });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { dossierCode: code, state: 'SUBMITTED', duplicate: true });
    // the desk sees it in its queue and receives it as any other; the portal hears of both steps
    const desk = await as('motcuaxa');
    const queue = await desk.get('/mot-cua/xu-ly');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(code), 'in the receiving unit’s queue');
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    assert.equal((await dossier(code)).state, 'RECEIVED');
    await untilAllSent(`the events of ${code}`);
    await assertDeliveredInOrder(code);
    assert.deepEqual(
      receivedFor(await inbox(), code).map((e) => e.body.event!.type),
      ['submitted', 'accepted'],
    );
  });

  test('a dossier submitted with its files has them: the same bytes (hash), named by component, downloadable by the desk officer', async () => {
    const files = [
      [],
      [{ name: 'giay-chung-sinh.pdf', sample: 'Giay chung sinh be Lan' }],
      [{ name: 'bien-ban-tre-bi-bo-roi.pdf', sample: 'Bien ban tre bi bo roi' }, { name: 'xac-nhan-bo-sung.pdf', sample: 'Xac nhan bo sung' }],
      [],
      [],
      ID_FILE,
    ];
    const r = await simPost('/_submit', { procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: nested(KHAI_SINH_ANSWERS), files });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const sent = (r as unknown as { sent: { component: number; name: string; sha256: string; size: number }[] }).sent;
    assert.equal(sent.length, 4);
    const code = (r.body as { dossierCode: string }).dossierCode;
    const d = await dossier(code);
    const rows = await db().selectFrom('dossierFiles').select(['id', 'componentIndex', 'componentName', 'fileName', 'mime', 'sha256', 'size', 'uploadedBy']).where('dossierId', '=', d.id).orderBy('componentIndex').orderBy('fileName').execute();
    assert.deepEqual(
      rows.map((f) => [f.componentIndex, f.fileName, f.sha256, Number(f.size), f.mime]),
      [...sent].sort((a, b) => a.component - b.component || a.name.localeCompare(b.name)).map((s) => [s.component, s.name, s.sha256, s.size, 'application/pdf']),
    );
    assert.match(rows[0]!.componentName, /^Giấy chứng sinh/);
    assert.match(rows[1]!.componentName, /^Biên bản về việc trẻ bị bỏ rơi/);
    assert.ok(rows.every((f) => f.uploadedBy === NATIONAL_PORTAL_ACCOUNT_ID));
    assert.equal(rows[0]!.sha256, createHash('sha256').update(samplePdf('Giay chung sinh be Lan')).digest('hex'), 'the bytes the portal sent');

    // the desk officer of the receiving unit opens the dossier and downloads each file as it was sent
    const desk = await as('motcuaxa');
    const page = await desk.get(`/mot-cua/ho-so/${code}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('giay-chung-sinh.pdf'), 'listed on the dossier’s page');
    for (const f of rows) {
      const got = await desk.get(`/ho-so/${code}/tep/${f.id}`);
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'application/pdf');
      assert.equal(createHash('sha256').update(got.rawPayload).digest('hex'), f.sha256);
    }
  });

  test('a missing required file and an .exe renamed .pdf are refused naming the component, and nothing is created; the same dossier sent right then is taken', async () => {
    const before = await nationalCount();
    const filesBefore = await portalFileCount();
    const nationalDossierId = `G22.99-tep-${Date.now()}`;
    const dossierOf = (files: unknown) => ({ nationalDossierId, procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: nested(KHAI_SINH_ANSWERS), files });

    const missing = await simPost('/_submit', dossierOf([[], [], [{ name: 'bien-ban.pdf', sample: 'Bien ban' }], [], [], ID_FILE]));
    assert.equal(missing.status, 400, JSON.stringify(missing.body));
    assert.equal(missing.body.error!.code, 'invalid');
    assert.equal(missing.body.error!.field, 'files[1]');
    assert.match(missing.body.error!.message, /Thiếu tệp đính kèm cho thành phần hồ sơ bắt buộc “Giấy chứng sinh/);
    const none = await simPost('/_submit', { ...dossierOf(undefined), nationalDossierId: `${nationalDossierId}-khong-tep` });
    assert.equal(none.status, 400);
    assert.equal(none.body.error!.field, 'files[1]');

    // a Windows program with a .pdf name: refused by its content, whatever its name says
    const exe = Buffer.alloc(512);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    const renamed = await simPost(
      '/_submit',
      dossierOf([[], [{ name: 'giay-chung-sinh.pdf', sample: 'Giay chung sinh' }], [{ name: 'bien-ban.pdf', content: exe.toString('base64') }], [], [], ID_FILE]),
    );
    assert.equal(renamed.status, 400, JSON.stringify(renamed.body));
    assert.equal(renamed.body.error!.code, 'invalid');
    assert.equal(renamed.body.error!.field, 'files[2]');
    assert.match(renamed.body.error!.message, /Tệp “bien-ban\.pdf” cho thành phần “Biên bản về việc trẻ bị bỏ rơi.*” không phải/);

    const badBase64 = await simPost('/_submit', dossierOf([[], [{ name: 'giay-chung-sinh.pdf', content: 'day khong phai base64!' }], [], [], [], ID_FILE]));
    assert.equal(badBase64.status, 400);
    assert.equal(badBase64.body.error!.field, 'files[1]');
    const tooMany = await simPost('/_submit', dossierOf([[], [{ name: 'a.pdf', sample: 'a' }], [], [], [], [], [], [], [], [], [], [], []]));
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.error!.field, 'files');

    assert.equal(await nationalCount(), before, 'no dossier made');
    assert.equal(await portalFileCount(), filesBefore, 'no file recorded');
    assert.equal(await db().selectFrom('dossiers').select('id').where('idempotencyKey', '=', `dvcqg:${nationalDossierId}`).executeTakeFirst(), undefined);

    // the portal corrects the dossier and sends it again under the same id: taken now
    const fixed = await simPost('/_submit', dossierOf(BIRTH_FILES));
    assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
    assert.equal(await nationalCount(), before + 1);
    assert.equal(await portalFileCount(), filesBefore + 2);
  });

  test('a request larger than the route’s 20 MB limit is refused before anything is read into a dossier', async () => {
    const before = await nationalCount();
    const raw = JSON.stringify({ nationalDossierId: 'G22.99-qua-lon', procedureCode: '1.001193', applicant, answers: {}, files: [[], [{ name: 'lon.pdf', content: 'A'.repeat(21 * 1024 * 1024) }]] });
    const res = await fetch(`${base}/api/v1/national-portal/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(sim.clientId, sim.secret, 'POST', '/api/v1/national-portal/dossiers', raw) }, body: raw });
    assert.equal(res.status, 413);
    assert.equal(await nationalCount(), before);
  });

  test('an unknown procedure, a bad form, a forged signature and a replayed nonce are refused with the portal’s error JSON, and nothing is created', async () => {
    const count = async () => Number((await db().selectFrom('dossiers').select((eb) => eb.fn.countAll<string>().as('n')).where('channel', '=', 'national_portal').executeTakeFirstOrThrow()).n);
    const before = await count();
    const unknown = await simPost('/_submit', { procedureCode: '9.999999', applicant, answers: {} });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { error: { code: string; field: string } }).error.code, 'unknown_procedure');
    assert.equal((unknown.body as { error: { code: string; field: string } }).error.field, 'procedureCode');

    const badForm = await simPost('/_submit', { procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: { ...nested(KHAI_SINH_ANSWERS), childName: '' } });
    assert.equal(badForm.status, 400);
    const err = (badForm.body as { error: { code: string; field: string; message: string } }).error;
    assert.equal(err.code, 'invalid');
    assert.match(err.field, /^answers\.childName/);
    assert.match(err.message, /Tờ khai chưa hợp lệ/);

    const forged = await simPost('/_submit', { procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: nested(KHAI_SINH_ANSWERS), _forge: true });
    assert.equal(forged.status, 401);
    assert.equal((forged.body as { error: { code: string } }).error.code, 'bad_signature');

    const nonce = `nonce-${Date.now()}-abcdef`;
    const first = await simPost('/_submit', { procedureCode: '9.999998', applicant, answers: {}, _nonce: nonce });
    assert.equal(first.status, 404, 'the nonce was used once (for a refused dossier)');
    const replay = await simPost('/_submit', { procedureCode: '1.001193', receivingUnitCode: luongVanTri, applicant, answers: nested(KHAI_SINH_ANSWERS), _nonce: nonce });
    assert.equal(replay.status, 401);
    assert.equal((replay.body as { error: { code: string; message: string } }).error.code, 'replayed_nonce');

    // a request signed by hand with a stale timestamp
    const raw = JSON.stringify({ nationalDossierId: 'G22.99-cu', procedureCode: '1.001193', applicant, answers: {} });
    const ts = String(Math.floor(Date.now() / 1000) - 3600);
    const n = `cu-${Date.now()}-0123456789`;
    const stale = await fetch(`${base}/api/v1/national-portal/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-id': sim.clientId, 'x-timestamp': ts, 'x-nonce': n, 'x-signature': sign(sim.secret, 'POST', '/api/v1/national-portal/dossiers', ts, n, raw) },
      body: raw,
    });
    assert.equal(stale.status, 401);
    assert.equal(((await stale.json()) as { error: { code: string } }).error.code, 'stale');
    assert.equal(await count(), before, 'no dossier made');
    const refusals = await db().selectFrom('auditLog').select('detail').where('action', '=', 'national_portal.request_refused').execute();
    assert.deepEqual(refusals.map((r) => (r.detail as { code: string }).code).sort(), ['bad_signature', 'replayed_nonce', 'stale']);
  });
});

describe('the administrator’s page', () => {
  test('lists what is waiting, sent and failed (with the last error), and resends a failed item after a CSRF-checked form, with an audit entry', async () => {
    await untilAllSent('a quiet outbox');
    // the portal refuses the next push outright: the item fails and the dossier's later events wait behind it
    await simPost('/_faults', { refuseNext: 1, status: 422 });
    const code = await submitted();
    await until(async () => (await db().selectFrom('nationalPortalOutbox').select('id').where('state', '=', 'failed').executeTakeFirst()) !== undefined, 30_000, 'an item failed');
    const desk = await as('motcuaxa');
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);

    const admin = await as('quantri');
    const failed = await admin.get('/quan-tri/lien-thong-quoc-gia?trang-thai=failed');
    assert.equal(failed.statusCode, 200);
    assert.match(failed.body, /Liên thông Cổng Dịch vụ công quốc gia/);
    assert.ok(failed.body.includes(code));
    assert.match(failed.body, /Gửi không thành công: 1/);
    assert.match(failed.body, /Cổng DVC quốc gia trả lời 422/);
    const waiting = await admin.get('/quan-tri/lien-thong-quoc-gia?trang-thai=waiting');
    assert.ok(waiting.body.includes(code), 'the accepted event waits');
    assert.match(waiting.body, /Chờ các mục trước của cùng hồ sơ, thủ tục được gửi xong/);
    const sent = await admin.get('/quan-tri/lien-thong-quoc-gia?trang-thai=sent');
    assert.match(sent.body, /Đã gửi/);
    // the accepted event is not sent before the submitted one
    assert.equal(receivedFor(await inbox(), code).length, 0);

    const officer = await as('motcuaxa');
    assert.equal((await officer.get('/quan-tri/lien-thong-quoc-gia')).statusCode, 403, 'administrators only');

    const id = /action="\/quan-tri\/lien-thong-quoc-gia\/(\d+)\/gui-lai"/.exec(failed.body)![1]!;
    const noToken = await admin.post(`/quan-tri/lien-thong-quoc-gia/${id}/gui-lai`, { _csrf: 'sai' });
    assert.equal(noToken.statusCode, 403, 'a forged form is refused');
    assert.equal((await db().selectFrom('nationalPortalOutbox').select('state').where('id', '=', Number(id)).executeTakeFirstOrThrow()).state, 'failed');
    await admin.get('/quan-tri/lien-thong-quoc-gia?trang-thai=failed');
    const resent = await admin.post(`/quan-tri/lien-thong-quoc-gia/${id}/gui-lai`, {});
    assert.equal(resent.statusCode, 303);
    const after = await admin.get(resent.headers.location as string);
    assert.match(after.body, /Đã đưa mục vào hàng đợi để gửi lại/);
    const audit = await db().selectFrom('auditLog').select(['actorRole', 'entityId']).where('action', '=', 'national_portal.resent').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actorRole, 'admin');

    await untilAllSent(`the events of ${code} after the resend`);
    await assertDeliveredInOrder(code);
    // resending an item that is no longer failed says so and changes nothing
    const twice = await admin.post(`/quan-tri/lien-thong-quoc-gia/${id}/gui-lai`, {});
    assert.equal(twice.statusCode, 303);
    assert.match((await admin.get(twice.headers.location as string)).body, /Không tìm thấy mục gửi không thành công này/);
  });
});
