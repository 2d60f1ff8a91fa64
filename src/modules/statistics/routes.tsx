// HTTP of the statistics: the leaders' pages (/bao-cao/thong-ke, /bao-cao/chi-so), the
// drill-down list, Excel and CSV exports, the JSON API (/api/v1/reports/…) and the public page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { csv, type ExportTable, indicatorsTable, statisticsTable, workbook } from './excel';
import { periodText, progressText } from './model';
import * as jobs from './jobs';
import type { LongReport } from './jobs';
import { dashboard, type Dashboard, DashboardPage, DASHBOARD_PATH, periodKind, type PeriodKind } from './dashboard';
import { DRILL_PATH, DrillPage, type FormValues, INDICATORS_PATH, IndicatorsPage, type Pending, PUBLIC_PATH, PublicPage, RUN_PATH, STATISTICS_PATH, StatisticsPage } from './pages';
import * as service from './service';

const str = (title: string) => Type.Optional(Type.String({ maxLength: 60, title }));

const ReportQuery = Type.Object({
  tu: str('Từ ngày (dd/MM/yyyy)'),
  den: str('Đến ngày (dd/MM/yyyy)'),
  thang: str('Tháng (MM/yyyy)'),
  quy: str('Quý (1–4/yyyy)'),
  nam: str('Năm (yyyy)'),
  'don-vi': str('Mã đơn vị'),
  'linh-vuc': str('Mã lĩnh vực'),
  'thu-tuc': str('Mã thủ tục'),
});

const ExportQuery = Type.Object({ ...ReportQuery.properties, lan: Type.Optional(Type.String({ maxLength: 36, title: 'Lần lập báo cáo' })) });

const RunParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

/** Where a JSON client polls a long report's run (the pages use RUN_PATH). */
const API_RUN_PATH = '/api/v1/reports/runs';

// the JSON answers, for the OpenAPI document (open objects: nothing the answer carries is dropped)
const open = { additionalProperties: true } as const;
const Int = Type.Integer();
const ApiError = Type.Object({ error: Type.Object({ code: Type.String(), field: Type.Union([Type.String(), Type.Null()]), message: Type.String() }) });
const ApiRate = Type.Object({ numerator: Int, denominator: Int, value: Type.Union([Type.Number(), Type.Null()]) }, { ...open, description: 'Tỷ lệ với tử số, mẫu số; value null khi mẫu số bằng 0' });
const ApiNamed = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }, open), Type.Null()]);
const ApiQuery = Type.Object(
  {
    period: Type.Object({ from: Type.String(), to: Type.String() }, open),
    periodText: Type.String(),
    cutoff: Type.String({ description: 'Thời điểm chốt số liệu hồ sơ đang giải quyết' }),
    unit: Type.Object({ code: Type.String(), name: Type.String() }, open),
    field: ApiNamed,
    procedure: ApiNamed,
  },
  open,
);
const ApiCounts = Type.Record(Type.String(), Int, { description: 'Số hồ sơ theo từng số đo (mã số đo như trang thống kê)' });
const ApiStatistics = Type.Object(
  {
    query: ApiQuery,
    counts: ApiCounts,
    onTime: ApiRate,
    online: ApiRate,
    processing: Type.Object({ dossiers: Int, officeMinutes: Type.Number(), minutesPerDay: Type.Number(), averageDays: Type.Union([Type.Number(), Type.Null()]) }, open),
    lateByUnit: Type.Array(Type.Object({}, open)),
  },
  { ...open, title: 'Thống kê hồ sơ' },
);
const ApiIndicators = Type.Object(
  {
    query: ApiQuery,
    counts: ApiCounts,
    procedures: Type.Record(Type.String(), Int),
    groups: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), maxPoints: Type.Number(), proposedPoints: Type.Union([Type.Number(), Type.Null()]), indicators: Type.Array(Type.Object({}, open)) }, open)),
    proposedTotal: Type.Union([Type.Object({ points: Type.Number(), outOf: Type.Number() }, open), Type.Null()]),
    byUnit: Type.Array(Type.Object({}, open)),
  },
  { ...open, title: 'Bộ chỉ số QĐ 766' },
);
const ApiRunning = Type.Object(
  {
    status: Type.Literal('running'),
    progress: Type.Object({ done: Int, total: Int }, { description: 'Số đơn vị đã xử lý trên tổng số' }),
    poll: Type.String({ description: 'Địa chỉ hỏi lại (cũng ở header Location): 202 như thế này khi chưa xong, rồi số liệu (200)' }),
  },
  { title: 'Báo cáo kỳ dài đang lập' },
);

