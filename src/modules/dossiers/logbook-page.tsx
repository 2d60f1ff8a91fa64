// The Sổ theo dõi hồ sơ page: choose a period, read the rows, download the book as the
// printed Mẫu 06 (PDF) or as a spreadsheet.
import type { FieldError } from '../../platform/errors';
import { formatDate, formatNumber } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { ErrorSummary, errorFor, Input, Pagination } from '../../web/components';
import { Layout } from '../../web/layout';
import { contactOf, LOGBOOK_PAGE_SIZE, noteOf, type LogbookEntry, type Period, periodForm } from './logbook';

export const LOGBOOK_PATH = '/mot-cua/so-theo-doi';

export interface LogbookPageProps {
  ctx: PageContext;
  unitName: string;
  /** What the form shows: the period asked for, as typed. */
  form: { tu: string; den: string };
  errors: FieldError[];
  /** The period read, absent when the form has errors. */
  book?: { period: Period; rows: LogbookEntry[]; total: number; page: number } | undefined;
}

function day(d: Date | null): string {
  return d ? formatDate(d) : '';
}

export function LogbookPage({ ctx, unitName, form, errors, book }: LogbookPageProps) {
  return (
    <Layout ctx={ctx} title="Sổ theo dõi hồ sơ" wide>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {unitName}
      </span>
      <h1 class="govuk-heading-l">Sổ theo dõi hồ sơ</h1>
      <p class="govuk-body">Hồ sơ đơn vị đã tiếp nhận trong kỳ, theo Mẫu số 06 Thông tư 01/2018/TT-VPCP.</p>
      <form method="get" action={LOGBOOK_PATH} class="mc-inline-form" novalidate>
        <Input name="tu" label="Từ ngày" hint="Ví dụ 01/11/2026" value={form.tu} error={errorFor(errors, 'tu')} width="10" spellcheck={false} />
        <Input name="den" label="Đến ngày" hint="Ví dụ 30/11/2026" value={form.den} error={errorFor(errors, 'den')} width="10" spellcheck={false} />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Xem sổ
        </button>
      </form>
      {book ? <Book {...book} /> : ''}
    </Layout>
  );
}

function Book({ period, rows, total, page }: { period: Period; rows: LogbookEntry[]; total: number; page: number }) {
  const query = new URLSearchParams(periodForm(period)).toString();
  const heading = `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}: ${formatNumber(total)} hồ sơ`;
  const first = (page - 1) * LOGBOOK_PAGE_SIZE;
  const pageNote = total > LOGBOOK_PAGE_SIZE ? `Trang ${page}: hồ sơ thứ ${formatNumber(first + 1)} đến ${formatNumber(first + rows.length)}. Tệp PDF và bảng tính có cả kỳ.` : '';
  return (
    <section aria-labelledby="so-ky">
      <h2 class="govuk-heading-m" id="so-ky" safe>
        {heading}
      </h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${LOGBOOK_PATH}.pdf?${query}`}>
            Tải sổ để in (PDF, Mẫu số 06)
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${LOGBOOK_PATH}.xlsx?${query}`}>
            Tải sổ dạng bảng tính (Excel)
          </a>
        </li>
      </ul>
      {pageNote ? (
        <p class="govuk-body" safe>
          {pageNote}
        </p>
      ) : (
        ''
      )}
      {rows.length === 0 ? (
        <p class="govuk-body">{total > 0 ? 'Trang này không có hồ sơ; hãy chọn một trang trong danh sách.' : 'Không có hồ sơ trong kỳ.'}</p>
      ) : (
        <div class="mc-table-scroll" role="region" aria-label="Sổ theo dõi hồ sơ" tabindex="0">
          <table class="govuk-table mc-table--compact">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">TT</th>
                <th scope="col" class="govuk-table__header">Mã hồ sơ</th>
                <th scope="col" class="govuk-table__header">Thủ tục</th>
                <th scope="col" class="govuk-table__header">Số bộ</th>
                <th scope="col" class="govuk-table__header">Người nộp, số điện thoại</th>
                <th scope="col" class="govuk-table__header">Cơ quan chủ trì giải quyết</th>
                <th scope="col" class="govuk-table__header">Nhận hồ sơ</th>
                <th scope="col" class="govuk-table__header">Hẹn trả kết quả</th>
                <th scope="col" class="govuk-table__header">Chuyển cơ quan giải quyết</th>
                <th scope="col" class="govuk-table__header">Nhận kết quả từ cơ quan</th>
                <th scope="col" class="govuk-table__header">Trả kết quả cho người nộp</th>
                <th scope="col" class="govuk-table__header">Ghi chú</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((e, i) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell" safe>
                    {String(e.serial ?? first + i + 1)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {e.code}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {e.procedureName}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {String(e.sets)}
                  </td>
                  <td class="govuk-table__cell">
                    <span safe>{e.applicantName}</span>
                    {contactOf(e) ? (
                      <>
                        <br />
                        <span safe>{contactOf(e)}</span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {e.leadAgency}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatDate(e.receivedAt)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {day(e.dueAt)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {day(e.handedOverAt)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {day(e.resultBackAt)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {day(e.deliveredAt)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {noteOf(e)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} total={total} pageSize={LOGBOOK_PAGE_SIZE} href={(p) => `${LOGBOOK_PATH}?${query}${p > 1 ? `&trang=${p}` : ''}`} />
    </section>
  );
}
