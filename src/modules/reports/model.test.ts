import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Procedure } from '../catalogue';
import { ValidationError } from '../../platform/errors';
import {
  buildReport,
  type CatalogueEntry,
  catalogueAt,
  columnsOf,
  fileNameOf,
  listRows,
  parseYear,
  performs,
  reportDate,
  roman,
  summaryRows,
  tableOf,
  unitScopeOf,
  type VersionAt,
} from './model';

function record(over: Partial<Procedure> & Pick<Procedure, 'code' | 'name'>): Procedure {
  return {
    field: { code: 'ho-tich', name: 'Hộ tịch' },
    tierHistory: [{ tier: 'xa', validFrom: '2016-01-01' }],
    procedureType: 'TTHC không được luật giao quy định chi tiết',
    steps: ['Nộp hồ sơ.'],
    channels: [{ kind: 'truc_tiep', description: 'Tại Bộ phận Một cửa.' }],
    components: [],
    numberOfSets: 1,
    processingTime: { amount: 3, unit: 'working_days' },
    fees: [],
    applicants: [{ kind: 'cong_dan' }],
    agencies: { competent: [{ unitKind: 'ubnd_xa', label: 'UBND cấp xã' }], authorised: [], cooperating: [] },
    results: ['Kết quả'],
    conditions: [],
    legalBasis: [{ number: '1/2020/NĐ-CP', title: 'Nghị định' }],
    relatedCodes: [],
    legacyLevel: 3,
    onlineLevel: 'mot_phan',
    requiresPresence: false,
    requiresSiteInspection: false,
    feePayableOnline: true,
    resultDeliverableOnlineOrPost: true,
    ...over,
  };
}

const published = (r: Procedure): VersionAt => ({ record: r, status: 'published' });

const MOVED = record({
  code: '2.000815',
  name: 'Chứng thực bản sao',
  field: { code: 'chung-thuc', name: 'Chứng thực' },
  tierHistory: [
    { tier: 'huyen', validFrom: '2015-01-01', validTo: '2025-06-30', agencies: { competent: [{ unitCode: 'hdl-tu-phap' }], authorised: [], cooperating: [] } },
    { tier: 'xa', validFrom: '2025-07-01' },
  ],
  requiresPresence: true,
  ineligibleReason: '  Phải xuất trình bản chính  ',
});

function entry(over: Partial<CatalogueEntry> & Pick<CatalogueEntry, 'code' | 'name'>): CatalogueEntry {
  return { field: { code: 'ho-tich', name: 'Hộ tịch' }, tier: 'xa', legacyLevel: 3, onlineLevel: 'mot_phan', eligible: true, ineligibleReason: null, ...over };
}

test('the catalogue on a date keeps published versions in force that day, at the tier of that day', () => {
  const versions = [
    published(MOVED),
    { record: record({ code: '1.000001', name: 'Bản nháp' }), status: 'draft' },
    { record: record({ code: '1.000002', name: 'Đã ngừng' }), status: 'unpublished' },
    published(record({ code: '1.000003', name: 'Chưa có hiệu lực', tierHistory: [{ tier: 'xa', validFrom: '2025-07-01' }] })),
  ];
  assert.deepEqual(
    catalogueAt(versions, '2024-12-31').map((e) => [e.code, e.tier]),
    [['2.000815', 'huyen']],
  );
  assert.deepEqual(
    catalogueAt(versions, '2025-07-01').map((e) => [e.code, e.tier]),
    [['1.000003', 'xa'], ['2.000815', 'xa']],
  );
});

test('an entry carries eligibility and the trimmed reason only when not eligible', () => {
  const [moved] = catalogueAt([published(MOVED)], '2024-01-01');
  assert.equal(moved?.eligible, false);
  assert.equal(moved?.ineligibleReason, 'Phải xuất trình bản chính');
  const [ok] = catalogueAt([published(record({ code: '1.000004', name: 'Đủ điều kiện', ineligibleReason: 'cũ' }))], '2024-01-01');
  assert.equal(ok?.eligible, true);
  assert.equal(ok?.ineligibleReason, null);
});