const DrillQuery = Type.Object({
  ...ReportQuery.properties,
  'do-do': str('Số đo'),
  'don-vi-tre': str('Đơn vị làm chậm'),
  trang: str('Trang'),
});

const DashboardQuery = Type.Object({ ky: str('Kỳ: thang, quy hoặc nam'), 'don-vi': str('Mã đơn vị') });

const PublicQuery = Type.Object({ tu: str('Từ ngày (dd/MM/yyyy)'), den: str('Đến ngày (dd/MM/yyyy)'), thang: str('Tháng (MM/yyyy)'), quy: str('Quý (1–4/yyyy)'), nam: str('Năm (yyyy)') });

type Query = Record<string, string | undefined>;
type Req = FastifyRequest<{ Querystring: Query }>;

const REPORTS = { access: { action: 'reports.view' } } as const;

function schemaErrors(request: FastifyRequest): FieldError[] {
  const validation = (request.validationError as { validation?: { params?: { field?: string }; message?: string }[] } | undefined)?.validation ?? [];
  return validation.map((v) => ({ field: v.params?.field ?? '', message: v.message ?? 'Dữ liệu không hợp lệ' }));
}

function checked(request: Req): Query {
  const errors = schemaErrors(request);
  if (errors.length > 0) throw new ValidationError(errors);
  return request.query;
}

