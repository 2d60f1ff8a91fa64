// Deadlines, the rules that need no database: who may apologise for a late dossier and set a
// new appointment (Mẫu 04), what a new appointment must be, how late a step is in office
// hours, which dossiers are at risk, and the daily summary a unit's leaders receive.
import type { DossierState, Role, UnitKind } from '../../platform/db/schema';
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime, formatTime, localDate } from '../../platform/format';
import { computeDue, SUPPORTED_YEARS, type WorkingCalendar, workingTimeBetween } from '../calendar';
import type { Message } from '../notifications';
import { checkReason, type Reason, REASONS, STATE_LABELS } from './model';

// ---------------------------------------------------------------------------------------------
// The apology (Mẫu 04, TT 01/2018/TT-VPCP)
// ---------------------------------------------------------------------------------------------

/** Not decided yet: the result or refusal is still to come, so a new appointment makes sense. */
export const APOLOGY_STATES: readonly DossierState[] = ['RECEIVED', 'IN_PROCESSING', 'SUPPLEMENT_REQUESTED', 'CONSULTING', 'AWAITING_APPROVAL'];

/** The form's field for the new appointment. */
export const NEW_DUE_FIELD = 'newDueDate';

/** Longest move of an appointment accepted in one apology. */
export const MAX_POSTPONE_DAYS = 366;

export interface Refusal {
  status: 403 | 409;
  message: string;
}

/**
 * DOMAIN.md §3–4: the head of the agency at fault signs the apology; the agency at fault is the
 * unit that holds the dossier now. A leader of a unit above it (who sees the dossier) does not
 * sign for it. The state comes first: after the decision there is nothing left to postpone.
 */
export function apologyRefusal(actor: { role: Role; unitId: string | null }, d: { state: DossierState; holderUnitId: string | null }): Refusal | undefined {
  if (!APOLOGY_STATES.includes(d.state)) {
    return { status: 409, message: `Không thể lập phiếu xin lỗi và hẹn lại khi hồ sơ ở trạng thái “${STATE_LABELS[d.state]}”; phiếu chỉ lập khi hồ sơ chưa có kết quả giải quyết.` };
  }
  if (actor.role !== 'leader' || actor.unitId === null || actor.unitId !== d.holderUnitId) {
    return { status: 403, message: 'Bạn không có quyền lập phiếu xin lỗi cho hồ sơ này: chỉ lãnh đạo của đơn vị đang giải quyết hồ sơ (đơn vị để hồ sơ chậm) mới ký phiếu.' };
  }
  return undefined;
}

const APPOINTMENT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$/;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "07:30–11:30, 13:00–17:00" */
function officeHoursText(cal: WorkingCalendar): string {
  return cal.officeHours.map((p) => `${p.start}–${p.end}`).join(', ');
}

/**
 * A new appointment as the form takes it: 'dd/MM/yyyy', optionally 'HH:mm' after it, in
 * Vietnam. Without a time it is the close of office hours that day, as computed due dates are.
 * The day must be a working day of the calendar and the time within office hours.
 */
export function parseAppointment(text: string | undefined, cal: WorkingCalendar): Date | FieldError {
  const field = NEW_DUE_FIELD;
  const value = (text ?? '').trim().replace(/\s+/g, ' ');
  if (value === '') return { field, message: 'Nhập ngày hẹn trả kết quả mới' };
  const m = APPOINTMENT.exec(value);
  if (!m) return { field, message: 'Ngày hẹn mới phải có dạng ngày/tháng/năm, có thể kèm giờ:phút, ví dụ 20/11/2026 hoặc 20/11/2026 09:30' };
  const ymd = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const probe = new Date(`${ymd}T00:00:00Z`);
  const year = Number(m[3]);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== ymd || year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) {
    return { field, message: `Ngày hẹn mới “${value}” không có trên lịch` };
  }
  const periods = cal.officeHours;
  const closing = periods[periods.length - 1]!.end;
  let time = closing;
  if (m[4] !== undefined) {
    const h = Number(m[4]);
    const mi = Number(m[5]);
    if (h > 23 || mi > 59) return { field, message: `Giờ hẹn “${m[4]}:${m[5]}” không hợp lệ` };
    time = hhmm(h * 60 + mi);
    const t = minutes(time);
    if (!periods.some((p) => t >= minutes(p.start) && t <= minutes(p.end))) return { field, message: `Giờ hẹn phải trong giờ làm việc (${officeHoursText(cal)})` };
  }
  if (!cal.isWorkingDay(ymd)) {
    const off = cal.dayOff(ymd);
    return { field, message: `Ngày ${formatDate(ymd)} là ngày nghỉ${off ? ` (${off.reason})` : ''}; hãy hẹn vào một ngày làm việc` };
  }
  return new Date(`${ymd}T${time}:00+07:00`);
}

