// Phụ lục I–IV of the yearly review over HTTP, built from a small catalogue made here through
// the catalogue service with dated versions (one procedure moved from the district to the
// commune on 01/07/2025, one was unpublished, one is only a draft…), read for a year before
// and a year after the two-tier reform: the JSON API, the pages, the Excel workbook read back
// with exceljs and the PDF read back with pdftotext; and every bad input refused by name.
// Runs on PostgreSQL when TEST_DATABASE_URL is set (CI), on PGlite otherwise.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { Compile } from 'typebox/compile';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, createJobs } from '../src/app';
import { loadConfig } from '../src/config';
import { hashPassword, insertAccount } from '../src/modules/accounts';
import { type Procedure, saveProcedure, setPublished, SYSTEM_ACTOR } from '../src/modules/catalogue';
import { findUnitByCode, insertSuccessions, insertUnits } from '../src/modules/org';
import { appendixReport, NoCatalogueData } from '../src/modules/reports';
import type { Db } from '../src/platform/db/connect';
import { migrate } from '../src/platform/db/migrate';
import { ValidationError } from '../src/platform/errors';
import { localDate } from '../src/platform/format';
import type { Actor } from '../src/platform/http/context';
import type { Jobs } from '../src/platform/jobs';
import { firstVersionDay, seedCatalogue } from '../seed/catalogue';
import { demoSuccessions, demoUnits } from '../seed/org';
import { freshDatabase } from './helpers/app';
import { pdfText } from './helpers/files';

// ---------------------------------------------------------------------------------------
// The known catalogue
// ---------------------------------------------------------------------------------------

const SO_TU_PHAP = { competent: [{ unitCode: 'so-tu-phap' }], authorised: [], cooperating: [] };
const UBND_XA = { competent: [{ unitKind: 'ubnd_xa' as const, label: 'UBND cấp xã' }], authorised: [], cooperating: [] };
const CONG_AN_XA = { competent: [{ unitKind: 'cong_an_xa' as const, label: 'Công an cấp xã' }], authorised: [], cooperating: [] };

const ELIGIBLE = { requiresPresence: false, requiresSiteInspection: false, feePayableOnline: true, resultDeliverableOnlineOrPost: true };
const PRESENCE = { requiresPresence: true, requiresSiteInspection: false, feePayableOnline: true, resultDeliverableOnlineOrPost: true };

const FIELDS = {
  congChung: { code: 'cong-chung', name: 'Công chứng' },
  llTuPhap: { code: 'ly-lich-tu-phap', name: 'Lý lịch tư pháp' },
  chungThuc: { code: 'chung-thuc', name: 'Chứng thực' },
  hoTich: { code: 'ho-tich', name: 'Hộ tịch' },
  cuTru: { code: 'cu-tru', name: 'Cư trú' },
};

function procedure(p: Pick<Procedure, 'code' | 'name' | 'field' | 'tierHistory' | 'agencies' | 'legacyLevel' | 'onlineLevel'> & Partial<Procedure>): Procedure {
  return {
    procedureType: 'TTHC không được luật giao quy định chi tiết',
    steps: ['Nộp hồ sơ.', 'Nhận kết quả.'],
    channels: [{ kind: 'truc_tiep', description: 'Nộp tại Bộ phận Một cửa.' }],
    components: [{ code: 'TP1', name: 'Tờ khai', form: 'ban_chinh', quantity: 1, required: true }],
    numberOfSets: 1,
    processingTime: { amount: 3, unit: 'working_days' },
    fees: [],
    applicants: [{ kind: 'cong_dan' }],
    results: ['Kết quả'],
    conditions: [],
    legalBasis: [{ number: '01/2020/NĐ-CP', title: 'Nghị định mẫu' }],
    relatedCodes: [],
    ...ELIGIBLE,
    ...p,
  };
}

/** Cấp phiếu lý lịch tư pháp: level 2 until 2025-03-01, then level 4 (toàn trình). */
const P1_V1 = procedure({ code: '1.000001', name: 'Cấp phiếu lý lịch tư pháp', field: FIELDS.llTuPhap, tierHistory: [{ tier: 'tinh', validFrom: '2016-01-01' }], agencies: SO_TU_PHAP, legacyLevel: 2, onlineLevel: 'none', ...PRESENCE, ineligibleReason: 'Người yêu cầu phải có mặt để đối chiếu giấy tờ' });
const P1_V2 = procedure({ ...P1_V1, legacyLevel: 4, onlineLevel: 'toan_trinh', ...ELIGIBLE, ineligibleReason: undefined });
/** Level 3, eligible for level 4. */
const P2 = procedure({ code: '1.000002', name: 'Công chứng bản dịch', field: FIELDS.congChung, tierHistory: [{ tier: 'tinh', validFrom: '2016-01-01' }], agencies: SO_TU_PHAP, legacyLevel: 3, onlineLevel: 'mot_phan' });
/** District until 30/06/2025 (Phòng Tư pháp Đình Lập), commune from 01/07/2025. */
const P3 = procedure({
  code: '2.000003',
  name: 'Chứng thực bản sao từ bản chính',
  field: FIELDS.chungThuc,
  tierHistory: [
    { tier: 'huyen', validFrom: '2020-01-01', validTo: '2025-06-30', agencies: { competent: [{ unitCode: 'hdl-tu-phap' }], authorised: [], cooperating: [] } },
    { tier: 'xa', validFrom: '2025-07-01' },
  ],
  agencies: UBND_XA,
  legacyLevel: 3,
  onlineLevel: 'mot_phan',
  ...PRESENCE,
  ineligibleReason: 'Phải xuất trình bản chính để đối chiếu',
});
const P4 = procedure({ code: '1.000004', name: 'Đăng ký khai sinh', field: FIELDS.hoTich, tierHistory: [{ tier: 'xa', validFrom: '2016-01-01' }], agencies: UBND_XA, legacyLevel: 4, onlineLevel: 'toan_trinh' });
/** Level 1: counted in the totals, listed nowhere on the old model. */
const P5 = procedure({ code: '1.000005', name: 'Đăng ký khai tử', field: FIELDS.hoTich, tierHistory: [{ tier: 'xa', validFrom: '2016-01-01' }], agencies: UBND_XA, legacyLevel: 1, onlineLevel: 'none', ...PRESENCE, ineligibleReason: 'Chỉ cung cấp thông tin thủ tục' });
/** Published in January 2024, unpublished on 01/02/2025. */
const P6 = procedure({
  code: '1.000006',
  name: 'Đính chính phiếu lý lịch tư pháp',
  field: FIELDS.llTuPhap,
  tierHistory: [{ tier: 'tinh', validFrom: '2016-01-01' }],
  agencies: SO_TU_PHAP,
  legacyLevel: 3,
  onlineLevel: 'mot_phan',
  requiresPresence: false,
  requiresSiteInspection: true,
  feePayableOnline: true,
  resultDeliverableOnlineOrPost: true,
  ineligibleReason: 'Phải kiểm tra thực tế',
});
/** Never published. */
const P7 = procedure({ code: '1.000007', name: 'Thủ tục còn dự thảo', field: FIELDS.hoTich, tierHistory: [{ tier: 'xa', validFrom: '2016-01-01' }], agencies: UBND_XA, legacyLevel: 3, onlineLevel: 'mot_phan' });
/** First saved on 01/09/2025: absent from 2024. Performed by the commune police. */
const P8 = procedure({ code: '1.000008', name: 'Đăng ký tạm trú', field: FIELDS.cuTru, tierHistory: [{ tier: 'xa', validFrom: '2021-07-01' }], agencies: CONG_AN_XA, legacyLevel: 4, onlineLevel: 'toan_trinh' });
/** Saved in 2023 but in force only from 01/07/2025. */
const P9 = procedure({ code: '1.000009', name: 'Đăng ký giám hộ', field: FIELDS.hoTich, tierHistory: [{ tier: 'xa', validFrom: '2025-07-01' }], agencies: UBND_XA, legacyLevel: 2, onlineLevel: 'none', ...PRESENCE, ineligibleReason: 'Người giám hộ phải có mặt để ký' });

