// The public verification pages: a document's facts by its code (reached by the QR code), and
// the check of an uploaded PDF. Nothing personal: the person holding the document knows who it
// names; the page tells only who issued it, when, for which procedure, and whether it stands.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatNumber } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, SummaryList, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import { groupedHash, KIND_LABELS, REVOKE_REASON_MAX, type Verdict, VERDICT_TITLES } from './model';
import type { PublicFacts, UploadCheck } from './service';

const TAGS: Record<Verdict, string> = {
  valid: 'govuk-tag govuk-tag--green',
  tampered: 'govuk-tag govuk-tag--red',
  unknown: 'govuk-tag govuk-tag--grey',
  revoked: 'govuk-tag govuk-tag--red',
};

function Status({ d }: { d: PublicFacts }) {
  if (!d.revoked) return <strong class={TAGS.valid}>Còn hiệu lực</strong>;
  return (
    <>
      <strong class={TAGS.revoked}>Đã bị thu hồi</strong>
      <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0" safe>{`Thu hồi ngày ${formatDate(d.revoked.at)}. Lý do: ${d.revoked.reason}`}</p>
    </>
  );
}

function Facts({ d }: { d: PublicFacts }) {
  return (
    <SummaryList
      rows={[
        { key: 'Tình trạng', value: <Status d={d} /> },
        { key: 'Loại văn bản', value: <span safe>{KIND_LABELS[d.kind]}</span> },
        ...(d.number ? [{ key: 'Số', value: <span safe>{d.number}</span> }] : []),
        { key: 'Cơ quan ban hành', value: <span safe>{d.issuer}</span> },
        { key: 'Ngày ban hành', value: <span safe>{formatDate(d.issuedAt)}</span> },
        { key: 'Thủ tục hành chính', value: <a class="govuk-link" href={`/thu-tuc/${encodeURIComponent(d.procedureCode)}`} safe>{`${d.procedureCode} – ${d.procedureName}`}</a> },
        { key: 'Chứng thư số ký văn bản', value: <span safe>{d.signerSubject}</span> },
        { key: 'Mã băm SHA-256 của tệp đã ký', value: <code class="mc-hash" safe>{groupedHash(d.sha256)}</code> },
        { key: 'Mã xác thực', value: <span safe>{d.code}</span> },
      ]}
    />
  );
}

