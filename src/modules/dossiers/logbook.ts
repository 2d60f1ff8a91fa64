// Mẫu 06, Sổ theo dõi hồ sơ: the dossiers a desk received in a period, one row each, with the
// dates of their journey read from the dossier's events. The page, the PDF and the Excel file
// all show these rows.
import type { Db } from '../../platform/db/connect';
import { type FieldError, ForbiddenError, ValidationError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import { findUnitById, unitScope } from '../org';
import type { LogbookRow, Mau06Data } from './forms';
import * as store from './store';

/**
 * The events the logbook reads, agreed with the processing workflow:
 *  - handed_over: the desk passed the dossier to the agency that decides (detail.toUnitId);
 *  - approved / refused: the agency's result came back to the desk;
 *  - delivered: the result was handed to the applicant (detail.channel, detail.recipient: a name).
 */
const JOURNEY_EVENTS = ['handed_over', 'approved', 'refused', 'delivered'] as const;

export type DeliveryChannel = 'counter' | 'online' | 'post';

export interface LogbookEntry {
  /** The number in the receiving unit's book for the year (printed on the Mẫu 01 receipt). */
  serial: number | null;
  code: string;
  procedureName: string;
  /** Số bộ hồ sơ, from the procedure version the dossier was filed under. */
  sets: number;
  applicantName: string;
  applicantPhone: string | null;
  /** The agency the desk handed the dossier to first; '' until it is handed over. */
  leadAgency: string;
  receivedAt: Date;
  dueAt: Date | null;
  handedOverAt: Date | null;
  resultBackAt: Date | null;
  result: 'approved' | 'refused' | null;
  deliveredAt: Date | null;
  delivery: { channel: DeliveryChannel | null; recipientName: string | null } | null;
}

/** A period of whole days in Vietnam, both ends included, as 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

export const MAX_PERIOD_DAYS = 366;

// ---------------------------------------------------------------------------------------
// The period: pure rules
// ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function periodDays(p: Period): number {
  return (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS + 1;
}

/** The first moment of a day in Vietnam. Vietnam keeps UTC+7 all year (no daylight saving). */
export function vietnamMidnight(ymd: string): Date {
  return new Date(`${ymd}T00:00:00+07:00`);
}

/** The calendar month in Vietnam that holds `now`. */
export function monthOf(now: Date): Period {
  const today = localDate(now);
  const from = `${today.slice(0, 7)}-01`;
  const nextMonth = new Date(Date.parse(`${from}T00:00:00Z`));
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  return { from, to: addDays(nextMonth.toISOString().slice(0, 10), -1) };
}

export const PERIOD_FIELDS = { tu: 'Từ ngày', den: 'Đến ngày' } as const;
export type PeriodField = keyof typeof PERIOD_FIELDS;

/** A day as the form takes it: dd/MM/yyyy, one-digit day and month allowed. */
const DAY = '(\\d{1,2})/(\\d{1,2})/(\\d{4})';
/** What the query may hold for a day: a day, or nothing (the current month's first or last day). */
export const DAY_FIELD_PATTERN = `^\\s*(?:${DAY})?\\s*$`;

export function dayFormatMessage(field: PeriodField): string {
  return `${PERIOD_FIELDS[field]} phải có dạng ngày/tháng/năm, ví dụ 01/11/2026`;
}

/** 'dd/MM/yyyy' as 'YYYY-MM-DD', or an error naming the field. */
function parseDay(value: string, field: PeriodField): string | FieldError {
  const m = new RegExp(`^${DAY}$`).exec(value.trim());
  if (!m) return { field, message: dayFormatMessage(field) };
  const ymd = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${ymd}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== ymd) return { field, message: `${PERIOD_FIELDS[field]} “${value.trim()}” không có trên lịch` };
  return ymd;
}

/**
 * The period asked for on the form ('dd/MM/yyyy'); a blank end takes the current month's.
 * Throws a ValidationError naming each bad field.
 */
