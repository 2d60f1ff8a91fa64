// An organisation's staff (the organisation's own login) and a person's choice to act for an
// organisation they work for.
import { Button, CsrfField, ErrorSummary, errorFor, Input } from '../../web/components';
import { Layout } from '../../web/layout';
import type { FieldError } from '../../platform/errors';
import { formatDate } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';

export interface StaffRow {
  id: string;
  fullName: string;
  idNumber: string | null;
  email: string | null;
  addedAt: Date;
}

export function StaffPage({ ctx, staff, errors, value }: { ctx: PageContext; staff: StaffRow[]; errors: FieldError[]; value?: string }) {
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? 'Lỗi: ' : ''}Nhân viên của tổ chức`}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Nhân viên của tổ chức</h1>
      <p class="govuk-body">
        Nhân viên trong danh sách đăng nhập bằng tài khoản cá nhân của mình, chọn làm việc cho tổ chức, rồi nộp hồ sơ với tổ chức là người yêu cầu và xem mọi hồ sơ của tổ chức. Xóa một người khỏi danh sách thì họ mất quyền ngay.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/to-chuc/ho-so">
          Hồ sơ của tổ chức
        </a>
      </p>
      {staff.length === 0 ? (
        <p class="govuk-body">Tổ chức chưa có nhân viên nào được thêm.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Danh sách nhân viên</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Họ và tên</th>
              <th scope="col" class="govuk-table__header">Số định danh / thư điện tử</th>
              <th scope="col" class="govuk-table__header">Ngày thêm</th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {staff.map((s) => (
              <tr class="govuk-table__row" data-staff={s.id}>
                <td class="govuk-table__cell" safe>
                  {s.fullName}
                </td>
                <td class="govuk-table__cell" safe>
                  {s.idNumber ?? s.email ?? ''}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatDate(s.addedAt)}
                </td>
                <td class="govuk-table__cell">
                  <form method="post" action={`/to-chuc/nhan-vien/${s.id}/xoa`}>
                    <CsrfField token={ctx.csrfToken()} />
                    <Button secondary>
                      <>
                        Xóa<span class="govuk-visually-hidden" safe>{` ${s.fullName}`}</span>
                      </>
                    </Button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 class="govuk-heading-m">Thêm nhân viên</h2>
      <form method="post" action="/to-chuc/nhan-vien" novalidate>
        <CsrfField token={ctx.csrfToken()} />
        <Input
          name="staff"
          label="Số định danh cá nhân hoặc thư điện tử của nhân viên"
          hint="Người được thêm phải đã có tài khoản công dân trên Cổng (đăng nhập một lần bằng tài khoản định danh điện tử)."
          value={value}
          error={errorFor(errors, 'staff')}
          autocomplete="off"
        />
        <Button>Thêm nhân viên</Button>
      </form>
    </Layout>
  );
}

export function ActForPage({ ctx, organisations, acting }: { ctx: PageContext; organisations: { id: string; fullName: string; taxCode: string | null }[]; acting: string | undefined }) {
  return (
    <Layout ctx={ctx} title="Làm việc cho tổ chức">
      <h1 class="govuk-heading-l">Làm việc cho tổ chức</h1>
      {acting ? (
        <>
          <p class="govuk-body" safe>{`Bạn đang làm việc cho ${acting}. Hồ sơ bạn nộp lúc này đứng tên tổ chức, và bạn được ghi là người nộp.`}</p>
          <form method="post" action="/to-chuc/thoi-lam-viec">
            <CsrfField token={ctx.csrfToken()} />
            <Button secondary>Trở về tài khoản cá nhân</Button>
          </form>
        </>
      ) : organisations.length === 0 ? (
        <p class="govuk-body">Bạn chưa là nhân viên của tổ chức nào. Tổ chức thêm bạn theo số định danh cá nhân hoặc thư điện tử trong trang “Nhân viên của tổ chức”.</p>
      ) : (
        <ul class="govuk-list">
          {organisations.map((o) => (
            <li>
              <form method="post" action="/to-chuc/lam-viec">
                <CsrfField token={ctx.csrfToken()} />
                <input type="hidden" name="organisationId" value={o.id} />
                <Button>
                  <span safe>{`Làm việc cho ${o.fullName}${o.taxCode ? ` (mã số thuế ${o.taxCode})` : ''}`}</span>
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
