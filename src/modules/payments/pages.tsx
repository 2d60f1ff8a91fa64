// Pages of online fee payment: the step on the applicant's dossier page, the page that shows
// the fee before paying, the result after the gateway, and the officers' payments, refunds and
// reconciliation reports.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime, formatMoney } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, Input, SummaryList, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import { PAYMENT_STATE_LABELS, type FeeLine, type PaymentState } from './model';
import type { Difference, officerView, PaymentStepView, ReturnView } from './service';
import type * as store from './store';

const BANKS: Record<string, string> = {
  '': 'Chọn ngân hàng tại cổng VNPAY',
  VNPAYQR: 'Quét mã VNPAY-QR bằng ứng dụng ngân hàng',
  VNBANK: 'Thẻ ATM, tài khoản ngân hàng nội địa',
  INTCARD: 'Thẻ thanh toán quốc tế',
};

export function payPath(code: string): string {
  return `/ho-so-cua-toi/${encodeURIComponent(code)}/nop-phi`;
}

export function receiptPath(txnRef: string): string {
  return `/thanh-toan/${encodeURIComponent(txnRef)}/bien-lai.pdf`;
}

function FeeTable({ lines, total }: { lines: FeeLine[]; total: number }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">Các khoản phí, lệ phí</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Khoản thu
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Số tiền
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {lines.map((l) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {l.label}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatMoney(l.amount)}
            </td>
          </tr>
        ))}
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            Tổng cộng
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric">
            <strong safe>{formatMoney(total)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function whatPaid(p: store.Payment): string {
  return p.purpose === 'postage' ? 'cước phí bưu chính' : p.postage > 0 ? 'phí, lệ phí và cước phí bưu chính' : 'phí, lệ phí';
}

/** The words of the pay button and heading: the postage alone is not a fee. */
function payTitle(v: PaymentStepView): string {
  return v.due?.purpose === 'postage' ? 'Nộp cước phí bưu chính trực tuyến' : 'Nộp phí trực tuyến';
}

/**
 * The "Nộp phí trực tuyến" step of the applicant's dossier page (empty when nothing is due or
 * paid): each payment that holds money with its receipt, then what is still due (a postage
 * chosen after the fee was paid) and its button.
 */
export function PaymentPanel({ v }: { v: PaymentStepView }) {
  if (v.fee.total <= 0 && v.held.length === 0) return <></>;
  const toPay = v.due && !v.open ? v.due.total : v.open?.amount;
  return (
    <section aria-labelledby="nop-phi" class="mc-payment">
      <h2 class="govuk-heading-m" id="nop-phi" safe>
        {v.held.length > 0 && !v.due ? 'Phí, lệ phí' : payTitle(v)}
      </h2>
      {v.held.map((p) => (
        <>
          <p class="govuk-body" safe>{`Đã nộp ${formatMoney(p.amount)} ${whatPaid(p)} lúc ${p.paidAt ? formatDateTime(p.paidAt) : ''} (mã giao dịch ${p.txnRef}).`}</p>
          {p.refundedAmount > 0 ? <p class="govuk-body" safe>{`Đã hoàn trả ${formatMoney(p.refundedAmount)}.`}</p> : ''}
          <p class="govuk-body">
            <a class="govuk-link" href={receiptPath(p.txnRef)} safe>{`Tải biên lai điện tử số ${p.receiptNumber ?? ''} (PDF)`}</a>
          </p>
        </>
      ))}
      {v.due ? (
        <>
          {v.due.purpose === 'postage' ? (
            <p class="govuk-body">Bạn đã chọn nhận kết quả qua bưu chính sau khi nộp phí: cần nộp cước phí bưu chính trước khi kết quả được gửi đi.</p>
          ) : (
            ''
          )}
          <p class="govuk-body">
            Số tiền phải nộp: <strong safe>{formatMoney(toPay ?? v.due.total)}</strong>
          </p>
          {v.canPay ? (
            <p class="govuk-body">
              <a class="govuk-button" href={payPath(v.dossier.code)} safe>
                {payTitle(v)}
              </a>
            </p>
          ) : (
            <p class="govuk-body" safe>
              {v.reason}
            </p>
          )}
        </>
      ) : v.held.length === 0 ? (
        <p class="govuk-body" safe>
          {v.reason}
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

export function PayPage({ ctx, v, errors = [] }: { ctx: PageContext; v: PaymentStepView; errors?: FieldError[] }) {
  const code = v.dossier.code;
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Nộp phí hồ sơ ${code}`}>
      <a class="govuk-back-link" href={`/ho-so-cua-toi/${encodeURIComponent(code)}`}>
        Quay lại hồ sơ
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>
        {payTitle(v)}
      </h1>
      <SummaryList
        rows={[
          { key: 'Mã hồ sơ', value: <span safe>{code}</span> },
          { key: 'Thủ tục', value: <span safe>{v.dossier.procedureName}</span> },
          { key: 'Người nộp', value: <span safe>{v.dossier.applicantName}</span> },
        ]}
      />
      <FeeTable lines={v.due?.lines ?? v.fee.lines} total={v.due?.total ?? v.fee.total} />
      {v.canPay ? (
        <form method="post" action={payPath(code)} novalidate>
          <CsrfField token={ctx.csrfToken()} />
          <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Phương thức thanh toán</legend>
              <div class="govuk-radios govuk-radios--small">
                {Object.entries(BANKS).map(([value, label], i) => (
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id={i === 0 ? 'bankCode' : `bankCode-${i}`} name="bankCode" type="radio" value={value} checked={i === 0} />
                    <label class="govuk-label govuk-radios__label" for={i === 0 ? 'bankCode' : `bankCode-${i}`} safe>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <p class="govuk-body">
            Bạn sẽ được chuyển sang cổng thanh toán VNPAY. Giao dịch cần hoàn tất trong thời hạn cổng thanh toán cho phép; kết quả được cập nhật vào hồ sơ ngay khi cổng thanh toán báo về.
          </p>
          <Button>
            <span safe>{`Thanh toán ${formatMoney(v.open?.amount ?? v.due?.total ?? v.fee.total)} qua VNPAY`}</span>
          </Button>
        </form>
      ) : (
        <p class="govuk-body" safe>
          {v.reason}
        </p>
      )}
    </Layout>
  );
}

const RESULT_TITLES: Partial<Record<PaymentState, string>> = {
  succeeded: 'Nộp phí thành công',
  partly_refunded: 'Nộp phí thành công',
  refunded: 'Khoản phí đã được hoàn trả',
  failed: 'Thanh toán không thành công',
  cancelled: 'Bạn đã hủy thanh toán',
  expired: 'Hết thời gian thanh toán',
  pending: 'Đang chờ kết quả thanh toán',
  created: 'Đang chờ kết quả thanh toán',
};

export function ResultPage({ ctx, v }: { ctx: PageContext; v: ReturnView }) {
  const p = v.payment;
  const ok = p.state === 'succeeded' || p.state === 'partly_refunded';
  return (
    <Layout ctx={ctx} title={RESULT_TITLES[p.state] ?? 'Kết quả thanh toán'}>
      {ok ? (
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">Nộp phí thành công</h1>
          <div class="govuk-panel__body" safe>{`${formatMoney(p.amount)} – hồ sơ ${v.dossierCode}`}</div>
        </div>
      ) : (
        <h1 class="govuk-heading-l" safe>
          {RESULT_TITLES[p.state] ?? 'Kết quả thanh toán'}
        </h1>
      )}
      <SummaryList
        rows={[
          { key: 'Mã hồ sơ', value: <span safe>{v.dossierCode}</span> },
          { key: 'Mã giao dịch', value: <span safe>{p.txnRef}</span> },
          { key: 'Số tiền', value: <span safe>{formatMoney(p.amount)}</span> },
          { key: 'Tình trạng', value: <strong class="govuk-tag" safe>{PAYMENT_STATE_LABELS[p.state]}</strong> },
          ...(p.receiptNumber ? [{ key: 'Biên lai', value: <a class="govuk-link" href={receiptPath(p.txnRef)} safe>{`Biên lai số ${p.receiptNumber} (PDF)`}</a> }] : []),
        ]}
      />
      {p.state === 'pending' || p.state === 'created' ? <p class="govuk-body">Cổng thanh toán chưa báo kết quả. Trang hồ sơ sẽ cập nhật ngay khi có kết quả; bạn không cần thanh toán lại.</p> : ''}
      {p.state === 'failed' || p.state === 'cancelled' || p.state === 'expired' ? (
        <p class="govuk-body">
          Bạn chưa bị trừ tiền cho giao dịch này.{' '}
          <a class="govuk-link" href={payPath(v.dossierCode)}>
            Thanh toán lại
          </a>
        </p>
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/ho-so-cua-toi/${encodeURIComponent(v.dossierCode)}`}>
          Về trang hồ sơ
        </a>
      </p>
    </Layout>
  );
}

type OfficerRow = Awaited<ReturnType<typeof store.forUnits>>[number];

export function OfficerPaymentsPage({ ctx, rows, refundDue }: { ctx: PageContext; rows: OfficerRow[]; refundDue: boolean }) {
  return (
    <Layout ctx={ctx} title="Thanh toán trực tuyến" wide>
      <h1 class="govuk-heading-l">Thanh toán trực tuyến</h1>
      <p class="govuk-body">
        {refundDue ? (
          <a class="govuk-link" href="/mot-cua/thanh-toan">
            Xem tất cả giao dịch
          </a>
        ) : (
          <a class="govuk-link" href="/mot-cua/thanh-toan?can-hoan=1">
            Chỉ xem khoản cần xem xét hoàn phí
          </a>
        )}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">Không có giao dịch nào.</p>
      ) : (
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Mã giao dịch
              </th>
              <th scope="col" class="govuk-table__header">
                Hồ sơ
              </th>
              <th scope="col" class="govuk-table__header">
                Người nộp
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Số tiền
              </th>
              <th scope="col" class="govuk-table__header">
                Tình trạng
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/mot-cua/thanh-toan/${encodeURIComponent(r.txnRef)}`} safe>
                    {r.txnRef}
                  </a>
                </td>
                <td class="govuk-table__cell" safe>
                  {r.code}
                </td>
                <td class="govuk-table__cell" safe>
                  {r.applicantName}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {formatMoney(r.amount)}
                </td>
                <td class="govuk-table__cell" safe>
                  {PAYMENT_STATE_LABELS[r.state] + (r.refundDue ? ' · cần xem xét hoàn phí' : '')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

type OfficerView = Awaited<ReturnType<typeof officerView>>;

export function OfficerPaymentPage({ ctx, v, errors = [], values = {} }: { ctx: PageContext; v: OfficerView; errors?: FieldError[]; values?: Record<string, string> }) {
  const p = v.payment;
  const path = `/mot-cua/thanh-toan/${encodeURIComponent(p.txnRef)}`;
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Giao dịch ${p.txnRef}`}>
      <a class="govuk-back-link" href="/mot-cua/thanh-toan">
        Thanh toán trực tuyến
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>{`Giao dịch ${p.txnRef}`}</h1>
      <SummaryList
        rows={[
          { key: 'Hồ sơ', value: <a class="govuk-link" href={`/mot-cua/ho-so/${encodeURIComponent(v.dossier.code)}`} safe>{v.dossier.code}</a> },
          { key: 'Người nộp', value: <span safe>{v.dossier.applicantName}</span> },
          { key: 'Số tiền', value: <span safe>{formatMoney(p.amount)}</span> },
          { key: 'Đã hoàn', value: <span safe>{formatMoney(p.refundedAmount)}</span> },
          { key: 'Tình trạng', value: <strong class="govuk-tag" safe>{PAYMENT_STATE_LABELS[p.state] + (p.refundDue ? ' · cần xem xét hoàn phí' : '')}</strong> },
          { key: 'Mã giao dịch VNPAY', value: <span safe>{p.gatewayTxnNo ?? '–'}</span> },
          ...(p.receiptNumber ? [{ key: 'Biên lai', value: <a class="govuk-link" href={receiptPath(p.txnRef)} safe>{p.receiptNumber}</a> }] : []),
        ]}
      />
      {v.canRefund ? (
        <section aria-labelledby="hoan-phi">
          <h2 class="govuk-heading-m" id="hoan-phi">
            Duyệt hoàn phí
          </h2>
          <form method="post" action={`${path}/hoan-phi`} novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Input name="amount" label="Số tiền hoàn (đồng)" hint={`Tối đa ${formatMoney(v.maxRefund)}. Hoàn toàn bộ hoặc một phần.`} value={values.amount ?? String(v.maxRefund)} inputmode="numeric" width="10" error={errorFor(errors, 'amount')} />
            <Textarea name="reason" label="Lý do hoàn phí" rows={3} value={values.reason} error={errorFor(errors, 'reason')} />
            <Button>Duyệt hoàn phí</Button>
          </form>
        </section>
      ) : (
        ''
      )}
      {v.refunds.length > 0 ? (
        <section aria-labelledby="lich-su-hoan">
          <h2 class="govuk-heading-m" id="lich-su-hoan">
            Hoàn phí
          </h2>
          <ul class="govuk-list">
            {v.refunds.map((r) => (
              <li safe>{`${formatDateTime(r.createdAt)}: ${formatMoney(r.amount)} (${r.kind === 'full' ? 'toàn phần' : 'một phần'}) – ${r.state === 'succeeded' ? 'đã hoàn' : r.state === 'failed' ? `không thành công (mã ${r.responseCode ?? '?'})` : 'đang xử lý'} – ${r.approvedByName}: ${r.reason}`}</li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="lich-su">
        <h2 class="govuk-heading-m" id="lich-su">
          Lịch sử giao dịch
        </h2>
        <ul class="govuk-list">
          {v.events.map((e) => (
            <li safe>{`${formatDateTime(e.at)}: ${e.type} (${e.source})${e.toState ? ` → ${PAYMENT_STATE_LABELS[e.toState as PaymentState] ?? e.toState}` : ''}`}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

type Report = { id: string; day: string; ranAt: Date; gatewayCount: number; ledgerCount: number; differences: unknown; ok: boolean };

const DIFFERENCE_LABELS: Record<Difference['kind'], string> = {
  missing_in_ledger: 'Có ở cổng thanh toán, không có trong sổ',
  missing_at_gateway: 'Có trong sổ, không có ở cổng thanh toán',
  amount_mismatch: 'Lệch số tiền',
  refund_mismatch: 'Lệch số tiền hoàn',
};

export function ReconciliationPage({ ctx, reports }: { ctx: PageContext; reports: Report[] }) {
  return (
    <Layout ctx={ctx} title="Đối soát thanh toán" wide>
      <>
      <h1 class="govuk-heading-l">Đối soát thanh toán với cổng VNPAY</h1>
      <p class="govuk-body">Mỗi đêm, giao dịch của ngày trước được so với danh sách giao dịch của cổng thanh toán; mọi chênh lệch được liệt kê dưới đây.</p>
      {reports.length === 0 ? <p class="govuk-body">Chưa có lần đối soát nào.</p> : ''}
      {reports.map((r) => {
        const diffs = r.differences as Difference[];
        return (
          <section class="govuk-!-margin-bottom-6">
            <h2 class="govuk-heading-s" safe>{`Ngày ${formatDate(r.day)} – đối soát lúc ${formatDateTime(r.ranAt)}: ${r.ok ? 'khớp' : `${diffs.length} chênh lệch`}`}</h2>
            <p class="govuk-body-s" safe>{`Cổng thanh toán: ${r.gatewayCount} giao dịch; sổ: ${r.ledgerCount} giao dịch.`}</p>
            {diffs.length > 0 ? (
              <ul class="govuk-list govuk-list--bullet">
                {diffs.map((d) => (
                  <li safe>{`${DIFFERENCE_LABELS[d.kind]}: ${d.txnRef} – cổng ${d.gatewayAmount === null ? '–' : formatMoney(d.gatewayAmount)}, sổ ${d.ledgerAmount === null ? '–' : formatMoney(d.ledgerAmount)}. ${d.note}`}</li>
                ))}
              </ul>
            ) : (
              ''
            )}
          </section>
        );
      })}
      </>
    </Layout>
  );
}