const UNITS = [
  { id: 't', code: 'ubnd-tinh', kind: 'ubnd_tinh', parentId: null },
  { id: 'h', code: 'huyen-dinh-lap', kind: 'ubnd_huyen', parentId: 't' },
  { id: 'hp', code: 'hdl-tu-phap', kind: 'phong', parentId: 'h' },
  { id: 'x', code: 'xa-bac-xa', kind: 'ubnd_xa', parentId: 'h' },
  { id: 'xc', code: 'ca-bac-xa', kind: 'cong_an_xa', parentId: 'x' },
  { id: 's', code: 'so-tu-phap', kind: 'so', parentId: 't' },
];

test("a unit's scope holds its own offices and stops at the administrations below it", () => {
  const district = unitScopeOf(UNITS, UNITS[1]!);
  assert.deepEqual([...district.codes].sort(), ['hdl-tu-phap', 'huyen-dinh-lap']);
  assert.deepEqual([...district.kinds].sort(), ['phong', 'ubnd_huyen']);
  const commune = unitScopeOf(UNITS, UNITS[3]!);
  assert.deepEqual([...commune.codes].sort(), ['ca-bac-xa', 'xa-bac-xa']);
  assert.deepEqual([...commune.kinds].sort(), ['cong_an_xa', 'ubnd_xa']);
  const province = unitScopeOf(UNITS, UNITS[0]!);
  assert.deepEqual([...province.codes].sort(), ['so-tu-phap', 'ubnd-tinh']);
});

test('a unit performs a procedure through the agencies of the period in force, by code or by kind', () => {
  const district = unitScopeOf(UNITS, UNITS[1]!);
  const commune = unitScopeOf(UNITS, UNITS[3]!);
  assert.equal(performs(MOVED, '2024-12-31', district), true);
  assert.equal(performs(MOVED, '2025-07-01', district), false);
  assert.equal(performs(MOVED, '2024-12-31', commune), false);
  assert.equal(performs(MOVED, '2025-07-01', commune), true);
  assert.equal(performs(MOVED, '2014-12-31', district), false, 'not in force yet');
  const cooperatingOnly = record({ code: '1.000005', name: 'Phối hợp', agencies: { competent: [{ unitCode: 'so-tu-phap' }], authorised: [], cooperating: [{ unitKind: 'ubnd_xa', label: 'UBND cấp xã' }] } });
  assert.equal(performs(cooperatingOnly, '2024-01-01', commune), false, 'co-operating is not performing');
  const authorised = record({ code: '1.000006', name: 'Ủy quyền', agencies: { competent: [{ unitCode: 'ubnd-tinh' }], authorised: [{ unitCode: 'hdl-tu-phap' }], cooperating: [] } });
  assert.equal(performs(authorised, '2024-01-01', district), true);
});

test('catalogueAt with a scope keeps only what the unit performs that day', () => {
  const commune = unitScopeOf(UNITS, UNITS[3]!);
  const versions = [published(MOVED), published(record({ code: '1.000007', name: 'Của sở', agencies: { competent: [{ unitCode: 'so-tu-phap' }], authorised: [], cooperating: [] } }))];
  assert.deepEqual(catalogueAt(versions, '2025-12-31', commune).map((e) => e.code), ['2.000815']);
  assert.deepEqual(catalogueAt(versions, '2024-12-31', commune).map((e) => e.code), []);
});

test('the report date is 31/12 of a past year and today for the current year', () => {
  assert.equal(reportDate(2024, '2026-11-24'), '2024-12-31');
  assert.equal(reportDate(2026, '2026-11-24'), '2026-11-24');
});