/** A moment of a day in Vietnam. */
const at = (day: string) => new Date(`${day}T09:00:00+07:00`);

async function dated(db: Db, code: string, version: number, day: string): Promise<void> {
  const { id } = await db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  const r = await db.updateTable('procedureVersions').set({ changedAt: at(day) }).where('procedureId', '=', id).where('version', '=', version).executeTakeFirst();
  assert.equal(Number(r.numUpdatedRows), 1, `${code} v${version} exists`);
}

async function adminActor(db: Db): Promise<Actor> {
  const unit = await findUnitByCode({ db }, 'vp-ubnd');
  const id = await insertAccount(db, { username: 'quantri-test', fullName: 'Quản trị kiểm thử', email: null, phone: null, role: 'admin', unitId: unit!.id, passwordHash: await hashPassword('x'.repeat(12)) });
  return { id, username: 'quantri-test', fullName: 'Quản trị kiểm thử', role: 'admin', unitId: unit!.id, ip: '127.0.0.1' };
}

async function seedKnownCatalogue(db: Db): Promise<void> {
  await insertUnits(db, demoUnits);
  await insertSuccessions(db, demoSuccessions);
  const admin = await adminActor(db);
  const deps = { db };
  const save = async (p: Procedure, day: string, version: number, publish = true) => {
    await saveProcedure(deps, SYSTEM_ACTOR, p, { publish });
    await dated(db, p.code, version, day);
  };
  await save(P1_V1, '2022-03-01', 1);
  await save(P1_V2, '2025-03-01', 2);
  await save(P2, '2022-01-10', 1);
  await save(P3, '2021-05-01', 1);
  await save(P4, '2021-02-01', 1);
  await save(P5, '2023-06-01', 1);
  await save(P6, '2024-01-15', 1);
  await setPublished(deps, admin, P6.code, false);
  await dated(db, P6.code, 2, '2025-02-01');
  await save(P7, '2022-01-01', 1, false);
  await save(P8, '2025-09-01', 1);
  await save(P9, '2023-01-01', 1);
}

// ---------------------------------------------------------------------------------------
// The app on that catalogue
// ---------------------------------------------------------------------------------------

let app: FastifyInstance;
let db: Db;
let closeAll: () => Promise<void>;

before(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-reports-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40), DEMO_DATA: 'false' });
  const fresh = await freshDatabase();
  db = fresh.database.db;
  await migrate(db);
  await seedKnownCatalogue(db);
  const jobs: Jobs = createJobs({ ...config, databaseUrl: fresh.url }, db);
  await jobs.start();
  app = await buildApp({ config, db, jobs, logger: false });
  await app.ready();
  closeAll = async () => {
    await app.close();
    await jobs.stop();
    await fresh.database.close();
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
});

after(async () => {
  await closeAll?.();
});

async function json(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.inject(url);
  return { status: res.statusCode, body: res.json() };
}

/** The list rows as compact strings: 'A Cấp tỉnh', 'I Công chứng', '1 1.000002 L3' / '1 1.000002 mot_phan'. */
function compact(rows: Record<string, unknown>[]): string[] {
  return rows.map((r) => {
    switch (r.kind) {
      case 'tier':
      case 'field':
        return `${String(r.stt)} ${String(r.name)}`;
      case 'empty':
        return `– ${String(r.text)}`;
      default:
        return `${String(r.stt)} ${String(r.code)} ${r.level !== undefined ? `L${String(r.level)}` : String(r.onlineLevel)}${r.reason !== undefined ? ` (${String(r.reason)})` : ''}`;
    }
  });
}

const NO_DISTRICT = '– Không còn cấp huyện từ ngày 01/07/2025 (chính quyền địa phương hai cấp)';
const NOTHING = '– Không có dịch vụ công nào';

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

