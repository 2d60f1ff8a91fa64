import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, ValidationError, type FieldError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import { type OfficeHours, type OfficialSchedule, type ReplaceableDefault, type TimeUnit, yearCalendar } from './model';
import { CalendarPage, type ScheduleForm, ScheduleAdminPage } from './pages';
import * as service from './service';

const Year = Type.Integer({ minimum: 1990, maximum: 2100, 'x-message': 'Năm phải là số nguyên từ 1990 đến 2100' });
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 moment with its offset, rejecting dates and times that do not exist. */
export function parseMoment(value: string, field: string): Date {
  const m = ISO_WITH_OFFSET.exec(value);
  const bad = () => new ValidationError([{ field, message: 'Thời điểm phải theo ISO 8601 kèm múi giờ và có thật, ví dụ 2026-02-13T10:00:00+07:00' }]);
  if (!m) throw bad();
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw bad();
  return new Date(value);
}

/** 2026-02-13T10:00:00+07:00: the moment in Vietnam time with its offset. */
export function isoVietnam(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  return local.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

function parseDayLines(text: string, field: string, year: number, errors: FieldError[]): { date: string; reason: string }[] {
  const out: { date: string; reason: string }[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s*(.*)$/.exec(line);
      if (!m) {
        errors.push({ field, message: `Dòng ${i + 1}: cần ghi ngày dạng dd/MM/yyyy rồi lý do, ví dụ “16/02/2026 Tết Âm lịch”` });
        return;
      }
      const date = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      const probe = new Date(`${date}T00:00:00Z`);
      if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) {
        errors.push({ field, message: `Dòng ${i + 1}: ngày ${m[1]}/${m[2]}/${m[3]} không có trên lịch` });
        return;
      }
      if (Number(m[3]) !== year) {
        errors.push({ field, message: `Dòng ${i + 1}: ngày ${m[1]}/${m[2]}/${m[3]} không thuộc năm ${year}` });
        return;
      }
      out.push({ date, reason: m[4]!.trim() || 'Nghỉ theo thông báo' });
    });
  return out;
}

function parseHours(text: string, errors: FieldError[]): OfficeHours {
  const out: { start: string; end: string }[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-3]):([0-5]\d)$/.exec(line);
    if (!m) {
      errors.push({ field: 'hours', message: `“${line}” không đúng dạng HH:mm-HH:mm` });
      continue;
    }
    out.push({ start: `${m[1]}:${m[2]}`, end: `${m[3]}:${m[4]}` });
  }
  return out;
}

const dmy = (d: string) => d.split('-').reverse().join('/');