test('the year: blank is this year; not a number, in the future or before the data are refused by name', () => {
  const earliest = '2021-02-01';
  assert.equal(parseYear(undefined, 'nam', '2026-11-24', earliest), 2026);
  assert.equal(parseYear(' 2024 ', 'nam', '2026-11-24', earliest), 2024);
  assert.equal(parseYear('2021', 'nam', '2026-11-24', earliest), 2021);
  const refused = (raw: string, earliestDay: string | undefined, message: RegExp) =>
    assert.throws(() => parseYear(raw, 'nam', '2026-11-24', earliestDay), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.errors[0]?.field, 'nam');
      assert.match(e.errors[0]!.message, message);
      return true;
    });
  refused('abc', earliest, /^Năm phải là một số có 4 chữ số, ví dụ 2024$/);
  refused('20245', earliest, /^Năm phải là một số có 4 chữ số/);
  refused('-2024', earliest, /^Năm phải là một số có 4 chữ số/);
  refused('2027', earliest, /^Năm 2027 chưa đến: chỉ lập được báo cáo đến năm 2026$/);
  refused('2020', earliest, /^Chưa có dữ liệu danh mục cho năm 2020: dữ liệu danh mục có từ ngày 01\/02\/2021 \(năm 2021\)$/);
  refused('2024', undefined, /^Chưa có dữ liệu danh mục cho năm 2024: danh mục chưa có thủ tục nào được công bố$/);
});

test('Phụ lục I counts every tier and the total, level 1 in the total only', () => {
  const rows = summaryRows([
    entry({ code: 'a', name: 'A', tier: 'tinh', legacyLevel: 4, onlineLevel: 'toan_trinh' }),
    entry({ code: 'b', name: 'B', tier: 'tinh', legacyLevel: 4, onlineLevel: 'mot_phan', eligible: false }),
    entry({ code: 'c', name: 'C', tier: 'xa', legacyLevel: 1, onlineLevel: 'none' }),
    entry({ code: 'd', name: 'D', tier: 'xa', legacyLevel: 2, onlineLevel: 'none' }),
  ]);
  assert.deepEqual(rows, [
    { tier: 'tinh', total: 2, level1: 0, level2: 0, level3: 0, level4: 2, toanTrinh: 1, motPhan: 1, none: 0 },
    { tier: 'huyen', total: 0, level1: 0, level2: 0, level3: 0, level4: 0, toanTrinh: 0, motPhan: 0, none: 0 },
    { tier: 'xa', total: 2, level1: 1, level2: 1, level3: 0, level4: 0, toanTrinh: 0, motPhan: 0, none: 2 },
    { tier: 'total', total: 4, level1: 1, level2: 1, level3: 0, level4: 2, toanTrinh: 1, motPhan: 1, none: 2 },
  ]);
});

test('fields are numbered I, II… in Vietnamese order and procedures 1, 2… within each', () => {
  const entries = [
    entry({ code: '1', name: 'Đăng ký khai sinh', field: { code: 'ho-tich', name: 'Hộ tịch' } }),
    entry({ code: '2', name: 'Đăng ký giám hộ', field: { code: 'ho-tich', name: 'Hộ tịch' } }),
    entry({ code: '3', name: 'Chứng thực chữ ký', field: { code: 'chung-thuc', name: 'Chứng thực' } }),
    entry({ code: '4', name: 'Đăng ký tạm trú', field: { code: 'cu-tru', name: 'Cư trú' } }),
  ];
  const rows = listRows(2, 'legacy', entries, '2024-12-31');
  assert.deepEqual(
    rows.map((r) => (r.kind === 'empty' ? `– ${r.text}` : `${r.stt} ${r.name}`)),
    ['A Cấp tỉnh', '– Không có dịch vụ công nào', 'B Cấp huyện', '– Không có dịch vụ công nào', 'C Cấp xã', 'I Chứng thực', '1 Chứng thực chữ ký', 'II Cư trú', '1 Đăng ký tạm trú', 'III Hộ tịch', '1 Đăng ký giám hộ', '2 Đăng ký khai sinh'],
  );
});

