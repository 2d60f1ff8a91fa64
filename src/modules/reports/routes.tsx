// The yearly review appendices over HTTP, public:
//  - pages  /bao-cao/phu-luc/{1..4}?nam=YYYY&don-vi=<mã đơn vị>&mo-hinh=cu|moi (+ .xlsx, .pdf)
//  - API    /api/v1/reports/appendix/{1..4}?year=YYYY&unit=<unit code>&model=legacy|new (+ .xlsx, .pdf)
// `unit` is the unit's code, as /api/v1/units and /api/v1/procedures?agency= name units.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import { appendixWorkbook } from './excel';
import { type AppendixReport, fileNameOf, type LevelModel, type ListRow, reportDate, tableOf, yearFormatMessage } from './model';
import { MODEL_SLUGS, REPORT_PATH, type ReportForm, ReportPage } from './pages';
import { appendixPdf } from './pdf';
import { API_FIELDS, appendixReport, PAGE_FIELDS, parseAppendix, type ReportDeps, unitChoices } from './service';

const UNIT_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
const UNIT_MESSAGE = 'chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ so-tu-phap';

const PageQuery = Type.Object({
  nam: Type.Optional(Type.String({ maxLength: 10, 'x-message': yearFormatMessage() })),
  'don-vi': Type.Optional(Type.String({ maxLength: 63, 'x-message': `Mã đơn vị ${UNIT_MESSAGE}` })),
  'mo-hinh': Type.Optional(Type.String({ maxLength: 10 })),
});

const ApiQuery = Type.Object({
  year: Type.Optional(
    Type.String({ pattern: '^\\d{4}$', description: 'Năm báo cáo (mặc định năm nay): số liệu tại ngày 31/12 của năm, hoặc hôm nay với năm hiện tại', 'x-message': yearFormatMessage() }),
  ),
  unit: Type.Optional(Type.String({ pattern: UNIT_PATTERN, description: 'Mã đơn vị như /api/v1/units trả về (ví dụ so-tu-phap); bỏ trống: toàn tỉnh', 'x-message': `Mã đơn vị (unit) ${UNIT_MESSAGE}` })),
  model: Type.Optional(
    Type.Union([Type.Literal('legacy'), Type.Literal('new')], {
      description: 'legacy: mức độ 2, 3, 4 (NĐ 43/2011, mặc định); new: toàn trình, một phần (NĐ 42/2022)',
      'x-message': 'Mô hình mức độ (model) phải là legacy hoặc new',
    }),
  ),
});

const ApiParams = Type.Object({
  appendix: Type.String({ maxLength: 20, description: 'Số phụ lục 1, 2, 3 hoặc 4; thêm .xlsx (Excel) hoặc .pdf để tải tệp, ví dụ 1.xlsx' }),
});

// The JSON answer, described in the OpenAPI document (and serialised through it)
const Count = (description: string) => Type.Integer({ minimum: 0, description });
const TierName = Type.Union([Type.Literal('tinh'), Type.Literal('huyen'), Type.Literal('xa')], { description: 'Cấp: tinh (tỉnh), huyen (huyện), xa (xã)' });
const SummaryLegacy = Type.Object(
  {
    tier: Type.Union([TierName, Type.Literal('total')], { description: 'Cấp, hoặc total: tổng' }),
    total: Count('Tổng số TTHC của cấp (kể cả mức độ 1)'),
    level2: Count('Số dịch vụ công trực tuyến mức độ 2'),
    level3: Count('Số dịch vụ công trực tuyến mức độ 3'),
    level4: Count('Số dịch vụ công trực tuyến mức độ 4'),
  },
  { title: 'Dòng Phụ lục I (model=legacy)' },
);
const SummaryNew = Type.Object(
  {
    tier: Type.Union([TierName, Type.Literal('total')], { description: 'Cấp, hoặc total: tổng' }),
    total: Count('Tổng số TTHC của cấp'),
    toanTrinh: Count('Số dịch vụ công trực tuyến toàn trình'),
    motPhan: Count('Số dịch vụ công trực tuyến một phần'),
  },
  { title: 'Dòng Phụ lục I (model=new)' },
);
const TierRow = Type.Object({ kind: Type.Literal('tier'), stt: Type.String({ description: 'A, B, C' }), tier: TierName, name: Type.String() }, { title: 'Dòng cấp (Phụ lục II–IV)' });
const FieldRow = Type.Object({ kind: Type.Literal('field'), stt: Type.String({ description: 'I, II, III…' }), field: Type.String({ description: 'Mã lĩnh vực' }), name: Type.String() }, { title: 'Dòng lĩnh vực (Phụ lục II–IV)' });
const ProcedureRow = Type.Object(
  {
    kind: Type.Literal('procedure'),
    stt: Type.String({ description: '1, 2, 3… trong lĩnh vực' }),
    code: Type.String({ description: 'Mã TTHC, ví dụ 1.001193' }),
    name: Type.String(),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'model=legacy: mức độ 1–4' })),
    onlineLevel: Type.Optional(Type.Union([Type.Literal('toan_trinh'), Type.Literal('mot_phan'), Type.Literal('none')], { description: 'model=new: toan_trinh, mot_phan hoặc none' })),
    eligible: Type.Boolean({ description: 'Đủ điều kiện lên mức độ 4 / toàn trình' }),
    reason: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Phụ lục IV: lý do chưa đủ điều kiện' })),
  },
  { title: 'Dòng thủ tục (Phụ lục II–IV)' },
);
const EmptyRow = Type.Object({ kind: Type.Literal('empty'), tier: TierName, text: Type.String({ description: 'Vì sao cấp này không có dòng nào' }) }, { title: 'Cấp không có dịch vụ nào (Phụ lục II–IV)' });

