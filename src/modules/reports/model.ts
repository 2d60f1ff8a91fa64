// The yearly review appendices (Phụ lục I–IV of the 2021 Tuyên Quang letter, DOMAIN.md §7.1)
// as pure data: the catalogue as it stood on a date, counted by tier and level (Phụ lục I) or
// listed by tier → field → procedure (Phụ lục II–IV), on the old four levels (NĐ 43/2011) or
// on the new two (toàn trình / một phần, NĐ 42/2022). Page, workbook and PDF all print the
// same `ReportTable`, so the three can never disagree. No I/O here.
import {
  agenciesAt,
  isEligibleFullOnline,
  onlineLevelOf,
  type Field,
  type LegacyLevel,
  type OnlineLevel,
  type Procedure,
  TIER_LABELS,
  tierAt,
  TIERS,
  type Tier,
} from '../catalogue';
import { TWO_TIER_DATE } from '../org';
import { ValidationError } from '../../platform/errors';
import { formatDate } from '../../platform/format';

export const APPENDICES = [1, 2, 3, 4] as const;
export type AppendixNo = (typeof APPENDICES)[number];

/** `legacy`: mức độ 2, 3, 4 (NĐ 43/2011); `new`: toàn trình / một phần (NĐ 42/2022). */
export const LEVEL_MODELS = ['legacy', 'new'] as const;
export type LevelModel = (typeof LEVEL_MODELS)[number];

export const ROMAN_APPENDIX: Record<AppendixNo, string> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

/** The tick printed under the level a service has (the seed's tables leave the mark to the filer). */
export const TICK = 'x';

// ---------------------------------------------------------------------------------------
// The catalogue on a date
// ---------------------------------------------------------------------------------------

/** The latest saved state of a procedure on or before the report date (procedure_versions). */
export interface VersionAt {
  record: Procedure;
  status: string;
}

/** A procedure as the catalogue stood on the report date. */
export interface CatalogueEntry {
  code: string;
  name: string;
  field: Field;
  tier: Tier;
  legacyLevel: LegacyLevel;
  onlineLevel: OnlineLevel;
  /** DOMAIN.md §2.4: eligible for level 4 / toàn trình. */
  eligible: boolean;
  ineligibleReason: string | null;
}

/**
 * The units whose procedures a unit's report counts: unit codes, and unit kinds for agencies
 * named by kind ("UBND cấp xã" is every commune's People's Committee).
 */
export interface UnitScope {
  codes: ReadonlySet<string>;
  kinds: ReadonlySet<string>;
}

interface ScopeUnit {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
}

/** Kinds of unit that are an administration of their own (a district's communes are not the district's). */
const ADMINISTRATIONS = new Set(['ubnd_tinh', 'ubnd_huyen', 'ubnd_xa']);

/**
 * A unit and the offices under it that act for it (its phòng, its one-stop desk, its commune
 * police), stopping at the administrations below it: a district's report does not count what
 * its communes do. `units` are the units that exist on the report date.
 */
export function unitScopeOf(units: readonly ScopeUnit[], root: ScopeUnit): UnitScope {
  const children = new Map<string, ScopeUnit[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const codes = new Set<string>([root.code]);
  const kinds = new Set<string>([root.kind]);
  const walk = (id: string) => {
    for (const c of children.get(id) ?? []) {
      if (ADMINISTRATIONS.has(c.kind)) continue;
      codes.add(c.code);
      kinds.add(c.kind);
      walk(c.id);
    }
  };
  walk(root.id);
  return { codes, kinds };
}

/** True when the unit (its scope) decided or was authorised to perform the procedure on the date. */
export function performs(record: Pick<Procedure, 'tierHistory' | 'agencies'>, date: string, scope: UnitScope): boolean {
  const agencies = agenciesAt(record, date);
  if (!agencies) return false;
  return [...agencies.competent, ...agencies.authorised].some((ref) => ('unitCode' in ref ? scope.codes.has(ref.unitCode) : scope.kinds.has(ref.unitKind)));
}

const collator = new Intl.Collator('vi');
const byName = (a: CatalogueEntry, b: CatalogueEntry) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code);

/**
 * The published procedures of the catalogue on `date`: each from its latest version on or
 * before that day, with the tier of that day (a procedure not yet in force is left out),
 * for the whole province or for one unit's scope.
 */
