// The appendices as public pages: choose the year, the unit and the level model, read the
// table, download it as Excel or PDF. Tables scroll on their own at 360 px.
import type { FieldError } from '../../platform/errors';
import type { PageContext } from '../../platform/http/context';
import { ErrorSummary, errorFor, fieldId, Input } from '../../web/components';
import { Layout } from '../../web/layout';
import type { Unit } from '../org';
import { APPENDICES, type AppendixNo, type Column, type LevelModel, ROMAN_APPENDIX, type ReportTable, TICK, type TableRow } from './model';

export const REPORT_PATH = '/bao-cao/phu-luc';

export const MODEL_SLUGS: Record<LevelModel, string> = { legacy: 'cu', new: 'moi' };
export const MODEL_LABELS: Record<LevelModel, string> = {
  legacy: 'Bốn mức độ (Nghị định 43/2011/NĐ-CP)',
  new: 'Toàn trình, một phần (Nghị định 42/2022/NĐ-CP)',
};

const APPENDIX_NAMES: Record<AppendixNo, string> = {
  1: 'Tổng số TTHC theo cấp và mức độ',
  2: 'Danh mục TTHC đang triển khai DVCTT',
  3: 'Dịch vụ công đủ điều kiện lên mức cao nhất',
  4: 'Dịch vụ công không đủ điều kiện và lý do',
};

/** What the form shows, as typed. */
export interface ReportForm {
  nam: string;
  'don-vi': string;
  'mo-hinh': string;
}

export interface ReportPageProps {
  ctx: PageContext;
  appendix: AppendixNo | undefined;
  form: ReportForm;
  errors: FieldError[];
  units: Unit[];
  table?: ReportTable | undefined;
  /** Procedures counted; 0 for a unit that performed none on the day. */
  procedures?: number;
  unitName?: string | undefined;
}

