// Sổ theo dõi hồ sơ (Mẫu 06) for desk officers and leaders: the page, the printed form (PDF)
// and the spreadsheet (Excel), each for a period given as ?tu=dd/MM/yyyy&den=dd/MM/yyyy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { type FieldError, ValidationError } from '../../platform/errors';
import { renderMau06 } from './forms';
import { DAY_FIELD_PATTERN, dayFormatMessage, logbookOf, logbookPageOf, logbookUnit, type Period, parsePeriod, periodForm, periodSlug, toMau06 } from './logbook';
import { logbookWorkbook } from './logbook-excel';
import { LOGBOOK_PATH, LogbookPage } from './logbook-page';

const PeriodQuery = Type.Object({
  tu: Type.Optional(Type.String({ maxLength: 20, pattern: DAY_FIELD_PATTERN, 'x-message': dayFormatMessage('tu') })),
  den: Type.Optional(Type.String({ maxLength: 20, pattern: DAY_FIELD_PATTERN, 'x-message': dayFormatMessage('den') })),
  trang: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, 'x-message': 'Số trang phải là số nguyên từ 1 trở lên' })),
});

interface PeriodInput {
  tu?: string;
  den?: string;
  /** The page of the book on screen (the PDF and the spreadsheet hold the whole period). */
  trang?: number;
}

type PeriodRequest = FastifyRequest<{ Querystring: PeriodInput }>;

// the policy admits the desk and leaders; logbookUnit checks again in the service (and the unit)
const ROUTE = { config: { access: { action: 'logbook.view' } }, schema: { querystring: PeriodQuery }, attachValidation: true } as const;

/** The schema's complaints about the query (attachValidation keeps them for the page). */
function schemaErrors(request: FastifyRequest): FieldError[] {
  const validation = (request.validationError as { validation?: { params?: { field?: string }; message?: string }[] } | undefined)?.validation ?? [];
  return validation.map((v) => ({ field: v.params?.field ?? '', message: v.message ?? 'Dữ liệu không hợp lệ' }));
}

/** The period asked for, or a ValidationError naming the field. */
function periodOf(request: PeriodRequest): Period {
  const errors = schemaErrors(request);
  if (errors.length > 0) throw new ValidationError(errors);
  return parsePeriod(request.query);
}

function download(reply: FastifyReply, type: string, fileName: string, body: Buffer) {
  return (
    reply
      .type(type)
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('x-content-type-options', 'nosniff')
      // names and phone numbers of applicants: not for shared caches
      .header('cache-control', 'private, no-store')
      .send(body)
  );
}

export async function logbookRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get<{ Querystring: PeriodInput }>(LOGBOOK_PATH, ROUTE, async (request, reply) => {
    const unit = await logbookUnit(deps, request.actor!);
    const typed = (v: unknown) => (typeof v === 'string' ? v : '');
    let period: Period;
    try {
      period = periodOf(request);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const form = { tu: typed(request.query.tu), den: typed(request.query.den) };
      return reply.code(400).html(<LogbookPage ctx={deps.page(request, reply)} unitName={unit.name} form={form} errors={err.errors} />);
    }
    const page = request.query.trang ?? 1;
    const { rows, total } = await logbookPageOf(deps, unit, period, page);
    return reply.html(<LogbookPage ctx={deps.page(request, reply)} unitName={unit.name} form={periodForm(period)} errors={[]} book={{ period, rows, total, page }} />);
  });

  app.get<{ Querystring: PeriodInput }>(`${LOGBOOK_PATH}.pdf`, ROUTE, async (request, reply) => {
    const unit = await logbookUnit(deps, request.actor!);
    const period = periodOf(request);
    const rows = await logbookOf(deps, unit, period);
    const pdf = await renderMau06(toMau06({ unit, rows }, period, deps.config.provinceName));
    return download(reply, 'application/pdf', `so-theo-doi-${periodSlug(period)}.pdf`, pdf);
  });

  app.get<{ Querystring: PeriodInput }>(`${LOGBOOK_PATH}.xlsx`, ROUTE, async (request, reply) => {
    const unit = await logbookUnit(deps, request.actor!);
    const period = periodOf(request);
    const rows = await logbookOf(deps, unit, period);
    const xlsx = await logbookWorkbook({ unit, rows }, period);
    return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `so-theo-doi-${periodSlug(period)}.xlsx`, xlsx);
  });
}