export function catalogueAt(versions: readonly VersionAt[], date: string, scope?: UnitScope): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const v of versions) {
    if (v.status !== 'published') continue;
    const p = v.record;
    const tier = tierAt(p, date);
    if (!tier) continue;
    if (scope && !performs(p, date, scope)) continue;
    const eligible = isEligibleFullOnline(p);
    entries.push({
      code: p.code,
      name: p.name,
      field: p.field,
      tier,
      legacyLevel: p.legacyLevel,
      // the level the record's configuration supports (catalogue), not a stale stored claim
      onlineLevel: onlineLevelOf(p).level,
      eligible,
      ineligibleReason: eligible ? null : p.ineligibleReason?.trim() || null,
    });
  }
  return entries.sort(byName);
}

// ---------------------------------------------------------------------------------------
// The year asked for
// ---------------------------------------------------------------------------------------

/** The day the figures are read: 31/12 of a past year, today for the current year. */
export function reportDate(year: number, today: string): string {
  return String(year) === today.slice(0, 4) ? today : `${String(year).padStart(4, '0')}-12-31`;
}

/**
 * The day a unit's report reads: the report date, or the unit's last day when it ceased
 * earlier in the year; null when the unit did not exist at any time from 1 January of the
 * year to the report date (its figures would be a wrong number, not a zero).
 */
export function unitReportDate(unit: { validFrom: string; validTo: string | null }, year: number, date: string): string | null {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  if (unit.validFrom > date || (unit.validTo !== null && unit.validTo < first)) return null;
  return unit.validTo !== null && unit.validTo < date ? unit.validTo : date;
}

export function yearFormatMessage(): string {
  return 'Năm phải là một số có 4 chữ số, ví dụ 2024';
}

/**
 * The year asked for (blank: the current year), checked against today and the catalogue's
 * first published version (`earliest`, a day 'YYYY-MM-DD', undefined when nothing was ever
 * published). A year with no catalogue data is refused rather than printed as zeros.
 * Throws a ValidationError naming `field`.
 */
export function parseYear(raw: string | undefined, field: string, today: string, earliest: string | undefined): number {
  const current = Number(today.slice(0, 4));
  const text = raw?.trim() ?? '';
  if (text === '') return checkYear(current, field, today, earliest);
  if (!/^\d{4}$/.test(text)) throw new ValidationError([{ field, message: yearFormatMessage() }]);
  return checkYear(Number(text), field, today, earliest);
}

function checkYear(year: number, field: string, today: string, earliest: string | undefined): number {
  const current = Number(today.slice(0, 4));
  if (year > current) {
    throw new ValidationError([{ field, message: `Năm ${year} chưa đến: chỉ lập được báo cáo đến năm ${current}` }]);
  }
  if (earliest === undefined) {
    throw new ValidationError([{ field, message: `Chưa có dữ liệu danh mục cho năm ${year}: danh mục chưa có thủ tục nào được công bố` }]);
  }
  const first = Number(earliest.slice(0, 4));
  if (year < first) {
    throw new ValidationError([{ field, message: `Chưa có dữ liệu danh mục cho năm ${year}: dữ liệu danh mục có từ ngày ${formatDate(earliest)} (năm ${first})` }]);
  }
  return year;
}

// ---------------------------------------------------------------------------------------
// Phụ lục I: counts by tier
// ---------------------------------------------------------------------------------------

export interface SummaryRow {
  tier: Tier | 'total';
  /** Tổng số TTHC: every published procedure of the tier, level 1 included. */
  total: number;
  level1: number;
  level2: number;
  level3: number;
  level4: number;
  toanTrinh: number;
  motPhan: number;
  /** Not an online service under the new model (legacy levels 1–2). */
  none: number;
}

function emptySummary(tier: SummaryRow['tier']): SummaryRow {
  return { tier, total: 0, level1: 0, level2: 0, level3: 0, level4: 0, toanTrinh: 0, motPhan: 0, none: 0 };
}

