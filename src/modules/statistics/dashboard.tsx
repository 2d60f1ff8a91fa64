// The leaders' dashboard (/bao-cao): the index of the reports. For the period chosen (this
// month, quarter or year), the key figures with their raw counts, each linked to the dossiers
// behind it, and four charts, each followed by a table of the same figures. Every figure comes
// from the statistics service (statisticsOf, indicatorsOf) or from series.ts, which counts with
// the same predicates; nothing is computed here but sums for the tables' totals.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime, localDate } from '../../platform/format';
import type { Actor, PageContext } from '../../platform/http/context';
import { CHART_COLOURS, ChartFigure, chartNumber, chartPercent, DataTable, horizontalBars, integerTicks, type Series, stackedColumns } from '../../web/charts';
import { CsrfField, ErrorSummary, errorFor, Input } from '../../web/components';
import { Layout } from '../../web/layout';
import { type GroupScore, MEASURES, type MeasureKey, type Rate } from './model';
import { drillHref, INDICATORS_PATH, type Pending, Progress, PROGRESS_REFRESH_SECONDS, STATISTICS_PATH } from './pages';
import { askDashboard, type DashboardFigures, type LongReport, type ReportJobDeps, type RunInfo } from './jobs';
import { type MonthFigures, type UnitProgress } from './series';
import { queryParams, type ReportInput, type ReportQuery, type UnitRates } from './service';

export const DASHBOARD_PATH = '/bao-cao';
/** The appendices of the yearly review (reports module, public pages). */
const APPENDIX_PATH = '/bao-cao/phu-luc';

export const PERIOD_KINDS = { thang: 'Tháng này', quy: 'Quý này', nam: 'Năm nay' } as const;
export type PeriodKind = keyof typeof PERIOD_KINDS;

export interface DashboardInput {
  ky?: string | undefined;
  'don-vi'?: string | undefined;
}

export interface Dashboard {
  kind: PeriodKind;
  query: ReportQuery;
  received: number;
  settled: number;
  onTime: Rate;
  online: Rate;
  months: MonthFigures[];
  byUnit: UnitRates[];
  progress: UnitProgress[];
  groups: GroupScore[];
  total: { points: number; outOf: number } | null;
}

/** The report query of "this month / quarter / year" in Vietnam, as the statistics service reads it. */
export function periodInput(kind: PeriodKind, now: Date): ReportInput {
  const today = localDate(now);
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  if (kind === 'thang') return { thang: `${today.slice(5, 7)}/${year}` };
  if (kind === 'quy') return { quy: `${Math.ceil(month / 3)}/${year}` };
  return { nam: year };
}

export function periodKind(v: string | undefined): PeriodKind | FieldError {
  const k = (v ?? '').trim() || 'nam';
  return Object.hasOwn(PERIOD_KINDS, k) ? (k as PeriodKind) : { field: 'ky', message: 'Chọn kỳ: tháng này, quý này hoặc năm nay' };
}

/**
 * Everything the dashboard shows; the service checks the actor's right and unit first. The year
 * view is a long period: its figures come from report jobs (jobs.askDashboard), so until they are
 * ready the answer is the progress of the run (or its failure).
 */
export async function dashboard(deps: ReportJobDeps, actor: Actor, kind: PeriodKind, unitCode: string | undefined, now = new Date(), opts: { fresh?: boolean } = {}): Promise<LongReport<Dashboard>> {
  const l = await askDashboard(deps, actor, { ...periodInput(kind, now), 'don-vi': unitCode }, { now, ...opts });
  if (l.kind !== 'figures') return l;
  return { kind: 'figures', data: dashboardFrom(kind, l.data), run: l.run };
}