test('after 01/07/2025 group B says the district tier is gone', () => {
  const before = listRows(3, 'legacy', [], '2025-06-30');
  const after = listRows(3, 'legacy', [], '2025-07-01');
  assert.deepEqual(before[3], { kind: 'empty', tier: 'huyen', text: 'Không có dịch vụ công nào' });
  assert.deepEqual(after[3], { kind: 'empty', tier: 'huyen', text: 'Không còn cấp huyện từ ngày 01/07/2025 (chính quyền địa phương hai cấp)' });
});

test('which procedures each appendix lists, on each model', () => {
  const entries = [
    entry({ code: 'l1', name: 'L1', legacyLevel: 1, onlineLevel: 'none', eligible: false, ineligibleReason: 'r1' }),
    entry({ code: 'l2e', name: 'L2e', legacyLevel: 2, onlineLevel: 'none', eligible: true }),
    entry({ code: 'l3n', name: 'L3n', legacyLevel: 3, onlineLevel: 'mot_phan', eligible: false, ineligibleReason: 'r3' }),
    entry({ code: 'l4n', name: 'L4n', legacyLevel: 4, onlineLevel: 'mot_phan', eligible: false, ineligibleReason: 'r4' }),
    entry({ code: 'l4t', name: 'L4t', legacyLevel: 4, onlineLevel: 'toan_trinh', eligible: true }),
  ];
  const codes = (n: 2 | 3 | 4, m: 'legacy' | 'new') => listRows(n, m, entries, '2024-12-31').flatMap((r) => (r.kind === 'procedure' ? [r.code] : []));
  assert.deepEqual(codes(2, 'legacy'), ['l2e', 'l3n', 'l4n', 'l4t']);
  assert.deepEqual(codes(3, 'legacy'), ['l2e']);
  assert.deepEqual(codes(4, 'legacy'), ['l3n']);
  assert.deepEqual(codes(2, 'new'), ['l3n', 'l4n', 'l4t']);
  assert.deepEqual(codes(3, 'new'), ['l2e']);
  assert.deepEqual(codes(4, 'new'), ['l1', 'l3n', 'l4n']);
});

test('the columns are the seed\'s, the level group over two columns in III and IV, and IV has no Ghi chú', () => {
  const labels = (n: 1 | 2 | 3 | 4, m: 'legacy' | 'new') => columnsOf(n, m).map((c) => (c.group ? `${c.group} / ${c.label}` : c.label));
  assert.deepEqual(labels(1, 'legacy'), ['Cấp chính quyền', 'Tổng số TTHC', 'Mức độ 2', 'Mức độ 3', 'Mức độ 4', 'Ghi chú']);
  assert.deepEqual(labels(2, 'legacy'), ['STT', 'Lĩnh vực/DVCTT', 'Mức độ 2', 'Mức độ 3', 'Mức độ 4', 'Ghi chú']);
  assert.deepEqual(labels(3, 'legacy'), ['STT', 'Lĩnh vực/DVCTT', 'Mức độ DVCTT đang cung cấp / Mức độ 2', 'Mức độ DVCTT đang cung cấp / Mức độ 3', 'Dịch vụ công đủ điều kiện lên mức độ 4', 'Ghi chú']);
  assert.deepEqual(labels(4, 'legacy'), ['STT', 'Lĩnh vực/DVCTT', 'Mức độ DVCTT đang cung cấp / Mức độ 2', 'Mức độ DVCTT đang cung cấp / Mức độ 3', 'Lý do không đủ điều kiện']);
  assert.deepEqual(labels(1, 'new'), ['Cấp chính quyền', 'Tổng số TTHC', 'Toàn trình', 'Một phần', 'Ghi chú']);
  assert.deepEqual(labels(4, 'new'), ['STT', 'Lĩnh vực/DVCTT', 'Mức độ DVCTT đang cung cấp / Chưa trực tuyến', 'Mức độ DVCTT đang cung cấp / Một phần', 'Lý do không đủ điều kiện']);
});