export function parsePeriod(input: { tu?: string | undefined; den?: string | undefined }, now = new Date()): Period {
  const month = monthOf(now);
  const from = input.tu?.trim() ? parseDay(input.tu, 'tu') : month.from;
  const to = input.den?.trim() ? parseDay(input.den, 'den') : month.to;
  const errors = [from, to].filter((v): v is FieldError => typeof v !== 'string');
  if (errors.length > 0) throw new ValidationError(errors);
  const period = { from: from as string, to: to as string };
  if (period.from > period.to) throw new ValidationError([{ field: 'den', message: 'Đến ngày phải bằng hoặc sau Từ ngày' }]);
  if (periodDays(period) > MAX_PERIOD_DAYS) {
    throw new ValidationError([{ field: 'den', message: `Đến ngày cách Từ ngày quá ${MAX_PERIOD_DAYS} ngày; mỗi lần chỉ xem được tối đa ${MAX_PERIOD_DAYS} ngày` }]);
  }
  return period;
}

/** The period as the form shows it, 'dd/MM/yyyy'. */
export function periodForm(p: Period): { tu: string; den: string } {
  return { tu: formatDate(p.from), den: formatDate(p.to) };
}

/** A whole calendar month is named by its month ('2026-11'), any other period by its ends. */
export function periodSlug(p: Period): string {
  const month = monthOf(vietnamMidnight(p.from));
  return month.from === p.from && month.to === p.to ? p.from.slice(0, 7) : `${p.from}-den-${p.to}`;
}

// ---------------------------------------------------------------------------------------
// The rows
// ---------------------------------------------------------------------------------------

const DELIVERY_LABELS: Record<DeliveryChannel, string> = {
  counter: 'Trả tại bộ phận một cửa',
  online: 'Trả trực tuyến',
  post: 'Trả qua dịch vụ bưu chính',
};

