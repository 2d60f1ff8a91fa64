// The applicant's page of one dossier: where it is, what the office asked for (exactly those
// items, each with its reason), the forms to add the files asked for and send them back, the
// documents issued (Mẫu 01–03), and the result once approved, to download and confirm online.
import type { FieldError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, SummaryList, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import { formatFileSize } from '../attachments';
import { DOC_SLUGS, shortName } from './backoffice-pages';
import type { applicantView } from './backoffice';
import { REASONS, STATE_LABELS } from './model';
import { RATING_LABELS } from './backoffice';

type View = Awaited<ReturnType<typeof applicantView>>;

const DOC_NAMES: Record<string, string> = {
  mau01: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)',
  mau02: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
  mau03: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)',
  mau04: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
  result: 'Kết quả giải quyết',
};

export function ApplicantDossierPage({ ctx, v, errors, limits, payment, delivery }: { ctx: PageContext; v: View; errors: FieldError[]; limits: { maxFileBytes: number }; payment?: JSX.Element; delivery?: JSX.Element }) {
  const d = v.dossier;
  const code = encodeURIComponent(d.code);
  const request = v.request;
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Hồ sơ ${d.code}`}>
      <a class="govuk-back-link" href="/ho-so-cua-toi">
        Hồ sơ của tôi
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>
        {d.procedureName}
      </h1>
      <SummaryList
        rows={[
          { key: 'Mã hồ sơ', value: <span safe>{d.code}</span> },
          { key: 'Tình trạng', value: <strong class="govuk-tag" safe>{STATE_LABELS[d.state]}</strong> },
          ...(d.dueAt ? [{ key: 'Hẹn trả kết quả', value: <span safe>{formatDateTime(d.dueAt)}</span> }] : []),
          ...(d.resultNumber ? [{ key: 'Số kết quả', value: <span safe>{d.resultNumber}</span> }] : []),
        ]}
      />
      {/* the "Nộp phí trực tuyến" step (payments module), when a fee applies */}
      {(payment ?? '') as 'safe'}
      {/* "Nhận kết quả qua bưu chính" (delivery module): the address, the postage, the shipment's progress */}
      {(delivery ?? '') as 'safe'}

      {request ? (
        <section aria-labelledby="bo-sung">
          <h2 class="govuk-heading-m" id="bo-sung">
            {request.kind === 'completion' ? 'Cần bổ sung, hoàn thiện hồ sơ' : 'Cơ quan giải quyết yêu cầu bổ sung'}
          </h2>
          <p class="govuk-body">Chỉ cần bổ sung các nội dung dưới đây. Giấy tờ đã nộp được giữ nguyên.</p>
          {request.items.map((it) => {
            const field = it.componentIndex !== undefined ? `files-${it.componentIndex}` : `answer-${it.field}`;
            const added = it.componentIndex !== undefined ? v.files.filter((f) => f.round === request.round && f.componentIndex === it.componentIndex) : [];
            const error = errorFor(errors, field);
            return (
              <div class={`govuk-form-group mc-request-item${error ? ' govuk-form-group--error' : ''}`}>
                <h3 class="govuk-heading-s" safe>
                  {it.label}
                </h3>
                <p class="govuk-body" safe>{`Lý do: ${REASONS[request.kind][it.reasonCode] ?? it.reasonCode}. ${it.explanation}`}</p>
                {error ? (
                  <p id={`${fieldId(field)}-error`} class="govuk-error-message">
                    <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{error}</span>
                  </p>
                ) : (
                  ''
                )}
                {it.componentIndex !== undefined ? (
                  <>
                    {added.length > 0 ? (
                      <ul class="govuk-list" aria-label={`Tệp đã bổ sung cho “${shortName(it.label)}”`}>
                        {added.map((f) => (
                          <li>
                            <a class="govuk-link" href={`/ho-so/${code}/tep/${f.id}`} safe>
                              {f.fileName}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      ''
                    )}
                    <form method="post" action={`/ho-so-cua-toi/${code}/bo-sung/tep`} enctype="multipart/form-data" novalidate>
                      <CsrfField token={ctx.csrfToken()} />
                      <input type="hidden" name="componentIndex" value={String(it.componentIndex)} />
                      <label class="govuk-label" for={fieldId(field)}>
                        <span safe>{`Chọn tệp (PDF, JPG, PNG; tối đa ${formatFileSize(limits.maxFileBytes)} mỗi tệp)`}</span>
                        <span class="govuk-visually-hidden" safe>{` cho “${shortName(it.label)}”`}</span>
                      </label>
                      <input class="govuk-file-upload" id={fieldId(field)} name="files" type="file" multiple accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" />
                      <Button secondary>
                        <>
                          Tải lên<span class="govuk-visually-hidden" safe>{` tệp cho “${shortName(it.label)}”`}</span>
                        </>
                      </Button>
                    </form>
                  </>
                ) : (
                  ''
                )}
              </div>
            );
          })}
          <form method="post" action={`/ho-so-cua-toi/${code}/bo-sung`} novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <input type="hidden" name="version" value={String(d.version)} />
            {request.items
              .filter((it) => it.field)
              .map((it) => (
                <Textarea name={`answer-${it.field}`} label={`Thông tin đã sửa: ${it.label}`} rows={3} error={errorFor(errors, `answer-${it.field}`)} />
              ))}
            <Button>Gửi hồ sơ bổ sung</Button>
          </form>
        </section>
      ) : (
        ''
      )}

      {d.state === 'RESULT_READY' && d.outcome === 'result' ? (
        <section aria-labelledby="ket-qua">
          <h2 class="govuk-heading-m" id="ket-qua">
            Kết quả giải quyết
          </h2>
          <p class="govuk-body">
            <a class="govuk-link" href={`/ho-so/${code}/van-ban/ket-qua.pdf`}>
              Tải kết quả giải quyết (PDF)
            </a>
          </p>
          <form method="post" action={`/ho-so-cua-toi/${code}/nhan-ket-qua`}>
            <CsrfField token={ctx.csrfToken()} />
            <input type="hidden" name="version" value={String(d.version)} />
            <Button>Xác nhận đã nhận kết quả trực tuyến</Button>
          </form>
        </section>
      ) : (
        ''
      )}

      {d.state === 'DELIVERED' ? (
        d.rating ? (
          <p class="govuk-body" safe>{`Bạn đã đánh giá: ${RATING_LABELS[d.rating] ?? ''}. Cảm ơn bạn.`}</p>
        ) : (
          <section aria-labelledby="danh-gia">
            <h2 class="govuk-heading-m" id="danh-gia">
              Đánh giá chất lượng phục vụ
            </h2>
            <form method="post" action={`/ho-so-cua-toi/${code}/danh-gia`} novalidate>
              <CsrfField token={ctx.csrfToken()} />
              <div class={`govuk-form-group${errorFor(errors, 'rating') ? ' govuk-form-group--error' : ''}`}>
                <fieldset class="govuk-fieldset" aria-describedby={errorFor(errors, 'rating') ? `${fieldId('rating')}-error` : undefined}>
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Bạn có hài lòng với việc giải quyết hồ sơ này không?</legend>
                  {errorFor(errors, 'rating') ? (
                    <p id={`${fieldId('rating')}-error`} class="govuk-error-message">
                      <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{errorFor(errors, 'rating')}</span>
                    </p>
                  ) : (
                    ''
                  )}
                  <div class="govuk-radios govuk-radios--small">
                    {[5, 4, 3, 2, 1].map((n, i) => (
                      <div class="govuk-radios__item">
                        <input class="govuk-radios__input" id={i === 0 ? fieldId('rating') : `${fieldId('rating')}-${n}`} name="rating" type="radio" value={String(n)} />
                        <label class="govuk-label govuk-radios__label" for={i === 0 ? fieldId('rating') : `${fieldId('rating')}-${n}`} safe>
                          {RATING_LABELS[n]!}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <Textarea name="comment" label="Góp ý (không bắt buộc)" rows={3} error={errorFor(errors, 'comment')} />
              <Button>Gửi đánh giá</Button>
            </form>
          </section>
        )
      ) : (
        ''
      )}

      {v.documents.length > 0 ? (
        <section aria-labelledby="van-ban">
          <h2 class="govuk-heading-m" id="van-ban">
            Văn bản của hồ sơ
          </h2>
          <ul class="govuk-list">
            {v.documents.map((doc) => (
              <li>
                <a class="govuk-link" href={doc.kind === 'mau01' ? `/ho-so/${code}/giay-tiep-nhan.pdf` : `/ho-so/${code}/van-ban/${DOC_SLUGS[doc.kind] ?? doc.kind}.pdf`} safe>{`${DOC_NAMES[doc.kind] ?? doc.kind} · ${formatDateTime(doc.createdAt)}`}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="qua-trinh">
        <h2 class="govuk-heading-m" id="qua-trinh">
          Quá trình giải quyết
        </h2>
        <ul class="govuk-list">
          {v.history.map((h) => (
            <li safe>{`${formatDateTime(h.at)}: ${h.publicNote ?? ''}`}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="ai-da-xem">
        <h2 class="govuk-heading-m" id="ai-da-xem">
          Ai đã xem hồ sơ của tôi
        </h2>
        <p class="govuk-body">
          <a class="govuk-link" href={`/ho-so-cua-toi/${code}/ai-da-xem`}>
            Xem thời gian, đơn vị và cán bộ đã mở hồ sơ này
          </a>
        </p>
      </section>
    </Layout>
  );
}
