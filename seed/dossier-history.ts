// A year of demo dossiers for the statistics: every channel, on time and late, supplements,
// refusals at reception and after processing, withdrawals, cancellations, ratings, dossiers
// returned for completion and dossiers still in progress, each with its events and Mẫu 05
// steps, following the state table (dossiers/model.ts) and the working calendar (due dates by
// computeDue). Deterministic: the same seed, catalogue, units and end give the same rows.
// `generateHistory` is pure; `seedHistory` reads the catalogue and inserts in bulk.
import { samplePdf } from './sample-pdf';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/connect';
import { computeDue, loadCalendar, type TimeLimit, type WorkingCalendar, workingTimeBetween } from '../src/modules/calendar';
import { formatDossierCode, stepOutcome } from '../src/modules/dossiers';
import { localDate } from '../src/platform/format';
import type { BlobStore } from '../src/platform/storage';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryProcedure {
  id: string;
  code: string;
  name: string;
  timeLimit: TimeLimit;
  /** Where it is received and who leads: commune procedures at each commune, provincial ones at the centre for their department. */
  placement: { kind: 'commune' } | { kind: 'department'; leadUnitId: string };
}

export interface HistoryUnit {
  id: string;
  eid: string | null;
  kind: string;
  validFrom: string;
  validTo: string | null;
}

export interface HistoryInput {
  seed: number;
  count: number;
  /** The dossiers are submitted on working days in [end − days, end). */
  end: Date;
  days: number;
  procedures: HistoryProcedure[];
  units: HistoryUnit[];
  citizens: string[];
  officers: string[];
  /** A stored PDF the generated files and results point to (none: no files). */
  sampleSha256?: string | undefined;
}

export interface HistoryRows {
  dossiers: Record<string, unknown>[];
  events: Record<string, unknown>[];
  handovers: Record<string, unknown>[];
  files: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  serials: { prefix: string; day: string; last: number }[];
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vi', 'Lương', 'Nông', 'Lộc', 'Triệu', 'Hà', 'Đinh'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Hồng', 'Quang'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hạnh', 'Hoa', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Tùng', 'Yến'];

const MINUTE = 60_000;

function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

const valid = (u: HistoryUnit, day: string) => u.validFrom <= day && (u.validTo === null || u.validTo >= day);

/** Office time after `from`, in whole office hours, respecting the calendar and pauses. */
function afterOfficeHours(cal: WorkingCalendar, from: Date, hours: number, pauses: { start: Date; end: Date }[] = []): Date {
  return computeDue(cal, from, { amount: Math.max(1, Math.round(hours)), unit: 'working_hours' }, pauses).dueAt;
}

