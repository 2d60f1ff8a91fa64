// The citizen's document store page: the results issued to them, then the documents they gave,
// each with whether it can still be used, and the rule that decides it.
import { formatDate } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Layout } from '../../web/layout';
import { formatFileSize } from '../attachments';
import { KIND_LABELS, RESULT_STATUS_LABELS, SUBMITTED_STATUS_LABELS, type SubmittedStatus, VALIDITY_MONTHS } from './model';
import type { StoreView } from './service';
import { STORE_LIMIT } from './store';

export const STORE_PATH = '/ho-so-cua-toi/kho-du-lieu';
export const storedFilePath = (fileId: string) => `${STORE_PATH}/tep/${fileId}`;
export const storedResultPath = (documentId: string) => `${STORE_PATH}/ket-qua/${documentId}`;

const SUBMITTED_TAGS: Record<SubmittedStatus, string> = {
  valid: 'govuk-tag--green',
  pending: 'govuk-tag--blue',
  expired: 'govuk-tag--grey',
  single_use: 'govuk-tag--grey',
  not_accepted: 'govuk-tag--red',
  revoked: 'govuk-tag--red',
};

function Row({ k, children }: { k: string; children: JSX.Element }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {k}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function DocumentStorePage({ ctx, v }: { ctx: PageContext; v: StoreView }) {
  return (
    <Layout ctx={ctx} title="Kho dữ liệu của tôi">
      <a class="govuk-back-link" href="/ho-so-cua-toi">
        Hồ sơ của tôi
      </a>
      <h1 class="govuk-heading-l">Kho dữ liệu của tôi</h1>
      <p class="govuk-body">
        Các kết quả giải quyết thủ tục hành chính đã cấp cho bạn và các giấy tờ bạn đã nộp trong hồ sơ. Khi một thủ tục mới cần giấy tờ mà kho đã có và còn giá trị sử dụng, bước đính kèm tệp sẽ
        đề nghị bạn dùng lại, không cần tải lên lại (Nghị định số 45/2020/NĐ-CP). Chỉ bạn xem và tải được các giấy tờ này.
      </p>

      <section aria-labelledby="ket-qua">
        <h2 class="govuk-heading-m" id="ket-qua">
          Kết quả đã cấp cho tôi
        </h2>
        {v.results.length === 0 ? (
          <p class="govuk-body">Chưa có kết quả giải quyết điện tử nào được cấp cho bạn.</p>
        ) : (
          <ul class="mc-card-list" aria-label="Kết quả đã cấp">
            {v.results.map((r) => (
              <li class="mc-card" data-store-result={r.code}>
                <h3 class="mc-card__title">
                  <span safe>{r.results[0] ?? r.procedureName}</span>{' '}
                  <strong class={`govuk-tag ${r.status === 'valid' ? 'govuk-tag--green' : 'govuk-tag--red'}`} safe>
                    {RESULT_STATUS_LABELS[r.status]}
                  </strong>
                </h3>
                <dl class="govuk-summary-list govuk-summary-list--no-border">
                  <Row k="Thủ tục">
                    <span safe>{r.procedureName}</span>
                  </Row>
                  {r.number ? (
                    <Row k="Số">
                      <span safe>{r.number}</span>
                    </Row>
                  ) : (
                    ''
                  )}
                  <Row k="Cơ quan cấp">
                    <span safe>{r.issuerName}</span>
                  </Row>
                  <Row k="Ngày cấp">
                    <span safe>{formatDate(r.issuedAt)}</span>
                  </Row>
                  <Row k="Hồ sơ">
                    <a class="govuk-link" href={`/ho-so-cua-toi/${encodeURIComponent(r.dossierCode)}`} safe>
                      {r.dossierCode}
                    </a>
                  </Row>
                  {r.revokedAt ? (
                    <Row k="Thu hồi">
                      <span safe>{`Ngày ${formatDate(r.revokedAt)}. Lý do: ${r.revokedReason ?? ''}`}</span>
                    </Row>
                  ) : (
                    ''
                  )}
                </dl>
                <p class="govuk-body">
                  <a class="govuk-link" href={storedResultPath(r.id)}>
                    Tải bản điện tử có chữ ký số (PDF, {formatFileSize(r.size) as 'safe'})
                    <span class="govuk-visually-hidden" safe>{` của hồ sơ ${r.dossierCode}`}</span>
                  </a>
                  {' · '}
                  <a class="govuk-link" href={`/xac-thuc/${r.code}`} safe>
                    {`Mã xác thực ${r.code}`}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="giay-to">
        <h2 class="govuk-heading-m" id="giay-to">
          Giấy tờ tôi đã nộp
        </h2>
        {v.files.length === 0 ? (
          <p class="govuk-body">Bạn chưa nộp giấy tờ nào trong hồ sơ trực tuyến.</p>
        ) : (
          <ul class="mc-card-list" aria-label="Giấy tờ đã nộp">
            {v.files.map((f) => (
              <li class="mc-card" data-store-file={f.id}>
                <h3 class="mc-card__title">
                  <span safe>{f.componentName}</span>{' '}
                  <strong class={`govuk-tag ${SUBMITTED_TAGS[f.validity.status]}`} safe>
                    {SUBMITTED_STATUS_LABELS[f.validity.status]}
                  </strong>
                </h3>
                <dl class="govuk-summary-list govuk-summary-list--no-border">
                  <Row k="Tệp">
                    <a class="govuk-link" href={storedFilePath(f.id)} safe>{`${f.fileName} (${formatFileSize(f.size)})`}</a>
                  </Row>
                  <Row k="Hồ sơ">
                    <span safe>{`${f.dossierCode}, ${f.procedureName}`}</span>
                  </Row>
                  <Row k="Ngày nộp">
                    <span safe>{formatDate(f.givenAt)}</span>
                  </Row>
                  <Row k="Loại giấy tờ">
                    <span safe>{KIND_LABELS[f.kind]}</span>
                  </Row>
                  {f.validity.until ? (
                    <Row k={f.validity.reusable ? 'Dùng lại được đến' : 'Hết hạn dùng lại từ'}>
                      <span safe>{formatDate(f.validity.until)}</span>
                    </Row>
                  ) : (
                    ''
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
        {v.files.length === STORE_LIMIT ? <p class="govuk-body-s">{`Hiển thị ${STORE_LIMIT} giấy tờ mới nhất.`}</p> : ''}
      </section>

      <section aria-labelledby="quy-tac">
        <h2 class="govuk-heading-m" id="quy-tac">
          Cách xác định giá trị sử dụng
        </h2>
        <ul class="govuk-list govuk-list--bullet">
          <li>Kết quả giải quyết có chữ ký số còn hiệu lực cho đến khi cơ quan đã cấp thu hồi. Kết quả đã bị thu hồi vẫn được giữ trong kho nhưng không được đề nghị dùng lại.</li>
          <li>Tờ khai, đơn đề nghị được lập cho từng hồ sơ nên chỉ dùng cho hồ sơ đã nộp.</li>
          <li safe>{`Giấy tờ xác nhận có thời hạn (xác nhận tình trạng hôn nhân, phiếu lý lịch tư pháp, giấy khám sức khỏe, xác nhận cư trú) được dùng lại trong ${VALIDITY_MONTHS.time_limited} tháng kể từ ngày nộp.`}</li>
          <li safe>{`Các giấy tờ khác (giấy tờ tùy thân, giấy chứng nhận, trích lục…) được dùng lại trong ${VALIDITY_MONTHS.standing} tháng kể từ ngày nộp.`}</li>
          <li>Giấy tờ trong hồ sơ bị từ chối tiếp nhận không được dùng lại. Giấy tờ trong hồ sơ chưa được tiếp nhận vẫn dùng lại được; cơ quan tiếp nhận hồ sơ mới sẽ kiểm tra lại.</li>
        </ul>
      </section>
    </Layout>
  );
}
