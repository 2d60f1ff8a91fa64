// The administrator's page of the national portal link: what is waiting, sent and failed.
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { CsrfField } from '../../web/components';
import { Layout } from '../../web/layout';
import { EVENT_LABELS, KIND_LABELS, OUTBOX_STATES, type OutboxState, STATE_LABELS } from './model';
import type { overview } from './service';

export const ADMIN_PATH = '/quan-tri/lien-thong-quoc-gia';

const TAG: Record<OutboxState, string> = { waiting: 'govuk-tag--blue', sent: 'govuk-tag--green', failed: 'govuk-tag--red' };

type View = Awaited<ReturnType<typeof overview>>;
type Item = View['items'][number];

function Subject({ i }: { i: Item }): JSX.Element {
  if (i.kind === 'dossier_event') {
    return (
      <>
        <span safe>{i.dossierCode ?? '—'}</span>
        <br />
        <span class="govuk-body-s" safe>
          {EVENT_LABELS[i.eventType ?? ''] ?? i.eventType ?? ''}
        </span>
      </>
    );
  }
  return <span safe>{`Thủ tục ${i.procedureCode ?? '—'}, phiên bản ${i.procedureVersion ?? '—'}`}</span>;
}

function progress(i: Item): string {
  if (i.state === 'sent') return i.sentAt ? `Gửi lúc ${formatDateTime(i.sentAt)}` : 'Đã gửi';
  if (i.state === 'failed') return `Đã thử ${i.attempts} lần`;
  if (i.blocked) return 'Chờ các mục trước của cùng hồ sơ, thủ tục được gửi xong';
  return i.attempts > 0 ? `Đã thử ${i.attempts} lần; thử lại lúc ${formatDateTime(i.nextAttemptAt)}` : 'Sắp gửi';
}

export function LinkPage({ ctx, v }: { ctx: PageContext; v: View }) {
  return (
    <Layout ctx={ctx} title="Liên thông Cổng Dịch vụ công quốc gia" wide>
      <h1 class="govuk-heading-l">Liên thông Cổng Dịch vụ công quốc gia</h1>
      {v.configured ? (
        <p class="govuk-body">
          Trạng thái hồ sơ, đánh giá của người dân và mức độ trực tuyến của thủ tục được gửi lên Cổng Dịch vụ công quốc gia theo thứ tự của từng hồ sơ. Mục lỗi tạm thời được tự động gửi lại; mục bị từ chối hoặc
          đã thử quá số lần cho phép cần quản trị viên gửi lại.
        </p>
      ) : (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">Chưa cấu hình kết nối (NATIONAL_PORTAL_URL): các mục được ghi lại và sẽ được gửi khi kết nối được bật.</strong>
        </div>
      )}
      <nav aria-label="Lọc theo trạng thái">
        <ul class="govuk-list">
          {OUTBOX_STATES.map((s) => (
            <li>
              {s === v.state ? (
                <strong safe>{`${STATE_LABELS[s]}: ${v.counts[s]}`}</strong>
              ) : (
                <a class="govuk-link" href={`${ADMIN_PATH}?trang-thai=${s}`} safe>
                  {`${STATE_LABELS[s]}: ${v.counts[s]}`}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {v.items.length === 0 ? (
        <p class="govuk-body" safe>{`Không có mục nào ở trạng thái “${STATE_LABELS[v.state]}”.`}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {STATE_LABELS[v.state]}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Loại</th>
              <th scope="col" class="govuk-table__header">Hồ sơ, thủ tục</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Thứ tự</th>
              <th scope="col" class="govuk-table__header">Trạng thái</th>
              <th scope="col" class="govuk-table__header">Tiến độ</th>
              <th scope="col" class="govuk-table__header">Lỗi gần nhất</th>
              {v.state === 'failed' ? (
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Thao tác</span>
                </th>
              ) : (
                ''
              )}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {v.items.map((i) => (
              <tr class="govuk-table__row" id={`muc-${i.id}`}>
                <td class="govuk-table__cell" safe>
                  {KIND_LABELS[i.kind]}
                </td>
                <td class="govuk-table__cell">
                  <Subject i={i} />
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>{String(i.seq)}</td>
                <td class="govuk-table__cell">
                  <strong class={`govuk-tag ${TAG[i.state]}`} safe>
                    {STATE_LABELS[i.state]}
                  </strong>
                </td>
                <td class="govuk-table__cell" safe>
                  {progress(i)}
                </td>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {i.lastError ?? '—'}
                </td>
                {v.state === 'failed' ? (
                  <td class="govuk-table__cell">
                    <form method="post" action={`${ADMIN_PATH}/${i.id}/gui-lai`}>
                      <CsrfField token={ctx.csrfToken()} />
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        Gửi lại<span class="govuk-visually-hidden" safe>{` mục số ${i.seq} của ${i.dossierCode ?? i.procedureCode ?? ''}`}</span>
                      </button>
                    </form>
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
