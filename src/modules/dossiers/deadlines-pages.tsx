// Officers' pages for deadlines: the apology form (Mẫu 04: reason, explanation, new appointment)
// and the lateness list by unit. Both work without JavaScript and escape every value.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatDateTime, formatNumber } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, fieldId, Input, SummaryList, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import { DueTag, officerPath } from './backoffice-pages';
import { NEW_DUE_FIELD } from './deadlines';
import type { ApologyView, UnitLateness } from './deadlines-service';
import type { Period } from './logbook';
import { REASONS, STATE_LABELS } from './model';

export const apologyPath = (code: string) => `${officerPath(code)}/xin-loi`;
export const LATENESS_PATH = '/mot-cua/tre-han';

export function ApologyPage({ ctx, v, errors, values, now }: { ctx: PageContext; v: ApologyView; errors: FieldError[]; values: Record<string, string>; now: Date }) {
  const d = v.dossier;
  const codeError = errorFor(errors, 'reasonCode');
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Xin lỗi và hẹn lại ngày trả kết quả – ${d.code}`}>
      <a class="govuk-back-link" href={officerPath(d.code)}>
        Quay lại hồ sơ
      </a>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {`Hồ sơ ${d.code}`}
      </span>
      <h1 class="govuk-heading-l">Xin lỗi và hẹn lại ngày trả kết quả</h1>
      <SummaryList
        rows={[
          { key: 'Thủ tục', value: <span safe>{d.procedureName}</span> },
          { key: 'Người nộp', value: <span safe>{d.applicantName}</span> },
          { key: 'Tình trạng', value: <strong class="govuk-tag" safe>{STATE_LABELS[d.state]}</strong> },
          ...(d.receivedAt ? [{ key: 'Tiếp nhận lúc', value: <span safe>{formatDateTime(d.receivedAt)}</span> }] : []),
          ...(d.dueAt ? [{ key: 'Hẹn trả kết quả hiện tại', value: <DueTag dueAt={d.dueAt} now={now} /> }] : []),
          ...(v.originalDueAt ? [{ key: 'Hẹn trả theo giấy tiếp nhận', value: <span safe>{formatDateTime(v.originalDueAt)}</span> }] : []),
          { key: 'Số lần đã hẹn lại', value: <span safe>{String(v.lateCount)}</span> },
          { key: 'Đơn vị xin lỗi', value: <span safe>{v.unit.name}</span> },
        ]}
      />
      <p class="govuk-body">
        Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) do đơn vị đang giải quyết hồ sơ phát hành, lãnh đạo đơn vị ký. Người nộp nhận thông báo và tải được phiếu trong mục “Hồ sơ
        của tôi”. Nên lập phiếu trước ngày hẹn.
      </p>
      <form method="post" action={apologyPath(d.code)} novalidate>
        <CsrfField token={ctx.csrfToken()} />
        <input type="hidden" name="version" value={String(d.version)} />
        <div class={`govuk-form-group${codeError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for={fieldId('reasonCode')}>
            Lý do chậm trả kết quả
          </label>
          {codeError ? (
            <p id={`${fieldId('reasonCode')}-error`} class="govuk-error-message">
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{codeError}</span>
            </p>
          ) : (
            ''
          )}
          <select class={`govuk-select${codeError ? ' govuk-select--error' : ''}`} id={fieldId('reasonCode')} name="reasonCode" aria-describedby={codeError ? `${fieldId('reasonCode')}-error` : undefined}>
            <option value="">Chọn lý do</option>
            {Object.entries(REASONS.delay).map(([code, label]) => (
              <option value={code} selected={values.reasonCode === code} safe>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Textarea
          name="reasonExplanation"
          label="Giải thích cho người nộp"
          hint="Người nộp đọc được nội dung này trên phiếu và trong thông báo; viết bằng lời dễ hiểu."
          rows={4}
          value={values.reasonExplanation}
          error={errorFor(errors, 'reasonExplanation')}
        />
        <Input
          name={NEW_DUE_FIELD}
          label="Ngày hẹn trả kết quả mới"
          hint="Ngày/tháng/năm, có thể kèm giờ, ví dụ 20/11/2026 hoặc 20/11/2026 09:30. Phải là ngày làm việc, sau ngày hẹn hiện tại; không ghi giờ thì hẹn đến hết giờ làm việc."
          value={values[NEW_DUE_FIELD]}
          error={errorFor(errors, NEW_DUE_FIELD)}
          width="10"
          spellcheck={false}
          autocomplete="off"
        />
        <Button>Lập phiếu xin lỗi và báo người nộp</Button>
      </form>
    </Layout>
  );
}

export interface LatenessPageProps {
  ctx: PageContext;
  /** Who the list covers, e.g. the unit and those below it. */
  scopeText: string;
  form: { tu: string; den: string };
  errors: FieldError[];
  result?: { period: Period; units: UnitLateness[] } | undefined;
}

export function LatenessPage({ ctx, scopeText, form, errors, result }: LatenessPageProps) {
  return (
    <Layout ctx={ctx} title={`${errors.length ? 'Lỗi: ' : ''}Hồ sơ trễ hạn theo đơn vị`} wide>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {scopeText}
      </span>
      <h1 class="govuk-heading-l">Hồ sơ trễ hạn theo đơn vị</h1>
      <p class="govuk-body">
        Các bước xử lý đã xong nhưng quá thời gian được giao trong kỳ, và các bước đang xử lý đã quá hạn, ghi theo đơn vị giữ hồ sơ khi hồ sơ bị trễ (cột kết quả của Phiếu kiểm soát, Mẫu 05).
        Số giờ trễ tính theo giờ làm việc.
      </p>
      <form method="get" action={LATENESS_PATH} class="mc-inline-form" novalidate>
        <Input name="tu" label="Từ ngày" hint="Ví dụ 01/11/2026" value={form.tu} error={errorFor(errors, 'tu')} width="10" spellcheck={false} />
        <Input name="den" label="Đến ngày" hint="Ví dụ 30/11/2026" value={form.den} error={errorFor(errors, 'den')} width="10" spellcheck={false} />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Xem
        </button>
      </form>
      {result ? <Lateness period={result.period} units={result.units} /> : ''}
    </Layout>
  );
}

function Lateness({ period, units }: { period: Period; units: UnitLateness[] }) {
  const heading = `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
  return (
    <section aria-labelledby="tre-han-ky">
      <h2 class="govuk-heading-m" id="tre-han-ky" safe>
        {heading}
      </h2>
      {units.length === 0 ? <p class="govuk-body">Không có bước xử lý nào trễ hạn.</p> : ''}
      {units.map((u, i) => (
        <>
          <h3 class="govuk-heading-s" id={`don-vi-${i}`} safe>
            {`${u.unitName}: ${formatNumber(u.total)} bước trễ hạn`}
          </h3>
          {u.total > u.steps.length ? (
            <p class="govuk-body" safe>
              {`Danh sách dưới đây có ${formatNumber(u.steps.length)} bước có hạn sớm nhất; còn ${formatNumber(u.total - u.steps.length)} bước khác trong kỳ. Chọn kỳ ngắn hơn để xem hết.`}
            </p>
          ) : (
            ''
          )}
          <div class="mc-table-scroll" role="region" aria-labelledby={`don-vi-${i}`} tabindex="0">
            <table class="govuk-table mc-table--compact">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Mã hồ sơ</th>
                  <th scope="col" class="govuk-table__header">Bước</th>
                  <th scope="col" class="govuk-table__header">Hạn của bước</th>
                  <th scope="col" class="govuk-table__header">Xong lúc</th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">Trễ (giờ làm việc)</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {u.steps.map((s) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={officerPath(s.code)} safe>
                        {s.code}
                      </a>
                    </td>
                    <td class="govuk-table__cell" safe>
                      {s.stepName}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {formatDateTime(s.dueAt)}
                    </td>
                    <td class="govuk-table__cell">{s.finishedAt ? <span safe>{formatDateTime(s.finishedAt)}</span> : <strong class="govuk-tag govuk-tag--red">Đang xử lý, quá hạn</strong>}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                      {formatNumber(s.hoursLate)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ))}
    </section>
  );
}
