// Dossier statistics and the QĐ 766 indicators, the rules that need no database: what each
// measure counts (its label and the formula the page shows; the SQL predicate lives in
// store.ts, one per measure, used both to count and to list), the period asked for, rates,
// working-day arithmetic and the proposed scores.
import type { FieldError } from '../../platform/errors';
import { ValidationError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';

// ---------------------------------------------------------------------------------------------
// The period
// ---------------------------------------------------------------------------------------------

/** Whole days in Vietnam, both ends included, as 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

/** Longest period one report reads (five years and a leap day). */
export const MAX_PERIOD_DAYS = 1827;

const DAY_MS = 86_400_000;

export function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function periodDays(p: Period): number {
  return (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS + 1;
}

/** The first moment of a day in Vietnam (UTC+7 all year). */
export function vietnamMidnight(ymd: string): Date {
  return new Date(`${ymd}T00:00:00+07:00`);
}

/** The moments the SQL compares with: [start, end) and the snapshot moment of "in progress". */
export interface Window {
  start: Date;
  end: Date;
  /** The end of the period, or now when the period has not ended: the moment "in progress" is read at. */
  cutoff: Date;
}

export function windowOf(p: Period, now: Date): Window {
  const start = vietnamMidnight(p.from);
  const end = vietnamMidnight(addDays(p.to, 1));
  return { start, end, cutoff: new Date(Math.min(end.getTime(), now.getTime())) };
}

export const QUERY_FIELDS = {
  tu: 'Từ ngày',
  den: 'Đến ngày',
  'don-vi': 'Đơn vị',
  'linh-vuc': 'Lĩnh vực',
  'thu-tuc': 'Thủ tục',
  thang: 'Tháng',
  quy: 'Quý',
  nam: 'Năm',
} as const;

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** 'dd/MM/yyyy' → 'YYYY-MM-DD', or an error naming the field. */
export function parseDay(value: string, field: 'tu' | 'den'): string | FieldError {
  const text = value.trim();
  const m = DMY.exec(text);
  if (!m) return { field, message: `${QUERY_FIELDS[field]} phải có dạng ngày/tháng/năm, ví dụ 01/11/2026` };
  const ymd = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${ymd}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== ymd) return { field, message: `${QUERY_FIELDS[field]} “${text}” không có trên lịch` };
  return ymd;
}

/** The period of a report query: tu/den, or a month (MM/yyyy), a quarter (1–4/yyyy) or a year. */
export interface PeriodInput {
  tu?: string | undefined;
  den?: string | undefined;
  thang?: string | undefined;
  quy?: string | undefined;
  nam?: string | undefined;
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The period asked for. Blank: from the first of January of this year to today (Vietnam).
 * A period must start no later than today, end on or after it starts, and span at most
 * MAX_PERIOD_DAYS. Throws a ValidationError naming each bad field.
 */
export function parsePeriod(input: PeriodInput, now: Date): Period {
  const today = localDate(now);
  const has = (v: string | undefined) => v !== undefined && v.trim() !== '';
  let period: Period;
  if (has(input.thang)) {
    const m = /^(\d{1,2})\/(\d{4})$/.exec(input.thang!.trim());
    const month = Number(m?.[1]);
    if (!m || month < 1 || month > 12) throw new ValidationError([{ field: 'thang', message: 'Tháng phải có dạng tháng/năm, ví dụ 11/2026' }]);
    const year = Number(m[2]);
    period = { from: `${year}-${pad2(month)}-01`, to: lastDayOfMonth(year, month) };
  } else if (has(input.quy)) {
    const m = /^([1-4])\/(\d{4})$/.exec(input.quy!.trim());
    if (!m) throw new ValidationError([{ field: 'quy', message: 'Quý phải có dạng quý/năm, quý từ 1 đến 4, ví dụ 3/2026' }]);
    const q = Number(m[1]);
    const year = Number(m[2]);
    period = { from: `${year}-${pad2(q * 3 - 2)}-01`, to: lastDayOfMonth(year, q * 3) };
  } else if (has(input.nam)) {
    if (!/^\d{4}$/.test(input.nam!.trim())) throw new ValidationError([{ field: 'nam', message: 'Năm phải có 4 chữ số, ví dụ 2026' }]);
    const year = input.nam!.trim();
    period = { from: `${year}-01-01`, to: `${year}-12-31` };
  } else {
    const from = has(input.tu) ? parseDay(input.tu!, 'tu') : `${today.slice(0, 4)}-01-01`;
    const to = has(input.den) ? parseDay(input.den!, 'den') : today;
    const errors = [from, to].filter((v): v is FieldError => typeof v !== 'string');
    if (errors.length > 0) throw new ValidationError(errors);
    period = { from: from as string, to: to as string };
    if (period.from > period.to) throw new ValidationError([{ field: 'den', message: `Đến ngày (${formatDate(period.to)}) phải bằng hoặc sau Từ ngày (${formatDate(period.from)})` }]);
  }
  const field = has(input.thang) ? 'thang' : has(input.quy) ? 'quy' : has(input.nam) ? 'nam' : 'tu';
  if (period.from > today) throw new ValidationError([{ field, message: `Kỳ báo cáo bắt đầu ngày ${formatDate(period.from)}, sau hôm nay (${formatDate(today)}); chưa có số liệu cho kỳ này` }]);
  if (periodDays(period) > MAX_PERIOD_DAYS) throw new ValidationError([{ field: field === 'tu' ? 'den' : field, message: `Kỳ báo cáo dài quá ${MAX_PERIOD_DAYS} ngày (5 năm); hãy chọn kỳ ngắn hơn` }]);
  return period;
}

export function periodText(p: Period): string {
  return `từ ngày ${formatDate(p.from)} đến ngày ${formatDate(p.to)}`;
}

// ---------------------------------------------------------------------------------------------
// The measures
// ---------------------------------------------------------------------------------------------

export type MeasureGroup = 'reception' | 'settlement' | 'progress' | 'other' | 'quality';

export interface MeasureDef {
  label: string;
  /** The definition the page prints under the figure, in Vietnamese. */
  formula: string;
  group: MeasureGroup;
}

/**
 * Every dossier measure, in the order the page shows them. "Trong kỳ" is [00:00 of Từ ngày,
 * 24:00 of Đến ngày) in Vietnam. "Hạn pháp lý" is the due date before any apology moved it
 * (original_due_at, else due_at; supplement pauses already moved it). "Giải quyết" is the
 * moment of the decision (decided_at; delivered_at when a dossier has no decision time).
 * "Đơn vị" of a dossier is its lead unit (the unit of its first processing step, else the
 * unit that received it), with the units below it.
 */
export const MEASURES = {
  submitted: { group: 'reception', label: 'Hồ sơ nộp trong kỳ', formula: 'Số hồ sơ có thời điểm nộp (submitted_at) trong kỳ, mọi kênh, kể cả hồ sơ sau đó bị từ chối hoặc rút' },
  received: { group: 'reception', label: 'Hồ sơ tiếp nhận trong kỳ', formula: 'Số hồ sơ được bộ phận một cửa tiếp nhận (received_at, lúc bắt đầu tính hạn) trong kỳ' },
  received_online_self: { group: 'reception', label: 'Người dân tự nộp trực tuyến', formula: 'Hồ sơ tiếp nhận trong kỳ, kênh trực tuyến và người nộp (submitted_by) chính là người yêu cầu (applicant_id)' },
  received_online_assisted: { group: 'reception', label: 'Nộp trực tuyến do người khác nhập hộ', formula: 'Hồ sơ tiếp nhận trong kỳ, kênh trực tuyến nhưng tài khoản nộp không phải của người yêu cầu (cán bộ hoặc người khác nhập hộ)' },
  received_counter: { group: 'reception', label: 'Nộp trực tiếp tại bộ phận một cửa', formula: 'Hồ sơ tiếp nhận trong kỳ, kênh trực tiếp (cán bộ nhập tại quầy)' },
  received_post: { group: 'reception', label: 'Nộp qua dịch vụ bưu chính', formula: 'Hồ sơ tiếp nhận trong kỳ, kênh bưu chính công ích (cán bộ nhập khi nhận)' },
  received_national_portal: { group: 'reception', label: 'Nộp qua Cổng Dịch vụ công quốc gia', formula: 'Hồ sơ tiếp nhận trong kỳ, kênh Cổng DVCQG' },
  settled: { group: 'settlement', label: 'Hồ sơ đã giải quyết trong kỳ', formula: 'Số hồ sơ có quyết định (kết quả hoặc văn bản không giải quyết) trong kỳ: decided_at, hoặc delivered_at nếu không có decided_at' },
  settled_on_time: { group: 'settlement', label: 'Giải quyết đúng hạn, trước hạn', formula: 'Hồ sơ đã giải quyết trong kỳ có thời điểm giải quyết ≤ hạn pháp lý (hồ sơ không có hạn tính là đúng hạn)' },
  settled_late: { group: 'settlement', label: 'Giải quyết quá hạn', formula: 'Hồ sơ đã giải quyết trong kỳ có thời điểm giải quyết > hạn pháp lý' },
  settled_result: { group: 'settlement', label: 'Có kết quả giải quyết', formula: 'Hồ sơ đã giải quyết trong kỳ với kết quả (outcome = result)' },
  refused_after_processing: { group: 'settlement', label: 'Không giải quyết sau thẩm định', formula: 'Hồ sơ đã giải quyết trong kỳ bằng văn bản không giải quyết, có lý do (outcome = refusal)' },
  in_progress: { group: 'progress', label: 'Đang giải quyết (cuối kỳ)', formula: 'Hồ sơ đã tiếp nhận trước thời điểm chốt (cuối kỳ, hoặc bây giờ nếu kỳ chưa hết), chưa giải quyết, chưa rút, chưa hủy tại thời điểm đó' },
  in_progress_on_track: { group: 'progress', label: 'Đang giải quyết, còn hạn', formula: 'Hồ sơ đang giải quyết, không tạm dừng, hạn pháp lý ≥ thời điểm chốt' },
  in_progress_overdue: { group: 'progress', label: 'Đang giải quyết, đã quá hạn', formula: 'Hồ sơ đang giải quyết, không tạm dừng, hạn pháp lý < thời điểm chốt' },
  in_progress_paused: { group: 'progress', label: 'Tạm dừng chờ bổ sung', formula: 'Hồ sơ đang giải quyết có khoảng tạm dừng (chờ người nộp bổ sung) bao trùm thời điểm chốt' },
  returned_for_completion: { group: 'other', label: 'Yêu cầu bổ sung, hoàn thiện khi tiếp nhận', formula: 'Hồ sơ được bộ phận một cửa trả để bổ sung, hoàn thiện (Mẫu 02) trong kỳ, mỗi hồ sơ tính một lần' },
  supplement_requested: { group: 'other', label: 'Yêu cầu bổ sung trong khi giải quyết', formula: 'Hồ sơ được cơ quan giải quyết yêu cầu bổ sung (tạm dừng tính hạn) trong kỳ' },
  rejected_at_reception: { group: 'other', label: 'Từ chối tiếp nhận', formula: 'Hồ sơ bị từ chối tiếp nhận (Mẫu 03) trong kỳ' },
  withdrawn: { group: 'other', label: 'Người nộp rút hồ sơ', formula: 'Hồ sơ được rút trong kỳ' },
  cancelled: { group: 'other', label: 'Hủy do không bổ sung', formula: 'Hồ sơ bị hủy trong kỳ (quá hạn bổ sung hoặc người nộp đề nghị dừng)' },
  late_total: { group: 'quality', label: 'Hồ sơ trễ hạn', formula: 'Giải quyết quá hạn trong kỳ + đang giải quyết đã quá hạn' },
  late_with_apology: { group: 'quality', label: 'Trễ hạn có phiếu xin lỗi (Mẫu 04)', formula: 'Hồ sơ trễ hạn đã được lập ít nhất một phiếu xin lỗi và hẹn lại (late_count > 0)' },
  late_unattributed: { group: 'quality', label: 'Trễ hạn chưa xác định đơn vị làm chậm', formula: 'Hồ sơ trễ hạn không có bước xử lý nào quá hạn trong phiếu kiểm soát (Mẫu 05)' },
  delivered: { group: 'quality', label: 'Đã trả kết quả trong kỳ', formula: 'Hồ sơ được trả kết quả (trực tiếp, trực tuyến, bưu chính) trong kỳ' },
  rated: { group: 'quality', label: 'Có đánh giá của người dân', formula: 'Hồ sơ trả kết quả trong kỳ đã được người nộp đánh giá (thang 1–5)' },
  rated_satisfied: { group: 'quality', label: 'Đánh giá hài lòng', formula: 'Hồ sơ có đánh giá 4 hoặc 5 trên thang 1–5' },
  digitised: { group: 'quality', label: 'Hồ sơ có thành phần số hóa', formula: 'Hồ sơ tiếp nhận trong kỳ có ít nhất một tệp thành phần hồ sơ (nộp trực tuyến hoặc số hóa tại quầy)' },
  result_electronic: { group: 'quality', label: 'Kết quả điện tử', formula: 'Hồ sơ có kết quả trong kỳ đã có tệp kết quả điện tử lưu trên hệ thống' },
  fee_bearing: { group: 'quality', label: 'Hồ sơ có thu phí, lệ phí', formula: 'Hồ sơ tiếp nhận trong kỳ của thủ tục có quy định thu phí, lệ phí (không phải mọi mức đều bằng 0 hoặc được miễn)' },
  paid_online: { group: 'quality', label: 'Hồ sơ đã nộp phí trực tuyến', formula: 'Hồ sơ có thu phí, tiếp nhận trong kỳ, đã thanh toán trực tuyến qua cổng thanh toán (chưa hoàn trả toàn bộ)' },
  reuse_possible: { group: 'quality', label: 'Hồ sơ có thể dùng lại giấy tờ', formula: 'Hồ sơ tiếp nhận trong kỳ của người nộp có tài khoản đã nộp hồ sơ có tệp đính kèm trước đó' },
  reused: { group: 'quality', label: 'Hồ sơ dùng lại giấy tờ đã có', formula: 'Hồ sơ có thể dùng lại giấy tờ và có ít nhất một thành phần lấy lại từ hồ sơ trước (không quét, tải lên lại)' },
  full_history: { group: 'quality', label: 'Có đủ lịch sử xử lý', formula: 'Hồ sơ tiếp nhận trong kỳ có sự kiện tiếp nhận, và có sự kiện quyết định nếu đã giải quyết, sự kiện trả kết quả nếu đã trả' },
} as const satisfies Record<string, MeasureDef>;

export type MeasureKey = keyof typeof MEASURES;
export const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

export function isMeasureKey(v: string): v is MeasureKey {
  return Object.hasOwn(MEASURES, v);
}

/** The drill-down of a late dossier by the unit at fault: a measure with a unit. */
export const LATE_AT_UNIT = 'late_at_unit';
export const LATE_AT_UNIT_DEF: MeasureDef = {
  group: 'quality',
  label: 'Hồ sơ trễ hạn có bước quá hạn tại đơn vị',
  formula: 'Hồ sơ trễ hạn có ít nhất một bước trong phiếu kiểm soát (Mẫu 05) do đơn vị này giữ đã quá hạn (kết thúc quá hạn, hoặc chưa xong và đã qua hạn bước tại thời điểm chốt); một hồ sơ có thể tính cho nhiều đơn vị',
};

export type Counts = Record<MeasureKey, number>;

// ---------------------------------------------------------------------------------------------
// Rates and working time
// ---------------------------------------------------------------------------------------------

/** A share with its raw counts; `value` is null when the denominator is 0 (shown "—", never 0 %). */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

/** "85,7 %" or "—". */
export function percentText(r: Rate | number | null): string {
  const v = typeof r === 'object' && r !== null ? r.value : r;
  if (v === null) return '—';
  return `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

export function numberText(n: number): string {
  return n.toLocaleString('vi-VN');
}

/** Average processing time of the settled dossiers, in working days (office minutes ÷ minutes of a working day). */
export interface ProcessingTime {
  dossiers: number;
  /** Office minutes from receipt to decision, supplement pauses taken out, summed over the dossiers. */
  officeMinutes: number;
  minutesPerDay: number;
  /** null when no dossier was settled. */
  averageDays: number | null;
}

export function processingTime(dossiers: number, officeMinutes: number, minutesPerDay: number): ProcessingTime {
  return { dossiers, officeMinutes, minutesPerDay, averageDays: dossiers > 0 ? officeMinutes / minutesPerDay / dossiers : null };
}

export function daysText(d: number | null): string {
  return d === null ? '—' : `${d.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ngày làm việc`;
}

export const PROCESSING_FORMULA =
  'Trung bình trên các hồ sơ đã giải quyết trong kỳ của: số phút làm việc (theo lịch làm việc và giờ hành chính) từ lúc tiếp nhận đến lúc giải quyết, trừ các khoảng tạm dừng chờ bổ sung, chia cho số phút của một ngày làm việc';

export function parseMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Office periods in minutes of the day. */
export function officePeriods(hours: readonly { start: string; end: string }[]): { start: number; end: number }[] {
  return hours.map((p) => ({ start: parseMinutes(p.start), end: parseMinutes(p.end) }));
}

export function minutesPerWorkingDay(hours: readonly { start: string; end: string }[]): number {
  return officePeriods(hours).reduce((s, p) => s + p.end - p.start, 0);
}

/**
 * The office-minute clock SQL reads: for each day from `firstDay`, the office minutes of all
 * working days before it and whether it is a working day. The office minutes between two
 * moments are then clock(b) − clock(a), where clock(t) = before[day] + working[day] × minutes
 * of office time on that day up to t.
 */
export interface OfficeClock {
  firstDay: string;
  before: number[];
  working: (0 | 1)[];
}

export function officeClock(isWorkingDay: (ymd: string) => boolean, firstDay: string, lastDay: string, minutesPerDay: number): OfficeClock {
  const before: number[] = [];
  const working: (0 | 1)[] = [];
  let total = 0;
  for (let d = firstDay; d <= lastDay; d = addDays(d, 1)) {
    const w = isWorkingDay(d) ? 1 : 0;
    before.push(total);
    working.push(w);
    total += w * minutesPerDay;
  }
  return { firstDay, before, working };
}

// ---------------------------------------------------------------------------------------------
// QĐ 766 indicators
// ---------------------------------------------------------------------------------------------

export type IndicatorGroupCode = 'CKMB' | 'TDGQ' | 'ONLINE' | 'TTTT' | 'MDHL' | 'MDSH';

/** DOMAIN.md 7.2 [S]: groups and maximum points as the national portal shows them. */
export const INDICATOR_GROUPS: Record<IndicatorGroupCode, { name: string; maxPoints: number }> = {
  CKMB: { name: 'Công khai, minh bạch', maxPoints: 18 },
  TDGQ: { name: 'Tiến độ giải quyết', maxPoints: 20 },
  ONLINE: { name: 'Dịch vụ trực tuyến', maxPoints: 12 },
  TTTT: { name: 'Thanh toán trực tuyến', maxPoints: 10 },
  MDHL: { name: 'Mức độ hài lòng', maxPoints: 18 },
  MDSH: { name: 'Số hóa hồ sơ', maxPoints: 22 },
};

/** Catalogue measures: procedures, listed by the same filter that counts them. */
export const PROCEDURE_MEASURES = {
  procedures: { label: 'Thủ tục của đơn vị trong danh mục', formula: 'Thủ tục có cơ quan có thẩm quyền hoặc được ủy quyền là đơn vị (hoặc đơn vị cùng loại, ví dụ UBND cấp xã) trong phạm vi' },
  procedures_published: { label: 'Thủ tục đã công khai', formula: 'Thủ tục của đơn vị đang ở trạng thái công bố (published) trên Cổng' },
  procedures_eligible: { label: 'Thủ tục đủ điều kiện toàn trình', formula: 'Thủ tục của đơn vị không yêu cầu có mặt, không khảo sát thực địa, phí nộp được trực tuyến hoặc không thu phí, trả kết quả trực tuyến hoặc qua bưu chính (DOMAIN.md 2.4)' },
  procedures_full_online: { label: 'Thủ tục đủ điều kiện đang cung cấp toàn trình', formula: 'Thủ tục đủ điều kiện toàn trình đang ở mức toàn trình' },
  procedures_fee: { label: 'Thủ tục có thu phí, lệ phí', formula: 'Thủ tục của đơn vị có ít nhất một khoản phí, lệ phí phải nộp' },
  procedures_fee_online: { label: 'Thủ tục thu phí cho phép thanh toán trực tuyến', formula: 'Thủ tục có thu phí và cho phép nộp phí trực tuyến' },
} as const satisfies Record<string, { label: string; formula: string }>;

export type ProcedureMeasureKey = keyof typeof PROCEDURE_MEASURES;

export function isProcedureMeasureKey(v: string): v is ProcedureMeasureKey {
  return Object.hasOwn(PROCEDURE_MEASURES, v);
}

export type ProcedureCounts = Record<ProcedureMeasureKey, number>;

/** A source of figures: dossier or procedure measures (drill-down), or data the system does not have yet. */
export type Operand = { kind: 'dossiers'; measure: MeasureKey } | { kind: 'procedures'; measure: ProcedureMeasureKey };

export interface IndicatorDef {
  code: string;
  group: IndicatorGroupCode;
  label: string;
  formula: string;
  /** null: the system keeps no data for it yet; `missing` says what is missing. */
  numerator: Operand | null;
  denominator: Operand | null;
  missing?: string;
  /** A count shown but not scored (e.g. overdue dossiers in progress). */
  countOnly?: boolean;
}

const d = (measure: MeasureKey): Operand => ({ kind: 'dossiers', measure });
const p = (measure: ProcedureMeasureKey): Operand => ({ kind: 'procedures', measure });

/**
 * The indicators of DOMAIN.md 7.2, one entry each; an indicator without data names what is
 * missing and becomes a figure the day its operands exist (the one place to change).
 * The formulas are engineering proposals [U], not the official method of QĐ 766/QĐ-TTg.
 */
export const INDICATORS: readonly IndicatorDef[] = [
  { code: 'CKMB.1', group: 'CKMB', label: 'Tỷ lệ thủ tục được công khai', formula: 'Thủ tục đã công khai ÷ thủ tục của đơn vị trong danh mục', numerator: p('procedures_published'), denominator: p('procedures') },
  { code: 'CKMB.2', group: 'CKMB', label: 'Tỷ lệ hồ sơ đồng bộ trạng thái lên Cổng DVCQG', formula: 'Hồ sơ đã đồng bộ trạng thái ÷ hồ sơ tiếp nhận', numerator: null, denominator: d('received'), missing: 'Chưa kết nối đồng bộ với Cổng Dịch vụ công quốc gia (chưa có dữ liệu đồng bộ).' },
  { code: 'CKMB.3', group: 'CKMB', label: 'Tỷ lệ hồ sơ có đủ lịch sử xử lý', formula: 'Hồ sơ có đủ lịch sử xử lý ÷ hồ sơ tiếp nhận', numerator: d('full_history'), denominator: d('received') },
  { code: 'TDGQ.1', group: 'TDGQ', label: 'Tỷ lệ giải quyết đúng hạn', formula: 'Hồ sơ giải quyết đúng hạn, trước hạn ÷ hồ sơ đã giải quyết trong kỳ', numerator: d('settled_on_time'), denominator: d('settled') },
  { code: 'TDGQ.2', group: 'TDGQ', label: 'Hồ sơ đang giải quyết đã quá hạn', formula: 'Số hồ sơ đang giải quyết đã quá hạn tại thời điểm chốt (số đếm, không chấm điểm)', numerator: d('in_progress_overdue'), denominator: d('in_progress'), countOnly: true },
  { code: 'TDGQ.3', group: 'TDGQ', label: 'Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi', formula: 'Hồ sơ trễ hạn có Mẫu 04 ÷ hồ sơ trễ hạn', numerator: d('late_with_apology'), denominator: d('late_total') },
  { code: 'ONLINE.1', group: 'ONLINE', label: 'Tỷ lệ thủ tục cung cấp toàn trình', formula: 'Thủ tục đủ điều kiện đang cung cấp toàn trình ÷ thủ tục đủ điều kiện toàn trình', numerator: p('procedures_full_online'), denominator: p('procedures_eligible') },
  { code: 'ONLINE.2', group: 'ONLINE', label: 'Tỷ lệ hồ sơ người dân tự nộp trực tuyến', formula: 'Hồ sơ người dân tự nộp trực tuyến ÷ hồ sơ tiếp nhận (không tính hồ sơ cán bộ nhập hộ)', numerator: d('received_online_self'), denominator: d('received') },
  { code: 'TTTT.1', group: 'TTTT', label: 'Tỷ lệ hồ sơ thanh toán trực tuyến', formula: 'Hồ sơ có thu phí đã thanh toán trực tuyến ÷ hồ sơ có thu phí', numerator: d('paid_online'), denominator: d('fee_bearing') },
  { code: 'TTTT.2', group: 'TTTT', label: 'Tỷ lệ thủ tục cho phép thanh toán trực tuyến', formula: 'Thủ tục thu phí cho phép thanh toán trực tuyến ÷ thủ tục có thu phí', numerator: p('procedures_fee_online'), denominator: p('procedures_fee') },
  { code: 'MDHL.1', group: 'MDHL', label: 'Tỷ lệ hài lòng', formula: 'Đánh giá 4–5 sao ÷ số đánh giá nhận được (thang 1–5)', numerator: d('rated_satisfied'), denominator: d('rated') },
  { code: 'MDHL.2', group: 'MDHL', label: 'Tỷ lệ người dân đánh giá', formula: 'Hồ sơ có đánh giá ÷ hồ sơ đã trả kết quả trong kỳ (không chấm điểm)', numerator: d('rated'), denominator: d('delivered'), countOnly: true },
  { code: 'MDSH.1', group: 'MDSH', label: 'Tỷ lệ hồ sơ được số hóa', formula: 'Hồ sơ có thành phần số hóa ÷ hồ sơ tiếp nhận', numerator: d('digitised'), denominator: d('received') },
  { code: 'MDSH.2', group: 'MDSH', label: 'Tỷ lệ kết quả điện tử', formula: 'Kết quả có tệp điện tử ÷ kết quả đã cấp trong kỳ', numerator: d('result_electronic'), denominator: d('settled_result') },
  { code: 'MDSH.3', group: 'MDSH', label: 'Tỷ lệ tái sử dụng dữ liệu', formula: 'Hồ sơ dùng lại giấy tờ đã nộp trong hồ sơ trước ÷ hồ sơ có thể dùng lại (chưa gồm dữ liệu từ CSDL quốc gia)', numerator: d('reused'), denominator: d('reuse_possible') },
];

export interface IndicatorValue {
  def: IndicatorDef;
  /** null when the system has no data for it ("chưa có dữ liệu"). */
  rate: Rate | null;
}

export interface GroupScore {
  code: IndicatorGroupCode;
  name: string;
  maxPoints: number;
  indicators: IndicatorValue[];
  /** Proposed points: maxPoints × the mean of the scored rates that have a value; null when none has. */
  points: number | null;
}

export function operandValue(o: Operand, counts: Counts, procedures: ProcedureCounts): number {
  return o.kind === 'dossiers' ? counts[o.measure] : procedures[o.measure];
}

export function indicatorValues(counts: Counts, procedures: ProcedureCounts): IndicatorValue[] {
  return INDICATORS.map((def) => ({
    def,
    rate: def.numerator && def.denominator ? rate(operandValue(def.numerator, counts, procedures), operandValue(def.denominator, counts, procedures)) : null,
  }));
}

/**
 * PROPOSAL [U], not the official method: each group scores its maximum times the mean of its
 * scored indicators that have a value (indicators without data or with an empty denominator
 * are left out, not counted as 0); a group with none scores nothing ("—").
 */
export function groupScores(values: readonly IndicatorValue[]): GroupScore[] {
  return (Object.keys(INDICATOR_GROUPS) as IndicatorGroupCode[]).map((code) => {
    const indicators = values.filter((v) => v.def.group === code);
    const scored = indicators.filter((v) => !v.def.countOnly && v.rate && v.rate.value !== null).map((v) => v.rate!.value!);
    const g = INDICATOR_GROUPS[code];
    const points = scored.length > 0 ? Math.round((g.maxPoints * scored.reduce((a, b) => a + b, 0)) / scored.length * 100) / 100 : null;
    return { code, name: g.name, maxPoints: g.maxPoints, indicators, points };
  });
}

/** The total of the groups that scored, out of their maximum. */
export function totalScore(groups: readonly GroupScore[]): { points: number; outOf: number } | null {
  const scored = groups.filter((g) => g.points !== null);
  if (scored.length === 0) return null;
  return { points: Math.round(scored.reduce((s, g) => s + g.points!, 0) * 100) / 100, outOf: scored.reduce((s, g) => s + g.maxPoints, 0) };
}

export const SCORE_NOTE =
  'Điểm là đề xuất kỹ thuật của hệ thống, không phải phương pháp chính thức của Quyết định 766/QĐ-TTg: điểm nhóm = điểm tối đa × trung bình các tỷ lệ có số liệu của nhóm; chỉ số chưa có dữ liệu không được tính là 0.';

// ---------------------------------------------------------------------------------------------
// Long reports as background jobs
// ---------------------------------------------------------------------------------------------

/**
 * A statistics or indicator report over more days than this (a quarter) runs as a job: at a
 * million dossiers a year reads for seconds, which on PGlite's single connection would hold
 * every other request. Shorter reports answer at once.
 */
export const LONG_PERIOD_DAYS = 92;

export function isLongPeriod(p: Period): boolean {
  return periodDays(p) > LONG_PERIOD_DAYS;
}

/** Lead units read per step of a job: progress moves a step at a time, and other requests run between steps. */
export const UNITS_PER_STEP = 8;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A finished run is shown again without asking when it is this young, whatever changed since (its time is shown). */
export const RUN_FRESH_MS = 10 * 60_000;
/** A finished run over unchanged data (same data version) of a period that had ended is kept this long. */
export const RUN_KEEP_MS = 7 * 24 * 3_600_000;
/** A queued or running run that has not moved for this long was interrupted (a process stopped): start again. */
export const RUN_STALL_MS = 5 * 60_000;

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface RunFacts {
  status: RunStatus;
  dataVersion: string;
  /** When it finished (done) or last moved (queued, running). */
  at: Date;
  /** The period had ended when the run was asked for: its "in progress" figures do not move with time. */
  periodEnded: boolean;
}

/**
 * What to do with the latest run of the same report and parameters: show its figures, show its
 * progress, say it failed, or start a new one. Figures are shown when they are young, or when nothing the
 * reports read has changed since (same data version) and the period had ended.
 */
export function runDecision(run: RunFacts | undefined, dataVersion: string, now: Date): 'show' | 'wait' | 'failed' | 'start' {
  if (!run) return 'start';
  const age = now.getTime() - run.at.getTime();
  if (run.status === 'queued' || run.status === 'running') return age < RUN_STALL_MS ? 'wait' : 'start';
  // a failure is said once, not retried behind the leader's back at every reload
  if (run.status === 'failed') return age < RUN_FRESH_MS ? 'failed' : 'start';
  if (age < RUN_FRESH_MS) return 'show';
  return run.dataVersion === dataVersion && run.periodEnded && age < RUN_KEEP_MS ? 'show' : 'start';
}

/**
 * The exact sum of decimal numbers as PostgreSQL prints `numeric` ('1234.5000', '-3'): the
 * sum over all steps equals the database's one sum to the last digit, so a job's figures are
 * those of the direct computation.
 */
export function sumDecimals(values: readonly string[]): string {
  const parts = values.map((v) => {
    const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(v.trim());
    if (!m) throw new Error(`not a decimal: ${v}`);
    return { sign: m[1] === '-' ? -1n : 1n, int: m[2] || '0', frac: m[3] ?? '' };
  });
  const scale = Math.max(0, ...parts.map((p) => p.frac.length));
  const total = parts.reduce((s, p) => s + p.sign * BigInt(p.int + p.frac.padEnd(scale, '0')), 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** "Đã xử lý 8/40 đơn vị (20 %)"; a run still waiting for a worker says so first. */
export function progressText(done: number, total: number, status: RunStatus = 'running'): string {
  const pct = total > 0 ? Math.floor((done * 100) / total) : 0;
  const text = `Đã xử lý ${numberText(done)}/${numberText(total)} đơn vị (${pct} %)`;
  return status === 'queued' ? `Đang chờ đến lượt lập báo cáo. ${text}` : text;
}