function typed(q: Query): FormValues {
  return Object.fromEntries(Object.entries(q ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function download(reply: FastifyReply, type: string, fileName: string, body: Buffer) {
  return reply.type(type).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(body);
}

function slug(q: service.ReportQuery): string {
  return `${q.unit.code}-${q.period.from}-den-${q.period.to}`;
}

async function exportAs(reply: FastifyReply, kind: 'xlsx' | 'csv', name: string, t: ExportTable) {
  if (kind === 'xlsx') return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`, await workbook(t));
  return download(reply, 'text/csv; charset=utf-8', `${name}.csv`, csv(t));
}

/** The waiting part of a long report's page: its run in progress or failed, and the query to reload with. */
function pendingOf<T>(l: LongReport<T> | undefined, query: Query): Pending | undefined {
  if (!l || l.kind === 'figures') return undefined;
  return { kind: l.kind, run: l.run, params: typed(query) };
}

export async function statisticsRoutes(app: FastifyInstance, deps: AppDeps) {
  const sd = { db: deps.db };

  /** A report page: the form again with the errors named (400), the figures (200), or a job's progress (202). */
  async function long<T>(request: Req, reply: FastifyReply, ask: (q: Query) => Promise<LongReport<T>>, render: (values: FormValues, errors: FieldError[], l?: LongReport<T>) => JSX.Element) {
    const values = typed(request.query);
    try {
      const l = await ask(checked(request));
      return reply.code(l.kind === 'progress' ? 202 : 200).header('cache-control', 'private, no-store').html(render(values, [], l));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).html(render(values, err.errors));
    }
  }

  /** A page that shows the form again with the errors named, or the figures. */
  async function page<T>(request: Req, reply: FastifyReply, read: (q: Query) => Promise<T>, render: (values: FormValues, errors: FieldError[], data?: T) => JSX.Element) {
    const values = typed(request.query);
    try {
      const data = await read(checked(request));
      return reply.html(render(values, [], data));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).html(render(values, err.errors));
    }
  }

  // the leaders' dashboard, the index of the reports (dashboard.tsx); the year view is a long
  // period: it shows the progress of its runs (202) until their figures are ready
  const jd = { db: deps.db, jobs: deps.jobs };
  app.get<{ Querystring: Query }>(DASHBOARD_PATH, { config: REPORTS, schema: { querystring: DashboardQuery }, attachValidation: true }, async (request, reply) => {
    const kind = periodKind(request.query.ky);
    const unit = request.query['don-vi'] ?? '';
    const show = (errors: FieldError[], l?: LongReport<Dashboard>) => (
      <DashboardPage
        ctx={deps.page(request, reply)}
        kind={typeof kind === 'string' ? kind : 'nam'}
        unit={unit}
        errors={errors}
        d={l?.kind === 'figures' ? l.data : undefined}
        run={l?.kind === 'figures' ? l.run : undefined}
        pending={l && l.kind !== 'figures' ? { kind: l.kind, run: l.run, params: { ky: typeof kind === 'string' ? kind : 'nam', 'don-vi': unit } } : undefined}
      />
    );
    const errors = [...schemaErrors(request), ...(typeof kind === 'string' ? [] : [kind])];
    if (errors.length > 0) return reply.code(400).html(show(errors));
    try {
      const l = await dashboard(jd, request.actor!, kind as PeriodKind, unit || undefined);
      return reply.code(l.kind === 'progress' ? 202 : 200).header('cache-control', 'private, no-store').html(show([], l));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).html(show(err.errors));
    }
  });

  // "Lập lại": new runs of the dashboard's period from the current data, then the dashboard
  app.post<{ Body: Query }>(DASHBOARD_PATH, { config: REPORTS, schema: { body: DashboardQuery } }, async (request, reply) => {
    const kind = periodKind(request.body.ky);
    if (typeof kind !== 'string') throw new ValidationError([kind]);
    const unit = request.body['don-vi'] ?? '';
    await dashboard(jd, request.actor!, kind, unit || undefined, new Date(), { fresh: true });
    return reply.redirect(`${DASHBOARD_PATH}?${new URLSearchParams({ ky: kind, ...(unit ? { 'don-vi': unit } : {}) }).toString()}`, 303);
  });

  // a long period runs as a job (jobs.ts): the page shows its progress (202) until the figures are ready

  app.get<{ Querystring: Query }>(STATISTICS_PATH, { config: REPORTS, schema: { querystring: ReportQuery }, attachValidation: true }, async (request, reply) => {
    const fields = await service.fields(sd);
    const show = (values: FormValues, errors: FieldError[], l?: LongReport<service.Statistics>) => (
      <StatisticsPage ctx={deps.page(request, reply)} values={values} errors={errors} fields={fields} s={l?.kind === 'figures' ? l.data : undefined} run={l?.kind === 'figures' ? l.run : undefined} pending={pendingOf(l, request.query)} />
    );
    return long(request, reply, (q) => jobs.askStatistics(jd, request.actor!, q), show);
  });

  app.get<{ Querystring: Query }>(INDICATORS_PATH, { config: REPORTS, schema: { querystring: ReportQuery }, attachValidation: true }, async (request, reply) => {
    const fields = await service.fields(sd);
    const show = (values: FormValues, errors: FieldError[], l?: LongReport<service.Indicators>) => (
      <IndicatorsPage ctx={deps.page(request, reply)} values={values} errors={errors} fields={fields} r={l?.kind === 'figures' ? l.data : undefined} run={l?.kind === 'figures' ? l.run : undefined} pending={pendingOf(l, request.query)} />
    );
    return long(request, reply, (q) => jobs.askIndicators(jd, request.actor!, q), show);
  });

  // "Lập lại báo cáo": a new run from the current data, then the page of the report
  for (const [path, ask] of [
    [STATISTICS_PATH, jobs.askStatistics],
    [INDICATORS_PATH, jobs.askIndicators],
  ] as const) {
    app.post<{ Body: Query }>(path, { config: REPORTS, schema: { body: ReportQuery } }, async (request, reply) => {
      const input = typed(request.body);
      await ask(jd, request.actor!, input, { fresh: true });
      const params = new URLSearchParams(Object.entries(input).filter(([k]) => k in ReportQuery.properties));
      return reply.redirect(`${path}?${params.toString()}`, 303);
    });
  }

  // a run's progress as JSON, for the waiting page's script
  app.get<{ Params: { id: string } }>(`${RUN_PATH}/:id`, { config: REPORTS, schema: { params: RunParams } }, async (request, reply) => {
    const { run } = await jobs.runFor(jd, request.actor!, request.params.id);
    return reply.header('cache-control', 'private, no-store').send({
      id: run.id,
      report: run.report,
      status: run.status,
      unitsDone: run.unitsDone,
      unitsTotal: run.unitsTotal,
      progressText: progressText(run.unitsDone, run.unitsTotal, run.status),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      error: run.error,
    });
  });

  app.get<{ Querystring: Query }>(DRILL_PATH, { config: REPORTS, schema: { querystring: DrillQuery }, attachValidation: true }, async (request, reply) => {
    // no figure chosen: the page points back to the statistics (each figure there links here)
    if (!request.query['do-do']) return reply.html(<DrillPage ctx={deps.page(request, reply)} values={typed(request.query)} errors={[]} />);
    return page(request, reply, (q) => service.drillDown(sd, request.actor!, q), (values, errors, d) => <DrillPage ctx={deps.page(request, reply)} values={values} errors={errors} d={d} />);
  });

  // the exports: a finished run's figures (lan), the figures at once for a short period, or,
  // for a long one without figures yet, the page that shows the job's progress
  const backTo = (path: string, q: Query) => `${path}?${new URLSearchParams(Object.entries(typed(q)).filter(([k]) => k !== 'lan')).toString()}`;
  for (const kind of ['xlsx', 'csv'] as const) {
    app.get<{ Querystring: Query }>(`${STATISTICS_PATH}.${kind}`, { config: REPORTS, schema: { querystring: ExportQuery }, attachValidation: true }, async (request, reply) => {
      const q = checked(request);
      const l: LongReport<service.Statistics> = q.lan ? { kind: 'figures', data: await jobs.runStatistics(jd, request.actor!, q.lan), run: null } : await jobs.askStatistics(jd, request.actor!, q);
      if (l.kind !== 'figures') return reply.redirect(backTo(STATISTICS_PATH, q), 303);
      return exportAs(reply, kind, `thong-ke-${slug(l.data.query)}`, statisticsTable(l.data));
    });
    app.get<{ Querystring: Query }>(`${INDICATORS_PATH}.${kind}`, { config: REPORTS, schema: { querystring: ExportQuery }, attachValidation: true }, async (request, reply) => {
      const q = checked(request);
      const l: LongReport<service.Indicators> = q.lan ? { kind: 'figures', data: await jobs.runIndicators(jd, request.actor!, q.lan), run: null } : await jobs.askIndicators(jd, request.actor!, q);
      if (l.kind !== 'figures') return reply.redirect(backTo(INDICATORS_PATH, q), 303);
      return exportAs(reply, kind, `chi-so-${slug(l.data.query)}`, indicatorsTable(l.data));
    });
  }

  // JSON: the same parameters and figures; a session of a leader, auditor or administrator. A
  // long period runs as a job like the pages: 202 with its progress and the URL to poll, which
  // answers the same until the run is done, then the figures (200) as a short period's answer.
  const api = (summary: string, body: TSchema) => ({
    config: REPORTS,
    exposeHeadRoute: false,
    schema: { summary, tags: ['reports'], querystring: ReportQuery, response: { 200: body, 202: ApiRunning, 400: ApiError, 403: ApiError } },
  });

  app.get<{ Querystring: Query }>(
    '/api/v1/reports/statistics',
    api('Thống kê hồ sơ của một đơn vị (và đơn vị trực thuộc) trong kỳ; cần phiên đăng nhập của lãnh đạo, kiểm tra hoặc quản trị. Kỳ dài hơn 92 ngày được lập ở chế độ nền: trả 202 kèm tiến độ và địa chỉ để hỏi lại (poll, Location)', ApiStatistics),
    async (request, reply) => {
      const l = await orAgain(request.actor!, request.query, jobs.askStatistics);
      return l.kind === 'figures' ? statisticsJson(l.data) : running(reply, l.run);
    },
  );

  app.get<{ Querystring: Query }>(
    '/api/v1/reports/indicators',
    api('Bộ chỉ số QĐ 766 của một đơn vị trong kỳ, với tử số, mẫu số, cách tính và điểm đề xuất. Kỳ dài hơn 92 ngày được lập ở chế độ nền: trả 202 kèm tiến độ và địa chỉ để hỏi lại (poll, Location)', ApiIndicators),
    async (request, reply) => {
      const l = await orAgain(request.actor!, request.query, jobs.askIndicators);
      return l.kind === 'figures' ? indicatorsJson(l.data) : running(reply, l.run);
    },
  );

  /** A run that failed is made again when a client asks again (an API has no "Lập lại" button). */
  async function orAgain<T>(actor: Actor, query: Query, ask: (d: typeof jd, a: Actor, q: Query, o?: jobs.AskOptions) => Promise<LongReport<T>>): Promise<LongReport<T>> {
    const l = await ask(jd, actor, query);
    return l.kind === 'failed' ? ask(jd, actor, query, { fresh: true }) : l;
  }

  app.get<{ Params: { id: string } }>(
    `${API_RUN_PATH}/:id`,
    {
      config: REPORTS,
      exposeHeadRoute: false,
      schema: {
        summary: 'Một lần lập báo cáo kỳ dài (thống kê hoặc chỉ số): 202 kèm tiến độ khi chưa xong, rồi số liệu như khi hỏi trực tiếp (200); cùng quyền xem như báo cáo',
        tags: ['reports'],
        params: RunParams,
        response: { 200: Type.Union([ApiStatistics, ApiIndicators]), 202: ApiRunning, 403: ApiError, 404: ApiError, 500: ApiError },
      },
    },
    async (request, reply) => {
      const { run } = await jobs.runFor(jd, request.actor!, request.params.id);
      if (run.status === 'failed') throw new AppError('report_run_failed', 500, run.error ?? 'Không lập được báo cáo.');
      if (run.status !== 'done') return running(reply, run);
      reply.header('cache-control', 'private, no-store');
      if (run.report === 'statistics') return statisticsJson(await jobs.runStatistics(jd, request.actor!, run.id));
      return indicatorsJson(await jobs.runIndicators(jd, request.actor!, run.id));
    },
  );

  app.get<{ Querystring: Query }>(
    '/api/v1/reports/public',
    { config: { access: 'public' }, schema: { summary: 'Tỷ lệ giải quyết đúng hạn và tỷ lệ tự nộp trực tuyến theo đơn vị trong kỳ (công khai, không có dữ liệu cá nhân)', tags: ['reports'], querystring: PublicQuery } },
    async (request) => {
      const p = await service.publicStatistics(sd, request.query);
      return p;
    },
  );

  app.get<{ Querystring: Query }>(PUBLIC_PATH, { config: { access: 'public' }, schema: { querystring: PublicQuery }, attachValidation: true }, async (request, reply) =>
    page(request, reply, (q) => service.publicStatistics(sd, q), (values, errors, p) => <PublicPage ctx={deps.page(request, reply)} values={values} errors={errors} p={p} />),
  );
}

function queryJson(q: service.ReportQuery) {
  return {
    period: q.period,
    periodText: periodText(q.period),
    cutoff: q.window.cutoff.toISOString(),
    unit: { code: q.unit.code, name: q.unit.name },
    field: q.field,
    procedure: q.procedure,
  };
}

/** The JSON of the statistics, as the API answers them (also what a test compares with). */
export function statisticsJson(s: service.Statistics) {
  return { query: queryJson(s.query), counts: s.counts, onTime: s.onTime, online: s.online, processing: s.processing, lateByUnit: s.lateByUnit };
}

/** The JSON of the indicators, as the API answers them. */
export function indicatorsJson(r: service.Indicators) {
  return {
    query: queryJson(r.query),
    counts: r.counts,
    procedures: r.procedures,
    groups: r.groups.map((g) => ({
      code: g.code,
      name: g.name,
      maxPoints: g.maxPoints,
      proposedPoints: g.points,
      indicators: g.indicators.map((v) => ({ code: v.def.code, label: v.def.label, formula: v.def.formula, available: v.rate !== null, ...(v.rate ? v.rate : {}), ...(v.def.missing ? { missing: v.def.missing } : {}) })),
    })),
    proposedTotal: r.total,
    byUnit: r.byUnit,
  };
}

/** A long report not ready yet: 202, its progress and where to ask again (also as Location). */
function running(reply: FastifyReply, run: jobs.RunInfo) {
  const poll = `${API_RUN_PATH}/${encodeURIComponent(run.id)}`;
  return reply
    .code(202)
    .header('location', poll)
    .header('cache-control', 'private, no-store')
    .send({ status: 'running', progress: { done: run.unitsDone, total: run.unitsTotal }, poll });
}