describe('Phụ lục I (API)', () => {
  test('2024 counts the catalogue of 31/12/2024: the district tier still has its procedure, the draft and later procedures are left out', async () => {
    const { status, body } = await json('/api/v1/reports/appendix/1?year=2024');
    assert.equal(status, 200);
    assert.deepEqual(body, {
      year: 2024,
      date: '2024-12-31',
      appendix: 1,
      model: 'legacy',
      unit: null,
      procedures: 6,
      rows: [
        { tier: 'tinh', total: 3, level2: 1, level3: 2, level4: 0 },
        { tier: 'huyen', total: 1, level2: 0, level3: 1, level4: 0 },
        { tier: 'xa', total: 2, level2: 0, level3: 0, level4: 1 },
        { tier: 'total', total: 6, level2: 1, level3: 3, level4: 1 },
      ],
    });
  });

  test('2025 reads each procedure at 31/12/2025: the moved procedure counts at the commune, the district tier is empty, the unpublished one is gone', async () => {
    const { status, body } = await json('/api/v1/reports/appendix/1?year=2025');
    assert.equal(status, 200);
    assert.equal(body.date, '2025-12-31');
    assert.deepEqual(body.rows, [
      { tier: 'tinh', total: 2, level2: 0, level3: 1, level4: 1 },
      { tier: 'huyen', total: 0, level2: 0, level3: 0, level4: 0 },
      { tier: 'xa', total: 5, level2: 1, level3: 1, level4: 2 },
      { tier: 'total', total: 7, level2: 1, level3: 2, level4: 3 },
    ]);
  });

  test('the new model counts toàn trình and một phần', async () => {
    const { body } = await json('/api/v1/reports/appendix/1?year=2025&model=new');
    assert.equal(body.model, 'new');
    assert.deepEqual(body.rows, [
      { tier: 'tinh', total: 2, toanTrinh: 1, motPhan: 1 },
      { tier: 'huyen', total: 0, toanTrinh: 0, motPhan: 0 },
      { tier: 'xa', total: 5, toanTrinh: 2, motPhan: 1 },
      { tier: 'total', total: 7, toanTrinh: 3, motPhan: 2 },
    ]);
  });

  test('the current year is read today', async () => {
    const today = localDate(new Date());
    const { status, body } = await json(`/api/v1/reports/appendix/1?year=${today.slice(0, 4)}`);
    assert.equal(status, 200);
    assert.equal(body.date, today);
    const total = (body.rows as { tier: string; total: number }[]).find((r) => r.tier === 'total');
    assert.equal(total?.total, 7);
  });

  test('2021 has the procedures saved by then, at the tier of that day', async () => {
    const { body } = await json('/api/v1/reports/appendix/1?year=2021');
    assert.deepEqual(body.rows, [
      { tier: 'tinh', total: 0, level2: 0, level3: 0, level4: 0 },
      { tier: 'huyen', total: 1, level2: 0, level3: 1, level4: 0 },
      { tier: 'xa', total: 1, level2: 0, level3: 0, level4: 1 },
      { tier: 'total', total: 2, level2: 0, level3: 1, level4: 1 },
    ]);
  });
});

describe('Phụ lục II–IV (API)', () => {
  test('Phụ lục II 2024 lists tiers A/B/C, fields I, II… and procedures with their level; level 1 is not listed', async () => {
    const { body } = await json('/api/v1/reports/appendix/2?year=2024');
    assert.deepEqual(compact(body.rows as Record<string, unknown>[]), [
      'A Cấp tỉnh',
      'I Công chứng',
      '1 1.000002 L3',
      'II Lý lịch tư pháp',
      '1 1.000001 L2',
      '2 1.000006 L3',
      'B Cấp huyện',
      'I Chứng thực',
      '1 2.000003 L3',
      'C Cấp xã',
      'I Hộ tịch',
      '1 1.000004 L4',
    ]);
  });

  test('Phụ lục II 2025: group B is printed empty, the moved procedure is under C', async () => {
    const { body } = await json('/api/v1/reports/appendix/2?year=2025');
    assert.deepEqual(compact(body.rows as Record<string, unknown>[]), [
      'A Cấp tỉnh',
      'I Công chứng',
      '1 1.000002 L3',
      'II Lý lịch tư pháp',
      '1 1.000001 L4',
      'B Cấp huyện',
      NO_DISTRICT,
      'C Cấp xã',
      'I Chứng thực',
      '1 2.000003 L3',
      'II Cư trú',
      '1 1.000008 L4',
      'III Hộ tịch',
      '1 1.000009 L2',
      '2 1.000004 L4',
    ]);
  });

  test('Phụ lục III lists the level 2–3 services eligible for level 4', async () => {
    const y2024 = await json('/api/v1/reports/appendix/3?year=2024');
    assert.deepEqual(compact(y2024.body.rows as Record<string, unknown>[]), ['A Cấp tỉnh', 'I Công chứng', '1 1.000002 L3', 'B Cấp huyện', NOTHING, 'C Cấp xã', NOTHING]);
    const y2025 = await json('/api/v1/reports/appendix/3?year=2025');
    assert.deepEqual(compact(y2025.body.rows as Record<string, unknown>[]), ['A Cấp tỉnh', 'I Công chứng', '1 1.000002 L3', 'B Cấp huyện', NO_DISTRICT, 'C Cấp xã', NOTHING]);
    assert.ok((y2025.body.rows as { kind: string; eligible?: boolean }[]).filter((r) => r.kind === 'procedure').every((r) => r.eligible === true));
  });

  test('Phụ lục IV lists the level 2–3 services not eligible, each with its reason', async () => {
    const y2024 = await json('/api/v1/reports/appendix/4?year=2024');
    assert.deepEqual(compact(y2024.body.rows as Record<string, unknown>[]), [
      'A Cấp tỉnh',
      'I Lý lịch tư pháp',
      '1 1.000001 L2 (Người yêu cầu phải có mặt để đối chiếu giấy tờ)',
      '2 1.000006 L3 (Phải kiểm tra thực tế)',
      'B Cấp huyện',
      'I Chứng thực',
      '1 2.000003 L3 (Phải xuất trình bản chính để đối chiếu)',
      'C Cấp xã',
      NOTHING,
    ]);
    const y2025 = await json('/api/v1/reports/appendix/4?year=2025');
    assert.deepEqual(compact(y2025.body.rows as Record<string, unknown>[]), [
      'A Cấp tỉnh',
      NOTHING,
      'B Cấp huyện',
      NO_DISTRICT,
      'C Cấp xã',
      'I Chứng thực',
      '1 2.000003 L3 (Phải xuất trình bản chính để đối chiếu)',
      'II Hộ tịch',
      '1 1.000009 L2 (Người giám hộ phải có mặt để ký)',
    ]);
  });

  test('on the new model, Phụ lục IV lists every service short of toàn trình that is not eligible, level 1 included', async () => {
    const { body } = await json('/api/v1/reports/appendix/4?year=2025&model=new');
    assert.deepEqual(compact(body.rows as Record<string, unknown>[]), [
      'A Cấp tỉnh',
      NOTHING,
      'B Cấp huyện',
      NO_DISTRICT,
      'C Cấp xã',
      'I Chứng thực',
      '1 2.000003 mot_phan (Phải xuất trình bản chính để đối chiếu)',
      'II Hộ tịch',
      '1 1.000009 none (Người giám hộ phải có mặt để ký)',
      '2 1.000005 none (Chỉ cung cấp thông tin thủ tục)',
    ]);
  });

  test('on the new model, Phụ lục II lists the online services by toàn trình / một phần', async () => {
    const { body } = await json('/api/v1/reports/appendix/2?year=2025&model=new');
    assert.deepEqual(compact(body.rows as Record<string, unknown>[]), [
      'A Cấp tỉnh',
      'I Công chứng',
      '1 1.000002 mot_phan',
      'II Lý lịch tư pháp',
      '1 1.000001 toan_trinh',
      'B Cấp huyện',
      NO_DISTRICT,
      'C Cấp xã',
      'I Chứng thực',
      '1 2.000003 mot_phan',
      'II Cư trú',
      '1 1.000008 toan_trinh',
      'III Hộ tịch',
      '1 1.000004 toan_trinh',
    ]);
  });
});