/** Cấp tỉnh, Cấp huyện, Cấp xã and Tổng, always all four (an empty tier counts 0). */
export function summaryRows(entries: readonly CatalogueEntry[]): SummaryRow[] {
  const rows = new Map<SummaryRow['tier'], SummaryRow>([...TIERS, 'total' as const].map((t) => [t, emptySummary(t)]));
  for (const e of entries) {
    for (const row of [rows.get(e.tier)!, rows.get('total')!]) {
      row.total++;
      row[`level${e.legacyLevel}`]++;
      if (e.onlineLevel === 'toan_trinh') row.toanTrinh++;
      else if (e.onlineLevel === 'mot_phan') row.motPhan++;
      else row.none++;
    }
  }
  return [...rows.values()];
}

/** Ghi chú of Phụ lục I: what the total holds beside the columns. */
export function summaryNote(row: SummaryRow, model: LevelModel): string {
  if (model === 'legacy') return row.level1 > 0 ? `Gồm ${row.level1} TTHC mức độ 1` : '';
  return row.none > 0 ? `Gồm ${row.none} TTHC chưa cung cấp trực tuyến` : '';
}

// ---------------------------------------------------------------------------------------
// Phụ lục II–IV: tier → field → procedure
// ---------------------------------------------------------------------------------------

export type ListRow =
  | { kind: 'tier'; stt: string; tier: Tier; name: string }
  | { kind: 'field'; stt: string; field: string; name: string }
  | {
      kind: 'procedure';
      stt: string;
      code: string;
      name: string;
      legacyLevel: LegacyLevel;
      onlineLevel: OnlineLevel;
      eligible: boolean;
      reason: string | null;
    }
  /** A tier with nothing to list; the district tier after 01/07/2025 says why. */
  | { kind: 'empty'; tier: Tier; text: string };

const TIER_LETTERS: Record<Tier, string> = { tinh: 'A', huyen: 'B', xa: 'C' };

export function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** Which procedures an appendix lists. */
export function listedIn(appendix: Exclude<AppendixNo, 1>, model: LevelModel, e: CatalogueEntry): boolean {
  // Phụ lục II: the online services; III and IV: the services not yet at the top level,
  // split by eligibility (legacy: those at level 2 or 3, as the letter asks)
  const notTop = model === 'legacy' ? e.legacyLevel === 2 || e.legacyLevel === 3 : e.onlineLevel !== 'toan_trinh';
  switch (appendix) {
    case 2:
      return model === 'legacy' ? e.legacyLevel >= 2 : e.onlineLevel !== 'none';
    case 3:
      return notTop && e.eligible;
    case 4:
      return notTop && !e.eligible;
  }
}

