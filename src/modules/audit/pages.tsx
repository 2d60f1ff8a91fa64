import type { ChainReport } from '../../platform/audit';
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Layout } from '../../web/layout';

export interface AuditRow {
  seq: number;
  at: Date;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  ip: string | null;
}

export function AuditPage({ ctx, rows, chain }: { ctx: PageContext; rows: AuditRow[]; chain: ChainReport }) {
  return (
    <Layout ctx={ctx} title="Nhật ký hệ thống" wide>
      <h1 class="govuk-heading-l">Nhật ký hệ thống</h1>
      {chain.ok ? (
        <div class="govuk-inset-text" safe>{`Chuỗi băm toàn vẹn: đã kiểm tra ${chain.checked} bản ghi, không phát hiện thay đổi.`}</div>
      ) : (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text" safe>{`Cảnh báo: nhật ký đã bị can thiệp tại bản ghi số ${chain.brokenAt} (${chain.problem}).`}</strong>
        </div>
      )}
      <div class="mc-table-scroll" role="region" aria-label="Bảng" tabindex="0">
      <table class="govuk-table mc-table--compact">
        <caption class="govuk-table__caption govuk-table__caption--m">200 sự kiện gần nhất</caption>
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
              <td class="govuk-table__cell">{r.seq}</td>
              <td class="govuk-table__cell" safe>
                {formatDateTime(r.at)}
              </td>
              <td class="govuk-table__cell" safe>
                {r.actorName ?? '—'}
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
    </Layout>
  );
}