export function generateHistory(input: HistoryInput, cal: WorkingCalendar): HistoryRows {
  const rand = mulberry32(input.seed);
  const out: HistoryRows = { dossiers: [], events: [], handovers: [], files: [], documents: [], serials: [] };
  const serials = new Map<string, number>();
  const endMs = input.end.getTime();
  const startDay = localDate(new Date(endMs - input.days * 86_400_000));
  const event = (dossierId: string, at: Date, type: string, fromState: string | null, toState: string | null, note: string | null, detail: Record<string, unknown> = {}) =>
    out.events.push({ dossierId, at, type, fromState, toState, publicNote: note, isPublic: note !== null, detail: JSON.stringify(detail) });

  for (let n = 0; n < input.count; n++) {
    const p = pick(rand, input.procedures);
    // a working day and an office moment in Vietnam
    let day = localDate(new Date(endMs - Math.floor(rand() * input.days) * 86_400_000));
    if (day < startDay) day = startDay;
    if (!cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
    const minuteOfDay = 450 + Math.floor(rand() * 480) + (rand() < 0.5 ? 0 : 90);
    const submittedAt = new Date(new Date(`${day}T00:00:00+07:00`).getTime() + Math.min(minuteOfDay, 1020) * MINUTE);
    if (submittedAt.getTime() >= endMs) continue;
    const communes = input.units.filter((u) => u.kind === 'ubnd_xa' && u.eid && valid(u, day));
    const centre = input.units.find((u) => u.kind === 'ttpvhcc' && u.eid && valid(u, day));
    let receiving: HistoryUnit | undefined;
    let leadUnitId: string;
    if (p.placement.kind === 'commune') {
      receiving = communes.length > 0 ? pick(rand, communes) : undefined;
      leadUnitId = receiving?.id ?? '';
    } else {
      const lead = p.placement.leadUnitId;
      const leadUnit = input.units.find((u) => u.id === lead);
      receiving = leadUnit && valid(leadUnit, day) ? centre : undefined;
      leadUnitId = lead;
    }
    if (!receiving || !receiving.eid) continue;

    const id = uuid(rand);
    const serialKey = `${receiving.eid}|${day}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const code = formatDossierCode(receiving.eid, day, serial);

    const c = rand();
    const channel = c < 0.5 ? 'online' : c < 0.58 ? 'online' : c < 0.88 ? 'counter' : c < 0.96 ? 'post' : 'national_portal';
    const citizen = pick(rand, input.citizens);
    const officer = pick(rand, input.officers);
    const applicantId = channel === 'online' ? citizen : channel === 'national_portal' ? null : rand() < 0.3 ? citizen : null;
    const submittedBy = channel === 'online' ? (c < 0.5 ? citizen : officer) : channel === 'national_portal' ? null : officer;
    const name = `${pick(rand, SURNAMES)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)}`;

    const d: Record<string, unknown> = {
      id,
      code,
      procedureId: p.id,
      procedureCode: p.code,
      procedureName: p.name,
      procedureVersion: 1,
      formVersion: null,
      applicantId,
      submittedBy,
      channel,
      state: 'SUBMITTED',
      receivingUnitId: receiving.id,
      holderUnitId: receiving.id,
      applicantName: name,
      applicantPhone: `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      applicantEmail: null,
      data: JSON.stringify({ generated: true }),
      timeLimit: JSON.stringify(p.timeLimit),
      submittedAt,
      receivedAt: null,
      dueAt: null,
      pauses: '[]',
    };
    out.dossiers.push(d);
    event(id, submittedAt, 'submitted', null, 'SUBMITTED', 'Hồ sơ đã được nộp.', { channel });

    const fate = rand();
    const at = (ms: number) => new Date(submittedAt.getTime() + ms);
    if (fate < 0.03) {
      const t = at(120 * MINUTE);
      if (t.getTime() < endMs) {
        d.state = 'REJECTED_AT_RECEPTION';
        event(id, t, 'rejected', 'SUBMITTED', 'REJECTED_AT_RECEPTION', 'Hồ sơ không được tiếp nhận.');
      }
      continue;
    }
    if (fate < 0.05) {
      const t = at(1440 * MINUTE);
      if (t.getTime() < endMs) {
        d.state = 'WITHDRAWN';
        event(id, t, 'withdrawn', 'SUBMITTED', 'WITHDRAWN', 'Người nộp đã rút hồ sơ.');
      }
      continue;
    }
    let receivedFrom = submittedAt;
    if (fate < 0.13) {
      const asked = at(90 * MINUTE);
      if (asked.getTime() >= endMs) continue;
      d.state = 'RETURNED_FOR_COMPLETION';
      event(id, asked, 'completion_requested', 'SUBMITTED', 'RETURNED_FOR_COMPLETION', 'Hồ sơ cần bổ sung, hoàn thiện.');
      const back = new Date(asked.getTime() + (1 + Math.floor(rand() * 4)) * 86_400_000);
      if (rand() < 0.35 || back.getTime() >= endMs) {
        const cancelAt = new Date(asked.getTime() + 30 * 86_400_000);
        if (cancelAt.getTime() < endMs && rand() < 0.5) {
          d.state = 'CANCELLED';
          event(id, cancelAt, 'cancelled', 'RETURNED_FOR_COMPLETION', 'CANCELLED', 'Hồ sơ bị hủy do không bổ sung.');
        }
        continue;
      }
      d.state = 'SUBMITTED';
      event(id, back, 'resubmitted', 'RETURNED_FOR_COMPLETION', 'SUBMITTED', 'Người nộp đã bổ sung hồ sơ.');
      receivedFrom = back;
    }

    // reception: the clock starts (DOMAIN.md 5)
    const receivedAt = new Date(receivedFrom.getTime() + (30 + Math.floor(rand() * 120)) * MINUTE);
    if (receivedAt.getTime() >= endMs) continue;
    const legal = computeDue(cal, receivedAt, p.timeLimit);
    d.state = 'RECEIVED';
    d.receivedAt = receivedAt;
    d.dueAt = legal.dueAt;
    event(id, receivedAt, 'accepted', 'SUBMITTED', 'RECEIVED', 'Bộ phận một cửa đã tiếp nhận hồ sơ.');
    out.handovers.push({ dossierId: id, stepKey: 'tiep-nhan', stepName: 'Tiếp nhận hồ sơ', unitId: receiving.id, role: 'counter', startedAt: receivedAt, dueAt: null, finishedAt: new Date(receivedAt.getTime() + 20 * MINUTE), finishedBy: null, outcome: 'on_time' });
    if (input.sampleSha256 && rand() < 0.85) {
      out.files.push({ dossierId: id, componentIndex: 0, componentName: 'Tờ khai', round: 1, sha256: input.sampleSha256, fileName: 'to-khai.pdf', mime: 'application/pdf', size: 1024, pages: 1, uploadedBy: null });
    }
    const startAt = new Date(receivedAt.getTime() + 30 * MINUTE);
    if (startAt.getTime() >= endMs) continue;
    d.state = 'IN_PROCESSING';
    d.holderUnitId = leadUnitId;
    event(id, startAt, 'handed_over', 'RECEIVED', 'IN_PROCESSING', 'Hồ sơ được chuyển tới cơ quan giải quyết.', { toUnitId: leadUnitId });

    // one supplement in 7 %: the clock pauses while the applicant supplements
    const pauses: { start: Date; end: Date | null }[] = [];
    if (rand() < 0.07) {
      const start = new Date(startAt.getTime() + 3 * 60 * MINUTE);
      const end = new Date(start.getTime() + (2 + Math.floor(rand() * 5)) * 86_400_000);
      if (start.getTime() < endMs) {
        pauses.push({ start, end: end.getTime() < endMs ? end : null });
        event(id, start, 'supplement_requested', 'IN_PROCESSING', 'SUPPLEMENT_REQUESTED', 'Cơ quan giải quyết yêu cầu bổ sung hồ sơ.');
        if (end.getTime() < endMs) event(id, end, 'supplement_received', 'SUPPLEMENT_REQUESTED', 'IN_PROCESSING', 'Đã nhận hồ sơ bổ sung.');
        d.supplementCount = 1;
      }
    }
    const closed = pauses.filter((x): x is { start: Date; end: Date } => x.end !== null);
    const due = closed.length > 0 ? computeDue(cal, receivedAt, p.timeLimit, closed).dueAt : legal.dueAt;
    d.dueAt = due;
    d.pauses = JSON.stringify(pauses.map((x) => ({ start: x.start.toISOString(), end: x.end?.toISOString() ?? null })));
    if (pauses.some((x) => x.end === null)) {
      d.state = 'SUPPLEMENT_REQUESTED';
      out.handovers.push({ dossierId: id, stepKey: 'tham-dinh', stepName: 'Thẩm định hồ sơ', unitId: leadUnitId, role: 'specialist', startedAt: startAt, dueAt: due, finishedAt: null, finishedBy: null, outcome: null });
      continue;
    }

    const legalHours = Math.max(1, (computeDueHours(cal, receivedAt, due)));
    const late = rand() < 0.12;
    const hours = late ? legalHours * (1.05 + rand() * 0.6) + 1 : Math.max(1, legalHours * (0.2 + rand() * 0.75));
    const decidedAt = afterOfficeHours(cal, receivedAt, hours, closed);
    const stepDue = afterOfficeHours(cal, receivedAt, legalHours * 0.7, closed);
    const draftDone = new Date(decidedAt.getTime() - 60 * MINUTE);
    const stepFinished = draftDone.getTime() < endMs ? draftDone : null;
    out.handovers.push({ dossierId: id, stepKey: 'tham-dinh', stepName: 'Thẩm định hồ sơ, dự thảo kết quả', unitId: leadUnitId, role: 'specialist', startedAt: startAt, dueAt: stepDue, finishedAt: stepFinished, finishedBy: null, outcome: stepFinished ? stepOutcome(stepDue, stepFinished) : null });
    if (decidedAt.getTime() >= endMs) {
      d.state = stepFinished ? 'AWAITING_APPROVAL' : rand() < 0.15 ? 'CONSULTING' : 'IN_PROCESSING';
      if (stepFinished) out.handovers.push({ dossierId: id, stepKey: 'phe-duyet', stepName: 'Lãnh đạo xem xét, phê duyệt', unitId: leadUnitId, role: 'leader', startedAt: stepFinished, dueAt: due, finishedAt: null, finishedBy: null, outcome: null });
      // an apology for some of those already past the due date
      if (due.getTime() < endMs && rand() < 0.5) {
        d.originalDueAt = due;
        d.dueAt = afterOfficeHours(cal, new Date(endMs), 16);
        d.lateCount = 1;
        event(id, due, 'apology', d.state as string, d.state as string, 'Cơ quan xin lỗi và hẹn lại ngày trả kết quả.');
      }
      continue;
    }
    out.handovers.push({ dossierId: id, stepKey: 'phe-duyet', stepName: 'Lãnh đạo xem xét, phê duyệt', unitId: leadUnitId, role: 'leader', startedAt: draftDone, dueAt: due, finishedAt: decidedAt, finishedBy: null, outcome: stepOutcome(due, decidedAt) });
    const refusal = rand() < 0.05;
    d.outcome = refusal ? 'refusal' : 'result';
    d.decidedAt = decidedAt;
    d.state = refusal ? 'REFUSED' : 'RESULT_READY';
    d.holderUnitId = receiving.id;
    if (decidedAt.getTime() > due.getTime() && rand() < 0.6) {
      d.originalDueAt = due;
      d.dueAt = afterOfficeHours(cal, due, 8 + Math.floor(hours - legalHours), closed);
      d.lateCount = 1;
      event(id, due, 'apology', 'IN_PROCESSING', 'IN_PROCESSING', 'Cơ quan xin lỗi và hẹn lại ngày trả kết quả.');
    }
    event(id, decidedAt, refusal ? 'refused' : 'approved', 'AWAITING_APPROVAL', d.state as string, refusal ? 'Hồ sơ không được giải quyết (có văn bản nêu lý do).' : 'Đã có kết quả giải quyết.');
    if (!refusal && input.sampleSha256 && rand() < 0.75) {
      out.documents.push({ dossierId: id, kind: 'result', sha256: input.sampleSha256, fileName: 'ket-qua.pdf', createdBy: null, createdAt: decidedAt });
    }
    const deliveredAt = new Date(decidedAt.getTime() + Math.floor(rand() * 3 * 24 * 60) * MINUTE);
    if (rand() < 0.92 && deliveredAt.getTime() < endMs) {
      const how = channel === 'online' ? 'online' : channel === 'post' ? 'post' : 'counter';
      d.state = 'DELIVERED';
      d.deliveredAt = deliveredAt;
      d.holderUnitId = null;
      d.delivery = JSON.stringify({ channel: how, recipient: name });
      event(id, deliveredAt, 'delivered', d.outcome === 'refusal' ? 'REFUSED' : 'RESULT_READY', 'DELIVERED', 'Đã trả kết quả.', { channel: how, recipient: name });
      if (rand() < 0.55) {
        const r = rand();
        d.rating = r < 0.5 ? 5 : r < 0.78 ? 4 : r < 0.9 ? 3 : r < 0.96 ? 2 : 1;
        event(id, new Date(deliveredAt.getTime() + 60 * MINUTE), 'rated', 'DELIVERED', 'DELIVERED', null, { rating: d.rating });
      }
    }
  }
  out.serials = [...serials].map(([k, last]) => {
    const [prefix, day] = k.split('|') as [string, string];
    return { prefix, day, last };
  });
  return out;
}