describe('one unit', () => {
  test('a department counts the procedures it decides on that day', async () => {
    const { status, body } = await json('/api/v1/reports/appendix/1?year=2024&unit=so-tu-phap');
    assert.equal(status, 200);
    assert.deepEqual(body.unit, { code: 'so-tu-phap', name: 'Sở Tư pháp' });
    assert.deepEqual((body.rows as { tier: string; total: number }[]).map((r) => [r.tier, r.total]), [['tinh', 3], ['huyen', 0], ['xa', 0], ['total', 3]]);
  });

  test("a district in 2024 counts what its offices decided then, not its communes' procedures", async () => {
    const { body } = await json('/api/v1/reports/appendix/2?year=2024&unit=huyen-dinh-lap');
    assert.deepEqual(compact(body.rows as Record<string, unknown>[]), ['A Cấp tỉnh', NOTHING, 'B Cấp huyện', 'I Chứng thực', '1 2.000003 L3', 'C Cấp xã', NOTHING]);
  });

  test('a commune in 2025 counts the procedures of every commune and of its own police', async () => {
    const withPolice = await json('/api/v1/reports/appendix/1?year=2025&unit=xa-dinh-lap');
    assert.deepEqual((withPolice.body.rows as { tier: string; total: number }[]).map((r) => r.total), [0, 0, 5, 5]);
    // Phường Tam Thanh has no police unit of its own in the demo organisation
    const without = await json('/api/v1/reports/appendix/1?year=2025&unit=p-tam-thanh');
    assert.deepEqual((without.body.rows as { tier: string; total: number }[]).map((r) => r.total), [0, 0, 4, 4]);
  });

  test('a district dissolved on 01/07/2025 is reported for 2025 on its last day, 30/06/2025, with what it decided then', async () => {
    const { status, body } = await json('/api/v1/reports/appendix/2?year=2025&unit=huyen-dinh-lap');
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.year, 2025);
    assert.equal(body.date, '2025-06-30');
    assert.deepEqual(body.unit, { code: 'huyen-dinh-lap', name: 'Ủy ban nhân dân huyện Đình Lập', activeUntil: '2025-06-30' });
    assert.deepEqual(compact(body.rows as Record<string, unknown>[]), ['A Cấp tỉnh', NOTHING, 'B Cấp huyện', 'I Chứng thực', '1 2.000003 L3', 'C Cấp xã', NOTHING]);
    const one = await json('/api/v1/reports/appendix/1?year=2025&unit=huyen-dinh-lap');
    assert.deepEqual((one.body.rows as { tier: string; total: number }[]).map((r) => [r.tier, r.total]), [['tinh', 0], ['huyen', 1], ['xa', 0], ['total', 1]]);
    // the page says which day the figures are read on, and why
    const page = await app.inject('/bao-cao/phu-luc/1?nam=2025&don-vi=huyen-dinh-lap');
    assert.equal(page.statusCode, 200);
    assert.match(decode(page.body), /Số liệu danh mục TTHC tại ngày 30\/06\/2025, ngày cuối cùng đơn vị hoạt động trong năm 2025 – Ủy ban nhân dân huyện Đình Lập/);
  });

  test('a commune founded on 01/07/2025 is reported for 2025 on 31/12/2025', async () => {
    const { status, body } = await json('/api/v1/reports/appendix/1?year=2025&unit=xa-dinh-lap');
    assert.equal(status, 200);
    assert.equal(body.date, '2025-12-31');
    assert.equal((body.unit as { code: string }).code, 'xa-dinh-lap');
    assert.equal('activeUntil' in (body.unit as object), false);
    assert.deepEqual((body.rows as { tier: string; total: number }[]).map((r) => r.total), [0, 0, 5, 5]);
  });

  test('a unit that performs nothing gets zeros, and says so by its count of procedures', async () => {
    const { status, body } = await json('/api/v1/reports/appendix/1?year=2024&unit=so-y-te');
    assert.equal(status, 200);
    assert.equal(body.procedures, 0);
  });
});

// ---------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------

const THIS_YEAR = Number(localDate(new Date()).slice(0, 4));

describe('bad input is refused by name, in Vietnamese', () => {
  const cases: [string, string, number, RegExp][] = [
    ['/api/v1/reports/appendix/1?year=abc', 'year', 400, /Năm phải là một số có 4 chữ số/],
    ['/api/v1/reports/appendix/1?year=24', 'year', 400, /Năm phải là một số có 4 chữ số/],
    [`/api/v1/reports/appendix/1?year=${Number(localDate(new Date()).slice(0, 4)) + 1}`, 'year', 400, /chưa đến/],
    ['/api/v1/reports/appendix/1?year=2020', 'year', 400, /^Chưa có dữ liệu danh mục cho năm 2020: dữ liệu danh mục có từ ngày 01\/02\/2021/],
    ['/api/v1/reports/appendix/5?year=2024', 'appendix', 400, /Số phụ lục phải là 1, 2, 3 hoặc 4/],
    ['/api/v1/reports/appendix/0.xlsx?year=2024', 'appendix', 400, /Số phụ lục phải là 1, 2, 3 hoặc 4/],
    ['/api/v1/reports/appendix/abc?year=2024', 'appendix', 400, /Số phụ lục/],
    ['/api/v1/reports/appendix/1?year=2024&unit=khong-co', 'unit', 400, /Không tìm thấy đơn vị có mã “khong-co”/],
    ['/api/v1/reports/appendix/1?year=2024&unit=Sở', 'unit', 400, /Mã đơn vị/],
    [`/api/v1/reports/appendix/1?year=${THIS_YEAR}&unit=huyen-dinh-lap`, 'unit', 400, new RegExp(`^Ủy ban nhân dân huyện Đình Lập không hoạt động trong năm ${THIS_YEAR}( \\(tính đến ngày \\d\\d/\\d\\d/${THIS_YEAR}\\))?: đơn vị hoạt động từ 01/01/1990 đến 30/06/2025`)],
    ['/api/v1/reports/appendix/1?year=2024&unit=xa-dinh-lap', 'unit', 400, /không hoạt động trong năm 2024: đơn vị hoạt động từ 01\/07\/2025; hãy chọn năm hoặc đơn vị khác$/],
    ['/api/v1/reports/appendix/1?year=2024&model=abc', 'model', 400, /Mô hình mức độ \(model\) phải là legacy hoặc new/],
  ];
  for (const [url, field, status, message] of cases) {
    test(`${url} → ${status} naming ${field}`, async () => {
      const res = await app.inject(encodeURI(url));
      assert.equal(res.statusCode, status, res.body);
      const error = (res.json() as { error: { field: string; message: string } }).error;
      assert.equal(error.field, field);
      assert.match(error.message, message);
    });
  }

  test('the files refuse the same inputs (no file with wrong numbers)', async () => {
    for (const url of ['/api/v1/reports/appendix/1.xlsx?year=2020', `/api/v1/reports/appendix/2.pdf?year=${THIS_YEAR}&unit=huyen-dinh-lap`, '/api/v1/reports/appendix/1.xlsx?year=2024&unit=xa-dinh-lap']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(res.headers['content-type'] as string, /json/);
    }
  });
});