/** The dashboard of figures read at once or kept by jobs: nothing is computed here. */
export function dashboardFrom(kind: PeriodKind, f: DashboardFigures): Dashboard {
  const s = f.statistics;
  const r = f.indicators;
  return {
    kind,
    query: s.query,
    received: s.counts.received,
    settled: s.counts.settled,
    onTime: s.onTime,
    online: s.online,
    months: f.months,
    byUnit: r.byUnit,
    progress: f.progress,
    groups: r.groups,
    total: r.total,
  };
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

/** The channels of reception, in the order of the stack, with the measure that counts each. */
export const CHANNEL_SERIES: readonly (Series & { key: MeasureKey })[] = [
  { key: 'received_online_self', label: 'Tự nộp trực tuyến', colour: CHART_COLOURS.navy },
  { key: 'received_online_assisted', label: 'Trực tuyến, nhập hộ', colour: CHART_COLOURS.lightNavy },
  { key: 'received_counter', label: 'Trực tiếp', colour: CHART_COLOURS.green },
  { key: 'received_post', label: 'Bưu chính', colour: CHART_COLOURS.brown },
  { key: 'received_national_portal', label: 'Cổng DVCQG', colour: CHART_COLOURS.purple },
];

const collator = new Intl.Collator('vi');

function href(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

function countLink(q: ReportQuery, measure: MeasureKey, value: number) {
  return (
    <a class="govuk-link" href={drillHref(q, measure)} safe>
      {chartNumber(value)}
    </a>
  );
}

function monthLabel(ym: string): string {
  return `Tháng ${ym.slice(5, 7)}/${ym.slice(0, 4)}`;
}

function Kpi({ id, label, value, detail }: { id: string; label: string; value: JSX.Element; detail: JSX.Element }) {
  return (
    <li class="mc-kpi" data-kpi={id}>
      <p class="mc-kpi__label" safe>
        {label}
      </p>
      <p class="mc-kpi__value">{value as 'safe'}</p>
      <p class="mc-kpi__detail">{detail as 'safe'}</p>
    </li>
  );
}

function Kpis({ d }: { d: Dashboard }) {
  const q = d.query;
  return (
    <ul class="mc-kpis" aria-label="Số liệu chính">
      <Kpi id="received" label="Hồ sơ tiếp nhận" value={countLink(q, 'received', d.received)} detail={<span>trong kỳ, mọi kênh</span>} />
      <Kpi id="settled" label="Hồ sơ đã giải quyết" value={countLink(q, 'settled', d.settled)} detail={<span>trong kỳ, có kết quả hoặc văn bản trả lời</span>} />
      <Kpi
        id="on-time"
        label="Tỷ lệ đúng hạn"
        value={<span safe>{chartPercent(d.onTime.value)}</span>}
        detail={
          <>
            {countLink(q, 'settled_on_time', d.onTime.numerator)} đúng hạn, trước hạn trên {countLink(q, 'settled', d.onTime.denominator)} đã giải quyết
          </>
        }
      />
      <Kpi
        id="online"
        label="Tỷ lệ tự nộp trực tuyến"
        value={<span safe>{chartPercent(d.online.value)}</span>}
        detail={
          <>
            {countLink(q, 'received_online_self', d.online.numerator)} tự nộp trực tuyến trên {countLink(q, 'received', d.online.denominator)} tiếp nhận
          </>
        }
      />
    </ul>
  );
}

function MonthsChart({ d }: { d: Dashboard }) {
  if (d.months.length === 0) return '';
  const sum = (k: MeasureKey) => d.months.reduce((s, m) => s + m.counts[k], 0);
  const total = (m: MonthFigures) => CHANNEL_SERIES.reduce((s, c) => s + m.counts[c.key], 0);
  const svg = stackedColumns({
    categories: d.months.map((m) => ({ key: m.month, label: d.months.length > 6 ? `T${Number(m.month.slice(5, 7))}` : `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}` })),
    series: CHANNEL_SERIES,
    values: d.months.flatMap((m) => CHANNEL_SERIES.map((c) => ({ category: m.month, series: c.key, value: m.counts[c.key] }))),
    summary: `Biểu đồ cột: hồ sơ tiếp nhận theo tháng và kênh nộp, ${d.months.map((m) => `${monthLabel(m.month)}: ${chartNumber(total(m))}`).join('; ')}. Số liệu trong bảng ngay sau.`,
  });
  return (
    <ChartFigure id="bd-thang" title="Hồ sơ tiếp nhận theo tháng và kênh nộp" svg={svg} legend={CHANNEL_SERIES}>
      <DataTable
        caption="Hồ sơ tiếp nhận theo tháng và kênh nộp (số hồ sơ)"
        columns={['Tháng', ...CHANNEL_SERIES.map((c) => c.label), 'Cộng']}
        rows={[
          ...d.months.map((m) => ({ header: monthLabel(m.month), cells: [...CHANNEL_SERIES.map((c) => chartNumber(m.counts[c.key])), chartNumber(total(m))], attrs: { 'data-month': m.month } })),
          { header: 'Cả kỳ', cells: [...CHANNEL_SERIES.map((c) => chartNumber(sum(c.key))), chartNumber(CHANNEL_SERIES.reduce((s, c) => s + sum(c.key), 0))], attrs: { 'data-month': 'total' } },
        ]}
      />
      <p class="govuk-body-s mc-muted" safe>
        {`Các kênh theo cách tính của trang thống kê: ${CHANNEL_SERIES.map((c) => `${c.label} – ${MEASURES[c.key].formula}`).join('; ')}.`}
      </p>
    </ChartFigure>
  );
}

/** Highest rate first; units with nothing to divide by last. */
function byRate(a: UnitRates, b: UnitRates): number {
  const x = a.onTime.value ?? -1;
  const y = b.onTime.value ?? -1;
  return y - x || collator.compare(a.unitName, b.unitName);
}

function OnTimeChart({ d }: { d: Dashboard }) {
  const units = [...d.byUnit].sort(byRate);
  if (units.length === 0) return <p class="govuk-body">Không có hồ sơ nào của các đơn vị trong kỳ.</p>;
  const svg = horizontalBars({
    rows: units.map((u) => ({ label: u.unitName, value: u.onTime.value, text: chartPercent(u.onTime.value) })),
    domain: [0, 1],
    ticks: [0, 0.25, 0.5, 0.75, 1],
    tickFormat: (v) => `${chartNumber(v * 100)} %`,
    colour: CHART_COLOURS.green,
    summary: `Biểu đồ thanh: tỷ lệ giải quyết đúng hạn theo đơn vị, từ cao xuống thấp: ${units.map((u) => `${u.unitName} ${chartPercent(u.onTime.value)}`).join('; ')}.`,
  });
  return (
    <ChartFigure id="bd-dung-han" title="Tỷ lệ giải quyết đúng hạn theo đơn vị" svg={svg}>
      <DataTable
        caption="Tỷ lệ giải quyết đúng hạn theo đơn vị chủ trì"
        columns={['Đơn vị', 'Đúng hạn, trước hạn', 'Đã giải quyết', 'Tỷ lệ']}
        rows={units.map((u) => {
          const uq: ReportQuery = { ...d.query, unit: { id: u.unitId, code: u.unitCode, name: u.unitName } };
          return {
            header: u.unitName,
            cells: [{ html: countLink(uq, 'settled_on_time', u.onTime.numerator) }, { html: countLink(uq, 'settled', u.onTime.denominator) }, chartPercent(u.onTime.value)],
            attrs: { 'data-unit': u.unitCode },
          };
        })}
      />
    </ChartFigure>
  );
}

function OverdueChart({ d }: { d: Dashboard }) {
  if (d.progress.length === 0) return <p class="govuk-body">Không có hồ sơ nào đang giải quyết tại thời điểm chốt.</p>;
  const max = Math.max(...d.progress.map((u) => u.overdue));
  const ticks = integerTicks(max);
  const svg = horizontalBars({
    rows: d.progress.map((u) => ({ label: u.unitName, value: u.overdue, text: chartNumber(u.overdue) })),
    domain: [0, ticks[ticks.length - 1]!],
    ticks,
    tickFormat: chartNumber,
    colour: CHART_COLOURS.red,
    summary: `Biểu đồ thanh: hồ sơ đang giải quyết đã quá hạn theo đơn vị, nhiều nhất trước: ${d.progress.map((u) => `${u.unitName} ${chartNumber(u.overdue)} trên ${chartNumber(u.inProgress)} đang giải quyết`).join('; ')}.`,
  });
  return (
    <ChartFigure id="bd-qua-han" title="Hồ sơ đang giải quyết đã quá hạn theo đơn vị" svg={svg}>
      <DataTable
        caption={`Hồ sơ đang giải quyết theo đơn vị chủ trì, tại thời điểm chốt ${formatDateTime(d.query.window.cutoff)}`}
        columns={['Đơn vị', 'Đang giải quyết', 'Đã quá hạn']}
        rows={d.progress.map((u) => {
          const uq: ReportQuery = { ...d.query, unit: { id: u.unitId, code: u.unitCode, name: u.unitName } };
          return { header: u.unitName, cells: [{ html: countLink(uq, 'in_progress', u.inProgress) }, { html: countLink(uq, 'in_progress_overdue', u.overdue) }], attrs: { 'data-unit': u.unitCode } };
        })}
      />
    </ChartFigure>
  );
}

function pointsText(g: GroupScore): string {
  return g.points === null ? 'chưa có dữ liệu' : `${chartNumber(g.points)} / ${g.maxPoints}`;
}

function ScoresChart({ d }: { d: Dashboard }) {
  const top = Math.max(...d.groups.map((g) => g.maxPoints));
  const svg = horizontalBars({
    rows: d.groups.map((g) => ({ label: `${g.code} – ${g.name}`, value: g.points, max: g.maxPoints, text: pointsText(g) })),
    domain: [0, top],
    ticks: integerTicks(top).filter((t) => t <= top),
    tickFormat: chartNumber,
    colour: CHART_COLOURS.navy,
    summary: `Biểu đồ thanh: điểm đề xuất của các nhóm chỉ số QĐ 766 trên điểm tối đa: ${d.groups.map((g) => `${g.name} ${pointsText(g)}`).join('; ')}.`,
  });
  return (
    <ChartFigure id="bd-chi-so" title="Điểm các nhóm chỉ số QĐ 766 (đề xuất)" svg={svg}>
      <DataTable
        caption="Điểm đề xuất theo nhóm chỉ số QĐ 766/QĐ-TTg"
        columns={['Nhóm chỉ số', 'Điểm đề xuất', 'Điểm tối đa']}
        rows={[
          ...d.groups.map((g) => ({ header: `${g.code} – ${g.name}`, cells: [g.points === null ? 'chưa có dữ liệu' : chartNumber(g.points), chartNumber(g.maxPoints)], attrs: { 'data-group': g.code } })),
          { header: 'Tổng (các nhóm có số liệu)', cells: [d.total ? chartNumber(d.total.points) : 'chưa có dữ liệu', d.total ? chartNumber(d.total.outOf) : '—'], attrs: { 'data-group': 'total' } },
        ]}
      />
      <p class="govuk-body-s mc-muted">
        Điểm là đề xuất kỹ thuật của hệ thống, không phải phương pháp chính thức của Quyết định 766/QĐ-TTg; cách tính từng chỉ số ở trang chỉ số.
      </p>
    </ChartFigure>
  );
}

function PeriodForm({ kind, unit, errors }: { kind: PeriodKind; unit: string; errors: FieldError[] }) {
  const error = errorFor(errors, 'ky');
  return (
    <form method="get" action={DASHBOARD_PATH} class="mc-inline-form" novalidate>
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Kỳ báo cáo</legend>
          {error ? (
            <p class="govuk-error-message" id="f-ky-error" safe>
              {error}
            </p>
          ) : (
            ''
          )}
          <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
            {(Object.keys(PERIOD_KINDS) as PeriodKind[]).map((k, i) => (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={i === 0 ? 'f-ky' : `f-ky-${k}`} name="ky" type="radio" value={k} checked={k === kind} />
                <label class="govuk-label govuk-radios__label" for={i === 0 ? 'f-ky' : `f-ky-${k}`}>
                  {PERIOD_KINDS[k]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <Input name="don-vi" label="Mã đơn vị" hint="Để trống: đơn vị của bạn" value={unit} error={errorFor(errors, 'don-vi')} width="20" spellcheck={false} />
      <button type="submit" class="govuk-button" data-module="govuk-button">
        Xem
      </button>
    </form>
  );
}

function Links({ d, actor }: { d: Dashboard | undefined; actor: Actor }) {
  const params = d ? queryParams(d.query) : ({} as Record<string, string>);
  const year = d ? d.query.period.from.slice(0, 4) : '';
  return (
    <nav aria-labelledby="bao-cao-chi-tiet">
      <h2 class="govuk-heading-m" id="bao-cao-chi-tiet">
        Báo cáo chi tiết
      </h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          <a class="govuk-link" href={href(STATISTICS_PATH, params)}>
            Thống kê tình hình giải quyết hồ sơ (từng số liệu, cách tính, tải Excel, CSV)
          </a>
        </li>
        <li>
          <a class="govuk-link" href={href(INDICATORS_PATH, params)}>
            Bộ chỉ số phục vụ người dân, doanh nghiệp theo QĐ 766/QĐ-TTg
          </a>
        </li>
        {(['1', '2', '3', '4'] as const).map((n) => (
          <li>
            <a class="govuk-link" href={`${APPENDIX_PATH}/${n}${year ? `?nam=${year}` : ''}`} safe>
              {`Phụ lục ${['I', 'II', 'III', 'IV'][Number(n) - 1]} – báo cáo rà soát thủ tục, dịch vụ công trực tuyến`}
            </a>
          </li>
        ))}
        {actor.role === 'admin' ? (
          <li>
            <a class="govuk-link" href="/quan-tri/ra-soat">
              Rà soát danh mục dịch vụ công trực tuyến hằng năm
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'leader' ? (
          <li>
            <a class="govuk-link" href="/mot-cua/tre-han">
              Hồ sơ, bước xử lý trễ hạn theo đơn vị
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}

/** Under the year's figures a job made: when they were finished, and a way to make them again. */
function RunNote({ ctx, kind, unit, run }: { ctx: PageContext; kind: PeriodKind; unit: string; run: RunInfo }) {
  return (
    <div class="govuk-inset-text" data-dashboard-run>
      <p class="govuk-body" safe>
        {`Số liệu cả kỳ được lập ở chế độ nền; tính xong lúc ${run.finishedAt ? formatDateTime(run.finishedAt) : '—'}.`}
      </p>
      <form method="post" action={DASHBOARD_PATH} novalidate>
        <CsrfField token={ctx.csrfToken()} />
        <input type="hidden" name="ky" value={kind} />
        <input type="hidden" name="don-vi" value={unit} />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Lập lại với số liệu mới nhất
        </button>
      </form>
    </div>
  );
}

export function DashboardPage({
  ctx,
  kind,
  unit,
  errors,
  d,
  run,
  pending,
}: {
  ctx: PageContext;
  kind: PeriodKind;
  unit: string;
  errors: FieldError[];
  d?: Dashboard | undefined;
  run?: RunInfo | null | undefined;
  pending?: Pending | undefined;
}) {
  return (
    <Layout ctx={ctx} title="Báo cáo, thống kê" wide refreshSeconds={pending?.kind === 'progress' ? PROGRESS_REFRESH_SECONDS : undefined} scripts={pending?.kind === 'progress' ? ['report-progress'] : []}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Báo cáo, thống kê</h1>
      <PeriodForm kind={kind} unit={unit} errors={errors} />
      {d ? (
        <>
          <p class="govuk-body" safe>
            {`${d.query.unit.name} (và các đơn vị trực thuộc), từ ngày ${formatDate(d.query.period.from)} đến ngày ${formatDate(d.query.period.to)}. Hồ sơ đang giải quyết tính đến ${formatDateTime(d.query.window.cutoff)}.`}
          </p>
          {run ? <RunNote ctx={ctx} kind={kind} unit={unit} run={run} /> : ''}
          <Kpis d={d} />
          <h2 class="govuk-heading-m">Biểu đồ</h2>
          <div class="mc-charts">
            <MonthsChart d={d} />
            <OnTimeChart d={d} />
            <OverdueChart d={d} />
            <ScoresChart d={d} />
          </div>
        </>
      ) : (
        ''
      )}
      {pending ? <Progress ctx={ctx} action={DASHBOARD_PATH} p={pending} /> : ''}
      <Links d={d} actor={ctx.actor!} />
    </Layout>
  );
}
