import type { PageContext } from '../../platform/http/context';
import { formatDate } from '../../platform/format';
import { Layout } from '../../web/layout';
import { KIND_LABELS, TIER_LABELS, type TreeNode, type Unit } from './model';
import type { OrgView } from './service';

function Tree({ nodes, link }: { nodes: TreeNode[]; link: boolean }): JSX.Element {
  return (
    <ul class="govuk-list mc-tree">
      {nodes.map((n) => (
        <li>
          {link ? (
            <a class="govuk-link" href={`/co-quan/${n.unit.code}`} safe>
              {n.unit.name}
            </a>
          ) : (
            <span safe>{n.unit.name}</span>
          )}{' '}
          <span class="govuk-body-s mc-muted" safe>{`(${TIER_LABELS[n.unit.tier]}${n.unit.validTo ? `, đến ${formatDate(n.unit.validTo)}` : ''})`}</span>
          {n.children.length > 0 ? <Tree nodes={n.children} link={link} /> : ''}
        </li>
      ))}
    </ul>
  );
}

export function AgenciesPage({ ctx, view }: { ctx: PageContext; view: OrgView }) {
  return (
    <Layout ctx={ctx} title="Cơ quan giải quyết thủ tục">
      <h1 class="govuk-heading-l">Cơ quan giải quyết thủ tục hành chính</h1>
      <p class="govuk-body">Cơ cấu tổ chức hiện hành theo mô hình chính quyền địa phương hai cấp (từ ngày 01/07/2025).</p>
      <Tree nodes={view.tree} link />
    </Layout>
  );
}

/** A unit's public page; the catalogue adds the unit's procedures as children. */
export function AgencyPage({ ctx, unit, parent, children }: { ctx: PageContext; unit: Unit; parent: Unit | undefined; children?: JSX.Element }) {
  return (
    <Layout ctx={ctx} title={unit.name}>
      <span class="govuk-caption-l" safe>
        {KIND_LABELS[unit.kind]}
      </span>
      <h1 class="govuk-heading-l" safe>
        {unit.name}
      </h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Cấp</dt>
          <dd class="govuk-summary-list__value" safe>
            {TIER_LABELS[unit.tier]}
          </dd>
        </div>
        {parent ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Trực thuộc</dt>
            <dd class="govuk-summary-list__value">
              <a class="govuk-link" href={`/co-quan/${parent.code}`} safe>
                {parent.name}
              </a>
            </dd>
          </div>
        ) : (
          ''
        )}
        {unit.address ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Địa chỉ</dt>
            <dd class="govuk-summary-list__value" safe>
              {unit.address}
            </dd>
          </div>
        ) : (
          ''
        )}
        {unit.phone ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Điện thoại</dt>
            <dd class="govuk-summary-list__value" safe>
              {unit.phone}
            </dd>
          </div>
        ) : (
          ''
        )}
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Thời gian hoạt động</dt>
          <dd class="govuk-summary-list__value" safe>
            {`Từ ${formatDate(unit.validFrom)}${unit.validTo ? ` đến ${formatDate(unit.validTo)}` : ''}`}
          </dd>
        </div>
      </dl>
      {(children ?? '') as 'safe'}
    </Layout>
  );
}

export function OrgAdminPage({ ctx, view }: { ctx: PageContext; view: OrgView }) {
  return (
    <Layout ctx={ctx} title="Cơ cấu tổ chức" wide>
      <h1 class="govuk-heading-l">Cơ cấu tổ chức theo thời điểm</h1>
      <form method="get" action="/quan-tri/to-chuc" class="mc-inline-form">
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-ngay">
            Xem cơ cấu vào ngày
          </label>
          <div class="govuk-hint" id="f-ngay-hint">
            Ví dụ: trước ngày 01/07/2025 còn cấp huyện.
          </div>
          <input class="govuk-input govuk-input--width-10" id="f-ngay" name="ngay" type="date" value={view.date} aria-describedby="f-ngay-hint" />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          Xem
        </button>
      </form>
      <h2 class="govuk-heading-m" safe>{`Cơ cấu ngày ${formatDate(view.date)}`}</h2>
      <Tree nodes={view.tree} link={false} />
      <h2 class="govuk-heading-m">Sắp xếp, sáp nhập đơn vị (đơn vị cũ → đơn vị mới)</h2>
      <div class="mc-table-scroll" role="region" aria-label="Bảng" tabindex="0">
      <table class="govuk-table mc-table--compact">
        <caption class="govuk-table__caption govuk-visually-hidden">Bảng ánh xạ đơn vị cũ sang đơn vị mới</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Đơn vị cũ</th>
            <th scope="col" class="govuk-table__header">Đơn vị kế thừa</th>
            <th scope="col" class="govuk-table__header">Từ ngày</th>
            <th scope="col" class="govuk-table__header">Căn cứ</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {view.successions.map((s) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" safe>
                {s.predecessor.name}
              </td>
              <td class="govuk-table__cell" safe>
                {s.successor.name}
              </td>
              <td class="govuk-table__cell" safe>
                {formatDate(s.effectiveDate)}
              </td>
              <td class="govuk-table__cell" safe>
                {s.legalBasis ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </Layout>
  );
}