export interface ApologyInput {
  reason?: Partial<Reason> | undefined;
  newDueDate?: string | undefined;
}

/**
 * Every problem with an apology at once, each naming its field: a reason of kind 'delay' with
 * a plain explanation, and a new appointment after the current one (and after now).
 */
export function checkApology(input: ApologyInput, ctx: { dueAt: Date | null; now: Date; calendar: WorkingCalendar }): { errors: FieldError[]; reason?: Reason; newDueAt?: Date } {
  const errors: FieldError[] = checkReason('delay', input.reason, 'reason');
  const parsed = parseAppointment(input.newDueDate, ctx.calendar);
  let newDueAt: Date | undefined;
  if (!(parsed instanceof Date)) errors.push(parsed);
  else if (ctx.dueAt && parsed.getTime() <= ctx.dueAt.getTime()) errors.push({ field: NEW_DUE_FIELD, message: `Ngày hẹn mới phải sau ngày hẹn hiện tại (${formatDateTime(ctx.dueAt)})` });
  else if (parsed.getTime() <= ctx.now.getTime()) errors.push({ field: NEW_DUE_FIELD, message: 'Ngày hẹn mới phải sau thời điểm hiện tại' });
  else if (parsed.getTime() - ctx.now.getTime() > MAX_POSTPONE_DAYS * 86_400_000) errors.push({ field: NEW_DUE_FIELD, message: `Ngày hẹn mới không được quá ${MAX_POSTPONE_DAYS} ngày kể từ hôm nay` });
  else newDueAt = parsed;
  if (errors.length > 0 || !newDueAt) return { errors };
  return { errors, reason: { code: input.reason!.code!, explanation: input.reason!.explanation!.trim() }, newDueAt };
}

/** "Cần thêm thời gian xác minh: …" */
export function delayReasonText(r: Reason): string {
  return `${REASONS.delay[r.code] ?? r.code}: ${r.explanation}`;
}

/** "17:00 ngày 20/11/2026" */
export function appointmentText(at: Date): string {
  return `${formatTime(at)} ngày ${formatDate(at)}`;
}

/**
 * What the history and the public tracking page show: the unit, the missed date, the kind of
 * reason and the new date. The leader's explanation may name people, so it goes only to the
 * applicant (the form and the notification), never onto the tracking page.
 */
export function apologyNote(unitName: string, oldDueAt: Date | null, newDueAt: Date, reason: Reason): string {
  const missed = oldDueAt ? ` (hẹn ngày ${formatDate(oldDueAt)})` : '';
  return `${unitName} xin lỗi ông/bà vì không trả được kết quả đúng hẹn${missed}. Lý do: ${REASONS.delay[reason.code] ?? reason.code}. Hẹn trả kết quả mới: ${appointmentText(newDueAt)}.`;
}

/** The applicant's notification: the note with the leader's explanation. */
export function apologyMessage(code: string, procedureName: string, note: string, reason: Reason, newDueAt: Date): Message {
  return {
    title: `Hồ sơ ${code}: xin lỗi và hẹn lại ngày trả kết quả`,
    body: `Hồ sơ ${code} (${procedureName}): ${note}\n${reason.explanation}\nPhiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) có trong mục “Hồ sơ của tôi”.`,
    short: `Ho so ${code} cham tra ket qua, hen lai ngay ${formatDate(newDueAt)}. Xem phieu xin loi trong muc Ho so cua toi.`,
  };
}

/**
 * The signatory's title by the kind of unit at fault [U: the account holds no position; a
 * deputy signs "KT. …" above this, which the officer then adds by hand].
 */
