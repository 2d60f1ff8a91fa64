// Pages of the statistics: the leaders' statistics and indicators (every figure a link to the
// dossiers behind it, its formula beside it), the drill-down list, and the public page.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { CsrfField, ErrorSummary, errorFor, fieldId, Input } from '../../web/components';
import { Layout } from '../../web/layout';
import { STATE_LABELS } from '../dossiers';
import {
  daysText,
  LATE_AT_UNIT,
  LATE_AT_UNIT_DEF,
  type MeasureGroup,
  type MeasureKey,
  MEASURE_KEYS,
  MEASURES,
  numberText,
  type Operand,
  percentText,
  PROCESSING_FORMULA,
  progressText,
  type Rate,
  SCORE_NOTE,
} from './model';
import { PublicCharts } from './dashboard-public';
import type { RunInfo } from './jobs';
import { type DrillDown, type Indicators, type PublicStatistics, queryParams, type ReportQuery, type Statistics } from './service';

export const STATISTICS_PATH = '/bao-cao/thong-ke';
export const INDICATORS_PATH = '/bao-cao/chi-so';
export const DRILL_PATH = '/bao-cao/thong-ke/ho-so';
export const PUBLIC_PATH = '/thong-ke';
/** A long report's run: its progress as JSON, for the page's script. */
export const RUN_PATH = '/bao-cao/lan-lap';

export type FormValues = Record<string, string>;

const CHANNEL_LABELS: Record<string, string> = { online: 'Trực tuyến', counter: 'Trực tiếp', post: 'Bưu chính', national_portal: 'Cổng DVCQG' };

