// The 2025 reorganisation as a tool, over HTTP: the demo province's mapping (seed/reorganisation-
// 2025.json) applied to a database as it stood before the reform was recorded (old units still
// open, no succession yet) with open dossiers in several states at units being merged or
// dissolved, an officer's account, a workflow and a procedure naming old units, and a citizen's
// draft. The dry run lists every item; the apply moves each one, keeps every deadline and every
// row of history, and the reports (Phụ lục I and the dossier statistics) read the same before the
// date and the new units after it. A second apply changes nothing and says so. Bad mappings are
// refused by name. Dossiers are written directly with known dates, as the statistics tests do.
// Runs on PostgreSQL when TEST_DATABASE_URL is set, on PGlite otherwise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { hashPassword, insertAccount } from '../src/modules/accounts';
import { type Procedure, saveProcedure, SYSTEM_ACTOR } from '../src/modules/catalogue';
import { runReorganisationCommand } from '../src/modules/reorganisation/cli';
import { startTestApp, type TestApp } from './helpers/app';
import { Client } from './helpers/client';
import { errorsOf } from './helpers/backoffice';

let t: TestApp;
const db = () => t.database.db;
const PAGE = '/quan-tri/sap-xep-don-vi';
const DEMO = readFileSync(new URL('../seed/reorganisation-2025.json', import.meta.url), 'utf8');
const V = (s: string) => new Date(`${s}+07:00`);
const CLONE = '1.999001';