/** Office hours from `from` to `to` (the legal time a dossier had). */
function computeDueHours(cal: WorkingCalendar, from: Date, to: Date): number {
  return workingTimeBetween(cal, from, to) / 60;
}

/** Where each published procedure is received and led, from its agencies. */
async function historyProcedures(db: Db): Promise<HistoryProcedure[]> {
  const [rows, units] = await Promise.all([
    db.selectFrom('procedures').select(['id', 'code', 'name', 'record']).where('status', '=', 'published').orderBy('code').execute(),
    db.selectFrom('units').select(['id', 'code']).execute(),
  ]);
  const byCode = new Map(units.map((u) => [u.code, u.id]));
  const out: HistoryProcedure[] = [];
  for (const r of rows) {
    const rec = r.record as { processingTime?: TimeLimit; agencies?: { competent?: { unitCode?: string; unitKind?: string }[] } };
    const t = rec.processingTime;
    const timeLimit: TimeLimit = t && ['working_days', 'working_hours', 'calendar_days', 'same_day'].includes(t.unit) && Number.isInteger(t.amount) && t.amount >= 0 && t.amount <= 60 ? { amount: t.amount, unit: t.unit, ...(t.cutoff ? { cutoff: t.cutoff } : {}) } : { amount: 5, unit: 'working_days' };
    const first = rec.agencies?.competent?.[0];
    if (first?.unitKind === 'ubnd_xa' || first?.unitKind === 'cong_an_xa') out.push({ id: r.id, code: r.code, name: r.name, timeLimit, placement: { kind: 'commune' } });
    else if (first?.unitCode && byCode.has(first.unitCode)) out.push({ id: r.id, code: r.code, name: r.name, timeLimit, placement: { kind: 'department', leadUnitId: byCode.get(first.unitCode)! } });
  }
  return out;
}

