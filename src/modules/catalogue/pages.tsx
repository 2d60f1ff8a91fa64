import { escapeHtml } from '@kitajs/html';
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, SummaryList } from '../../web/components';
import { Layout } from '../../web/layout';
import { describeFee, describeTime } from './describe';
import {
  APPLICANT_KIND_LABELS,
  type AgencyRef,
  CHANNEL_LABELS,
  COMPONENT_FORM_LABELS,
  type Field,
  ONLINE_LEVEL_LABELS,
  onlineLevelOf,
  type OnlineLevel,
  type Procedure,
  TIER_LABELS,
  type Tier,
} from './model';
import type { ProcedureRow, SearchHit } from './store';

const LEVEL_CLASS: Record<OnlineLevel, string> = { toan_trinh: 'mc-level--toan-trinh', mot_phan: 'mc-level--mot-phan', none: 'mc-level--none' };

export function LevelTag({ level }: { level: OnlineLevel }) {
  return (
    <strong class={`mc-level ${LEVEL_CLASS[level]}`} safe>
      {ONLINE_LEVEL_LABELS[level]}
    </strong>
  );
}

/**
 * The level the procedure's configuration supports and, when it is not toàn trình, every
 * condition it fails (DOMAIN.md §2.4): for the public page and the administrators' editor.
 */