function href(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

export function drillHref(q: ReportQuery, measure: string, extra: Record<string, string> = {}): string {
  return href(DRILL_PATH, { 'do-do': measure, ...queryParams(q), ...extra });
}

/** A count that opens the list behind it. */
function Count({ q, measure, value, extra }: { q: ReportQuery; measure: string; value: number; extra?: Record<string, string> }) {
  return (
    <a class="govuk-link" href={drillHref(q, measure, extra)} safe>
      {numberText(value)}
    </a>
  );
}

function FilterForm({ action, values, errors, fields, periodKinds }: { action: string; values: FormValues; errors: FieldError[]; fields: { code: string; name: string }[]; periodKinds?: boolean }) {
  const v = (k: string) => values[k] ?? '';
  return (
    <form method="get" action={action} class="mc-inline-form" novalidate>
      <Input name="tu" label="Từ ngày" hint="Ví dụ 01/01/2026" value={v('tu')} error={errorFor(errors, 'tu')} width="10" spellcheck={false} />
      <Input name="den" label="Đến ngày" hint="Ví dụ 31/12/2026" value={v('den')} error={errorFor(errors, 'den')} width="10" spellcheck={false} />
      {periodKinds ? (
        <>
          <Input name="thang" label="Hoặc tháng" hint="Ví dụ 11/2026" value={v('thang')} error={errorFor(errors, 'thang')} width="10" spellcheck={false} />
          <Input name="quy" label="Hoặc quý" hint="Ví dụ 3/2026" value={v('quy')} error={errorFor(errors, 'quy')} width="5" spellcheck={false} />
          <Input name="nam" label="Hoặc năm" hint="Ví dụ 2026" value={v('nam')} error={errorFor(errors, 'nam')} width="5" spellcheck={false} />
        </>
      ) : (
        ''
      )}
      <Input name="don-vi" label="Mã đơn vị" hint="Để trống: đơn vị của bạn" value={v('don-vi')} error={errorFor(errors, 'don-vi')} width="20" spellcheck={false} />
      <div class={`govuk-form-group${errorFor(errors, 'linh-vuc') ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={fieldId('linh-vuc')}>
          Lĩnh vực
        </label>
        {errorFor(errors, 'linh-vuc') ? (
          <p class="govuk-error-message" safe>
            {errorFor(errors, 'linh-vuc')}
          </p>
        ) : (
          ''
        )}
        <select class="govuk-select" id={fieldId('linh-vuc')} name="linh-vuc">
          <option value="">Tất cả lĩnh vực</option>
          {fields.map((f) => (
            <option value={f.code} selected={f.code === v('linh-vuc')} safe>
              {f.name}
            </option>
          ))}
        </select>
      </div>
      <Input name="thu-tuc" label="Mã thủ tục" hint="Ví dụ 1.001193" value={v('thu-tuc')} error={errorFor(errors, 'thu-tuc')} width="10" spellcheck={false} />
      <button type="submit" class="govuk-button" data-module="govuk-button">
        Xem
      </button>
    </form>
  );
}

function Heading({ q }: { q: ReportQuery }) {
  const filters = [q.field ? `lĩnh vực ${q.field.name}` : '', q.procedure ? `thủ tục ${q.procedure.code} ${q.procedure.name}` : ''].filter(Boolean).join(', ');
  return (
    <p class="govuk-body" safe>
      {`${q.unit.name} (và các đơn vị trực thuộc), từ ngày ${formatDate(q.period.from)} đến ngày ${formatDate(q.period.to)}${filters ? `; ${filters}` : ''}. Thời điểm chốt hồ sơ đang giải quyết: ${formatDateTime(q.window.cutoff)}.`}
    </p>
  );
}

function Downloads({ path, q, run }: { path: string; q: ReportQuery; run?: RunInfo | null | undefined }) {
  // a job's figures download as they are (lan: the run), not computed again
  const params = { ...queryParams(q), ...(run ? { lan: run.id } : {}) };
  return (
    <ul class="govuk-list">
      <li>
        <a class="govuk-link" href={href(`${path}.xlsx`, params)}>
          Tải về bảng tính (Excel)
        </a>
      </li>
      <li>
        <a class="govuk-link" href={href(`${path}.csv`, params)}>
          Tải về CSV (UTF-8)
        </a>
      </li>
    </ul>
  );
}

const GROUP_TITLES: Record<MeasureGroup, string> = {
  reception: 'Tiếp nhận',
  settlement: 'Đã giải quyết',
  progress: 'Đang giải quyết',
  other: 'Bổ sung, từ chối, rút, hủy',
  quality: 'Chất lượng phục vụ',
};

function MeasureTable({ s, group }: { s: Statistics; group: MeasureGroup }) {
  const keys = MEASURE_KEYS.filter((k) => MEASURES[k].group === group);
  return (
    <table class="govuk-table mc-table--compact">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {GROUP_TITLES[group]}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Chỉ tiêu
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Số hồ sơ
          </th>
          <th scope="col" class="govuk-table__header">
            Cách tính
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {keys.map((k) => (
          <tr class="govuk-table__row" id={`do-${k}`}>
            <th scope="row" class="govuk-table__header">
              {MEASURES[k].label}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric" data-measure={k}>
              <Count q={s.query} measure={k} value={s.counts[k]} />
            </td>
            <td class="govuk-table__cell">
              {MEASURES[k].formula}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RateLine({ q, label, r, num, den, formula }: { q: ReportQuery; label: string; r: Rate; num: MeasureKey; den: MeasureKey; formula: string }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {label}
      </dt>
      <dd class="govuk-summary-list__value">
        <strong safe>{percentText(r)}</strong> (<Count q={q} measure={num} value={r.numerator} /> ÷ <Count q={q} measure={den} value={r.denominator} />)
        <br />
        <span class="govuk-hint" safe>
          {formula}
        </span>
      </dd>
    </div>
  );
}

/** How a long report stands when it has no figures to show yet: in progress, or failed. */
export type Pending = { kind: 'progress' | 'failed'; run: RunInfo; params: Record<string, string> };

/** Seconds between reloads of a page that waits for a job. */
export const PROGRESS_REFRESH_SECONDS = 3;

export function runPath(id: string): string {
  return `${RUN_PATH}/${encodeURIComponent(id)}`;
}

/** A job's progress: text that works without JavaScript (the page reloads itself), updated in place with it. */
export function Progress({ ctx, action, p }: { ctx: PageContext; action: string; p: Pending }) {
  const { run } = p;
  if (p.kind === 'failed') {
    return (
      <section aria-labelledby="lap-bao-cao">
        <h2 class="govuk-heading-m" id="lap-bao-cao">
          Chưa lập được báo cáo
        </h2>
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <p class="govuk-body" safe>
              {run.error ?? 'Không lập được báo cáo.'}
            </p>
          </div>
        </div>
        <Again ctx={ctx} action={action} params={p.params} label="Lập lại báo cáo" />
      </section>
    );
  }
  return (
    <section aria-labelledby="lap-bao-cao" data-report-run={runPath(run.id)}>
      <h2 class="govuk-heading-m" id="lap-bao-cao">
        Đang lập báo cáo
      </h2>
      <p class="govuk-body">
        Kỳ báo cáo dài nên hệ thống lập báo cáo ở chế độ nền. Trang tự tải lại sau vài giây và hiện kết quả khi xong; bạn có thể rời trang và mở lại sau, kết quả được giữ lại.
      </p>
      <p class="govuk-body govuk-!-font-weight-bold" role="status" aria-live="polite" data-progress-text safe>
        {progressText(run.unitsDone, run.unitsTotal, run.status)}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${action}?${new URLSearchParams(p.params).toString()}`}>
          Tải lại trang
        </a>
      </p>
    </section>
  );
}

function Again({ ctx, action, params, label }: { ctx: PageContext; action: string; params: Record<string, string>; label: string }) {
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={ctx.csrfToken()} />
      {Object.entries(params).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
        {label}
      </button>
    </form>
  );
}

/** Under figures a job made: when they were finished, and a way to make them again from the current data. */
function RunNote({ ctx, action, q, run }: { ctx: PageContext; action: string; q: ReportQuery; run: RunInfo }) {
  return (
    <div class="govuk-inset-text">
      <p class="govuk-body" safe>
        {`Báo cáo kỳ dài được lập ở chế độ nền; số liệu tính xong lúc ${run.finishedAt ? formatDateTime(run.finishedAt) : '—'}.`}
      </p>
      <Again ctx={ctx} action={action} params={queryParams(q)} label="Lập lại báo cáo với số liệu mới nhất" />
    </div>
  );
}

export function StatisticsPage({ ctx, values, errors, fields, s, run, pending }: { ctx: PageContext; values: FormValues; errors: FieldError[]; fields: { code: string; name: string }[]; s?: Statistics | undefined; run?: RunInfo | null | undefined; pending?: Pending | undefined }) {
  return (
    <Layout ctx={ctx} title="Thống kê hồ sơ" wide refreshSeconds={pending?.kind === 'progress' ? PROGRESS_REFRESH_SECONDS : undefined} scripts={pending?.kind === 'progress' ? ['report-progress'] : []}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Thống kê tình hình giải quyết hồ sơ</h1>
      <FilterForm action={STATISTICS_PATH} values={values} errors={errors} fields={fields} />
      {pending ? <Progress ctx={ctx} action={STATISTICS_PATH} p={pending} /> : ''}
      {s && run ? <RunNote ctx={ctx} action={STATISTICS_PATH} q={s.query} run={run} /> : ''}
      {s ? <StatisticsBody s={s} run={run} /> : ''}
    </Layout>
  );
}

function StatisticsBody({ s, run }: { s: Statistics; run?: RunInfo | null | undefined }) {
  const q = s.query;
  const empty = s.counts.submitted === 0 && s.counts.received === 0 && s.counts.settled === 0 && s.counts.in_progress === 0;
  return (
    <section aria-labelledby="ket-qua">
      <h2 class="govuk-heading-m" id="ket-qua">
        Kết quả
      </h2>
      <Heading q={q} />
      {empty ? <p class="govuk-inset-text">Không có hồ sơ nào trong kỳ và phạm vi đã chọn; các tỷ lệ hiển thị “—” (không tính được), không phải 0 %.</p> : ''}
      <Downloads path={STATISTICS_PATH} q={q} run={run} />
      <dl class="govuk-summary-list">
        <RateLine q={q} label="Tỷ lệ giải quyết đúng hạn" r={s.onTime} num="settled_on_time" den="settled" formula="Hồ sơ giải quyết đúng hạn, trước hạn ÷ hồ sơ đã giải quyết trong kỳ" />
        <RateLine q={q} label="Tỷ lệ người dân tự nộp trực tuyến" r={s.online} num="received_online_self" den="received" formula="Hồ sơ người dân tự nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ; hồ sơ cán bộ nhập hộ tại quầy, qua bưu chính hoặc nhập hộ trên mạng không tính là tự nộp" />
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Thời gian giải quyết trung bình</dt>
          <dd class="govuk-summary-list__value">
            <strong safe>{daysText(s.processing.averageDays)}</strong> (trên <Count q={q} measure="settled" value={s.processing.dossiers} /> hồ sơ)
            <br />
            <span class="govuk-hint">
              {PROCESSING_FORMULA}
            </span>
          </dd>
        </div>
      </dl>
      {(['reception', 'settlement', 'progress', 'other', 'quality'] as const).map((g) => (
        <MeasureTable s={s} group={g} />
      ))}
      <table class="govuk-table mc-table--compact">
        <caption class="govuk-table__caption govuk-table__caption--m">Hồ sơ trễ hạn theo đơn vị làm chậm</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Đơn vị
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Số hồ sơ
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {s.lateByUnit.map((l) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {l.unitName}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric" data-late-unit={l.unitCode}>
                <Count q={q} measure={LATE_AT_UNIT} value={l.dossiers} extra={{ 'don-vi-tre': l.unitCode }} />
              </td>
            </tr>
          ))}
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              Chưa xác định được bước trễ
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Count q={q} measure="late_unattributed" value={s.counts.late_unattributed} />
            </td>
          </tr>
        </tbody>
      </table>
      <p class="govuk-body-s" safe>
        {LATE_AT_UNIT_DEF.formula}
      </p>
    </section>
  );
}