/** The note column: a refusal, and how and to whom the result was handed. */
export function noteOf(e: LogbookEntry): string {
  const parts: string[] = [];
  if (e.result === 'refused') parts.push('Không giải quyết (trả lời bằng văn bản)');
  if (e.delivery) {
    const how = e.delivery.channel ? DELIVERY_LABELS[e.delivery.channel] : 'Đã trả kết quả';
    parts.push(e.delivery.recipientName ? `${how} cho ${e.delivery.recipientName}` : how);
  }
  return parts.join('; ');
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function channelOf(value: unknown): DeliveryChannel | null {
  return value === 'counter' || value === 'online' || value === 'post' ? value : null;
}

/** Rows of the book on the page (the printed form and the spreadsheet hold the whole period). */
export const LOGBOOK_PAGE_SIZE = 100;

/**
 * The dossiers received by `unitIds` from `from` to `to` (days in Vietnam, both included),
 * in the order of the book: by year, then by the book's serial; `page` (from 1) reads one page
 * of LOGBOOK_PAGE_SIZE rows.
 */
export async function logbookRows(db: Db, unitIds: string[], from: string, to: string, page?: number): Promise<LogbookEntry[]> {
  if (unitIds.length === 0) return [];
  const start = vietnamMidnight(from);
  const end = vietnamMidnight(addDays(to, 1));
  const slice = page ? { limit: LOGBOOK_PAGE_SIZE, offset: (page - 1) * LOGBOOK_PAGE_SIZE } : undefined;
  const dossiers = await store.logbookDossiers(db, unitIds, start, end, slice);
  if (dossiers.length === 0) return [];
  const events = await store.journeyEvents(db, slice ? { dossierIds: dossiers.map((d) => d.id) } : { unitIds, start, end }, JOURNEY_EVENTS);

  const entries = new Map<string, LogbookEntry>();
  for (const d of dossiers) {
    entries.set(d.id, {
      serial: d.logbookSerial,
      code: d.code,
      procedureName: d.procedureName,
      sets: Number(d.sets) > 0 ? Number(d.sets) : 1,
      applicantName: d.applicantName,
      applicantPhone: d.applicantPhone,
      leadAgency: '',
      receivedAt: d.receivedAt!,
      dueAt: d.dueAt,
      handedOverAt: null,
      resultBackAt: null,
      result: null,
      deliveredAt: null,
      delivery: null,
    });
  }
  // events come oldest first: the first of each kind is the one the book records
  for (const ev of events) {
    const e = entries.get(ev.dossierId);
    if (!e) continue;
    if (ev.type === 'handed_over' && !e.handedOverAt) {
      e.handedOverAt = ev.at;
      e.leadAgency = ev.unitName ?? '';
    } else if ((ev.type === 'approved' || ev.type === 'refused') && !e.resultBackAt) {
      e.resultBackAt = ev.at;
      e.result = ev.type;
    } else if (ev.type === 'delivered' && !e.deliveredAt) {
      e.deliveredAt = ev.at;
      e.delivery = { channel: channelOf(ev.detail.channel), recipientName: text(ev.detail.recipient) };
    }
  }
  // in the order read: the book starts again from 1 each year, a period across New Year lists the old year first
  return [...entries.values()];
}

// ---------------------------------------------------------------------------------------
// Who may read the book
// ---------------------------------------------------------------------------------------

export interface LogbookDeps {
  db: Db;
}

export interface LogbookUnit {
  id: string;
  name: string;
  /** The provincial People's Committee, printed above the unit on the forms. */
  parentName: string;
}

/** The unit whose book the actor reads: desk officers and leaders, their own unit (and below). */
export async function logbookUnit(deps: LogbookDeps, actor: Actor): Promise<LogbookUnit> {
  if ((actor.role !== 'counter' && actor.role !== 'leader') || !actor.unitId) {
    throw new ForbiddenError('Chỉ cán bộ bộ phận một cửa và lãnh đạo đơn vị mới xem được sổ theo dõi hồ sơ.');
  }
  const [unit, province] = await Promise.all([
    findUnitById(deps, actor.unitId),
    store.provinceUnit(deps.db),
  ]);
  if (!unit) throw new ForbiddenError('Tài khoản chưa gắn với đơn vị nào nên không có sổ theo dõi hồ sơ.');
  return { id: unit.id, name: unit.name, parentName: province && province.name !== unit.name ? province.name : '' };
}

/** The book of a unit and the units below it for a period (the unit from logbookUnit). */
export async function logbookOf(deps: LogbookDeps, unit: LogbookUnit, period: Period): Promise<LogbookEntry[]> {
  const scope = await unitScope(deps, unit.id);
  return logbookRows(deps.db, [...scope], period.from, period.to);
}

/** One page of that book, with the number of dossiers in the whole period. */
export async function logbookPageOf(deps: LogbookDeps, unit: LogbookUnit, period: Period, page: number): Promise<{ rows: LogbookEntry[]; total: number }> {
  const scope = [...(await unitScope(deps, unit.id))];
  const start = vietnamMidnight(period.from);
  const end = vietnamMidnight(addDays(period.to, 1));
  const [rows, total] = await Promise.all([logbookRows(deps.db, scope, period.from, period.to, page), scope.length === 0 ? 0 : store.logbookCount(deps.db, scope, start, end)]);
  return { rows, total };
}

// ---------------------------------------------------------------------------------------
// As the Mẫu 06 form
// ---------------------------------------------------------------------------------------

/** Name and phone: the dossier keeps no postal address of the applicant, so the phone stands alone. */
export function contactOf(e: LogbookEntry): string {
  return e.applicantPhone ?? '';
}

export function toMau06Row(e: LogbookEntry, index: number): LogbookRow {
  return {
    no: e.serial ?? index + 1,
    code: e.code,
    procedureName: e.procedureName,
    sets: e.sets,
    applicantName: e.applicantName,
    addressPhone: contactOf(e),
    leadAgency: e.leadAgency,
    receivedAt: e.receivedAt,
    ...(e.dueAt ? { dueAt: e.dueAt } : {}),
    ...(e.handedOverAt ? { handedToAgencyAt: e.handedOverAt } : {}),
    ...(e.resultBackAt ? { resultBackAt: e.resultBackAt } : {}),
    ...(e.deliveredAt ? { deliveredAt: e.deliveredAt } : {}),
    note: noteOf(e),
  };
}

/** The book as the Mẫu 06 renderer takes it; `place` is the place name of the date line. */
export function toMau06(book: { unit: LogbookUnit; rows: LogbookEntry[] }, period: Period, place: string, printedAt = new Date()): Mau06Data {
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  return {
    unit: { ...(book.unit.parentName ? { parent: book.unit.parentName } : {}), name: book.unit.name, place },
    period,
    // the book is kept per year (Mẫu 01 prints "Quyển số: <year>")
    ...(sameYear ? { book: period.from.slice(0, 4) } : {}),
    printedAt,
    rows: book.rows.map(toMau06Row),
  };
}