async function unitId(code: string): Promise<string> {
  return (await db().selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
async function unitCode(id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await db().selectFrom('units').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
}
async function as(username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(username);
  return c;
}
async function count(table: 'dossierEvents' | 'dossierHandovers' | 'workflows' | 'auditLog' | 'reorganisations' | 'unitSuccessions' | 'procedureVersions'): Promise<number> {
  const r = await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

interface Fixed {
  code: string;
  state: string;
  receiving: string;
  holder: string | null;
  received?: string;
  due?: string;
  /** Mẫu 05 rows: the open one last */
  handovers?: { unit: string; step: string; start: string; due: string; finished?: string }[];
  workflow?: unknown;
}

const OLD_STEPS = [
  { key: 'tham-dinh', name: 'Phòng Tư pháp huyện thẩm định', kind: 'process', unit: { at: 'unit', code: 'hdl-tu-phap' }, share: 70 },
  { key: 'phe-duyet', name: 'Lãnh đạo UBND huyện phê duyệt', kind: 'approve', unit: { at: 'unit', code: 'huyen-dinh-lap' }, share: 30 },
];
const CONSULT_STEPS = [
  { key: 'tham-dinh', name: 'Sở Tư pháp thẩm định', kind: 'process', unit: { at: 'unit', code: 'so-tu-phap' }, share: 40 },
  { key: 'y-kien', name: 'Phòng TN&MT thành phố cho ý kiến', kind: 'consult', unit: { at: 'unit', code: 'tpls-tn-mt' }, share: 20 },
  { key: 'du-thao', name: 'Sở Tư pháp dự thảo', kind: 'process', unit: { at: 'unit', code: 'so-tu-phap' }, share: 10 },
  { key: 'phe-duyet', name: 'Lãnh đạo Sở phê duyệt', kind: 'approve', unit: { at: 'unit', code: 'so-tu-phap' }, share: 30 },
];

/** Open dossiers in several states at units being merged or dissolved, and three that must not move. */
const FIXED: Fixed[] = [
  { code: 'TC-RECEIVED', state: 'RECEIVED', receiving: 'xa-bac-xa', holder: 'xa-bac-xa', received: '2025-06-20T08:00:00', due: '2025-07-03T17:00:00' },
  {
    code: 'TC-PROCESSING',
    state: 'IN_PROCESSING',
    receiving: 'tt-dinh-lap',
    holder: 'hdl-tu-phap',
    received: '2025-06-23T09:00:00',
    due: '2025-07-07T17:00:00',
    workflow: OLD_STEPS,
    handovers: [{ unit: 'hdl-tu-phap', step: 'tham-dinh', start: '2025-06-23T10:00:00', due: '2025-07-02T17:00:00' }],
  },
  {
    code: 'TC-SUPPLEMENT',
    state: 'SUPPLEMENT_REQUESTED',
    receiving: 'p-chi-lang',
    holder: 'p-chi-lang',
    received: '2025-06-16T08:00:00',
    due: '2025-06-30T17:00:00',
    handovers: [{ unit: 'p-chi-lang', step: 'tham-dinh', start: '2025-06-16T09:00:00', due: '2025-06-26T17:00:00' }],
  },
  { code: 'TC-SUBMITTED', state: 'SUBMITTED', receiving: 'p-vinh-trai', holder: null },
  {
    code: 'TC-CONSULT',
    state: 'CONSULTING',
    receiving: 'ttpvhcc',
    holder: 'tpls-tn-mt',
    received: '2025-06-18T08:00:00',
    due: '2025-07-10T17:00:00',
    workflow: CONSULT_STEPS,
    handovers: [
      { unit: 'so-tu-phap', step: 'tham-dinh', start: '2025-06-18T09:00:00', due: '2025-06-25T17:00:00', finished: '2025-06-24T15:00:00' },
      { unit: 'tpls-tn-mt', step: 'y-kien', start: '2025-06-24T15:00:00', due: '2025-06-27T17:00:00' },
    ],
  },
  { code: 'TC-READY', state: 'RESULT_READY', receiving: 'xa-mai-pha', holder: 'xa-mai-pha', received: '2025-06-25T08:00:00', due: '2025-06-27T17:00:00' },
  // must not move: settled, or at a unit that continues
  { code: 'TC-DELIVERED', state: 'DELIVERED', receiving: 'xa-bac-xa', holder: null, received: '2025-06-02T08:00:00', due: '2025-06-05T17:00:00' },
  { code: 'TC-PROVINCE', state: 'IN_PROCESSING', receiving: 'ttpvhcc', holder: 'so-tu-phap', received: '2025-06-19T08:00:00', due: '2025-07-08T17:00:00' },
  // received after the date at a new commune: the new unit's figures
  { code: 'TC-JULY', state: 'RECEIVED', receiving: 'xa-dinh-lap', holder: 'xa-dinh-lap', received: '2025-07-10T08:00:00', due: '2025-07-15T17:00:00' },
];
const MOVING = ['TC-CONSULT', 'TC-PROCESSING', 'TC-READY', 'TC-RECEIVED', 'TC-SUBMITTED', 'TC-SUPPLEMENT'];

/** The database as it stood before the reform was recorded: old units still open, no succession of 01/07/2025 yet. */
async function beforeTheReform(): Promise<void> {
  await db().deleteFrom('unitSuccessions').where('effectiveDate', '=', '2025-07-01').execute();
  await db().updateTable('units').set({ validTo: null }).where('validTo', '=', '2025-06-30').execute();
}

async function insertFixed(): Promise<void> {
  const proc = await db().selectFrom('procedures').select(['id', 'code', 'name']).where('code', '=', '1.001193').executeTakeFirstOrThrow();
  const citizen = (await db().selectFrom('accounts').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()).id;
  for (const f of FIXED) {
    const receiving = await unitId(f.receiving);
    const row = await db()
      .insertInto('dossiers')
      .values({
        code: f.code,
        procedureId: proc.id,
        procedureCode: proc.code,
        procedureName: proc.name,
        procedureVersion: 1,
        formVersion: null,
        applicantId: citizen,
        submittedBy: citizen,
        channel: 'online',
        state: f.state as never,
        receivingUnitId: receiving,
        holderUnitId: f.holder ? await unitId(f.holder) : null,
        applicantName: 'Người nộp thử',
        applicantPhone: null,
        applicantEmail: null,
        data: '{}',
        timeLimit: '{"amount":10,"unit":"working_days"}',
        submittedAt: V(f.received ?? '2025-06-26T08:00:00'),
        expectedDueAt: null,
        receivedAt: f.received ? V(f.received) : null,
        dueAt: f.due ? V(f.due) : null,
        idempotencyKey: null,
        workflow: f.workflow ? JSON.stringify(f.workflow) : null,
        stepIndex: f.workflow ? (f.handovers?.length ?? 1) - 1 : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const events: [string, string][] = [['SUBMITTED', f.received ?? '2025-06-26T08:00:00']];
    if (f.received) events.push(['RECEIVED', f.received]);
    if (f.state === 'DELIVERED') events.push(['DELIVERED', '2025-06-05T09:00:00']);
    for (const [state, at] of events) {
      await db().insertInto('dossierEvents').values({ dossierId: row.id, at: V(at), actorId: null, actorRole: null, type: 'test', fromState: null, toState: state, publicNote: null, detail: '{}' }).execute();
    }
    for (const h of f.handovers ?? []) {
      await db()
        .insertInto('dossierHandovers')
        .values({ dossierId: row.id, stepKey: h.step, stepName: `Bước ${h.step}`, unitId: await unitId(h.unit), role: 'specialist', startedAt: V(h.start), dueAt: V(h.due), finishedAt: h.finished ? V(h.finished) : null, outcome: h.finished ? 'early' : null })
        .execute();
    }
  }
}

/** A district procedure nobody reassigned yet: handled by the two district justice offices until 30/06/2025. */
async function districtProcedure(): Promise<void> {
  const row = await db().selectFrom('procedures').select('record').where('code', '=', '1.001193').executeTakeFirstOrThrow();
  const base = row.record as unknown as Procedure;
  const record: Procedure = {
    ...base,
    code: CLONE,
    name: 'Thủ tục thử nghiệm do phòng tư pháp cấp huyện giải quyết',
    localCode: undefined,
    relatedCodes: [],
    tierHistory: [{ tier: 'huyen', validFrom: '2021-01-01', validTo: '2025-06-30' }],
    agencies: { competent: [{ unitCode: 'hdl-tu-phap' }, { unitCode: 'tpls-tu-phap' }], authorised: [], cooperating: [] },
  };
  delete (record as Partial<Procedure>).localCode;
  await saveProcedure({ db: db() }, SYSTEM_ACTOR, record, { publish: true, summary: 'Thủ tục thử' });
  const id = db().selectFrom('procedures').select('id').where('code', '=', CLONE);
  await db().updateTable('procedureVersions').set({ changedAt: V('2021-01-01T00:00:00') }).where('procedureId', 'in', id).execute();
}

async function otherFixtures(): Promise<void> {
  const passwordHash = await hashPassword('demo1234');
  await insertAccount(db(), { username: 'canbobacxa', fullName: 'Lăng Văn Sơn', role: 'specialist', unitId: await unitId('xa-bac-xa'), phone: null, email: null, passwordHash });
  await insertAccount(db(), { username: 'tuphaphuyen', fullName: 'Hoàng Thị Thu', role: 'specialist', unitId: await unitId('hdl-tu-phap'), phone: null, email: null, passwordHash });
  await db().insertInto('workflows').values({ procedureCode: CLONE, version: 1, steps: JSON.stringify(OLD_STEPS), createdBy: null }).execute();
  const citizen = (await db().selectFrom('accounts').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()).id;
  await db().insertInto('drafts').values({ accountId: citizen, procedureCode: '1.001193', formVersion: null, receivingUnitId: await unitId('p-chi-lang') }).execute();
}

interface StatsJson {
  counts: Record<string, number>;
}
async function statistics(c: Client, query: string): Promise<{ status: number; body: StatsJson & { error?: { field: string; message: string } } }> {
  const r = await c.get(`/api/v1/reports/statistics?${query}`);
  return { status: r.statusCode, body: r.json() };
}
interface AppendixJson {
  rows: { tier: string; total: number }[];
}
async function appendixI(query: string): Promise<Record<string, number>> {
  const r = await new Client(t.app).get(`/api/v1/reports/appendix/1?${query}`);
  assert.equal(r.statusCode, 200, r.body);
  return Object.fromEntries((r.json() as AppendixJson).rows.map((row) => [row.tier, row.total]));
}

function withEntries(change: (m: { units: { from: string; to?: string | null }[] }) => void): string {
  const m = JSON.parse(DEMO) as { units: { from: string; to?: string | null }[] };
  change(m);
  return JSON.stringify(m);
}

describe('the 2025 reorganisation tool', () => {
  let admin: Client;
  const was: { june: Record<string, StatsJson>; appendix2024: Record<string, number>; appendix2024Unit: Record<string, number>; appendixNow: Record<string, number>; events: Map<string, unknown[]>; handovers: Map<string, unknown[]> } = {
    june: {},
    appendix2024: {},
    appendix2024Unit: {},
    appendixNow: {},
    events: new Map(),
    handovers: new Map(),
  };

  before(async () => {
    t = await startTestApp();
    await beforeTheReform();
    await insertFixed();
    await districtProcedure();
    await otherFixtures();
    admin = await as('quantri');
  });
  after(async () => {
    await t?.close();
  });

  test('the page opens with the demo province mapping as the default', async () => {
    const r = await admin.get(PAGE);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Sắp xếp đơn vị/);
    assert.match(r.body, /huyen-dinh-lap/);
    assert.match(r.body, /2025-07-01/);
  });

  test('only a province administrator may use the tool', async () => {
    const ward = await as('quantrixa');
    await ward.get(PAGE);
    const r = await ward.post(`${PAGE}/chay-thu`, { mapping: DEMO });
    assert.equal(r.statusCode, 403);
    const officer = await as('chuyenvien');
    assert.equal((await officer.get(PAGE)).statusCode, 403);
  });

  describe('bad mappings are refused, naming the entry, and change nothing', () => {
    const refused = async (mapping: string, ...patterns: RegExp[]) => {
      await admin.get(PAGE);
      const r = await admin.post(`${PAGE}/ap-dung`, { mapping });
      assert.equal(r.statusCode, 400);
      const errors = errorsOf(r.body);
      for (const p of patterns) assert.match(errors, p);
      assert.equal(await count('reorganisations'), 0);
      assert.equal((await db().selectFrom('dossiers').select('receivingUnitId').where('code', '=', 'TC-RECEIVED').executeTakeFirstOrThrow()).receivingUnitId, await unitId('xa-bac-xa'));
    };

    test('a unit left without successor', async () => {
      await refused(
        withEntries((m) => (m.units.find((e) => e.from === 'xa-bac-xa')!.to = null)),
        /units\[13\]: đơn vị “xa-bac-xa” \(Ủy ban nhân dân xã Bắc Xa\) không có đơn vị kế thừa/,
      );
    });

    test('a unit under a dissolved district left out of the mapping', async () => {
      await refused(
        withEntries((m) => (m.units = m.units.filter((e) => e.from !== 'xa-kien-moc'))),
        /Đơn vị “xa-kien-moc” \(Ủy ban nhân dân xã Kiên Mộc\) thuộc “huyen-dinh-lap” bị sắp xếp nhưng không có đơn vị kế thừa/,
      );
    });

    test('one unit sent to two successors', async () => {
      await refused(
        withEntries((m) => m.units.push({ from: 'xa-bac-xa', to: 'p-tam-thanh' })),
        /đơn vị “xa-bac-xa” \(Ủy ban nhân dân xã Bắc Xa\) được giao cho hai đơn vị kế thừa “xa-dinh-lap” và “p-tam-thanh”/,
      );
    });

    test('a successor that does not exist', async () => {
      await refused(
        withEntries((m) => (m.units.find((e) => e.from === 'xa-binh-xa')!.to = 'xa-khong-co')),
        /đơn vị kế thừa “xa-khong-co” của “xa-binh-xa” không tồn tại/,
      );
    });

    test('a successor that will not exist on the date', async () => {
      await refused(
        withEntries((m) => (m.units.find((e) => e.from === 'xa-binh-xa')!.to = 'so-tn-mt')),
        /đơn vị kế thừa “so-tn-mt” \(Sở Tài nguyên và Môi trường\) của “xa-binh-xa” không hoạt động vào ngày 01\/07\/2025/,
      );
    });

    test('a cycle', async () => {
      await refused(
        withEntries((m) => m.units.push({ from: 'so-y-te', to: 'so-gd-dt' }, { from: 'so-gd-dt', to: 'so-y-te' })),
        /sơ đồ có vòng lặp “so-y-te” → “so-gd-dt” → “so-y-te”/,
      );
    });

    test('a successor that itself ends in the same reorganisation', async () => {
      await refused(
        withEntries((m) => (m.units.find((e) => e.from === 'xa-binh-xa')!.to = 'xa-bac-xa')),
        /đơn vị kế thừa “xa-bac-xa” của “xa-binh-xa” cũng chấm dứt trong đợt sắp xếp này/,
      );
    });

    test('text that is not JSON', async () => {
      await refused('{ "title": ', /Nội dung không phải JSON hợp lệ/);
    });
  });

  test('the dry run lists every procedure, open dossier, queue item, workflow and account that would move, and changes nothing', async () => {
    // the figures before, to compare after the apply
    for (const unit of ['huyen-dinh-lap', 'xa-bac-xa', 'tp-lang-son', 'p-chi-lang']) {
      const s = await statistics(admin, `tu=01/06/2025&den=30/06/2025&don-vi=${unit}`);
      assert.equal(s.status, 200);
      was.june[unit] = s.body;
    }
    was.appendix2024 = await appendixI('year=2024');
    was.appendix2024Unit = await appendixI('year=2024&unit=hdl-tu-phap');
    was.appendixNow = await appendixI('');
    for (const code of FIXED.map((f) => f.code)) {
      const id = (await db().selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
      was.events.set(code, await db().selectFrom('dossierEvents').selectAll().where('dossierId', '=', id).orderBy('id').execute());
      was.handovers.set(code, await db().selectFrom('dossierHandovers').selectAll().where('dossierId', '=', id).orderBy('id').execute());
    }
    // not yet: the officer of an old commune does not see a dossier of the district's town
    assert.notEqual((await (await as('canbobacxa')).get('/mot-cua/ho-so/TC-PROCESSING')).statusCode, 200);
    const counts = { events: await count('dossierEvents'), audit: await count('auditLog'), workflows: await count('workflows') };

    await admin.get(PAGE);
    const r = await admin.post(`${PAGE}/chay-thu`, { mapping: DEMO });
    assert.equal(r.statusCode, 200, errorsOf(r.body));
    const figure = (k: string) => Number(new RegExp(`data-count="${k}">[\\s\\S]*?<td[^>]*>(\\d+)</td>`).exec(r.body)?.[1]);
    assert.equal(figure('unitsEnding'), 23);
    assert.equal(figure('unitsStarting'), 0);
    assert.equal(figure('successions'), 23);
    assert.equal(figure('procedures'), 1);
    assert.equal(figure('dossiers'), MOVING.length);
    // three open Mẫu 05 steps at old units and one draft
    assert.equal(figure('queueItems'), 4);
    assert.equal(figure('workflows'), 1);
    assert.equal(figure('accounts'), 2);
    for (const code of MOVING) assert.match(r.body, new RegExp(code));
    for (const code of ['TC-DELIVERED', 'TC-PROVINCE', 'TC-JULY']) assert.doesNotMatch(r.body, new RegExp(code));
    assert.match(r.body, /canbobacxa/);
    assert.match(r.body, /tuphaphuyen/);
    assert.match(r.body, new RegExp(CLONE.replace('.', '\\.')));
    // the deadline is shown as kept
    assert.match(r.body, /17:00 03\/07\/2025/);
    // an apply form carries the same mapping
    assert.match(r.body, /action="\/quan-tri\/sap-xep-don-vi\/ap-dung"/);

    assert.equal(await count('dossierEvents'), counts.events);
    assert.equal(await count('auditLog'), counts.audit);
    assert.equal(await count('workflows'), counts.workflows);
    assert.equal(await count('reorganisations'), 0);
    assert.equal((await db().selectFrom('units').select('validTo').where('code', '=', 'xa-bac-xa').executeTakeFirstOrThrow()).validTo, null);
  });

  test('the command line gives the same dry run', async () => {
    const lines: string[] = [];
    const exit = await runReorganisationCommand(db(), [], (l) => lines.push(l));
    assert.equal(exit, 0);
    const text = lines.join('\n');
    assert.match(text, /Hồ sơ đang giải quyết được chuyển: 6/);
    assert.match(text, /Tài khoản chuyển đơn vị: 2/);
    assert.match(text, /hồ sơ TC-PROCESSING \(IN_PROCESSING\): Phòng Tư pháp huyện Đình Lập \(hdl-tu-phap\) → Ủy ban nhân dân xã Đình Lập \(xa-dinh-lap\)/);
    assert.equal(await count('reorganisations'), 0);
  });

  test('applying moves every item in one go, keeping each deadline and its history', async () => {
    await admin.get(PAGE);
    const r = await admin.post(`${PAGE}/ap-dung`, { mapping: DEMO });
    assert.equal(r.statusCode, 200, errorsOf(r.body));
    assert.match(r.body, /Đã áp dụng sơ đồ sắp xếp/);
    assert.equal(await count('reorganisations'), 1);

    const expected: Record<string, { receiving: string; holder: string | null }> = {
      'TC-RECEIVED': { receiving: 'xa-dinh-lap', holder: 'xa-dinh-lap' },
      'TC-PROCESSING': { receiving: 'xa-dinh-lap', holder: 'xa-dinh-lap' },
      'TC-SUPPLEMENT': { receiving: 'p-luong-van-tri', holder: 'p-luong-van-tri' },
      'TC-SUBMITTED': { receiving: 'p-tam-thanh', holder: null },
      'TC-CONSULT': { receiving: 'ttpvhcc', holder: 'p-luong-van-tri' },
      'TC-READY': { receiving: 'p-ky-lua', holder: 'p-ky-lua' },
      'TC-DELIVERED': { receiving: 'xa-bac-xa', holder: null },
      'TC-PROVINCE': { receiving: 'ttpvhcc', holder: 'so-tu-phap' },
      'TC-JULY': { receiving: 'xa-dinh-lap', holder: 'xa-dinh-lap' },
    };
    for (const f of FIXED) {
      const d = await db().selectFrom('dossiers').selectAll().where('code', '=', f.code).executeTakeFirstOrThrow();
      assert.deepEqual({ receiving: await unitCode(d.receivingUnitId), holder: await unitCode(d.holderUnitId) }, expected[f.code], f.code);
      // the deadline is the same moment
      assert.equal(d.dueAt?.getTime() ?? null, f.due ? V(f.due).getTime() : null, `${f.code} due`);
      // every earlier event and Mẫu 05 row is still there, unchanged (an open row is closed at the move, nothing else)
      const events = await db().selectFrom('dossierEvents').selectAll().where('dossierId', '=', d.id).orderBy('id').execute();
      const old = was.events.get(f.code)!;
      assert.deepEqual(events.slice(0, old.length), old, `${f.code} events`);
      const handovers = await db().selectFrom('dossierHandovers').selectAll().where('dossierId', '=', d.id).orderBy('id').execute();
      const oldRows = was.handovers.get(f.code) as { id: number; unitId: string; startedAt: Date; dueAt: Date; finishedAt: Date | null }[];
      for (const [i, o] of oldRows.entries()) {
        const now = handovers[i] as typeof o;
        assert.deepEqual({ id: now.id, unitId: now.unitId, startedAt: now.startedAt, dueAt: now.dueAt }, { id: o.id, unitId: o.unitId, startedAt: o.startedAt, dueAt: o.dueAt }, `${f.code} handover ${i}`);
        if (o.finishedAt) assert.deepEqual(now.finishedAt, o.finishedAt);
      }
      const moved = MOVING.includes(f.code);
      assert.equal(events.length, old.length + (moved ? 1 : 0), `${f.code}: one event records the move`);
      if (moved) {
        const e = events[events.length - 1]!;
        assert.equal(e.type, 'reorganised');
        assert.equal(e.isPublic, true);
        assert.match(e.publicNote ?? '', /Thời hạn giải quyết không thay đổi/);
      }
      // an open step at an old unit: closed at the move, and the successor's row opened with the same due date
      const open = oldRows.filter((h) => h.finishedAt === null);
      assert.equal(handovers.length, oldRows.length + open.length, `${f.code} handovers`);
      for (const [i, o] of open.entries()) {
        const closed = handovers.find((h) => h.id === o.id)!;
        assert.notEqual(closed.finishedAt, null);
        const opened = handovers[oldRows.length + i]!;
        assert.equal(opened.finishedAt, null);
        assert.equal(opened.dueAt?.getTime(), o.dueAt.getTime());
        assert.equal(await unitCode(opened.unitId), expected[f.code]!.holder);
      }
    }

    // the rest of each dossier's own workflow names the successor
    const processing = await db().selectFrom('dossiers').select('workflow').where('code', '=', 'TC-PROCESSING').executeTakeFirstOrThrow();
    assert.deepEqual((processing.workflow as { unit: { code: string } }[]).map((s) => s.unit.code), ['xa-dinh-lap', 'xa-dinh-lap']);
    const consult = await db().selectFrom('dossiers').select('workflow').where('code', '=', 'TC-CONSULT').executeTakeFirstOrThrow();
    assert.deepEqual((consult.workflow as { unit: { code: string } }[]).map((s) => s.unit.code), ['so-tu-phap', 'p-luong-van-tri', 'so-tu-phap', 'so-tu-phap']);

    // the procedure's workflow: a new version with the successor's code, the old one kept
    const versions = await db().selectFrom('workflows').select(['version', 'steps']).where('procedureCode', '=', CLONE).orderBy('version').execute();
    assert.equal(versions.length, 2);
    assert.deepEqual((versions[0]!.steps as { unit: { code: string } }[]).map((s) => s.unit.code), ['hdl-tu-phap', 'huyen-dinh-lap']);
    assert.deepEqual((versions[1]!.steps as { unit: { code: string } }[]).map((s) => s.unit.code), ['xa-dinh-lap', 'xa-dinh-lap']);

    // accounts and the draft
    for (const [username, unit] of [['canbobacxa', 'xa-dinh-lap'], ['tuphaphuyen', 'xa-dinh-lap']] as const) {
      const a = await db().selectFrom('accounts').select('unitId').where('username', '=', username).executeTakeFirstOrThrow();
      assert.equal(await unitCode(a.unitId), unit);
    }
    const draft = await db().selectFrom('drafts').select('receivingUnitId').where('procedureCode', '=', '1.001193').executeTakeFirstOrThrow();
    assert.equal(await unitCode(draft.receivingUnitId), 'p-luong-van-tri');

    // the procedure: the district period ends with its offices, the commune period starts on the date
    const p = (await db().selectFrom('procedures').select(['record', 'tier', 'version']).where('code', '=', CLONE).executeTakeFirstOrThrow()) as unknown as { record: Procedure; tier: string; version: number };
    assert.equal(p.tier, 'xa');
    assert.equal(p.version, 2);
    assert.deepEqual(
      p.record.tierHistory.map((h) => [h.tier, h.validFrom, h.validTo ?? null, h.agencies?.competent.map((a) => ('unitCode' in a ? a.unitCode : a.unitKind)) ?? null]),
      [
        ['huyen', '2021-01-01', '2025-06-30', ['hdl-tu-phap', 'tpls-tu-phap']],
        ['xa', '2025-07-01', null, null],
      ],
    );
    assert.deepEqual(p.record.agencies.competent, [{ unitCode: 'xa-dinh-lap' }, { unitCode: 'p-luong-van-tri' }]);

    // the units: the old ones end the day before, each with its successor recorded
    const ended = await db().selectFrom('units').select(['code', 'validTo']).where('code', 'in', ['huyen-dinh-lap', 'xa-bac-xa', 'tpls-tn-mt', 'xa-mai-pha']).execute();
    for (const u of ended) assert.equal(u.validTo, '2025-06-30', u.code);
    const s = await db()
      .selectFrom('unitSuccessions as s')
      .innerJoin('units as a', 'a.id', 's.predecessorId')
      .innerJoin('units as b', 'b.id', 's.successorId')
      .select(['b.code', 's.effectiveDate', 's.kind'])
      .where('a.code', '=', 'xa-bac-xa')
      .executeTakeFirstOrThrow();
    assert.deepEqual(s, { code: 'xa-dinh-lap', effectiveDate: '2025-07-01', kind: 'merge' });

    // audit entries
    const actions = await db().selectFrom('auditLog').select(['action', 'entityId']).where('action', 'in', ['dossier.reorganised', 'account.unit_changed', 'unit.ended', 'reorganisation.applied', 'procedure.updated', 'workflow.saved']).execute();
    const n = (a: string) => actions.filter((x) => x.action === a).length;
    assert.equal(n('dossier.reorganised'), MOVING.length);
    assert.equal(n('account.unit_changed'), 2);
    assert.equal(n('unit.ended'), 23);
    assert.equal(n('reorganisation.applied'), 1);
    assert.ok(actions.some((x) => x.action === 'procedure.updated' && x.entityId === CLONE));
    assert.ok(actions.some((x) => x.action === 'workflow.saved' && x.entityId === CLONE));
  });

  test('after the move the successor officers work on the dossiers', async () => {
    // the officer of an old commune now belongs to the new commune, which holds the dossier of the old district
    const officer = await as('canbobacxa');
    const r = await officer.get('/mot-cua/ho-so/TC-PROCESSING');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /TC-PROCESSING/);
  });

  test('reports stay correct on both sides of the date', async () => {
    // before the date: the same figures at the old units as before the apply
    for (const unit of Object.keys(was.june)) {
      const s = await statistics(admin, `tu=01/06/2025&den=30/06/2025&don-vi=${unit}`);
      assert.equal(s.status, 200);
      assert.deepEqual(s.body.counts, was.june[unit]!.counts, unit);
    }
    assert.ok((was.june['huyen-dinh-lap']!.counts.received ?? 0) >= 3, 'the district had its dossiers in June');
    // after the date: an old unit is no longer there; the new one has what it received
    const old = await statistics(admin, 'tu=01/07/2025&den=31/07/2025&don-vi=xa-bac-xa');
    assert.equal(old.status, 400);
    assert.match(JSON.stringify(old.body), /không có trong kỳ/);
    const fresh = await statistics(admin, 'tu=01/07/2025&den=31/07/2025&don-vi=xa-dinh-lap');
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.counts.received, 1);

    // Phụ lục I: 2024 as it was (the procedure at the district tier); today at the commune tier
    assert.deepEqual(await appendixI('year=2024'), was.appendix2024);
    assert.deepEqual(await appendixI('year=2024&unit=hdl-tu-phap'), was.appendix2024Unit);
    assert.ok(was.appendix2024Unit.huyen! >= 1);
    const office2024 = await new Client(t.app).get('/api/v1/reports/appendix/2?year=2024&unit=hdl-tu-phap');
    assert.match(office2024.body, new RegExp(CLONE.replace('.', '\\.')));
    const now = await appendixI('');
    assert.equal(now.xa, was.appendixNow.xa! + 1);
    assert.equal(now.huyen ?? 0, 0);
    assert.equal(now.total, was.appendixNow.total! + 1);
    const ward = await appendixI('unit=p-luong-van-tri');
    const wardRows = await new Client(t.app).get(`/api/v1/reports/appendix/2?unit=p-luong-van-tri`);
    assert.match(wardRows.body, new RegExp(CLONE.replace('.', '\\.')));
    assert.ok(ward.xa! >= 1);
  });

  test('applying the same mapping again changes nothing and says so', async () => {
    const counts = {
      events: await count('dossierEvents'),
      handovers: await count('dossierHandovers'),
      workflows: await count('workflows'),
      audit: await count('auditLog'),
      successions: await count('unitSuccessions'),
      versions: await count('procedureVersions'),
    };
    await admin.get(PAGE);
    const r = await admin.post(`${PAGE}/ap-dung`, { mapping: DEMO });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Sơ đồ sắp xếp này đã được áp dụng lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}; lần này không có gì thay đổi/);
    assert.deepEqual(
      {
        events: await count('dossierEvents'),
        handovers: await count('dossierHandovers'),
        workflows: await count('workflows'),
        audit: await count('auditLog'),
        successions: await count('unitSuccessions'),
        versions: await count('procedureVersions'),
      },
      counts,
    );
    assert.equal(await count('reorganisations'), 1);
    // and the command line says the same
    const lines: string[] = [];
    assert.equal(await runReorganisationCommand(db(), ['--apply'], (l) => lines.push(l)), 0);
    assert.match(lines.join('\n'), /lần này không có gì thay đổi/);
  });
});

test('a mapping can create the new unit it names as successor', async () => {
  // a separate database: the demo data as it is (the 2025 reform already recorded)
  const app = await startTestApp();
  try {
    const c = new Client(app.app);
    await c.login('quantri');
    await c.get(PAGE);
    const mapping = JSON.stringify({
      title: 'Sáp nhập hai phường năm 2026 (thử nghiệm)',
      effectiveDate: '2026-01-01',
      newUnits: [{ code: 'p-moi-2026', name: 'Ủy ban nhân dân phường Mới', kind: 'ubnd_xa', tier: 'xa', parentCode: 'ubnd-tinh', eid: '000.40.99.H39' }],
      units: [
        { from: 'p-tam-thanh', to: 'p-moi-2026' },
        { from: 'p-dong-kinh', to: 'p-moi-2026' },
      ],
    });
    const r = await c.post(`${PAGE}/ap-dung`, { mapping });
    assert.equal(r.statusCode, 200, errorsOf(r.body));
    const units = await app.database.db.selectFrom('units').select(['code', 'validFrom', 'validTo']).where('code', 'in', ['p-moi-2026', 'p-tam-thanh', 'p-dong-kinh']).orderBy('code').execute();
    assert.deepEqual(units, [
      { code: 'p-dong-kinh', validFrom: '2025-07-01', validTo: '2025-12-31' },
      { code: 'p-moi-2026', validFrom: '2026-01-01', validTo: null },
      { code: 'p-tam-thanh', validFrom: '2025-07-01', validTo: '2025-12-31' },
    ]);
    const again = await c.post(`${PAGE}/ap-dung`, { mapping });
    assert.match(again.body, /lần này không có gì thay đổi/);
  } finally {
    await app.close();
  }
});