export function signatoryPosition(kind: UnitKind): string {
  switch (kind) {
    case 'ubnd_tinh':
    case 'ubnd_huyen':
    case 'ubnd_xa':
      return 'CHỦ TỊCH';
    case 'so':
    case 'ttpvhcc':
    case 'cong_an_tinh':
      return 'GIÁM ĐỐC';
    case 'van_phong':
      return 'CHÁNH VĂN PHÒNG';
    case 'phong':
      return 'TRƯỞNG PHÒNG';
    case 'cong_an_xa':
      return 'TRƯỞNG CÔNG AN';
    case 'bo_phan_mot_cua':
      return 'TRƯỞNG BỘ PHẬN';
  }
}

export { issuerOf } from './model';

// ---------------------------------------------------------------------------------------------
// Lateness and risk
// ---------------------------------------------------------------------------------------------

/** Office hours from the due moment to `at` (finished, or now for an open step), one decimal; 0 when not late. */
export function hoursLate(cal: WorkingCalendar, dueAt: Date, at: Date): number {
  const mins = workingTimeBetween(cal, dueAt, at);
  return mins <= 0 ? 0 : Math.round(mins / 6) / 10;
}

/** Undecided dossiers whose clock runs: a supplement request pauses it (DOMAIN.md §5). */
export const RUNNING_STATES: readonly DossierState[] = ['RECEIVED', 'IN_PROCESSING', 'CONSULTING', 'AWAITING_APPROVAL'];

export const AT_RISK_WORKING_DAYS = 2;

/** Due by the close of the second working day after today (or already late): at risk. */
export function atRiskHorizon(cal: WorkingCalendar, now: Date): Date {
  return computeDue(cal, now, { amount: AT_RISK_WORKING_DAYS, unit: 'working_days' }).dueAt;
}

export interface RiskyDossier {
  code: string;
  procedureName: string;
  state: DossierState;
  dueAt: Date;
}

export interface OverdueStep {
  code: string;
  stepName: string;
  dueAt: Date;
}

const LIST_LIMIT = 40;

function listed<T>(items: readonly T[], line: (it: T) => string): string[] {
  const lines = items.slice(0, LIST_LIMIT).map(line);
  if (items.length > LIST_LIMIT) lines.push(`… và ${items.length - LIST_LIMIT} mục khác`);
  return lines;
}

/** The morning summary for a unit's leaders: dossiers due soon or late, and steps past their share of the time. */
export function digestMessage(unitName: string, now: Date, dossiers: readonly RiskyDossier[], steps: readonly OverdueStep[]): Message {
  const late = dossiers.filter((d) => d.dueAt.getTime() <= now.getTime()).length;
  const soon = dossiers.length - late;
  const day = formatDate(localDate(now));
  const body = [
    `${unitName}: tổng hợp hồ sơ cần chú ý ngày ${day}.`,
    '',
    `Hồ sơ đã quá hạn (${late}) hoặc đến hạn trong ${AT_RISK_WORKING_DAYS} ngày làm việc tới (${soon}):`,
    ...listed(dossiers, (d) => `- ${d.code} – ${d.procedureName} – hạn ${formatDateTime(d.dueAt)}${d.dueAt.getTime() <= now.getTime() ? ' (QUÁ HẠN)' : ''} – ${STATE_LABELS[d.state]}`),
    '',
    `Bước xử lý tại đơn vị đã quá thời gian được giao (${steps.length}):`,
    ...listed(steps, (s) => `- ${s.code} – ${s.stepName} – hạn bước ${formatDateTime(s.dueAt)}`),
    '',
    'Hồ sơ có nguy cơ trễ hẹn cần được giải quyết ngay hoặc lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước ngày hẹn. Danh sách chi tiết: mục “Hồ sơ trễ hạn” trên hệ thống một cửa điện tử.',
  ];
  return {
    title: `Hồ sơ sắp đến hạn, quá hạn ngày ${day}: ${dossiers.length} hồ sơ, ${steps.length} bước`,
    body: body.join('\n'),
    short: `Ngay ${day}: ${late} ho so qua han, ${soon} ho so sap den han, ${steps.length} buoc qua han tai don vi. Xem tren he thong mot cua.`,
  };
}
