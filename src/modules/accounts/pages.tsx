import { Button, CsrfField, ErrorSummary, errorFor, Input, SummaryList } from '../../web/components';
import { Layout } from '../../web/layout';
import type { FieldError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { ROLE_LABELS, type Role } from './model';
import type { VerifiedView } from './identity';

function VerifiedAttributes({ v }: { v: VerifiedView }) {
  const tag = <strong class="govuk-tag govuk-tag--green">Đã xác thực</strong>;
  const row = (key: string, value: string | undefined) => (value ? [{ key, value: <span><span safe>{value}</span> {tag}</span> }] : []);
  const [y, m, d] = (v.birthDate ?? '').split('-');
  return (
    <>
      <h2 class="govuk-heading-m">Thông tin đã xác thực qua tài khoản định danh điện tử</h2>
      <p class="govuk-body">
        Mức <span safe>{String(v.loa)}</span>, xác thực lần gần nhất lúc <span safe>{formatDateTime(v.verifiedAt)}</span>. Các thông tin này được điền sẵn vào tờ khai.
      </p>
      <SummaryList
        rows={[
          ...row('Họ và tên (hoặc tên tổ chức)', v.fullName),
          ...row('Số định danh cá nhân', v.idNumber),
          ...row('Mã số thuế', v.taxCode),
          ...row('Ngày sinh', v.birthDate ? `${d}/${m}/${y}` : undefined),
          ...row('Số điện thoại', v.phone),
          ...row('Nơi thường trú', v.address),
        ]}
      />
    </>
  );
}

export function LoginPage({
  ctx,
  errors,
  login,
  returnTo,
  identityLogin = false,
  passwordLogin = true,
}: {
  ctx: PageContext;
  errors: FieldError[];
  login?: string;
  returnTo?: string | undefined;
  /** The national electronic identity is configured: show its button. */
  identityLogin?: boolean;
  /** Citizens and businesses may log in with a password (an administrator's setting). */
  passwordLogin?: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Đăng nhập">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="govuk-heading-l">Đăng nhập</h1>
          {identityLogin ? (
            <div id="f-identity" class="govuk-!-margin-bottom-6">
              <a
                href={returnTo ? `/dang-nhap/dinh-danh?tiep=${encodeURIComponent(returnTo)}` : '/dang-nhap/dinh-danh'}
                role="button"
                draggable="false"
                class="govuk-button govuk-!-margin-bottom-2"
                data-module="govuk-button"
              >
                Đăng nhập bằng tài khoản định danh điện tử
              </a>
              <p class="govuk-body-s">Dùng tài khoản định danh điện tử (VNeID) của công dân hoặc của tổ chức; thông tin của bạn được điền sẵn vào tờ khai.</p>
              <h2 class="govuk-heading-s">{passwordLogin ? 'Hoặc đăng nhập bằng tài khoản của Cổng' : 'Cán bộ, công chức đăng nhập bằng mật khẩu'}</h2>
            </div>
          ) : (
            ''
          )}
          <form method="post" action={returnTo ? `/dang-nhap?tiep=${encodeURIComponent(returnTo)}` : '/dang-nhap'} novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Input
              name="login"
              label="Tên đăng nhập, số điện thoại hoặc thư điện tử"
              value={login}
              error={errorFor(errors, 'login')}
              autocomplete="username"
              spellcheck={false}
            />
            <Input name="password" label="Mật khẩu" type="password" error={errorFor(errors, 'password')} autocomplete="current-password" />
            <Button>Đăng nhập</Button>
          </form>
          <p class="govuk-body">
            Chưa có tài khoản?{' '}
            <a class="govuk-link" href="/dang-ky">
              Đăng ký tài khoản công dân hoặc doanh nghiệp
            </a>
            .
          </p>
        </div>
      </div>
    </Layout>
  );
}

export interface RegisterValues {
  fullName?: string;
  contact?: string;
  kind?: string;
}

export function RegisterPage({ ctx, errors, values }: { ctx: PageContext; errors: FieldError[]; values: RegisterValues }) {
  const kind = values.kind ?? 'citizen';
  const kindError = errorFor(errors, 'kind');
  return (
    <Layout ctx={ctx} title="Đăng ký tài khoản">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="govuk-heading-l">Đăng ký tài khoản</h1>
          <p class="govuk-body">Tài khoản giúp bạn nộp hồ sơ trực tuyến, theo dõi hồ sơ và nhận kết quả.</p>
          <form method="post" action="/dang-ky" novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <div class={`govuk-form-group${kindError ? ' govuk-form-group--error' : ''}`}>
              <fieldset class="govuk-fieldset" id="f-kind">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Bạn đăng ký với tư cách</legend>
                <div class="govuk-radios" data-module="govuk-radios">
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="f-kind-citizen" name="kind" type="radio" value="citizen" checked={kind === 'citizen'} />
                    <label class="govuk-label govuk-radios__label" for="f-kind-citizen">
                      Công dân
                    </label>
                  </div>
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="f-kind-business" name="kind" type="radio" value="business" checked={kind === 'business'} />
                    <label class="govuk-label govuk-radios__label" for="f-kind-business">
                      Tổ chức, doanh nghiệp
                    </label>
                  </div>
                </div>
              </fieldset>
            </div>
            <Input name="fullName" label="Họ và tên (hoặc tên tổ chức)" value={values.fullName} error={errorFor(errors, 'fullName')} autocomplete="name" />
            <Input
              name="contact"
              label="Số điện thoại hoặc thư điện tử"
              hint="Dùng để đăng nhập và nhận thông báo về hồ sơ. Ví dụ: 0912345678 hoặc ten@vidu.vn"
              value={values.contact}
              error={errorFor(errors, 'contact')}
              autocomplete="username"
              spellcheck={false}
            />
            <Input
              name="password"
              label="Mật khẩu"
              hint="Ít nhất 8 ký tự. Nên dùng một cụm từ dễ nhớ mà người khác khó đoán."
              type="password"
              error={errorFor(errors, 'password')}
              autocomplete="new-password"
            />
            <Input name="passwordConfirm" label="Nhập lại mật khẩu" type="password" error={errorFor(errors, 'passwordConfirm')} autocomplete="new-password" />
            <Button>Đăng ký</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export interface ProfileView {
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  unitName: string | undefined;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** What the national electronic identity vouched for, when the account is linked to one. */
  verified?: VerifiedView | undefined;
}

export function ProfilePage({ ctx, profile }: { ctx: PageContext; profile: ProfileView }) {
  return (
    <Layout ctx={ctx} title="Tài khoản của tôi">
      <h1 class="govuk-heading-l">Tài khoản của tôi</h1>
      <SummaryList
        rows={[
          { key: 'Họ và tên', value: <span safe>{profile.fullName}</span> },
          { key: 'Tên đăng nhập', value: <span safe>{profile.username}</span> },
          { key: 'Vai trò', value: <span safe>{ROLE_LABELS[profile.role]}</span> },
          ...(profile.unitName ? [{ key: 'Đơn vị', value: <span safe>{profile.unitName}</span> }] : []),
          { key: 'Số điện thoại', value: <span safe>{profile.phone ?? 'Chưa có'}</span> },
          { key: 'Thư điện tử', value: <span safe>{profile.email ?? 'Chưa có'}</span> },
          { key: 'Lần đăng nhập gần nhất', value: <span>{profile.lastLoginAt ? formatDateTime(profile.lastLoginAt) : 'Chưa có'}</span> },
        ]}
      />
      {profile.verified ? <VerifiedAttributes v={profile.verified} /> : ''}
      {ctx.actor?.agent ? (
        <div class="govuk-inset-text" data-acting-for>
          <span safe>{`${ctx.actor.agent.fullName} đang làm việc cho ${ctx.actor.fullName}.`}</span>{' '}
          <a class="govuk-link" href="/to-chuc">
            Trở về tài khoản cá nhân
          </a>
        </div>
      ) : (
        ''
      )}
      <ul class="govuk-list">
        {ctx.actor?.agent ? '' : (
          <li>
            <a class="govuk-link" href="/tai-khoan/doi-mat-khau">
              Đổi mật khẩu
            </a>
          </li>
        )}
        {profile.role === 'citizen' ? (
          <li>
            <a class="govuk-link" href="/to-chuc">
              Làm việc cho tổ chức, doanh nghiệp
            </a>
          </li>
        ) : (
          ''
        )}
        {profile.role === 'business' ? (
          <>
            <li>
              <a class="govuk-link" href="/to-chuc/ho-so">
                Hồ sơ của tổ chức
              </a>
            </li>
            {ctx.actor?.agent ? (
              ''
            ) : (
              <li>
                <a class="govuk-link" href="/to-chuc/nhan-vien">
                  Nhân viên của tổ chức
                </a>
              </li>
            )}
          </>
        ) : (
          ''
        )}
      </ul>
    </Layout>
  );
}

export function PasswordLoginSettingPage({ ctx, allowed, identityConfigured }: { ctx: PageContext; allowed: boolean; identityConfigured: boolean }) {
  return (
    <Layout ctx={ctx} title="Cách đăng nhập của công dân">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Cách đăng nhập của công dân, tổ chức</h1>
          {identityConfigured ? '' : <p class="govuk-body">Cổng chưa kết nối với hệ thống định danh điện tử (IDENTITY_ISSUER chưa được đặt): nếu tắt mật khẩu, công dân sẽ không đăng nhập được.</p>}
          <form method="post" action="/quan-tri/dang-nhap" novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <div class="govuk-form-group">
              <fieldset class="govuk-fieldset" id="f-matKhau">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Công dân, tổ chức được đăng nhập bằng mật khẩu</legend>
                <div class="govuk-hint">Cán bộ, công chức luôn đăng nhập bằng mật khẩu của mình.</div>
                <div class="govuk-radios" data-module="govuk-radios">
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="f-matKhau-co" name="matKhau" type="radio" value="co" checked={allowed} />
                    <label class="govuk-label govuk-radios__label" for="f-matKhau-co">
                      Có: mật khẩu hoặc tài khoản định danh điện tử
                    </label>
                  </div>
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="f-matKhau-khong" name="matKhau" type="radio" value="khong" checked={!allowed} />
                    <label class="govuk-label govuk-radios__label" for="f-matKhau-khong">
                      Không: chỉ tài khoản định danh điện tử
                    </label>
                  </div>
                </div>
              </fieldset>
            </div>
            <Button>Lưu</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function ChangePasswordPage({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }) {
  return (
    <Layout ctx={ctx} title="Đổi mật khẩu">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="govuk-heading-l">Đổi mật khẩu</h1>
          <form method="post" action="/tai-khoan/doi-mat-khau" novalidate>
            <CsrfField token={ctx.csrfToken()} />
            <Input name="current" label="Mật khẩu hiện tại" type="password" error={errorFor(errors, 'current')} autocomplete="current-password" />
            <Input name="next" label="Mật khẩu mới" hint="Ít nhất 8 ký tự." type="password" error={errorFor(errors, 'next')} autocomplete="new-password" />
            <Input name="confirm" label="Nhập lại mật khẩu mới" type="password" error={errorFor(errors, 'confirm')} autocomplete="new-password" />
            <Button>Đổi mật khẩu</Button>
          </form>
          <p class="govuk-body-s">Sau khi đổi, các thiết bị khác đang đăng nhập tài khoản này sẽ bị đăng xuất.</p>
        </div>
      </div>
    </Layout>
  );
}