describe('a catalogue without data for the year', () => {
  test('an empty catalogue has no data for any year; one whose procedures were all unpublished has none after that', async () => {
    const fresh = await freshDatabase();
    try {
      const empty = fresh.database.db;
      await migrate(empty);
      const deps = { db: empty, provinceName: 'Lạng Sơn' };
      const fields = { appendix: 'appendix', year: 'year', unit: 'unit' };
      await assert.rejects(appendixReport(deps, { appendix: '1', year: '2024', model: 'legacy' }, fields), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.equal(e.field, 'year');
        assert.match(e.message, /^Chưa có dữ liệu danh mục cho năm 2024: danh mục chưa có thủ tục nào được công bố$/);
        return true;
      });
      await insertUnits(empty, demoUnits);
      const admin = await adminActor(empty);
      await saveProcedure({ db: empty }, SYSTEM_ACTOR, P2, { publish: true });
      await dated(empty, P2.code, 1, '2022-01-10');
      await setPublished({ db: empty }, admin, P2.code, false);
      await dated(empty, P2.code, 2, '2023-03-01');
      const y2022 = await appendixReport(deps, { appendix: '1', year: '2022', model: 'legacy' }, fields);
      assert.equal(y2022.procedures, 1);
      await assert.rejects(appendixReport(deps, { appendix: '1', year: '2024', model: 'legacy' }, fields), (e: unknown) => {
        assert.ok(e instanceof NoCatalogueData);
        assert.equal(e.status, 404);
        assert.equal(e.field, 'year');
        assert.equal(e.message, 'Chưa có dữ liệu danh mục cho năm 2024: tại ngày 31/12/2024 danh mục chưa có thủ tục nào được công bố');
        return true;
      });
    } finally {
      await fresh.database.close();
      await fresh.drop();
    }
  });
});

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cells of the table body's rows, as text. */
function tableRows(html: string): string[][] {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decode(cell[1]!).replace(/^x có$/, 'x')));
}

function errorLinks(html: string): { href: string; message: string }[] {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1]!, message: decode(m[2]!) }));
}