export function DocumentPage({ ctx, d, canRevoke, errors = [], reason = '' }: { ctx: PageContext; d: PublicFacts; canRevoke: boolean; errors?: FieldError[]; reason?: string }) {
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Xác thực văn bản ${d.code}`}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Xác thực văn bản điện tử</h1>
      <p class="govuk-body">
        Văn bản có mã xác thực này do hệ thống cấp và được ký số. Để chắc chắn tệp bạn nhận được chưa bị sửa, hãy{' '}
        <a class="govuk-link" href="/xac-thuc#kiem-tra-tep">
          tải tệp PDF lên để kiểm tra
        </a>
        : hệ thống so chữ ký số và mã băm của tệp với bản đã ban hành.
      </p>
      <Facts d={d} />
      {canRevoke ? (
        <section aria-labelledby="thu-hoi">
          <h2 class="govuk-heading-m" id="thu-hoi">
            Thu hồi văn bản
          </h2>
          <p class="govuk-body">Văn bản bị thu hồi vẫn tra cứu được, kèm ngày và lý do thu hồi. Không thể hoàn tác.</p>
          <form method="post" action={`/xac-thuc/${d.code}/thu-hoi`} novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Textarea name="reason" label="Lý do thu hồi" hint={`Người kiểm tra văn bản sẽ đọc lý do này. Tối đa ${formatNumber(REVOKE_REASON_MAX)} ký tự; không ghi thông tin cá nhân.`} rows={3} value={reason} error={errorFor(errors, 'reason')} />
            <Button>Thu hồi văn bản</Button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function UploadResult({ r }: { r: UploadCheck }) {
  const d = r.document;
  return (
    <section aria-labelledby="ket-qua-kiem-tra" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m" id="ket-qua-kiem-tra">
        Kết quả kiểm tra: <strong class={TAGS[r.verdict]} safe>{VERDICT_TITLES[r.verdict]}</strong>
      </h2>
      {r.verdict === 'valid' && d ? (
        <p class="govuk-body" safe>{`Tệp có chữ ký số hợp lệ của ${d.issuer}, chưa bị sửa đổi từ khi ký, và trùng khớp với văn bản ban hành ngày ${formatDate(d.issuedAt)}.`}</p>
      ) : (
        ''
      )}
      {r.verdict === 'revoked' && d?.revoked ? (
        <p class="govuk-body" safe>{`Tệp đúng là văn bản do ${d.issuer} ban hành ngày ${formatDate(d.issuedAt)}, nhưng văn bản đã bị thu hồi ngày ${formatDate(d.revoked.at)}. Lý do: ${d.revoked.reason}`}</p>
      ) : (
        ''
      )}
      {r.verdict === 'tampered' ? (
        <p class="govuk-body">Chữ ký số trong tệp không còn khớp với nội dung: tệp đã bị sửa hoặc thêm nội dung sau khi ký. Không sử dụng tệp này; hãy xin lại bản điện tử từ cơ quan ban hành hoặc tải lại trong mục “Hồ sơ của tôi”.</p>
      ) : (
        ''
      )}
      {r.verdict === 'unknown' && r.reason ? <p class="govuk-body" safe>{r.reason}</p> : ''}
      {d ? <Facts d={d} /> : ''}
      <p class="govuk-body-s mc-muted">
        Mã băm SHA-256 của tệp bạn tải lên: <code class="mc-hash" safe>{groupedHash(r.sha256)}</code>
      </p>
    </section>
  );
}

export function VerifyPage({ ctx, code, result, errors = [], maxBytes }: { ctx: PageContext; code?: string; result?: UploadCheck; errors?: FieldError[]; maxBytes: number }) {
  const fileError = errorFor(errors, 'file');
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Xác thực văn bản điện tử`}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Xác thực văn bản điện tử</h1>
      <p class="govuk-body">Kết quả giải quyết thủ tục hành chính bản điện tử có chữ ký số của cơ quan ban hành và giá trị pháp lý như bản giấy. Kiểm tra một văn bản bằng mã xác thực in dưới mã QR, hoặc bằng chính tệp PDF.</p>
      {result ? <UploadResult r={result} /> : ''}
      <form method="get" action="/xac-thuc" class="mc-search" role="search">
        <h2 class="govuk-heading-m">Tra cứu theo mã xác thực</h2>
        <div class={`govuk-form-group${errorFor(errors, 'ma') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for={fieldId('ma')}>
            Mã xác thực
          </label>
          <div class="govuk-hint" id="f-ma-hint">
            16 ký tự in dưới mã QR, ví dụ 7K2M-Q9XD-4TRB-8HNC
          </div>
          {errorFor(errors, 'ma') ? (
            <p class="govuk-error-message" id="f-ma-error">
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{errorFor(errors, 'ma')}</span>
            </p>
          ) : (
            ''
          )}
          <div class="mc-search__row">
            <input class="govuk-input mc-search__input" id={fieldId('ma')} name="ma" type="search" value={code} aria-describedby="f-ma-hint" maxlength="40" spellcheck="false" autocomplete="off" />
            <button type="submit" class="govuk-button mc-search__button">
              Tra cứu
            </button>
          </div>
        </div>
      </form>
      <form method="post" action="/xac-thuc" enctype="multipart/form-data" novalidate id="kiem-tra-tep">
        <h2 class="govuk-heading-m">Kiểm tra tệp PDF</h2>
        <CsrfField token={ctx.csrfToken()} />
        <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for={fieldId('file')}>
            Tệp PDF cần kiểm tra
          </label>
          <div class="govuk-hint" id="f-file-hint" safe>{`Tệp kết quả bạn nhận được, tối đa ${formatNumber(Math.floor(maxBytes / 1024 / 1024))} MB. Tệp chỉ được dùng để kiểm tra, không được lưu lại.`}</div>
          {fileError ? (
            <p class="govuk-error-message" id="f-file-error">
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{fileError}</span>
            </p>
          ) : (
            ''
          )}
          <input class={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`} id={fieldId('file')} name="file" type="file" accept="application/pdf,.pdf" aria-describedby={`f-file-hint${fileError ? ' f-file-error' : ''}`} />
        </div>
        <Button>Kiểm tra tệp</Button>
      </form>
    </Layout>
  );
}