test('the table ticks the current level and puts the reason last in Phụ lục IV', () => {
  const entries = [entry({ code: '2.000815', name: 'Chứng thực bản sao', legacyLevel: 2, onlineLevel: 'none', eligible: false, ineligibleReason: 'Phải có mặt' })];
  const report = buildReport({ appendix: 4, model: 'legacy', year: 2024, date: '2024-12-31', provinceName: 'Lạng Sơn', entries });
  const table = tableOf(report);
  assert.equal(table.label, 'Phụ lục IV');
  assert.deepEqual(table.title, ['Danh sách các dịch vụ công không đủ điều kiện lên trực tuyến mức độ 4', 'trong năm 2024']);
  assert.equal(table.scopeLine, 'Số liệu danh mục TTHC tại ngày 31/12/2024 – Toàn tỉnh Lạng Sơn');
  assert.equal(table.landscape, true);
  assert.deepEqual(
    table.rows.map((r) => [r.style, ...r.cells]),
    [
      ['tier', 'A', 'Cấp tỉnh', '', '', ''],
      ['empty', '', 'Không có dịch vụ công nào'],
      ['tier', 'B', 'Cấp huyện', '', '', ''],
      ['empty', '', 'Không có dịch vụ công nào'],
      ['tier', 'C', 'Cấp xã', '', '', ''],
      ['field', 'I', 'Hộ tịch', '', '', ''],
      ['item', '1', 'Chứng thực bản sao', 'x', '', 'Phải có mặt'],
    ],
  );
});

test('Phụ lục I as a table: tiers as rows, Tổng last, the level 1 count in Ghi chú', () => {
  const entries = [entry({ code: 'a', name: 'A', legacyLevel: 1, onlineLevel: 'none' }), entry({ code: 'b', name: 'B', tier: 'tinh', legacyLevel: 3 })];
  const legacy = tableOf(buildReport({ appendix: 1, model: 'legacy', year: 2024, date: '2024-12-31', provinceName: 'Lạng Sơn', unit: { code: 'so-tu-phap', name: 'Sở Tư pháp' }, entries }));
  assert.equal(legacy.landscape, false);
  assert.equal(legacy.scopeLine, 'Số liệu danh mục TTHC tại ngày 31/12/2024 – Sở Tư pháp');
  assert.deepEqual(
    legacy.rows.map((r) => [r.style, ...r.cells]),
    [
      ['item', 'Cấp tỉnh', 1, 0, 1, 0, ''],
      ['item', 'Cấp huyện', 0, 0, 0, 0, ''],
      ['item', 'Cấp xã', 1, 0, 0, 0, 'Gồm 1 TTHC mức độ 1'],
      ['total', 'Tổng', 2, 0, 1, 0, 'Gồm 1 TTHC mức độ 1'],
    ],
  );
  const fresh = tableOf(buildReport({ appendix: 1, model: 'new', year: 2024, date: '2024-12-31', provinceName: 'Lạng Sơn', entries }));
  assert.deepEqual(fresh.rows[2]?.cells, ['Cấp xã', 1, 0, 0, 'Gồm 1 TTHC chưa cung cấp trực tuyến']);
});

test('roman numerals and file names', () => {
  assert.deepEqual([1, 2, 3, 4, 9, 14, 40, 99].map(roman), ['I', 'II', 'III', 'IV', 'IX', 'XIV', 'XL', 'XCIX']);
  assert.equal(fileNameOf({ appendix: 1, model: 'legacy', year: 2024 }, 'xlsx'), 'phu-luc-1-2024.xlsx');
  assert.equal(fileNameOf({ appendix: 3, model: 'new', year: 2025, unit: { code: 'xa-dinh-lap', name: 'x' } }, 'pdf'), 'phu-luc-3-2025-xa-dinh-lap-hai-muc.pdf');
});