/** Reads what the generator needs from the database (catalogue, units, demo accounts, calendar). */
export async function historyInput(db: Db, opts: { seed: number; count: number; end: Date; days: number; sampleSha256?: string | undefined }): Promise<{ input: HistoryInput; calendar: WorkingCalendar }> {
  const [procedures, units, accounts, loaded] = await Promise.all([
    historyProcedures(db),
    db.selectFrom('units').select(['id', 'eid', 'kind', 'validFrom', 'validTo']).orderBy('code').execute(),
    db.selectFrom('accounts').select(['id', 'role']).orderBy('username').execute(),
    loadCalendar({ db }),
  ]);
  return {
    input: {
      ...opts,
      procedures,
      units,
      citizens: accounts.filter((a) => a.role === 'citizen' || a.role === 'business').map((a) => a.id),
      officers: accounts.filter((a) => a.role === 'counter').map((a) => a.id),
    },
    calendar: loaded.calendar,
  };
}

async function chunks<T>(rows: T[], size: number, write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Inserts generated rows in bulk, in one transaction; the code serials continue after them. */
export async function insertHistory(db: Db, rows: HistoryRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // generated history is not news for the national portal (migration 0020)
    await sql`set local motcua.national_portal_capture = 'off'`.execute(trx);
    // the per-dossier facts that look at other dossiers are computed once at the end (0026)
    await sql`set local motcua.facts_bulk = 'on'`.execute(trx);
    await chunks(rows.dossiers, 500, (part) => trx.insertInto('dossiers').values(part as never).execute());
    await chunks(rows.events, 1000, (part) => trx.insertInto('dossierEvents').values(part as never).execute());
    await chunks(rows.handovers, 1000, (part) => trx.insertInto('dossierHandovers').values(part as never).execute());
    await chunks(rows.files, 1000, (part) => trx.insertInto('dossierFiles').values(part as never).execute());
    await chunks(rows.documents, 1000, (part) => trx.insertInto('dossierDocuments').values(part as never).execute());
    await sql`select dossier_reuse_refresh(null)`.execute(trx);
    for (const s of rows.serials) {
      await sql`insert into dossier_code_serials (prefix, day, last) values (${s.prefix}, ${s.day}, ${s.last})
        on conflict (prefix, day) do update set last = greatest(dossier_code_serials.last, excluded.last)`.execute(trx);
    }
  });
}


/** The demo year: `count` dossiers over the year before `end`, when the database has no dossier yet. */
export async function seedHistory(db: Db, opts: { seed?: number; count?: number; end?: Date; blobs?: BlobStore | undefined } = {}): Promise<number> {
  if (await db.selectFrom('dossiers').select('id').limit(1).executeTakeFirst()) return 0;
  let sampleSha256: string | undefined;
  if (opts.blobs) sampleSha256 = (await opts.blobs.put(samplePdf())).sha256;
  else sampleSha256 = createHash('sha256').update(samplePdf()).digest('hex');
  const { input, calendar } = await historyInput(db, { seed: opts.seed ?? 20250701, count: opts.count ?? 3000, end: opts.end ?? new Date(), days: 365, sampleSha256 });
  const rows = generateHistory(input, calendar);
  await insertHistory(db, rows);
  return rows.dossiers.length;
}