const AppendixBody = Type.Object(
  {
    year: Type.Integer({ description: 'Năm báo cáo' }),
    date: Type.String({ format: 'date', description: 'Ngày đọc danh mục (YYYY-MM-DD): 31/12 của năm, hôm nay với năm hiện tại, hoặc ngày cuối cùng đơn vị hoạt động khi đơn vị giải thể trong năm' }),
    appendix: Type.Integer({ minimum: 1, maximum: 4 }),
    model: Type.Union([Type.Literal('legacy'), Type.Literal('new')]),
    unit: Type.Union([
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        activeUntil: Type.Optional(Type.String({ format: 'date', description: 'Đơn vị thôi hoạt động trong năm: ngày cuối cùng (YYYY-MM-DD), cũng là ngày đọc số liệu' })),
      }),
      Type.Null(),
    ], { description: 'Đơn vị báo cáo; null: toàn tỉnh' }),
    procedures: Count('Số TTHC được tính (sau khi lọc theo đơn vị)'),
    rows: Type.Array(Type.Union([SummaryLegacy, SummaryNew, TierRow, FieldRow, ProcedureRow, EmptyRow]), {
      description: 'Phụ lục 1: bốn dòng tinh, huyen, xa, total; Phụ lục 2–4: các dòng theo thứ tự in',
    }),
  },
  { title: 'Phụ lục báo cáo rà soát' },
);

const ApiError = Type.Object({ error: Type.Object({ code: Type.String(), field: Type.Union([Type.String(), Type.Null()]), message: Type.String() }) });

type Ext = 'xlsx' | 'pdf' | undefined;

/** '2', '2.xlsx' or '2.pdf' → the appendix as typed and the file type. */
function splitFile(param: string): { appendix: string; ext: Ext } {
  const m = /^(.*?)\.(xlsx|pdf)$/.exec(param);
  return m ? { appendix: m[1]!, ext: m[2] as Ext } : { appendix: param, ext: undefined };
}

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