describe('pages', () => {
  test('/bao-cao/phu-luc leads to Phụ lục I with the same query', async () => {
    const res = await app.inject('/bao-cao/phu-luc?nam=2024&mo-hinh=moi');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/bao-cao/phu-luc/1?nam=2024&mo-hinh=moi');
  });

  test('Phụ lục I 2024 shows the counts by tier, the seed\'s headings and row headers', async () => {
    const res = await app.inject('/bao-cao/phu-luc/1?nam=2024');
    assert.equal(res.statusCode, 200);
    const headings = [...res.body.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(headings, ['Cấp chính quyền', 'Tổng số TTHC', 'Mức độ 2', 'Mức độ 3', 'Mức độ 4', 'Ghi chú']);
    assert.deepEqual(tableRows(res.body), [
      ['Cấp tỉnh', '3', '1', '2', '0', ''],
      ['Cấp huyện', '1', '0', '1', '0', ''],
      ['Cấp xã', '2', '0', '0', '1', 'Gồm 1 TTHC mức độ 1'],
      ['Tổng', '6', '1', '3', '1', 'Gồm 1 TTHC mức độ 1'],
    ]);
    assert.match(res.body, /<th scope="row" class="govuk-table__header"[^>]*>Cấp huyện<\/th>/);
    assert.match(decode(res.body), /Số liệu danh mục TTHC tại ngày 31\/12\/2024 – Toàn tỉnh Lạng Sơn/);
    assert.match(res.body, /href="\/bao-cao\/phu-luc\/1\.xlsx\?nam=2024"/);
    assert.match(res.body, /href="\/bao-cao\/phu-luc\/1\.pdf\?nam=2024"/);
  });

  test('Phụ lục III shows the two-level heading "Mức độ DVCTT đang cung cấp" over Mức độ 2 | Mức độ 3', async () => {
    const res = await app.inject('/bao-cao/phu-luc/3?nam=2024');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<th scope="colgroup" class="govuk-table__header" colspan="2">Mức độ DVCTT đang cung cấp<\/th>/);
    assert.match(res.body, /<th scope="col" class="govuk-table__header" rowspan="2">Dịch vụ công đủ điều kiện lên mức độ 4<\/th>/);
    assert.deepEqual(tableRows(res.body), [
      ['A', 'Cấp tỉnh', '', '', '', ''],
      ['I', 'Công chứng', '', '', '', ''],
      ['1', 'Công chứng bản dịch', '', 'x', 'x', 'Mã TTHC 1.000002'],
      ['B', 'Cấp huyện', '', '', '', ''],
      ['', 'Không có dịch vụ công nào'],
      ['C', 'Cấp xã', '', '', '', ''],
      ['', 'Không có dịch vụ công nào'],
    ]);
  });

  test('Phụ lục IV 2025 on the new model: reasons, no Ghi chú column, selected in the form', async () => {
    const res = await app.inject('/bao-cao/phu-luc/4?nam=2025&mo-hinh=moi');
    assert.equal(res.statusCode, 200);
    const headings = [...res.body.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(headings, ['STT', 'Lĩnh vực/DVCTT', 'Lý do không đủ điều kiện', 'Chưa trực tuyến', 'Một phần']);
    assert.doesNotMatch(res.body, /Ghi chú/);
    const rows = tableRows(res.body);
    assert.deepEqual(rows.at(-1), ['2', 'Đăng ký khai tử', 'x', '', 'Chỉ cung cấp thông tin thủ tục']);
    assert.match(res.body, /<option value="moi" selected>/);
  });

  test('a unit that performs nothing is said so above the zeros', async () => {
    const res = await app.inject('/bao-cao/phu-luc/1?nam=2024&don-vi=so-y-te');
    assert.equal(res.statusCode, 200);
    assert.match(decode(res.body), /Sở Y tế không thực hiện thủ tục nào trong danh mục đã công bố tại ngày này/);
    assert.match(res.body, /<option value="so-y-te" selected>Sở Y tế<\/option>/);
  });

  test('the form lists the units of the year asked for', async () => {
    const y2024 = await app.inject('/bao-cao/phu-luc/1?nam=2024');
    assert.match(y2024.body, /<option value="huyen-dinh-lap">/);
    assert.doesNotMatch(y2024.body, /<option value="xa-dinh-lap">/);
    // 2025 had both: the district until 30/06, the commune from 01/07
    const y2025 = await app.inject('/bao-cao/phu-luc/1?nam=2025');
    assert.match(y2025.body, /<option value="huyen-dinh-lap">/);
    assert.match(y2025.body, /<option value="xa-dinh-lap">/);
    const now = await app.inject(`/bao-cao/phu-luc/1?nam=${THIS_YEAR}`);
    assert.doesNotMatch(now.body, /<option value="huyen-dinh-lap">/);
    assert.match(now.body, /<option value="xa-dinh-lap">/);
  });

  test('bad inputs come back on the page in an error summary linked to each field', async () => {
    const cases: [string, number, string, RegExp][] = [
      ['/bao-cao/phu-luc/1?nam=20x4', 400, '#f-nam', /Năm phải là một số có 4 chữ số/],
      ['/bao-cao/phu-luc/1?nam=2019', 400, '#f-nam', /Chưa có dữ liệu danh mục cho năm 2019/],
      ['/bao-cao/phu-luc/2?nam=2024&don-vi=xa-dinh-lap', 400, '#f-don-vi', /không hoạt động trong năm 2024/],
      ['/bao-cao/phu-luc/2?nam=2024&don-vi=khong-co', 400, '#f-don-vi', /Không tìm thấy đơn vị có mã “khong-co”/],
      ['/bao-cao/phu-luc/3?nam=2024&mo-hinh=abc', 400, '#f-mo-hinh', /phải là “cu” \(bốn mức độ\) hoặc “moi”/],
      ['/bao-cao/phu-luc/7?nam=2024', 400, '#f-phu-luc', /Số phụ lục phải là 1, 2, 3 hoặc 4/],
    ];
    for (const [url, status, href, message] of cases) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, status, url);
      const links = errorLinks(res.body);
      assert.equal(links.length, 1, url);
      assert.equal(links[0]!.href, href, url);
      assert.match(links[0]!.message, message, url);
      assert.doesNotMatch(res.body, /<tbody/, `${url} shows no table`);
    }
    // what was typed stays in the form
    const typed = await app.inject('/bao-cao/phu-luc/1?nam=20x4');
    assert.match(typed.body, /name="nam" type="text" value="20x4"/);
  });

  test('what was typed is escaped on the page', async () => {
    const typed = '"><script>alert(1)</script>';
    const res = await app.inject(`/bao-cao/phu-luc/1?nam=${encodeURIComponent(typed)}&don-vi=${encodeURIComponent(typed)}`);
    assert.equal(res.statusCode, 400);
    // the quote is escaped in attributes, the tag in text: nothing breaks out
    assert.ok(!res.body.includes('"><script>'), 'no attribute is closed by the input');
    assert.match(res.body, /value="&#34;><script>alert\(1\)<\/script>"/);
    assert.match(res.body, /&#34;>&lt;script>alert\(1\)&lt;\/script><\/option>/);
  });
});

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

async function workbook(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  assert.ok(ws, 'the workbook has a sheet');
  return ws;
}

function text(ws: ExcelJS.Worksheet, address: string): string {
  const v = ws.getCell(address).value;
  return v === null || v === undefined ? '' : String(v);
}

function rowValues(ws: ExcelJS.Worksheet, row: number, columns: number): (string | number)[] {
  return Array.from({ length: columns }, (_, i) => {
    const v = ws.getCell(row, i + 1).value;
    return typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v);
  });
}