function operandLink(q: ReportQuery, o: Operand | null, value: number | undefined) {
  if (!o || value === undefined) return <>–</>;
  return <Count q={q} measure={o.measure} value={value} />;
}

export function IndicatorsPage({ ctx, values, errors, fields, r, run, pending }: { ctx: PageContext; values: FormValues; errors: FieldError[]; fields: { code: string; name: string }[]; r?: Indicators | undefined; run?: RunInfo | null | undefined; pending?: Pending | undefined }) {
  return (
    <Layout ctx={ctx} title="Chỉ số phục vụ người dân, doanh nghiệp" wide refreshSeconds={pending?.kind === 'progress' ? PROGRESS_REFRESH_SECONDS : undefined} scripts={pending?.kind === 'progress' ? ['report-progress'] : []}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ (QĐ 766/QĐ-TTg)</h1>
      <FilterForm action={INDICATORS_PATH} values={values} errors={errors} fields={fields} periodKinds />
      {pending ? <Progress ctx={ctx} action={INDICATORS_PATH} p={pending} /> : ''}
      {r && run ? <RunNote ctx={ctx} action={INDICATORS_PATH} q={r.query} run={run} /> : ''}
      {r ? <IndicatorsBody r={r} run={run} /> : ''}
    </Layout>
  );
}

