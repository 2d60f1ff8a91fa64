import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadActor } from '../src/modules/accounts';
import { publishedProcedure } from '../src/modules/catalogue';
import { receivingUnitsFor, submit, track, withdraw } from '../src/modules/dossiers';
import type { Actor } from '../src/platform/http/context';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let citizen: Actor;
let business: Actor;
let communeId: string;

async function actor(username: string): Promise<Actor> {
  const row = await t.database.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await loadActor({ db: t.database.db }, row.id, '127.0.0.1'))!;
}

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  citizen = await actor('congdan');
  business = await actor('doanhnghiep');
  const p = (await publishedProcedure({ db: t.database.db }, '1.001193')).record;
  const units = await receivingUnitsFor({ db: t.database.db }, p);
  communeId = units.find((u) => u.name.includes('Đình Lập'))!.id;
});
after(() => t.close());

const deps = () => ({ db: t.database.db, jobs: t.jobs });
const input = (key: string) => ({
  procedureCode: '1.001193',
  receivingUnitId: communeId,
  formVersion: 1,
  answers: { hoTenTre: 'Nguyễn Minh Khang' },
  applicant: { name: 'Nguyễn Văn An', phone: '0912345678', email: 'congdan@vidu.vn' },
  idempotencyKey: key,
});

describe('submission', () => {
  test('a submitted dossier gets a code of the receiving commune, today and a serial, and waits in SUBMITTED', async () => {
    const r = await submit(deps(), citizen, input('k-1'), new Date('2026-11-23T03:00:00Z'));
    assert.equal(r.created, true);
    assert.equal(r.code, '000.40.01.H39-261123-0001');
    const d = await t.database.db.selectFrom('dossiers').selectAll().where('code', '=', r.code).executeTakeFirstOrThrow();
    assert.equal(d.state, 'SUBMITTED');
    assert.ok(d.expectedDueAt, 'an expected return date from the calendar');
    const events = await t.database.db.selectFrom('dossierEvents').select(['type', 'toState']).where('dossierId', '=', d.id).execute();
    assert.deepEqual(events, [{ type: 'submitted', toState: 'SUBMITTED' }]);
    const notes = await t.database.db.selectFrom('notifications').select(['channel', 'recipient', 'title', 'body', 'status']).where('subjectId', '=', r.code).orderBy('channel').execute();
    assert.deepEqual(notes.map((n) => [n.channel, n.recipient, n.status]), [['email', 'congdan@vidu.vn', 'queued'], ['sms', '0912345678', 'queued']]);
    assert.match(notes[0]!.title, /Hồ sơ 000\.40\.01\.H39-261123-0001 đã được nộp/);
    assert.match(notes[1]!.body, /^Ho so 000\.40\.01\.H39-261123-0001 da duoc nop/);
  });

  test('the same submit pressed twice makes one dossier', async () => {
    const [a, b] = await Promise.all([submit(deps(), citizen, input('k-double')), submit(deps(), citizen, input('k-double'))]);
    assert.equal(a.code, b.code);
    assert.equal([a.created, b.created].filter(Boolean).length, 1);
  });

  test('concurrent submissions never share a code', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => submit(deps(), citizen, input(`k-par-${i}`), new Date('2026-11-24T02:00:00Z'))));
    const codes = new Set(results.map((r) => r.code));
    assert.equal(codes.size, 25);
    assert.ok(codes.has('000.40.01.H39-261124-0025'));
  });

  test('a receiving unit that does not handle the procedure is refused naming the field', async () => {
    const ttpvhcc = await t.database.db.selectFrom('units').select('id').where('code', '=', 'ttpvhcc').executeTakeFirstOrThrow();
    await assert.rejects(submit(deps(), citizen, { ...input('k-bad-unit'), receivingUnitId: ttpvhcc.id }), (e: { field?: string }) => e.field === 'receivingUnitId');
  });

  test('officers cannot submit online in a citizen’s place through this path', async () => {
    await assert.rejects(submit(deps(), await actor('motcua'), input('k-officer')), /Chỉ công dân/);
  });
});

describe('tracking', () => {
  test('anyone with the code sees the procedure, state, dates and public history, but nothing personal', async () => {
    const { code } = await submit(deps(), citizen, input('k-track'));
    const res = await t.app.inject({ url: `/api/v1/dossiers/${code}/status` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.state, 'SUBMITTED');
    assert.equal(body.procedure.name, 'Đăng ký khai sinh');
    assert.match(body.stateLabel, /chờ bộ phận một cửa/);
    assert.equal(body.applicant, undefined);
    assert.doesNotMatch(res.body, /Nguyễn Văn An|0912345678|Khang/);
    const page = await t.app.inject({ url: `/tra-cuu-ho-so?ma=${encodeURIComponent(code.toLowerCase())}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hồ sơ đã được nộp trực tuyến/);
    assert.doesNotMatch(page.body, /Nguyễn Văn An/);
  });

  test('the applicant signed in also sees their own name', async () => {
    const { code } = await submit(deps(), citizen, input('k-own'));
    const view = await track(deps(), code, citizen);
    assert.equal(view.applicant?.name, 'Nguyễn Văn An');
    const other = await track(deps(), code, business);
    assert.equal(other.applicant, undefined);
  });

  test('a code that does not exist answers 404 without revealing anything, malformed or not', async () => {
    for (const code of ['000.40.01.H39-261123-9999', 'abc', "' or 1=1 --"]) {
      const res = await t.app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(code)}/status` });
      assert.equal(res.statusCode, 404, code);
      assert.equal(res.json().error.code, 'not_found');
    }
    const page = await t.app.inject({ url: '/tra-cuu-ho-so?ma=KHONG-CO' });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Không tìm thấy hồ sơ có mã này/);
  });

  test('tracking is rate-limited per client', async () => {
    let limited = 0;
    for (let i = 0; i < 70; i++) {
      const res = await t.app.inject({ url: '/api/v1/dossiers/000.40.01.H39-261123-0001/status', remoteAddress: '10.9.9.9' });
      if (res.statusCode === 429) limited++;
    }
    assert.ok(limited >= 10, `limited ${limited}`);
    const other = await t.app.inject({ url: '/api/v1/dossiers/000.40.01.H39-261123-0001/status', remoteAddress: '10.9.9.8' });
    assert.equal(other.statusCode, 200, 'another client is not affected');
  });
});

describe('withdrawal and “Hồ sơ của tôi”', () => {
  test('the applicant sees their dossiers and withdraws one not yet received; it cannot be withdrawn twice', async () => {
    const { code } = await submit(deps(), citizen, input('k-withdraw'));
    const c = new Client(t.app);
    await c.login('congdan');
    const list = await c.get('/ho-so-cua-toi');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(code));
    const version = /\/ho-so-cua-toi\/([^/]+)\/rut"[\s\S]*?name="version" value="(\d+)"/.exec(list.body.slice(list.body.indexOf(code)));
    assert.ok(version);
    const res = await c.post(`/ho-so-cua-toi/${encodeURIComponent(code)}/rut`, { version: version[2]! });
    assert.equal(res.statusCode, 303);
    assert.equal((await track(deps(), code, null)).state, 'WITHDRAWN');
    await assert.rejects(withdraw(deps(), citizen, code, 2, 'x'), /không thể rút/);
  });

  test('another person cannot withdraw someone else’s dossier', async () => {
    const { code } = await submit(deps(), citizen, input('k-not-yours'));
    await assert.rejects(withdraw(deps(), business, code, 1, 'x'), /Không tìm thấy hồ sơ/);
    assert.equal((await track(deps(), code, null)).state, 'SUBMITTED');
  });
});