describe('Excel', () => {
  test('Phụ lục I 2024: title rows as in the seed, one header row, numbers as numbers, Tổng in bold', async () => {
    const res = await app.inject('/api/v1/reports/appendix/1.xlsx?year=2024');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="phu-luc-1-2024.xlsx"');
    const ws = await workbook(res);
    assert.equal(text(ws, 'A1'), 'Phụ lục I');
    assert.equal(text(ws, 'A2'), 'Tổng số TTHC đang triển khai DVCTT mức độ 2, mức độ 3, mức độ 4 trên');
    assert.equal(text(ws, 'A3'), 'Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử của tỉnh');
    assert.match(text(ws, 'A4'), /^\(Kèm theo văn bản số:/);
    assert.equal(text(ws, 'A5'), 'Số liệu danh mục TTHC tại ngày 31/12/2024 – Toàn tỉnh Lạng Sơn');
    assert.equal(ws.getCell('A1').font?.bold, true);
    assert.equal(ws.getCell('A4').font?.italic, true);
    assert.deepEqual(rowValues(ws, 7, 6), ['Cấp chính quyền', 'Tổng số TTHC', 'Mức độ 2', 'Mức độ 3', 'Mức độ 4', 'Ghi chú']);
    assert.deepEqual(rowValues(ws, 8, 6), ['Cấp tỉnh', 3, 1, 2, 0, '']);
    assert.deepEqual(rowValues(ws, 9, 6), ['Cấp huyện', 1, 0, 1, 0, '']);
    assert.deepEqual(rowValues(ws, 10, 6), ['Cấp xã', 2, 0, 0, 1, 'Gồm 1 TTHC mức độ 1']);
    assert.deepEqual(rowValues(ws, 11, 6), ['Tổng', 6, 1, 3, 1, 'Gồm 1 TTHC mức độ 1']);
    assert.equal(ws.getCell('A11').font?.bold, true);
    assert.notEqual(ws.getCell('A8').font?.bold, true);
    assert.deepEqual([...(ws.model.merges ?? [])].sort(), ['A1:F1', 'A2:F2', 'A3:F3', 'A4:F4', 'A5:F5']);
    assert.equal(ws.pageSetup.orientation, 'portrait');
  });

  test('Phụ lục III 2024: the group heading merged over two columns, the others over two rows; A/B/C and I rows bold', async () => {
    const ws = await workbook(await app.inject('/api/v1/reports/appendix/3.xlsx?year=2024'));
    assert.equal(text(ws, 'A1'), 'Phụ lục III');
    assert.equal(text(ws, 'A2'), 'Danh sách các dịch vụ công đủ điều kiện lên trực tuyến mức độ 4');
    assert.equal(text(ws, 'A3'), 'trong năm 2024');
    assert.deepEqual([...(ws.model.merges ?? [])].sort(), ['A1:F1', 'A2:F2', 'A3:F3', 'A4:F4', 'A5:F5', 'A7:A8', 'B13:F13', 'B15:F15', 'B7:B8', 'C7:D7', 'E7:E8', 'F7:F8'].sort());
    assert.equal(text(ws, 'C7'), 'Mức độ DVCTT đang cung cấp');
    assert.deepEqual(rowValues(ws, 8, 6).slice(2, 4), ['Mức độ 2', 'Mức độ 3']);
    assert.equal(text(ws, 'E7'), 'Dịch vụ công đủ điều kiện lên mức độ 4');
    assert.equal(text(ws, 'F7'), 'Ghi chú');
    assert.deepEqual(rowValues(ws, 9, 6), ['A', 'Cấp tỉnh', '', '', '', '']);
    assert.deepEqual(rowValues(ws, 10, 6), ['I', 'Công chứng', '', '', '', '']);
    assert.deepEqual(rowValues(ws, 11, 6), ['1', 'Công chứng bản dịch', '', 'x', 'x', 'Mã TTHC 1.000002']);
    assert.deepEqual(rowValues(ws, 12, 6), ['B', 'Cấp huyện', '', '', '', '']);
    assert.deepEqual(rowValues(ws, 13, 2), ['', 'Không có dịch vụ công nào']);
    assert.equal(ws.getCell('B13').font?.italic, true);
    assert.notEqual(ws.getCell('B11').font?.bold, true);
    assert.equal(ws.getCell('A9').font?.bold, true);
    assert.equal(ws.getCell('B10').font?.bold, true);
    assert.equal(ws.pageSetup.orientation, 'landscape');
  });

  test('Phụ lục IV 2024: no Ghi chú column, reasons in the last column, empty group C says so', async () => {
    const ws = await workbook(await app.inject('/api/v1/reports/appendix/4.xlsx?year=2024'));
    assert.equal(text(ws, 'E7'), 'Lý do không đủ điều kiện');
    assert.equal(text(ws, 'F7'), '');
    assert.deepEqual(
      Array.from({ length: 9 }, (_, i) => rowValues(ws, 9 + i, 5)),
      [
        ['A', 'Cấp tỉnh', '', '', ''],
        ['I', 'Lý lịch tư pháp', '', '', ''],
        ['1', 'Cấp phiếu lý lịch tư pháp', 'x', '', 'Người yêu cầu phải có mặt để đối chiếu giấy tờ'],
        ['2', 'Đính chính phiếu lý lịch tư pháp', '', 'x', 'Phải kiểm tra thực tế'],
        ['B', 'Cấp huyện', '', '', ''],
        ['I', 'Chứng thực', '', '', ''],
        ['1', 'Chứng thực bản sao từ bản chính', '', 'x', 'Phải xuất trình bản chính để đối chiếu'],
        ['C', 'Cấp xã', '', '', ''],
        // exceljs reads every cell of a merged range as the range's value
        ['', 'Không có dịch vụ công nào', 'Không có dịch vụ công nào', 'Không có dịch vụ công nào', 'Không có dịch vụ công nào'],
      ],
    );
    assert.ok([...(ws.model.merges ?? [])].includes('B17:E17'), 'the empty row text spans the columns');
    for (const r of [9, 10, 13, 14, 16]) assert.equal(ws.getCell(r, 2).font?.bold, true, `row ${r} is bold`);
    for (const r of [11, 12, 15]) assert.notEqual(ws.getCell(r, 2).font?.bold, true, `row ${r} is not bold`);
  });

  test('Phụ lục II of a unit on the new model: its own headings and file name', async () => {
    const res = await app.inject('/bao-cao/phu-luc/2.xlsx?nam=2025&don-vi=xa-dinh-lap&mo-hinh=moi');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="phu-luc-2-2025-xa-dinh-lap-hai-muc.xlsx"');
    const ws = await workbook(res);
    assert.equal(text(ws, 'A2'), 'Danh mục TTHC đang triển khai DVCTT toàn trình, một phần trên');
    assert.equal(text(ws, 'A5'), 'Số liệu danh mục TTHC tại ngày 31/12/2025 – Ủy ban nhân dân xã Đình Lập');
    assert.deepEqual(rowValues(ws, 7, 5), ['STT', 'Lĩnh vực/DVCTT', 'Toàn trình', 'Một phần', 'Ghi chú']);
    const names = Array.from({ length: 20 }, (_, i) => text(ws, `B${8 + i}`)).filter(Boolean);
    assert.deepEqual(names, ['Cấp tỉnh', 'Không có dịch vụ công nào', 'Cấp huyện', 'Không còn cấp huyện từ ngày 01/07/2025 (chính quyền địa phương hai cấp)', 'Cấp xã', 'Chứng thực', 'Chứng thực bản sao từ bản chính', 'Cư trú', 'Đăng ký tạm trú', 'Hộ tịch', 'Đăng ký khai sinh']);
  });
});

describe('PDF', () => {
  test('Phụ lục IV 2024 as a PDF has the title, the headings and every row', async () => {
    const res = await app.inject('/api/v1/reports/appendix/4.pdf?year=2024');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="phu-luc-4-2024.pdf"');
    const pdf = pdfText(res.rawPayload);
    for (const expected of [
      'Phụ lục IV',
      'Danh sách các dịch vụ công không đủ điều kiện lên trực tuyến mức độ 4',
      'trong năm 2024',
      'Mức độ DVCTT đang cung cấp',
      'Lý do không đủ điều kiện',
      'Cấp tỉnh',
      'Lý lịch tư pháp',
      'Cấp phiếu lý lịch tư pháp',
      'Người yêu cầu phải có mặt để đối chiếu giấy tờ',
      'Phải kiểm tra thực tế',
      'Cấp huyện',
      'Chứng thực bản sao từ bản chính',
      'Cấp xã',
      'Không có dịch vụ công nào',
    ]) {
      assert.ok(pdf.includes(expected), `the PDF has “${expected}”`);
    }
    assert.ok(!pdf.includes('Ghi chú'), 'Phụ lục IV has no Ghi chú column');
  });

  test('Phụ lục I 2025 as a PDF has the counts of each tier', async () => {
    const res = await app.inject('/bao-cao/phu-luc/1.pdf?nam=2025');
    assert.equal(res.statusCode, 200);
    const lines = pdfText(res.rawPayload).split('\n').map((l) => l.trim().split(/\s{2,}/));
    assert.ok(lines.some((l) => l.join('|') === 'Cấp tỉnh|2|0|1|1'), 'Cấp tỉnh row');
    assert.ok(lines.some((l) => l.join('|') === 'Cấp huyện|0|0|0|0'), 'Cấp huyện row');
    assert.ok(lines.some((l) => l.join('|') === 'Cấp xã|5|1|1|2|Gồm 1 TTHC mức độ 1'), 'Cấp xã row');
    assert.ok(lines.some((l) => l.join('|') === 'Tổng|7|1|2|3|Gồm 1 TTHC mức độ 1'), 'Tổng row');
  });
});

/** OpenAPI 3.0's `nullable: true` as JSON Schema (a value of the schema, or null). */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, jsonSchema(s)])) : jsonSchema(v)]));
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