async function sendFile(reply: FastifyReply, report: AppendixReport, ext: 'xlsx' | 'pdf') {
  const table = tableOf(report);
  const body = ext === 'xlsx' ? await appendixWorkbook(table) : await appendixPdf(table);
  return reply
    .type(CONTENT_TYPES[ext])
    .header('content-disposition', `attachment; filename="${fileNameOf(report, ext)}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache')
    .send(body);
}

/** The API's rows: Phụ lục I by tier with the model's levels, the lists as tier/field/procedure rows. */
export function apiBody(report: AppendixReport) {
  const base = { year: report.year, date: report.date, appendix: report.appendix, model: report.model, unit: report.unit ?? null, procedures: report.procedures };
  if (report.appendix === 1) {
    const rows = report.summary.map((s) =>
      report.model === 'legacy' ? { tier: s.tier, total: s.total, level2: s.level2, level3: s.level3, level4: s.level4 } : { tier: s.tier, total: s.total, toanTrinh: s.toanTrinh, motPhan: s.motPhan },
    );
    return { ...base, rows };
  }
  const rows = report.rows.map((r: ListRow) => {
    if (r.kind !== 'procedure') return r;
    const level = report.model === 'legacy' ? { level: r.legacyLevel } : { onlineLevel: r.onlineLevel };
    return { kind: r.kind, stt: r.stt, code: r.code, name: r.name, ...level, eligible: r.eligible, ...(report.appendix === 4 ? { reason: r.reason } : {}) };
  });
  return { ...base, rows };
}

/** The schema's complaints about the query (attachValidation keeps them for the page). */
function schemaErrors(request: FastifyRequest): FieldError[] {
  const validation = (request.validationError as { validation?: { params?: { field?: string }; message?: string }[] } | undefined)?.validation ?? [];
  return validation.map((v) => ({ field: v.params?.field ?? '', message: v.message ?? 'Dữ liệu không hợp lệ' }));
}

function modelOfSlug(slug: string | undefined): LevelModel {
  const value = slug?.trim() ?? '';
  if (value === '' || value === MODEL_SLUGS.legacy) return 'legacy';
  if (value === MODEL_SLUGS.new) return 'new';
  throw new ValidationError([{ field: 'mo-hinh', message: 'Mức độ dịch vụ công trực tuyến phải là “cu” (bốn mức độ) hoặc “moi” (toàn trình, một phần)' }]);
}

type PageRequest = FastifyRequest<{ Params: { file: string }; Querystring: Partial<ReportForm> }>;

export async function reportRoutes(app: FastifyInstance, deps: AppDeps) {
  const reportDeps: ReportDeps = { db: deps.db, provinceName: deps.config.provinceName };
  const pageRoute = { config: { access: 'public' }, schema: { querystring: PageQuery }, attachValidation: true } as const;

  app.get<{ Querystring: Partial<ReportForm> }>(REPORT_PATH, pageRoute, async (request, reply) => {
    const q = new URLSearchParams(Object.entries(request.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const s = q.toString();
    return reply.redirect(`${REPORT_PATH}/1${s ? `?${s}` : ''}`, 302);
  });

  /** The report the page's query asks for, or a ValidationError naming the page's fields. */
  async function pageReport(request: PageRequest, appendix: string): Promise<AppendixReport> {
    const errors = schemaErrors(request);
    if (errors.length > 0) throw new ValidationError(errors);
    const model = modelOfSlug(request.query['mo-hinh']);
    return appendixReport(reportDeps, { appendix, year: request.query.nam, unit: request.query['don-vi'], model }, PAGE_FIELDS);
  }

  app.get<{ Params: { file: string }; Querystring: Partial<ReportForm> }>(`${REPORT_PATH}/:file`, pageRoute, async (request, reply) => {
    const { appendix, ext } = splitFile(request.params.file);
    if (ext) return sendFile(reply, await pageReport(request, appendix), ext);

    const typed = (v: unknown) => (typeof v === 'string' ? v : '');
    const form: ReportForm = { nam: typed(request.query.nam), 'don-vi': typed(request.query['don-vi']), 'mo-hinh': typed(request.query['mo-hinh']) };
    const today = localDate(new Date());
    let known: ReturnType<typeof parseAppendix> | undefined;
    try {
      known = parseAppendix(appendix, PAGE_FIELDS.appendix);
      const report = await pageReport(request, appendix);
      const units = await unitChoices(reportDeps, reportDate(report.year, today));
      const table = tableOf(report);
      return reply.html(
        <ReportPage ctx={deps.page(request, reply)} appendix={report.appendix} form={{ ...form, nam: String(report.year) }} errors={[]} units={units} table={table} procedures={report.procedures} unitName={report.unit?.name} />,
      );
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 404)) throw err;
      const errors = err instanceof ValidationError ? err.errors : [{ field: err.field ?? '', message: err.message }];
      // the form lists the units of the year asked for when that year reads, else today's
      const year = /^\d{4}$/.test(form.nam.trim()) && form.nam.trim() <= today.slice(0, 4) ? Number(form.nam.trim()) : Number(today.slice(0, 4));
      const units = await unitChoices(reportDeps, reportDate(year, today));
      return reply.code(err.status).html(<ReportPage ctx={deps.page(request, reply)} appendix={known} form={form} errors={errors} units={units} />);
    }
  });

  app.get<{ Params: { appendix: string }; Querystring: { year?: string; unit?: string; model?: LevelModel } }>(
    '/api/v1/reports/appendix/:appendix',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Phụ lục I–IV báo cáo rà soát dịch vụ công trực tuyến hằng năm (JSON, hoặc .xlsx / .pdf)',
        description:
          'Số liệu từ danh mục TTHC đã công bố tại ngày 31/12 của năm (hoặc hôm nay với năm hiện tại), theo cấp và mức độ của thủ tục tại ngày đó. ' +
          'Phụ lục 1: rows = [{tier: tinh|huyen|xa|total, total, level2, level3, level4}] (model=new: total, toanTrinh, motPhan). ' +
          'Phụ lục 2–4: rows theo thứ tự in: {kind: tier|field|procedure|empty, stt, …}. ' +
          'Lỗi 400 nêu trường sai (appendix, year, unit, model); 404 no_data khi danh mục chưa có thủ tục nào công bố tại ngày đó.',
        tags: ['reports'],
        params: ApiParams,
        querystring: ApiQuery,
        response: { 200: AppendixBody, 400: ApiError, 404: ApiError },
      },
    },
    async (request, reply) => {
      const { appendix, ext } = splitFile(request.params.appendix);
      const report = await appendixReport(reportDeps, { appendix, year: request.query.year, unit: request.query.unit, model: request.query.model ?? 'legacy' }, API_FIELDS);
      if (ext) return sendFile(reply, report, ext);
      return apiBody(report);
    },
  );
}