export async function calendarRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get<{ Querystring: { year: number } }>(
    '/api/v1/calendar/days-off',
    {
      config: { access: 'public' },
      schema: { summary: 'Ngày nghỉ của một năm (lễ, Tết, nghỉ bù, lịch chính thức) và ngày đi làm bù', tags: ['calendar'], querystring: Type.Object({ year: Year }) },
    },
    async (request) => {
      const y = await service.daysOff(deps, request.query.year);
      return {
        year: request.query.year,
        daysOff: y.daysOff.map((d) => ({ date: d.date, reason: d.reason, kind: d.kind })),
        workingWeekends: y.workingWeekends.map((d) => ({ date: d.date, reason: d.reason })),
      };
    },
  );

  app.get<{ Querystring: { receivedAt: string; amount: number; unit: TimeUnit; cutoff?: string } }>(
    '/api/v1/calendar/due-date',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Hạn giải quyết theo ngày làm việc, giờ làm việc, ngày lịch hoặc trong ngày',
        tags: ['calendar'],
        querystring: Type.Object({
          receivedAt: Type.String({ maxLength: 40, title: 'Thời điểm tiếp nhận' }),
          amount: Type.Integer({ minimum: 0, maximum: 10000, 'x-message': 'Số lượng thời hạn phải là số nguyên không âm' }),
          unit: Type.Union([Type.Literal('working_days'), Type.Literal('working_hours'), Type.Literal('calendar_days'), Type.Literal('same_day')], {
            'x-message': 'Đơn vị thời hạn phải là working_days, working_hours, calendar_days hoặc same_day',
          }),
          cutoff: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', 'x-message': 'Giờ cắt phải có dạng HH:mm, ví dụ 15:00' })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const receivedAt = parseMoment(q.receivedAt, 'receivedAt');
      const due = await service.dueDate(deps, receivedAt, { amount: q.amount, unit: q.unit, ...(q.cutoff ? { cutoff: q.cutoff } : {}) });
      return { receivedAt: isoVietnam(due.receivedAt), countedFrom: isoVietnam(due.countedFrom), dueAt: isoVietnam(due.dueAt) };
    },
  );

  app.get<{ Querystring: { nam?: number } }>(
    '/lich-lam-viec',
    { config: { access: 'public' }, schema: { querystring: Type.Object({ nam: Type.Optional(Year) }) } },
    async (request, reply) => {
      const year = request.query.nam ?? Number(localDate(new Date()).slice(0, 4));
      const loaded = await service.loadCalendar(deps);
      const cal = yearCalendar(year, loaded.scheduleFor(year));
      return reply.html(
        <CalendarPage
          ctx={deps.page(request, reply)}
          year={year}
          daysOff={cal.daysOff}
          workingWeekends={cal.workingWeekends}
          source={loaded.sourceOf(year)}
          notice={loaded.scheduleFor(year)?.notice}
          officeHours={loaded.officeHours}
        />,
      );
    },
  );

  const manage = { access: { action: 'calendar.manage' } } as const;
  const formFor = async (year: number): Promise<ScheduleForm> => {
    const loaded = await service.loadCalendar(deps);
    const s = loaded.scheduleFor(year);
    return {
      year,
      notice: s?.notice ?? '',
      daysOff: (s?.daysOff ?? []).map((d) => `${dmy(d.date)} ${d.reason}`).join('\n'),
      workingDays: (s?.workingDays ?? []).map((d) => `${dmy(d.date)} ${d.reason}`).join('\n'),
      replaces: s?.replacesDefaults ?? ['tet', 'national_day'],
      hours: loaded.officeHours.map((h) => `${h.start}-${h.end}`).join('\n'),
    };
  };

  app.get<{ Querystring: { nam?: number } }>('/quan-tri/lich', { config: manage, schema: { querystring: Type.Object({ nam: Type.Optional(Year) }) } }, async (request, reply) => {
    const year = request.query.nam ?? Number(localDate(new Date()).slice(0, 4));
    return reply.html(<ScheduleAdminPage ctx={deps.page(request, reply)} form={await formFor(year)} errors={[]} />);
  });

  app.post<{ Querystring: { nam: number }; Body: { notice?: string; daysOff?: string; workingDays?: string; replaces?: string | string[]; hours?: string } }>(
    '/quan-tri/lich',
    {
      config: manage,
      schema: {
        querystring: Type.Object({ nam: Year }),
        body: Type.Object({
          notice: Type.Optional(Type.String({ maxLength: 300 })),
          daysOff: Type.Optional(Type.String({ maxLength: 20000 })),
          workingDays: Type.Optional(Type.String({ maxLength: 5000 })),
          replaces: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Array(Type.String({ maxLength: 30 }), { maxItems: 5 })])),
          hours: Type.Optional(Type.String({ maxLength: 500 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (request: FastifyRequest<{ Querystring: { nam: number }; Body: { notice?: string; daysOff?: string; workingDays?: string; replaces?: string | string[]; hours?: string } }>, reply: FastifyReply) => {
      const year = request.query.nam;
      const b = request.body;
      const replaces = ([b.replaces ?? []].flat() as string[]).filter((r): r is ReplaceableDefault => r === 'tet' || r === 'national_day' || r === 'compensation');
      const form: ScheduleForm = { year, notice: b.notice ?? '', daysOff: b.daysOff ?? '', workingDays: b.workingDays ?? '', replaces, hours: b.hours ?? '' };
      const errors: FieldError[] = [];
      if (!form.notice.trim()) errors.push({ field: 'notice', message: 'Nhập số văn bản thông báo lịch nghỉ' });
      const schedule: OfficialSchedule = {
        year,
        notice: form.notice.trim(),
        daysOff: parseDayLines(form.daysOff, 'daysOff', year, errors),
        workingDays: parseDayLines(form.workingDays, 'workingDays', year, errors),
        replacesDefaults: replaces,
      };
      const hours = parseHours(form.hours, errors);
      try {
        if (errors.length === 0) {
          await service.saveSchedule(deps, request.actor!, schedule);
          if (hours.length > 0) await service.saveOfficeHours(deps, request.actor!, hours);
          request.session.flash = `Đã lưu lịch nghỉ năm ${year}.`;
          return reply.redirect(`/lich-lam-viec?nam=${year}`, 303);
        }
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 400) throw err;
        errors.push({ field: err.field === 'officeHours' ? 'hours' : (err.field ?? 'daysOff'), message: err.message });
      }
      return reply.code(400).html(<ScheduleAdminPage ctx={deps.page(request, reply)} form={form} errors={errors} />);
    },
  );
}