/** The rows of Phụ lục II, III or IV: A/B/C by tier, I, II… by field, 1, 2… by procedure. */
export function listRows(appendix: Exclude<AppendixNo, 1>, model: LevelModel, entries: readonly CatalogueEntry[], date: string): ListRow[] {
  const rows: ListRow[] = [];
  for (const tier of TIERS) {
    rows.push({ kind: 'tier', stt: TIER_LETTERS[tier], tier, name: TIER_LABELS[tier] });
    const listed = entries.filter((e) => e.tier === tier && listedIn(appendix, model, e));
    if (listed.length === 0) {
      const text = tier === 'huyen' && date >= TWO_TIER_DATE ? 'Không còn cấp huyện từ ngày 01/07/2025 (chính quyền địa phương hai cấp)' : 'Không có dịch vụ công nào';
      rows.push({ kind: 'empty', tier, text });
      continue;
    }
    const fields = new Map<string, { field: Field; items: CatalogueEntry[] }>();
    for (const e of listed) {
      const group = fields.get(e.field.code) ?? { field: e.field, items: [] };
      group.items.push(e);
      fields.set(e.field.code, group);
    }
    const ordered = [...fields.values()].sort((a, b) => collator.compare(a.field.name, b.field.name));
    ordered.forEach((group, i) => {
      rows.push({ kind: 'field', stt: roman(i + 1), field: group.field.code, name: group.field.name });
      group.items.sort(byName).forEach((e, j) => {
        rows.push({ kind: 'procedure', stt: String(j + 1), code: e.code, name: e.name, legacyLevel: e.legacyLevel, onlineLevel: e.onlineLevel, eligible: e.eligible, reason: e.ineligibleReason });
      });
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// The report and its table
// ---------------------------------------------------------------------------------------

export interface AppendixReport {
  appendix: AppendixNo;
  model: LevelModel;
  year: number;
  /** The day the catalogue was read, 'YYYY-MM-DD'. */
  date: string;
  /** The unit reported on; absent for the whole province. */
  unit?: ReportedUnit;
  provinceName: string;
  /** Procedures counted (after the unit filter). */
  procedures: number;
  /** Phụ lục I. */
  summary: SummaryRow[];
  /** Phụ lục II–IV. */
  rows: ListRow[];
}

/**
 * A unit reported on. `activeUntil`: the unit ceased during the year (a district dissolved on
 * 01/07/2025), so its figures are read on its last day ('YYYY-MM-DD'), which is `date`.
 */
export interface ReportedUnit {
  code: string;
  name: string;
  activeUntil?: string;
}

export function buildReport(input: { appendix: AppendixNo; model: LevelModel; year: number; date: string; unit?: ReportedUnit; provinceName: string; entries: readonly CatalogueEntry[] }): AppendixReport {
  const { appendix, model, entries } = input;
  return {
    appendix,
    model,
    year: input.year,
    date: input.date,
    ...(input.unit ? { unit: input.unit } : {}),
    provinceName: input.provinceName,
    procedures: entries.length,
    summary: appendix === 1 ? summaryRows(entries) : [],
    rows: appendix === 1 ? [] : listRows(appendix, model, entries, input.date),
  };
}

/** A leaf column; columns sharing a `group` sit under one two-level heading. */
export interface Column {
  label: string;
  group?: string;
  /** Numbers and ticks are centred. */
  centred?: boolean;
}

export type RowStyle = 'tier' | 'field' | 'item' | 'empty' | 'total';

export interface TableRow {
  style: RowStyle;
  /** One value per column; an `empty` row has the stt and its text only (the text spans the rest). */
  cells: (string | number)[];
}

export interface ReportTable {
  /** 'Phụ lục I'. */
  label: string;
  /** The title lines, bold, as in the seed. */
  title: string[];
  /** The italic line under the title. */
  attachedTo: string;
  /** When and for whom the figures are. */
  scopeLine: string;
  columns: Column[];
  rows: TableRow[];
  /** Wide tables print on landscape A4. */
  landscape: boolean;
}

const PLACE = 'Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử của tỉnh';
const CURRENT_GROUP = 'Mức độ DVCTT đang cung cấp';

/** The columns of an appendix, exactly as the seed lays them out (new model: its two levels). */
export function columnsOf(appendix: AppendixNo, model: LevelModel): Column[] {
  const levels: Column[] =
    model === 'legacy'
      ? [{ label: 'Mức độ 2', centred: true }, { label: 'Mức độ 3', centred: true }, { label: 'Mức độ 4', centred: true }]
      : [{ label: 'Toàn trình', centred: true }, { label: 'Một phần', centred: true }];
  const current: Column[] =
    model === 'legacy'
      ? [{ label: 'Mức độ 2', group: CURRENT_GROUP, centred: true }, { label: 'Mức độ 3', group: CURRENT_GROUP, centred: true }]
      : [{ label: 'Chưa trực tuyến', group: CURRENT_GROUP, centred: true }, { label: 'Một phần', group: CURRENT_GROUP, centred: true }];
  const stt: Column = { label: 'STT', centred: true };
  const name: Column = { label: 'Lĩnh vực/DVCTT' };
  switch (appendix) {
    case 1:
      return [{ label: 'Cấp chính quyền' }, { label: 'Tổng số TTHC', centred: true }, ...levels, { label: 'Ghi chú' }];
    case 2:
      return [stt, name, ...levels, { label: 'Ghi chú' }];
    case 3:
      return [stt, name, ...current, { label: model === 'legacy' ? 'Dịch vụ công đủ điều kiện lên mức độ 4' : 'Dịch vụ công đủ điều kiện cung cấp toàn trình', centred: true }, { label: 'Ghi chú' }];
    case 4:
      return [stt, name, ...current, { label: 'Lý do không đủ điều kiện' }];
  }
}

/** The title lines of an appendix (the seed's wording; the new model names its two levels). */
export function titleOf(appendix: AppendixNo, model: LevelModel, year: number): string[] {
  const levels = model === 'legacy' ? 'mức độ 2, mức độ 3, mức độ 4' : 'toàn trình, một phần';
  const top = model === 'legacy' ? 'trực tuyến mức độ 4' : 'trực tuyến toàn trình';
  switch (appendix) {
    case 1:
      return [`Tổng số TTHC đang triển khai DVCTT ${levels} trên`, PLACE];
    case 2:
      return [`Danh mục TTHC đang triển khai DVCTT ${levels} trên`, PLACE];
    case 3:
      return [`Danh sách các dịch vụ công đủ điều kiện lên ${top}`, `trong năm ${year}`];
    case 4:
      return [`Danh sách các dịch vụ công không đủ điều kiện lên ${top}`, `trong năm ${year}`];
  }
}

const tick = (on: boolean) => (on ? TICK : '');

function procedureCells(appendix: Exclude<AppendixNo, 1>, model: LevelModel, r: Extract<ListRow, { kind: 'procedure' }>): (string | number)[] {
  const note = `Mã TTHC ${r.code}`;
  const current =
    model === 'legacy' ? [tick(r.legacyLevel === 2), tick(r.legacyLevel === 3)] : [tick(r.onlineLevel === 'none'), tick(r.onlineLevel === 'mot_phan')];
  switch (appendix) {
    case 2:
      return model === 'legacy'
        ? [r.stt, r.name, tick(r.legacyLevel === 2), tick(r.legacyLevel === 3), tick(r.legacyLevel === 4), note]
        : [r.stt, r.name, tick(r.onlineLevel === 'toan_trinh'), tick(r.onlineLevel === 'mot_phan'), note];
    case 3:
      return [r.stt, r.name, ...current, TICK, note];
    case 4:
      return [r.stt, r.name, ...current, r.reason ?? 'Chưa nêu lý do trong danh mục'];
  }
}

/** The report as the table every output prints. */
export function tableOf(report: AppendixReport): ReportTable {
  const { appendix, model } = report;
  const columns = columnsOf(appendix, model);
  const blank = (n: number) => Array.from({ length: n }, () => '');
  let rows: TableRow[];
  if (appendix === 1) {
    rows = report.summary.map((s) => {
      const counts = model === 'legacy' ? [s.level2, s.level3, s.level4] : [s.toanTrinh, s.motPhan];
      return {
        style: s.tier === 'total' ? 'total' : 'item',
        cells: [s.tier === 'total' ? 'Tổng' : TIER_LABELS[s.tier], s.total, ...counts, summaryNote(s, model)],
      };
    });
  } else {
    rows = report.rows.map((r): TableRow => {
      switch (r.kind) {
        case 'tier':
        case 'field':
          return { style: r.kind, cells: [r.stt, r.name, ...blank(columns.length - 2)] };
        case 'empty':
          return { style: 'empty', cells: ['', r.text] };
        case 'procedure':
          return { style: 'item', cells: procedureCells(appendix, model, r) };
      }
    });
  }
  const where = report.unit ? report.unit.name : `Toàn tỉnh ${report.provinceName}`;
  return {
    label: `Phụ lục ${ROMAN_APPENDIX[appendix]}`,
    title: titleOf(appendix, model, report.year),
    attachedTo: '(Kèm theo văn bản số: ........ ngày ..../..../........ của ........................)',
    scopeLine: report.unit?.activeUntil
      ? `Số liệu danh mục TTHC tại ngày ${formatDate(report.date)}, ngày cuối cùng đơn vị hoạt động trong năm ${report.year} – ${where}`
      : `Số liệu danh mục TTHC tại ngày ${formatDate(report.date)} – ${where}`,
    columns,
    rows,
    landscape: appendix !== 1,
  };
}

/** The file name of an appendix download, e.g. phu-luc-1-2024-so-tu-phap.xlsx. */
export function fileNameOf(report: Pick<AppendixReport, 'appendix' | 'model' | 'year' | 'unit'>, ext: 'xlsx' | 'pdf'): string {
  return ['phu-luc', String(report.appendix), String(report.year), report.unit?.code, report.model === 'new' ? 'hai-muc' : undefined].filter(Boolean).join('-') + `.${ext}`;
}