export function LevelReasons({ p, heading }: { p: Parameters<typeof onlineLevelOf>[0]; heading: string }) {
  const { level, gaps } = onlineLevelOf(p);
  if (level === 'toan_trinh') return <></>;
  return (
    <div class="mc-level-reasons">
      <p class="govuk-body" safe>
        {heading}
      </p>
      <ul class="govuk-list govuk-list--bullet">
        {gaps.map((g) => (
          <li safe>{g.reason.charAt(0).toUpperCase() + g.reason.slice(1)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The level computed from a record typed in the editor, if it has the fields the rule needs. */
function levelOfJson(json: string): Parameters<typeof onlineLevelOf>[0] | undefined {
  try {
    const r = JSON.parse(json) as Record<string, unknown>;
    const flags = ['requiresPresence', 'requiresSiteInspection', 'feePayableOnline', 'resultDeliverableOnlineOrPost'] as const;
    if (!flags.every((k) => typeof r[k] === 'boolean') || ![1, 2, 3, 4].includes(r.legacyLevel as number) || !Array.isArray(r.fees)) return undefined;
    return r as unknown as Parameters<typeof onlineLevelOf>[0];
  } catch {
    return undefined;
  }
}

export interface ListFilters {
  q?: string | undefined;
  cap?: Tier | undefined;
  linhvuc?: string | undefined;
  mucdo?: OnlineLevel | undefined;
  coquan?: string | undefined;
  trang: number;
}

function queryString(f: ListFilters, page: number): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.cap) p.set('cap', f.cap);
  if (f.linhvuc) p.set('linhvuc', f.linhvuc);
  if (f.mucdo) p.set('mucdo', f.mucdo);
  if (f.coquan) p.set('coquan', f.coquan);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function Select({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="govuk-form-group mc-filter">
      <label class="govuk-label" for={`f-${name}`} safe>
        {label}
      </label>
      <select class="govuk-select" id={`f-${name}`} name={name}>
        <option value="">Tất cả</option>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value} safe>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ProcedureCards({ items }: { items: SearchHit[] }) {
  return (
    <ul class="mc-card-list">
      {items.map((p) => (
        <li class="mc-card">
          <h3 class="mc-card__title">
            <a class="govuk-link mc-card__link" href={`/thu-tuc/${p.code}`} safe>
              {p.name}
            </a>
          </h3>
          <p class="mc-card__meta" safe>{`${p.code} · ${p.fieldName} · ${TIER_LABELS[p.tier]}`}</p>
          <p class="mc-card__tags">
            <LevelTag level={p.onlineLevel} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ProcedureListPage(props: {
  ctx: PageContext;
  filters: ListFilters;
  items: SearchHit[];
  total: number;
  pageSize: number;
  fields: Field[];
  agencyName?: string | undefined;
}) {
  const { ctx, filters, items, total, pageSize } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Layout ctx={ctx} title={filters.q ? `Tìm “${filters.q}”` : 'Thủ tục hành chính'}>
      <h1 class="govuk-heading-l">Thủ tục hành chính</h1>
      <form method="get" action="/thu-tuc" role="search" class="mc-search">
        <label class="govuk-label govuk-label--s" for="f-q">
          Tìm theo tên hoặc mã thủ tục
        </label>
        <div class="govuk-hint" id="f-q-hint">
          Gõ có dấu hoặc không dấu, ví dụ: khai sinh, dang ky ket hon, 1.001193
        </div>
        <div class="mc-search__row">
          <input class="govuk-input mc-search__input" id="f-q" name="q" type="search" value={filters.q} aria-describedby="f-q-hint" maxlength="200" />
          <button type="submit" class="govuk-button mc-search__button">
            Tìm kiếm
          </button>
        </div>
        <details class="govuk-details" open={Boolean(filters.cap || filters.linhvuc || filters.mucdo)}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Lọc theo cấp, lĩnh vực, mức độ</span>
          </summary>
          <div class="govuk-details__text">
            <Select name="cap" label="Cấp thực hiện" value={filters.cap} options={[['tinh', 'Cấp tỉnh'], ['xa', 'Cấp xã'], ['huyen', 'Cấp huyện (trước 01/07/2025)']]} />
            <Select name="linhvuc" label="Lĩnh vực" value={filters.linhvuc} options={props.fields.map((f) => [f.code, f.name])} />
            <Select name="mucdo" label="Mức độ trực tuyến" value={filters.mucdo} options={[['toan_trinh', 'Toàn trình'], ['mot_phan', 'Một phần'], ['none', 'Không trực tuyến']]} />
            {filters.coquan ? <input type="hidden" name="coquan" value={filters.coquan} /> : ''}
            <button type="submit" class="govuk-button govuk-button--secondary">
              Áp dụng bộ lọc
            </button>
          </div>
        </details>
      </form>
      {props.agencyName ? (
        <p class="govuk-body" safe>
          {`Thủ tục do ${props.agencyName} giải quyết.`}
        </p>
      ) : (
        ''
      )}
      <p class="govuk-body" role="status" safe>
        {total === 0 ? 'Không tìm thấy thủ tục phù hợp. Hãy thử từ khóa ngắn hơn, ví dụ “khai sinh”.' : `Tìm thấy ${total} thủ tục.`}
      </p>
      <ProcedureCards items={items} />
      {pages > 1 ? (
        <nav class="govuk-pagination" aria-label="Phân trang">
          {filters.trang > 1 ? (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href={`/thu-tuc${queryString(filters, filters.trang - 1)}`} rel="prev">
                <span class="govuk-pagination__link-title">Trang trước</span>
              </a>
            </div>
          ) : (
            ''
          )}
          <ul class="govuk-pagination__list">
            <li class="govuk-pagination__item govuk-pagination__item--current">
              <span class="govuk-pagination__link-label" safe>{`Trang ${filters.trang} / ${pages}`}</span>
            </li>
          </ul>
          {filters.trang < pages ? (
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={`/thu-tuc${queryString(filters, filters.trang + 1)}`} rel="next">
                <span class="govuk-pagination__link-title">Trang sau</span>
              </a>
            </div>
          ) : (
            ''
          )}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

function Section({ title, children }: { title: string; children: JSX.Element | JSX.Element[] }) {
  return (
    <section class="mc-section">
      <h2 class="govuk-heading-m" safe>
        {title}
      </h2>
      {children as 'safe'}
    </section>
  );
}

function Lines({ items, ordered }: { items: string[]; ordered?: boolean }) {
  const inner = items.map((s) => <li safe>{s}</li>);
  return ordered ? <ol class="govuk-list govuk-list--number">{inner}</ol> : <ul class="govuk-list govuk-list--bullet">{inner}</ul>;
}

function agencyLabel(ref: AgencyRef, names: Map<string, string>): string {
  return 'unitCode' in ref ? (names.get(ref.unitCode) ?? ref.label ?? ref.unitCode) : ref.label;
}

export interface TemplateLink {
  id: string;
  fileName: string;
  componentCode: string | null;
  sizeBytes: number;
}

export function ProcedurePage(props: {
  ctx: PageContext;
  row: ProcedureRow;
  unitNames: Map<string, string>;
  templates: TemplateLink[];
  related: { code: string; name: string }[];
  articles: { slug: string; title: string }[];
  /** Where to start an online submission, when the procedure has an e-form. */
  submitOnline?: string | undefined;
}) {
  const p: Procedure = props.row.record;
  const { unitNames } = props;
  const byComponent = new Map(props.templates.filter((t) => t.componentCode).map((t) => [t.componentCode as string, t]));
  const other = props.templates.filter((t) => !t.componentCode);
  const current = p.tierHistory[p.tierHistory.length - 1];
  return (
    <Layout ctx={props.ctx} title={p.name}>
      <article class="mc-print-urls">
        <span class="govuk-caption-m" safe>{`${p.code} · ${p.field.name}`}</span>
        <h1 class="govuk-heading-l" safe>
          {p.name}
        </h1>
        <p class="govuk-body">
          <LevelTag level={p.onlineLevel} />{' '}
          <span class="govuk-body-s" safe>{`Mức độ ${p.legacyLevel} (theo NĐ 43/2011) · ${current ? TIER_LABELS[current.tier] : ''}`}</span>
        </p>
        {p.onlineLevel === 'none' ? (
          <div class="govuk-inset-text">Thủ tục này chưa nhận hồ sơ trực tuyến. Bạn có thể tải mẫu đơn dưới đây, điền và nộp trực tiếp hoặc qua bưu chính.</div>
        ) : (
          <div class="govuk-inset-text" safe>
            {p.onlineLevel === 'toan_trinh'
              ? 'Dịch vụ công trực tuyến toàn trình: nộp hồ sơ, nộp phí và nhận kết quả trên mạng hoặc qua bưu chính công ích, không cần đến cơ quan.'
              : `Dịch vụ công trực tuyến một phần: nộp hồ sơ trên mạng, nhưng có bước phải thực hiện trực tiếp${p.ineligibleReason ? ` (${p.ineligibleReason})` : ''}.`}
          </div>
        )}
        {p.onlineLevel === 'mot_phan' ? <LevelReasons p={p} heading="Chưa thực hiện toàn trình vì:" /> : ''}
        {props.submitOnline ? (
          <a href={props.submitOnline} role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">
            Nộp hồ sơ trực tuyến
            <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
            </svg>
          </a>
        ) : (
          ''
        )}
        {p.confidence && p.confidence.level !== 'C' ? (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">Một số thông tin của thủ tục này đang được rà soát với Cơ sở dữ liệu quốc gia về thủ tục hành chính.</strong>
          </div>
        ) : (
          ''
        )}

        <Section title="Trình tự thực hiện">
          <Lines items={p.steps} ordered />
        </Section>

        <Section title="Cách thức thực hiện">
          <div class="mc-table-scroll" role="region" aria-label="Cách thức thực hiện" tabindex="0">
            <table class="govuk-table">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Hình thức nộp</th>
                  <th scope="col" class="govuk-table__header">Thời hạn giải quyết</th>
                  <th scope="col" class="govuk-table__header">Mô tả</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {p.channels.map((c) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header" safe>
                      {CHANNEL_LABELS[c.kind]}
                    </th>
                    <td class="govuk-table__cell" safe>
                      {describeTime(c.timeLimit ?? p.processingTime)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {[c.description, c.feeNote ?? ''].filter(Boolean).join(' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>

        <Section title="Thành phần hồ sơ">
          <div class="mc-table-scroll" role="region" aria-label="Thành phần hồ sơ" tabindex="0">
            <table class="govuk-table">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Giấy tờ</th>
                  <th scope="col" class="govuk-table__header">Hình thức</th>
                  <th scope="col" class="govuk-table__header">Số lượng</th>
                  <th scope="col" class="govuk-table__header">Mẫu</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {p.components.map((c) => {
                  const t = byComponent.get(c.code);
                  return (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell">
                        <span safe>{c.name}</span>
                        {c.required ? '' : <span class="govuk-body-s mc-muted"> (nếu có)</span>}
                        {c.note ? (
                          <span class="govuk-body-s mc-muted" safe>
                            {` – ${c.note}`}
                          </span>
                        ) : (
                          ''
                        )}
                      </td>
                      <td class="govuk-table__cell" safe>
                        {COMPONENT_FORM_LABELS[c.form]}
                      </td>
                      <td class="govuk-table__cell">{c.quantity}</td>
                      <td class="govuk-table__cell">
                        {t ? (
                          <a class="govuk-link" href={`/thu-tuc/${p.code}/mau/${t.id}`} download="">
                            Tải mẫu<span class="govuk-visually-hidden" safe>{` ${c.name}`}</span>
                          </a>
                        ) : (
                          ''
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="govuk-body" safe>{`Số bộ hồ sơ: ${p.numberOfSets}`}</p>
          {other.length > 0 ? (
            <ul class="govuk-list">
              {other.map((t) => (
                <li>
                  <a class="govuk-link" href={`/thu-tuc/${p.code}/mau/${t.id}`} download="" safe>
                    {`Tải ${t.fileName}`}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </Section>

        <Section title="Thời hạn giải quyết">
          <p class="govuk-body" safe>
            {describeTime(p.processingTime)}
          </p>
        </Section>

        <Section title="Phí, lệ phí">
          {p.fees.length === 0 ? <p class="govuk-body">Không thu phí, lệ phí.</p> : <Lines items={p.fees.map(describeFee)} />}
        </Section>

        <Section title="Đối tượng thực hiện">
          <Lines items={p.applicants.map((a) => a.text ?? APPLICANT_KIND_LABELS[a.kind])} />
        </Section>

        <Section title="Cơ quan thực hiện">
          <dl class="govuk-summary-list">
            {(
              [
                ['Cơ quan có thẩm quyền', p.agencies.competent],
                ['Cơ quan được ủy quyền, phân cấp', p.agencies.authorised],
                ['Cơ quan phối hợp', p.agencies.cooperating],
              ] as const
            )
              .filter(([, refs]) => refs.length > 0)
              .map(([label, refs]) => (
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">
                    {label}
                  </dt>
                  <dd class="govuk-summary-list__value" safe>
                    {refs.map((r) => agencyLabel(r, unitNames)).join('; ')}
                  </dd>
                </div>
              ))}
            {p.receivingAddress ? (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Địa chỉ tiếp nhận</dt>
                <dd class="govuk-summary-list__value" safe>
                  {p.receivingAddress}
                </dd>
              </div>
            ) : (
              ''
            )}
          </dl>
          {p.tierHistory.length > 1 ? (
            <p class="govuk-body-s" safe>
              {p.tierHistory.map((t) => `${TIER_LABELS[t.tier]} từ ${formatDate(t.validFrom)}${t.validTo ? ` đến ${formatDate(t.validTo)}` : ''}`).join('; ')}
            </p>
          ) : (
            ''
          )}
        </Section>

        <Section title="Kết quả thực hiện">
          <Lines items={p.results} />
        </Section>

        {p.conditions.length > 0 ? (
          <Section title="Yêu cầu, điều kiện">
            <Lines items={p.conditions} />
          </Section>
        ) : (
          ''
        )}

        <Section title="Căn cứ pháp lý">
          <Lines items={p.legalBasis.map((d) => `${d.number} ${d.title}${d.date ? ` (${formatDate(d.date)})` : ''}`)} />
          {p.publicationDecision ? (
            <p class="govuk-body-s" safe>{`Quyết định công bố: ${p.publicationDecision.number}${p.publicationDecision.date ? ` ngày ${formatDate(p.publicationDecision.date)}` : ''}${p.publicationDecision.issuer ? ` của ${p.publicationDecision.issuer}` : ''}`}</p>
          ) : (
            ''
          )}
        </Section>

        {props.related.length > 0 ? (
          <Section title="Thủ tục liên quan">
            <ul class="govuk-list">
              {props.related.map((r) => (
                <li>
                  <a class="govuk-link" href={`/thu-tuc/${r.code}`} safe>
                    {r.name}
                  </a>
                </li>
              ))}
            </ul>
          </Section>
        ) : (
          ''
        )}
        {props.articles.length > 0 ? (
          <Section title="Hướng dẫn liên quan">
            <ul class="govuk-list">
              {props.articles.map((a) => (
                <li>
                  <a class="govuk-link" href={`/huong-dan/${a.slug}`} safe>
                    {a.title}
                  </a>
                </li>
              ))}
            </ul>
          </Section>
        ) : (
          ''
        )}
        <p class="govuk-body-s mc-muted" safe>{`Cập nhật: ${formatDateTime(props.row.updatedAt)}`}</p>
      </article>
    </Layout>
  );
}

export function AdminListPage({ ctx, items, total, q }: { ctx: PageContext; items: SearchHit[]; total: number; q: string | undefined }) {
  const STATUS: Record<string, string> = { draft: 'Bản nháp', published: 'Đã công bố', unpublished: 'Ngừng công bố' };
  return (
    <Layout ctx={ctx} title="Quản lý thủ tục" wide>
      <h1 class="govuk-heading-l">Quản lý danh mục thủ tục</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/quan-tri/thu-tuc/moi">
          Thêm thủ tục
        </a>
        <a class="govuk-button govuk-button--secondary" href="/quan-tri/thu-tuc/nhap">
          Nhập từ tệp Excel/CSV
        </a>
        <a class="govuk-button govuk-button--secondary" href="/quan-tri/thu-tuc/xuat.xlsx">
          Xuất Excel
        </a>
        <a class="govuk-button govuk-button--secondary" href="/quan-tri/thu-tuc/xuat.csv">
          Xuất CSV
        </a>
      </div>
      <form method="get" action="/quan-tri/thu-tuc" class="mc-inline-form">
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-q">
            Tìm thủ tục
          </label>
          <input class="govuk-input" id="f-q" name="q" type="search" value={q} />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          Tìm
        </button>
      </form>
      <p class="govuk-body" safe>{`${total} thủ tục (hiển thị tối đa 100).`}</p>
      <div class="mc-table-scroll" role="region" aria-label="Danh sách thủ tục" tabindex="0">
        <table class="govuk-table mc-table--compact">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Mã</th>
              <th scope="col" class="govuk-table__header">Tên thủ tục</th>
              <th scope="col" class="govuk-table__header">Lĩnh vực</th>
              <th scope="col" class="govuk-table__header">Cấp</th>
              <th scope="col" class="govuk-table__header">Mức độ</th>
              <th scope="col" class="govuk-table__header">Trạng thái</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((p) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell mc-nowrap" safe>
                  {p.code}
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/quan-tri/thu-tuc/${p.code}`} safe>
                    {p.name}
                  </a>
                </td>
                <td class="govuk-table__cell" safe>
                  {p.fieldName}
                </td>
                <td class="govuk-table__cell" safe>
                  {TIER_LABELS[p.tier]}
                </td>
                <td class="govuk-table__cell">
                  <LevelTag level={p.onlineLevel} />
                </td>
                <td class="govuk-table__cell" safe>
                  {STATUS[p.status] ?? p.status}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface VersionView {
  version: number;
  status: string;
  changedAt: Date;
  summary: string;
  changedByName: string | null;
}

export function AdminEditPage(props: {
  ctx: PageContext;
  code: string | undefined;
  json: string;
  version: number | undefined;
  status: string | undefined;
  errors: FieldError[];
  versions: VersionView[];
  templates: TemplateLink[];
}) {
  const { ctx, code, errors } = props;
  const action = code ? `/quan-tri/thu-tuc/${code}` : '/quan-tri/thu-tuc/moi';
  return (
    <Layout ctx={ctx} title={code ? `Sửa thủ tục ${code}` : 'Thêm thủ tục'} wide>
      <a href="/quan-tri/thu-tuc" class="govuk-back-link">
        Danh sách thủ tục
      </a>
      <ErrorSummary errors={errors.map((e) => ({ field: 'record', message: e.field ? `${e.field}: ${e.message}` : e.message }))} />
      <h1 class="govuk-heading-l">
        {code ? `Sửa thủ tục ${code}` : 'Thêm thủ tục'}
      </h1>
      {code ? (
        <div class="govuk-button-group">
          <a class="govuk-link" href={`/thu-tuc/${code}`}>
            Xem trang công khai
          </a>
          <form method="post" action={`/quan-tri/thu-tuc/${code}/${props.status === 'published' ? 'ngung-cong-bo' : 'cong-bo'}`}>
            <CsrfField token={ctx.csrfToken()} />
            <input type="hidden" name="version" value={String(props.version ?? '')} />
            {props.status === 'published' ? <Button secondary>Ngừng công bố</Button> : <Button>Công bố</Button>}
          </form>
        </div>
      ) : (
        ''
      )}
      {levelOfJson(props.json) ? (
        <div class="govuk-inset-text">
          <p class="govuk-body">
            Mức độ trực tuyến theo cấu hình: <LevelTag level={onlineLevelOf(levelOfJson(props.json)!).level} />
          </p>
          <LevelReasons p={levelOfJson(props.json)!} heading="Chưa đủ điều kiện toàn trình vì:" />
        </div>
      ) : (
        ''
      )}
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken()} />
        <input type="hidden" name="version" value={props.version === undefined ? '' : String(props.version)} />
        <div class={`govuk-form-group${errors.length ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for="f-record">
            Toàn bộ thông tin thủ tục (định dạng JSON theo Cơ sở dữ liệu quốc gia về TTHC)
          </label>
          <div class="govuk-hint" id="f-record-hint">
            Mỗi lỗi được báo theo đường dẫn trường, ví dụ components[2].name là tên thành phần hồ sơ thứ ba. Để sửa nhiều thủ tục một lúc, dùng chức năng xuất và nhập tệp Excel.
          </div>
          <textarea class="govuk-textarea mc-code" id="f-record" name="record" rows="30" aria-describedby="f-record-hint" spellcheck="false" safe>
            {props.json}
          </textarea>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-summary">
            Nội dung thay đổi (ghi vào lịch sử)
          </label>
          <input class="govuk-input" id="f-summary" name="summary" type="text" maxlength="300" />
        </div>
        <Button>Lưu</Button>
      </form>
      {code ? (
        <>
          <h2 class="govuk-heading-m">Mẫu đơn, tờ khai</h2>
          <ul class="govuk-list">
            {props.templates.map((t) => (
              <li>
                <a class="govuk-link" href={`/thu-tuc/${code}/mau/${t.id}`} safe>
                  {t.fileName}
                </a>
                <span class="govuk-body-s mc-muted" safe>{` ${t.componentCode ? `(thành phần ${t.componentCode}) ` : ''}${Math.ceil(t.sizeBytes / 1024)} KB`}</span>
              </li>
            ))}
          </ul>
          <form method="post" action={`/quan-tri/thu-tuc/${code}/mau`} enctype="multipart/form-data">
            <CsrfField token={ctx.csrfToken()} />
            <div class="govuk-form-group">
              <label class="govuk-label" for="f-componentCode">
                Mã thành phần hồ sơ (để trống nếu là mẫu chung)
              </label>
              <input class="govuk-input govuk-input--width-10" id="f-componentCode" name="componentCode" type="text" />
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="f-file">
                Tệp mẫu (PDF, Word, Excel; tối đa 10 MB)
              </label>
              <input class="govuk-file-upload" id="f-file" name="file" type="file" accept=".pdf,.doc,.docx,.xls,.xlsx,.odt" />
            </div>
            <Button secondary>Tải lên mẫu</Button>
          </form>
          <h2 class="govuk-heading-m">Lịch sử thay đổi</h2>
          <table class="govuk-table mc-table--compact">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Phiên bản</th>
                <th scope="col" class="govuk-table__header">Thời điểm</th>
                <th scope="col" class="govuk-table__header">Người sửa</th>
                <th scope="col" class="govuk-table__header">Nội dung</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {props.versions.map((v) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/quan-tri/thu-tuc/${code}/phien-ban/${v.version}`}>
                      {v.version}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatDateTime(v.changedAt)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {v.changedByName ?? 'Hệ thống'}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {v.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

export interface ImportProblemRow {
  row: number;
  sheet: string;
  errors: FieldError[];
}

export function ImportPage({ ctx, problems, message }: { ctx: PageContext; problems: ImportProblemRow[]; message?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="Nhập danh mục thủ tục" wide>
      <a href="/quan-tri/thu-tuc" class="govuk-back-link">
        Danh sách thủ tục
      </a>
      {message ? <ErrorSummary errors={[{ field: 'file', message }]} /> : ''}
      <h1 class="govuk-heading-l">Nhập danh mục thủ tục từ tệp</h1>
      <p class="govuk-body">
        Tệp Excel (.xlsx) hoặc CSV theo mẫu của chức năng “Xuất Excel”. Mỗi dòng là một thủ tục; thủ tục đã có mã sẽ được cập nhật, mã mới sẽ được thêm (ở trạng thái bản nháp). Nếu có bất kỳ dòng nào lỗi,{' '}
        <strong>không thay đổi nào được áp dụng</strong> và danh sách lỗi theo từng dòng được hiển thị để sửa.
      </p>
      <form method="post" action="/quan-tri/thu-tuc/nhap" enctype="multipart/form-data">
        <CsrfField token={ctx.csrfToken()} />
        <div class={`govuk-form-group${message ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-file">
            Tệp danh mục (tối đa 10 MB)
          </label>
          <input class="govuk-file-upload" id="f-file" name="file" type="file" accept=".xlsx,.csv,text/csv" />
        </div>
        <Button>Kiểm tra và nhập</Button>
      </form>
      {problems.length > 0 ? (
        <>
          <h2 class="govuk-heading-m" safe>{`Các dòng lỗi (${problems.length})`}</h2>
          <div class="mc-table-scroll" role="region" aria-label="Các dòng lỗi" tabindex="0">
            <table class="govuk-table mc-table--compact">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Trang</th>
                  <th scope="col" class="govuk-table__header">Dòng</th>
                  <th scope="col" class="govuk-table__header">Lỗi</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {problems.map((p) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" safe>
                      {p.sheet}
                    </td>
                    <td class="govuk-table__cell">{p.row}</td>
                    <td class="govuk-table__cell">
                      <ul class="govuk-list">
                        {p.errors.map((e) => (
                          <li safe>{e.field ? `${e.field}: ${e.message}` : e.message}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function VersionPage(props: { ctx: PageContext; code: string; version: VersionView & { record: unknown }; changed: string[]; previous: number | undefined }) {
  const v = props.version;
  return (
    <Layout ctx={props.ctx} title={`Thủ tục ${props.code}, phiên bản ${v.version}`} wide>
      <a href={`/quan-tri/thu-tuc/${props.code}`} class="govuk-back-link">
        Quay lại thủ tục
      </a>
      <h1 class="govuk-heading-l" safe>{`Thủ tục ${props.code}, phiên bản ${v.version}`}</h1>
      <SummaryList
        rows={[
          { key: 'Thời điểm', value: <span safe>{formatDateTime(v.changedAt)}</span> },
          { key: 'Người sửa', value: <span safe>{v.changedByName ?? 'Hệ thống'}</span> },
          { key: 'Nội dung', value: <span safe>{v.summary}</span> },
          { key: 'Trạng thái', value: <span safe>{v.status}</span> },
          {
            key: props.previous ? `Mục thay đổi so với phiên bản ${props.previous}` : 'Mục có trong phiên bản đầu',
            value: <span>{escapeHtml(props.changed.length > 0 ? props.changed.join(', ') : 'Không đổi nội dung (chỉ đổi trạng thái)') as 'safe'}</span>,
          },
        ]}
      />
      <h2 class="govuk-heading-m">Nội dung đầy đủ</h2>
      <pre class="mc-code mc-pre" tabindex="0" safe>
        {JSON.stringify(v.record, null, 2)}
      </pre>
    </Layout>
  );
}