describe('OpenAPI', () => {
  test('the appendix endpoint is documented with its query parameters', async () => {
    const res = await app.inject('/api/docs/json');
    const doc = res.json() as { paths: Record<string, { get?: { parameters?: { name: string; in: string }[]; tags?: string[] } }> };
    const op = doc.paths['/api/v1/reports/appendix/{appendix}']?.get;
    assert.ok(op, 'documented');
    assert.deepEqual(op.parameters?.map((p) => `${p.in}:${p.name}`).sort(), ['path:appendix', 'query:model', 'query:unit', 'query:year']);
    assert.deepEqual(op.tags, ['reports']);
    assert.equal(doc.paths['/bao-cao/phu-luc/{file}'], undefined, 'pages are not in the API document');
  });

  test('the document describes the answers (200, 400, 404) and every answer conforms to it', async () => {
    type Op = { responses?: Record<string, { content?: Record<string, { schema?: object }> }> };
    const doc = (await app.inject('/api/docs/json')).json() as { paths: Record<string, { get?: Op }> };
    const responses = doc.paths['/api/v1/reports/appendix/{appendix}']?.get?.responses ?? {};
    const schemaOf = (status: string) => responses[status]?.content?.['application/json']?.schema;
    for (const status of ['200', '400', '404']) assert.ok(schemaOf(status), `response ${status} is described`);
    const ok = schemaOf('200') as { properties: Record<string, { description?: string }>; required: string[] };
    assert.deepEqual(Object.keys(ok.properties).sort(), ['appendix', 'date', 'model', 'procedures', 'rows', 'unit', 'year']);
    assert.deepEqual([...ok.required].sort(), ['appendix', 'date', 'model', 'procedures', 'rows', 'unit', 'year']);
    // the schema as the document publishes it, compiled by an independent validator
    const body = Compile(jsonSchema(schemaOf('200')) as never);
    const error = Compile(jsonSchema(schemaOf('400')) as never);
    const urls = [
      '/api/v1/reports/appendix/1?year=2024',
      '/api/v1/reports/appendix/1?year=2025&model=new',
      '/api/v1/reports/appendix/2?year=2025',
      '/api/v1/reports/appendix/3?year=2024&model=new',
      '/api/v1/reports/appendix/4?year=2024',
      '/api/v1/reports/appendix/2?year=2025&unit=huyen-dinh-lap',
    ];
    for (const url of urls) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200, url);
      const value = res.json() as unknown;
      assert.ok(body.Check(value), `${url}: ${JSON.stringify([...body.Errors(value)].slice(0, 3))}`);
    }
    // a row the schema does not know would fail the check: the check is not vacuous
    const sample = (await app.inject('/api/v1/reports/appendix/2?year=2024')).json() as { rows: object[] };
    assert.equal(body.Check({ ...sample, rows: [...sample.rows, { kind: 'other' }] }), false);
    const bad = await app.inject('/api/v1/reports/appendix/9?year=2024');
    assert.equal(bad.statusCode, 400);
    assert.ok(error.Check(bad.json()));
  });
});

describe('the demo catalogue', () => {
  test('its first versions are dated from when each procedure took effect, not before 2021 nor after today', () => {
    const base = procedure({ code: '1.000010', name: 'Mẫu', field: FIELDS.hoTich, tierHistory: [{ tier: 'xa', validFrom: '2016-01-01' }], agencies: UBND_XA, legacyLevel: 3, onlineLevel: 'mot_phan' });
    assert.equal(firstVersionDay(base, '2026-11-24'), '2021-01-01');
    assert.equal(firstVersionDay({ ...base, tierHistory: [{ tier: 'xa', validFrom: '2025-07-01' }] }, '2026-11-24'), '2025-07-01');
    assert.equal(firstVersionDay({ ...base, publicationDecision: { number: '1/QĐ-UBND', date: '2023-04-05' } }, '2026-11-24'), '2023-04-05');
    assert.equal(firstVersionDay({ ...base, tierHistory: [{ tier: 'xa', validFrom: '2027-01-01' }] }, '2026-11-24'), '2026-11-24');
  });

  test('seeded, it gives a past year real figures with the district tier, and the current year without it', async () => {
    const fresh = await freshDatabase();
    try {
      const demo = fresh.database.db;
      await migrate(demo);
      await insertUnits(demo, demoUnits);
      await seedCatalogue(demo, undefined);
      const deps = { db: demo, provinceName: 'Lạng Sơn' };
      const fields = { appendix: 'appendix', year: 'year', unit: 'unit' };
      const y2024 = await appendixReport(deps, { appendix: '1', year: '2024', model: 'legacy' }, fields);
      const byTier = Object.fromEntries(y2024.summary.map((r) => [r.tier, r.total]));
      assert.ok(byTier.huyen! > 0 && byTier.xa! > 0 && byTier.tinh! > 0, JSON.stringify(byTier));
      const now = await appendixReport(deps, { appendix: '1', model: 'legacy' }, fields);
      assert.equal(now.summary.find((r) => r.tier === 'huyen')?.total, 0);
      assert.ok(now.procedures > y2024.procedures, 'procedures in force from 01/07/2025 are added');
      await assert.rejects(appendixReport(deps, { appendix: '1', year: '2020', model: 'legacy' }, fields), ValidationError);
    } finally {
      await fresh.database.close();
      await fresh.drop();
    }
  });
});