function IndicatorsBody({ r, run }: { r: Indicators; run?: RunInfo | null | undefined }) {
  const q = r.query;
  return (
    <section aria-labelledby="chi-so">
      <h2 class="govuk-heading-m" id="chi-so">
        Chỉ số
      </h2>
      <Heading q={q} />
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          {SCORE_NOTE}
        </strong>
      </div>
      <Downloads path={INDICATORS_PATH} q={q} run={run} />
      <p class="govuk-body">
        <strong>Tổng điểm đề xuất: </strong>
        <span>{r.total ? `${r.total.points.toLocaleString('vi-VN')} / ${r.total.outOf} điểm (trên các nhóm có số liệu; tổng tối đa 100)` : 'chưa có dữ liệu'}</span>
      </p>
      {r.groups.map((g) => (
        <table class="govuk-table mc-table--compact" id={`nhom-${g.code}`}>
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {`${g.code} – ${g.name}: ${g.points === null ? 'chưa có dữ liệu' : `${g.points.toLocaleString('vi-VN')} / ${g.maxPoints} điểm (đề xuất)`}`}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Chỉ số
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Tử số
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Mẫu số
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Giá trị
              </th>
              <th scope="col" class="govuk-table__header">
                Cách tính
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {g.indicators.map((v) => (
              <tr class="govuk-table__row" data-indicator={v.def.code}>
                <th scope="row" class="govuk-table__header" safe>
                  {`${v.def.code} ${v.def.label}`}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{v.rate ? operandLink(q, v.def.numerator, v.rate.numerator) : '–'}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{v.rate ? operandLink(q, v.def.denominator, v.rate.denominator) : '–'}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-value>
                  {v.rate ? <span safe>{v.def.countOnly && v.def.code === 'TDGQ.2' ? numberText(v.rate.numerator) : percentText(v.rate)}</span> : <em>chưa có dữ liệu</em>}
                </td>
                <td class="govuk-table__cell">
                  <span safe>{v.def.formula}</span>
                  {v.def.missing ? (
                    <>
                      <br />
                      <span class="govuk-hint" safe>
                        {v.def.missing}
                      </span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <UnitRatesTable q={q} units={r.byUnit} />
    </section>
  );
}

function UnitRatesTable({ q, units }: { q: ReportQuery; units: Indicators['byUnit'] }) {
  if (units.length === 0) return <p class="govuk-body">Không có hồ sơ nào của các đơn vị trong kỳ.</p>;
  return (
    <table class="govuk-table mc-table--compact">
      <caption class="govuk-table__caption govuk-table__caption--m">Theo đơn vị chủ trì giải quyết</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Đúng hạn', 'Tự nộp trực tuyến', 'Hài lòng', 'Số hóa'].map((h) => (
            <th scope="col" class="govuk-table__header" safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {units.map((u) => {
          const uq: ReportQuery = { ...q, unit: { id: u.unitId, code: u.unitCode, name: u.unitName } };
          return (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {u.unitName}
              </th>
              <td class="govuk-table__cell">
                <Count q={uq} measure="received" value={u.received} />
              </td>
              <td class="govuk-table__cell">
                <Count q={uq} measure="settled" value={u.settled} />
              </td>
              <td class="govuk-table__cell" safe>
                {percentText(u.onTime)}
              </td>
              <td class="govuk-table__cell" safe>
                {percentText(u.online)}
              </td>
              <td class="govuk-table__cell" safe>
                {percentText(u.satisfied)}
              </td>
              <td class="govuk-table__cell" safe>
                {percentText(u.digitised)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DrillPage({ ctx, values, errors, d }: { ctx: PageContext; values: FormValues; errors: FieldError[]; d?: DrillDown | undefined }) {
  return (
    <Layout ctx={ctx} title="Danh sách hồ sơ theo số liệu" wide>
      <ErrorSummary errors={errors} />
      {d ? (
        <DrillBody d={d} />
      ) : (
        <>
          <h1 class="govuk-heading-l">Danh sách hồ sơ theo số liệu</h1>
          <p class="govuk-body">Chọn một số liệu trên trang thống kê hoặc trang chỉ số để xem danh sách hồ sơ (hoặc thủ tục) tạo nên số liệu đó.</p>
          <p class="govuk-body">
            <a class="govuk-link" href={href(STATISTICS_PATH, Object.fromEntries(Object.entries(values).filter(([k]) => ['tu', 'den', 'don-vi', 'linh-vuc', 'thu-tuc'].includes(k))))}>
              Quay lại trang thống kê
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

function DrillBody({ d }: { d: DrillDown }) {
  const q = d.query;
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
  const extra = d.kind === 'dossiers' && d.lateUnit ? { 'don-vi-tre': d.lateUnit.code } : ({} as Record<string, string>);
  const pageLink = (p: number) => drillHref(q, d.measure, { ...extra, trang: String(p) });
  return (
    <>
      <span class="govuk-caption-l">
        {d.kind === 'procedures' ? 'Danh sách thủ tục' : 'Danh sách hồ sơ'}
      </span>
      <h1 class="govuk-heading-l" safe>
        {`${d.label}: ${numberText(d.total)}`}
      </h1>
      <Heading q={q} />
      <p class="govuk-inset-text" safe>
        {`Cách tính: ${d.formula}`}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={href(STATISTICS_PATH, queryParams(q))}>
          Quay lại trang thống kê
        </a>
      </p>
      {d.total === 0 ? <p class="govuk-body">Không có {d.kind === 'procedures' ? 'thủ tục' : 'hồ sơ'} nào.</p> : d.kind === 'procedures' ? <ProcedureList d={d} /> : <DossierList d={d} />}
      {pages > 1 ? (
        <nav class="govuk-pagination" aria-label="Phân trang">
          <p class="govuk-body" safe>{`Trang ${d.page}/${pages}`}</p>
          <ul class="govuk-pagination__list">
            {d.page > 1 ? (
              <li class="govuk-pagination__item">
                <a class="govuk-link govuk-pagination__link" href={pageLink(d.page - 1)} rel="prev">
                  Trang trước
                </a>
              </li>
            ) : (
              ''
            )}
            {d.page < pages ? (
              <li class="govuk-pagination__item">
                <a class="govuk-link govuk-pagination__link" href={pageLink(d.page + 1)} rel="next">
                  Trang sau
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </nav>
      ) : (
        ''
      )}
    </>
  );
}

function day(d: Date | null): string {
  return d ? formatDate(d) : '';
}

function DossierList({ d }: { d: Extract<DrillDown, { kind: 'dossiers' }> }) {
  return (
    <div class="mc-table-scroll" role="region" aria-label="Danh sách hồ sơ" tabindex="0">
      <table class="govuk-table mc-table--compact">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {['Mã hồ sơ', 'Thủ tục', 'Đơn vị chủ trì', 'Kênh', 'Nộp', 'Tiếp nhận', 'Hạn pháp lý', 'Giải quyết', 'Trả kết quả', 'Trạng thái hiện nay'].map((h) => (
              <th scope="col" class="govuk-table__header" safe>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {d.rows.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/mot-cua/ho-so/${encodeURIComponent(r.code)}`} safe>
                  {r.code}
                </a>
              </td>
              <td class="govuk-table__cell" safe>
                {`${r.procedureCode} ${r.procedureName}`}
              </td>
              <td class="govuk-table__cell" safe>
                {r.unitName ?? ''}
              </td>
              <td class="govuk-table__cell" safe>
                {CHANNEL_LABELS[r.channel] ?? r.channel}
              </td>
              <td class="govuk-table__cell" safe>
                {day(r.submittedAt)}
              </td>
              <td class="govuk-table__cell" safe>
                {day(r.receivedAt)}
              </td>
              <td class="govuk-table__cell" safe>
                {day(r.dueAt)}
              </td>
              <td class="govuk-table__cell" safe>
                {day(r.settledAt)}
              </td>
              <td class="govuk-table__cell" safe>
                {day(r.deliveredAt)}
              </td>
              <td class="govuk-table__cell" safe>
                {STATE_LABELS[r.state]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProcedureList({ d }: { d: Extract<DrillDown, { kind: 'procedures' }> }) {
  return (
    <table class="govuk-table mc-table--compact">
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Mã thủ tục', 'Tên thủ tục', 'Trạng thái', 'Mức trực tuyến'].map((h) => (
            <th scope="col" class="govuk-table__header" safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {d.rows.map((p) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/thu-tuc/${encodeURIComponent(p.code)}`} safe>
                {p.code}
              </a>
            </td>
            <td class="govuk-table__cell" safe>
              {p.name}
            </td>
            <td class="govuk-table__cell">
              {p.status === 'published' ? 'Đang công khai' : p.status === 'draft' ? 'Bản nháp' : 'Ngừng công khai'}
            </td>
            <td class="govuk-table__cell">
              {p.onlineLevel === 'toan_trinh' ? 'Toàn trình' : p.onlineLevel === 'mot_phan' ? 'Một phần' : 'Không trực tuyến'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PublicPage({ ctx, values, errors, p }: { ctx: PageContext; values: FormValues; errors: FieldError[]; p?: PublicStatistics | undefined }) {
  const v = (k: string) => values[k] ?? '';
  return (
    <Layout ctx={ctx} title="Thống kê giải quyết hồ sơ">
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Tình hình giải quyết hồ sơ</h1>
      <p class="govuk-body">Tỷ lệ hồ sơ giải quyết đúng hạn và tỷ lệ hồ sơ người dân tự nộp trực tuyến của từng cơ quan, đơn vị trong kỳ.</p>
      <form method="get" action={PUBLIC_PATH} class="mc-inline-form" novalidate>
        <Input name="tu" label="Từ ngày" hint="Ví dụ 01/01/2026" value={v('tu')} error={errorFor(errors, 'tu')} width="10" spellcheck={false} />
        <Input name="den" label="Đến ngày" hint="Ví dụ 31/12/2026" value={v('den')} error={errorFor(errors, 'den')} width="10" spellcheck={false} />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Xem
        </button>
      </form>
      {p ? (
        <>
          <p class="govuk-body" safe>{`Từ ngày ${formatDate(p.period.from)} đến ngày ${formatDate(p.period.to)}: toàn tỉnh tiếp nhận ${numberText(p.province.received)} hồ sơ, giải quyết ${numberText(p.province.settled)} hồ sơ; đúng hạn ${percentText(p.province.onTime)}; tự nộp trực tuyến ${percentText(p.province.online)}.`}</p>
          <PublicCharts p={p} />
          {p.units.length === 0 ? (
            <p class="govuk-body">Không có hồ sơ nào trong kỳ; các tỷ lệ hiển thị “—”.</p>
          ) : (
            <div class="mc-table-scroll" role="region" aria-label="Theo đơn vị" tabindex="0">
              <table class="govuk-table mc-table--compact">
                <caption class="govuk-table__caption govuk-table__caption--s">Theo cơ quan, đơn vị (số liệu của các biểu đồ)</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    {['Cơ quan, đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Đúng hạn', 'Tự nộp trực tuyến'].map((h) => (
                      <th scope="col" class="govuk-table__header" safe>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {p.units.map((u) => (
                    <tr class="govuk-table__row">
                      <th scope="row" class="govuk-table__header" safe>
                        {u.unitName}
                      </th>
                      <td class="govuk-table__cell" safe>
                        {numberText(u.received)}
                      </td>
                      <td class="govuk-table__cell" safe>
                        {numberText(u.settled)}
                      </td>
                      <td class="govuk-table__cell" safe>
                        {`${percentText(u.onTime)} (${u.onTime.numerator}/${u.onTime.denominator})`}
                      </td>
                      <td class="govuk-table__cell" safe>
                        {`${percentText(u.online)} (${u.online.numerator}/${u.online.denominator})`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="govuk-body-s">Đúng hạn: hồ sơ giải quyết trước hoặc đúng hạn ÷ hồ sơ đã giải quyết trong kỳ. Tự nộp trực tuyến: hồ sơ người dân tự nộp trên Cổng ÷ hồ sơ tiếp nhận (không tính hồ sơ cán bộ nhập hộ). “—”: không có hồ sơ để tính.</p>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