export function queryOf(form: ReportForm): string {
  const q = new URLSearchParams();
  if (form.nam) q.set('nam', form.nam);
  if (form['don-vi']) q.set('don-vi', form['don-vi']);
  if (form['mo-hinh']) q.set('mo-hinh', form['mo-hinh']);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function Select(p: { name: string; label: string; value: string; error?: string | undefined; options: { value: string; label: string }[] }) {
  const id = fieldId(p.name);
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id} safe>
        {p.label}
      </label>
      {p.error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{p.error}</span>
        </p>
      ) : (
        ''
      )}
      <select class={`govuk-select${p.error ? ' govuk-select--error' : ''}`} id={id} name={p.name} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ReportPage({ ctx, appendix, form, errors, units, table, procedures, unitName }: ReportPageProps) {
  const title = appendix ? `Phụ lục ${ROMAN_APPENDIX[appendix]}` : 'Phụ lục báo cáo rà soát';
  const unitOptions = [{ value: '', label: 'Toàn tỉnh' }, ...units.map((u) => ({ value: u.code, label: u.name }))];
  // a code typed into the address stays selected (and named in the error) even when the list lacks it
  if (form['don-vi'] && !units.some((u) => u.code === form['don-vi'])) unitOptions.push({ value: form['don-vi'], label: form['don-vi'] });
  const query = queryOf(form);
  return (
    <Layout ctx={ctx} title={`${title} – Báo cáo rà soát dịch vụ công trực tuyến`} wide>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">Báo cáo rà soát dịch vụ công trực tuyến hằng năm</span>
      <h1 class="govuk-heading-l" safe>
        {table ? `${table.label}: ${table.title.join(' ')}` : title}
      </h1>
      <nav aria-label="Các phụ lục">
        <ul class="govuk-list">
          {APPENDICES.map((a) => (
            <li>
              <a class="govuk-link" href={`${REPORT_PATH}/${a}${query}`} aria-current={a === appendix ? 'page' : undefined} safe>
                {`Phụ lục ${ROMAN_APPENDIX[a]}: ${APPENDIX_NAMES[a]}`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={appendix ? `${REPORT_PATH}/${appendix}` : `${REPORT_PATH}/1`} class="mc-inline-form" novalidate>
        <Input name="nam" label="Năm" hint="Ví dụ 2024" value={form.nam} error={errorFor(errors, 'nam')} width="5" inputmode="numeric" spellcheck={false} />
        <Select name="don-vi" label="Đơn vị" value={form['don-vi']} error={errorFor(errors, 'don-vi')} options={unitOptions} />
        <Select
          name="mo-hinh"
          label="Mức độ dịch vụ công trực tuyến"
          value={form['mo-hinh'] || 'cu'}
          error={errorFor(errors, 'mo-hinh')}
          options={(['legacy', 'new'] as const).map((m) => ({ value: MODEL_SLUGS[m], label: MODEL_LABELS[m] }))}
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Xem báo cáo
        </button>
      </form>
      {table && appendix ? <Report appendix={appendix} table={table} query={query} procedures={procedures ?? 0} unitName={unitName} /> : ''}
    </Layout>
  );
}

function Report({ appendix, table, query, procedures, unitName }: { appendix: AppendixNo; table: ReportTable; query: string; procedures: number; unitName: string | undefined }) {
  return (
    <section aria-labelledby="bao-cao">
      <h2 class="govuk-heading-m" id="bao-cao" safe>
        {table.scopeLine}
      </h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${REPORT_PATH}/${appendix}.xlsx${query}`} safe>
            {`Tải ${table.label} dạng bảng tính (Excel)`}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${REPORT_PATH}/${appendix}.pdf${query}`} safe>
            {`Tải ${table.label} để in (PDF)`}
          </a>
        </li>
      </ul>
      {unitName && procedures === 0 ? (
        <div class="govuk-inset-text" safe>
          {`${unitName} không thực hiện thủ tục nào trong danh mục đã công bố tại ngày này; các số liệu dưới đây đều bằng 0.`}
        </div>
      ) : (
        ''
      )}
      <div class="mc-table-scroll" role="region" aria-label={table.label} tabindex="0">
        <Table table={table} nameColumn={appendix === 1 ? 0 : 1} />
      </div>
    </section>
  );
}

function Colgroups({ columns }: { columns: readonly Column[] }) {
  const groups: JSX.Element[] = [];
  for (let i = 0; i < columns.length; i++) {
    const group = columns[i]!.group;
    let span = 1;
    while (group && columns[i + span]?.group === group) span++;
    groups.push(span > 1 ? <colgroup span={String(span)}></colgroup> : <colgroup></colgroup>);
    i += span - 1;
  }
  return <>{groups as 'safe'[]}</>;
}

function Head({ columns }: { columns: readonly Column[] }) {
  const grouped = columns.some((c) => c.group);
  const top: JSX.Element[] = [];
  const bottom: JSX.Element[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (!c.group) {
      top.push(
        <th scope="col" class="govuk-table__header" rowspan={grouped ? '2' : undefined} safe>
          {c.label}
        </th>,
      );
      continue;
    }
    let span = 1;
    while (columns[i + span]?.group === c.group) span++;
    top.push(
      <th scope="colgroup" class="govuk-table__header" colspan={String(span)} safe>
        {c.group}
      </th>,
    );
    for (let j = 0; j < span; j++) {
      bottom.push(
        <th scope="col" class="govuk-table__header" safe>
          {columns[i + j]!.label}
        </th>,
      );
    }
    i += span - 1;
  }
  return (
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">{top as 'safe'[]}</tr>
      {grouped ? <tr class="govuk-table__row">{bottom as 'safe'[]}</tr> : ''}
    </thead>
  );
}

function Cell({ value, header, bold }: { value: string | number; header: boolean; bold: boolean }) {
  const cls = `${header ? 'govuk-table__header' : 'govuk-table__cell'}${bold ? ' govuk-!-font-weight-bold' : ''}`;
  if (value === TICK) {
    // a screen reader hears "có" under the level's heading rather than the letter x
    const inner = (
      <>
        <span aria-hidden="true">{TICK}</span>
        <span class="govuk-visually-hidden">có</span>
      </>
    );
    return header ? <th scope="row" class={cls}>{inner}</th> : <td class={cls}>{inner}</td>;
  }
  return header ? (
    <th scope="row" class={cls} safe>
      {String(value)}
    </th>
  ) : (
    <td class={cls} safe>
      {String(value)}
    </td>
  );
}

function Row({ row, columns, nameColumn }: { row: TableRow; columns: number; nameColumn: number }) {
  if (row.style === 'empty') {
    return (
      <tr class="govuk-table__row">
        <td class="govuk-table__cell" safe>
          {String(row.cells[0] ?? '')}
        </td>
        <td class="govuk-table__cell" colspan={String(columns - 1)}>
          <em safe>{String(row.cells[1] ?? '')}</em>
        </td>
      </tr>
    );
  }
  const bold = row.style !== 'item';
  return <tr class="govuk-table__row">{row.cells.map((v, i) => <Cell value={v} header={i === nameColumn} bold={bold} />) as 'safe'[]}</tr>;
}

function Table({ table, nameColumn }: { table: ReportTable; nameColumn: number }) {
  return (
    <table class="govuk-table mc-table--compact">
      <caption class="govuk-table__caption govuk-visually-hidden" safe>
        {`${table.label}: ${table.title.join(' ')}`}
      </caption>
      <Colgroups columns={table.columns} />
      <Head columns={table.columns} />
      <tbody class="govuk-table__body">{table.rows.map((r) => <Row row={r} columns={table.columns.length} nameColumn={nameColumn} />) as 'safe'[]}</tbody>
    </table>
  );
}
