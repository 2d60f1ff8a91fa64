import type { ChainIssue, ChainReport } from '../../platform/audit';
import type { FieldError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { errorFor, ErrorSummary, fieldId, Input } from '../../web/components';
import { Layout } from '../../web/layout';

export const AUDIT_PATH = '/kiem-tra/nhat-ky';
export const PAGE_SIZE = 50;

export interface AuditRow {
  seq: number;
  at: Date;
  actorName: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  ip: string | null;
}

/** The filter form's fields, named as in the query string, as the auditor typed them. */
export interface AuditQueryValues {
  ma: string;
  'hanh-dong': string;
  'nguoi-dung': string;
  'tu-ngay': string;
  'den-ngay': string;
}

export interface AuditView {
  chain: ChainReport;
  /** The actions present in the log, for the filter's list. */
  actions: string[];
  values: AuditQueryValues;
  errors: FieldError[];
  page: number;
  /** Absent while the filter has errors. */
  rows: AuditRow[] | undefined;
  hasNext: boolean;
}

const ISSUE_TAGS: Record<ChainIssue, string> = {
  content: 'Nội dung bị sửa',
  link: 'Liên kết bị sửa',
  missing: 'Mất bản ghi trước',
};

/** The page's address with the same filters, at another page of results. */
export function auditHref(values: AuditQueryValues, page: number): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== '') q.set(name, value);
  if (page > 1) q.set('trang', String(page));
  const s = q.toString();
  return s ? `${AUDIT_PATH}?${s}` : AUDIT_PATH;
}

function ChainStatus({ chain }: { chain: ChainReport }) {
  if (chain.ok) {
    return <div class="govuk-inset-text" safe>{`Chuỗi băm toàn vẹn: đã kiểm tra ${chain.checked} bản ghi, không phát hiện thay đổi.`}</div>;
  }
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text" safe>
        {`Cảnh báo: nhật ký đã bị can thiệp tại bản ghi số ${chain.brokenAt} (${chain.problem}). ${chain.checked} bản ghi trước đó còn nguyên vẹn.`}
      </strong>
    </div>
  );
}

function ActionSelect({ value, actions, error }: { value: string; actions: string[]; error: string | undefined }) {
  const id = fieldId('hanh-dong');
  // a value typed into the address is kept even when the log has no such action yet
  const options = value !== '' && !actions.includes(value) ? [value, ...actions] : actions;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        Hành động
      </label>
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{error}</span>
        </p>
      ) : (
        ''
      )}
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name="hanh-dong" aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">Tất cả hành động</option>
        {options.map((a) => (
          <option value={a} selected={a === value} safe>
            {a}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterForm({ view }: { view: AuditView }) {
  const { values, errors } = view;
  const dateHint = 'Dạng dd/MM/yyyy, theo giờ Việt Nam';
  return (
    <form method="get" action={AUDIT_PATH} novalidate>
      <h2 class="govuk-heading-m">Lọc nhật ký</h2>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <Input name="ma" label="Mã hồ sơ hoặc mã đối tượng" hint="Nhập đủ cả mã, ví dụ mã hồ sơ hoặc mã thủ tục" value={values.ma} error={errorFor(errors, 'ma')} spellcheck={false} />
        </div>
        <div class="govuk-grid-column-one-half">
          <ActionSelect value={values['hanh-dong']} actions={view.actions} error={errorFor(errors, 'hanh-dong')} />
        </div>
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <Input name="nguoi-dung" label="Người thực hiện" hint="Tên đăng nhập, ví dụ motcua" value={values['nguoi-dung']} error={errorFor(errors, 'nguoi-dung')} autocomplete="off" spellcheck={false} />
        </div>
        <div class="govuk-grid-column-one-quarter">
          <Input name="tu-ngay" label="Từ ngày" hint={dateHint} value={values['tu-ngay']} error={errorFor(errors, 'tu-ngay')} width="10" autocomplete="off" />
        </div>
        <div class="govuk-grid-column-one-quarter">
          <Input name="den-ngay" label="Đến ngày" hint={dateHint} value={values['den-ngay']} error={errorFor(errors, 'den-ngay')} width="10" autocomplete="off" />
        </div>
      </div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Lọc
        </button>
        <a class="govuk-link" href={AUDIT_PATH}>
          Bỏ lọc
        </a>
      </div>
    </form>
  );
}

function PrevNext({ view }: { view: AuditView }) {
  if (view.page === 1 && !view.hasNext) return <></>;
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label="Phân trang">
      {view.page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={auditHref(view.values, view.page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">Trang trước</span>
          </a>
        </div>
      ) : (
        ''
      )}
      {view.hasNext ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={auditHref(view.values, view.page + 1)} rel="next">
            <span class="govuk-pagination__link-title">Trang sau</span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

function actorText(r: AuditRow): string {
  if (!r.actorName) return r.actorRole ? `— (${r.actorRole})` : '—';
  return r.actorUsername ? `${r.actorName} (${r.actorUsername})` : r.actorName;
}

function EntriesTable({ rows, page, chain }: { rows: AuditRow[]; page: number; chain: ChainReport }) {
  return (
    <div class="mc-table-scroll" role="region" aria-label="Bảng nhật ký" tabindex="0">
      <table class="govuk-table mc-table--compact">
        <caption class="govuk-table__caption govuk-table__caption--m" safe>{`Sự kiện, mới nhất trước – trang ${page}`}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Số</th>
            <th scope="col" class="govuk-table__header">Thời điểm</th>
            <th scope="col" class="govuk-table__header">Người thực hiện</th>
            <th scope="col" class="govuk-table__header">Hành động</th>
            <th scope="col" class="govuk-table__header">Đối tượng</th>
            <th scope="col" class="govuk-table__header">Lý do</th>
            <th scope="col" class="govuk-table__header">Địa chỉ IP</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                {r.seq}
                {!chain.ok && chain.brokenAt === r.seq && chain.issue ? (
                  <>
                    {' '}
                    <strong class="govuk-tag govuk-tag--red" safe>
                      {ISSUE_TAGS[chain.issue]}
                    </strong>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td class="govuk-table__cell" safe>
                {formatDateTime(r.at)}
              </td>
              <td class="govuk-table__cell" safe>
                {actorText(r)}
              </td>
              <td class="govuk-table__cell" safe>
                {r.action}
              </td>
              <td class="govuk-table__cell" safe>
                {[r.entityType ?? '—', r.entityId ?? ''].join(' ')}
              </td>
              <td class="govuk-table__cell" safe>
                {r.reason ?? ''}
              </td>
              <td class="govuk-table__cell" safe>
                {r.ip ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditPage({ ctx, view }: { ctx: PageContext; view: AuditView }) {
  return (
    <Layout ctx={ctx} title={view.errors.length > 0 ? 'Lỗi: Nhật ký hệ thống' : 'Nhật ký hệ thống'} wide>
      <ErrorSummary errors={view.errors} />
      <h1 class="govuk-heading-l">Nhật ký hệ thống</h1>
      <ChainStatus chain={view.chain} />
      <FilterForm view={view} />
      {view.rows === undefined ? (
        <p class="govuk-body">Hãy sửa bộ lọc để xem nhật ký.</p>
      ) : view.rows.length === 0 ? (
        <p class="govuk-body">Không có sự kiện nào khớp với bộ lọc.</p>
      ) : (
        <EntriesTable rows={view.rows} page={view.page} chain={view.chain} />
      )}
      <PrevNext view={view} />
    </Layout>
  );
}
