import type { ClientScript, PageContext } from '../platform/http/context';
import { CsrfField, Notification } from './components';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: JSX.Element | JSX.Element[];
  /** Full width for officer tables; the default reading width suits citizens' pages. */
  wide?: boolean;
  /** Browser scripts this page enhances itself with (src/web/client/<name>-entry.ts); the page must work without them. */
  scripts?: ClientScript[];
  /** Reloads the page after this many seconds (a page that waits for a background job; works without JavaScript). */
  refreshSeconds?: number | undefined;
}

const roleLabels: Record<string, string> = {
  citizen: 'Công dân',
  business: 'Tổ chức, doanh nghiệp',
  counter: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  admin: 'Quản trị',
  auditor: 'Kiểm tra',
};

function NavLink({ href, current, children }: { href: string; current: string; children: string }) {
  const active = current === href || (href !== '/' && current.startsWith(href + '/'));
  return (
    <li class={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
      <a class="govuk-service-navigation__link" href={href} aria-current={active ? 'page' : undefined} safe>
        {children}
      </a>
    </li>
  );
}

export function Layout({ ctx, title, children, wide, scripts, refreshSeconds }: LayoutProps) {
  const { actor } = ctx;
  const officer = actor && actor.role !== 'citizen' && actor.role !== 'business';
  return (
    <html lang="vi" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{`${title} – ${ctx.siteName}`}</title>
        <link rel="stylesheet" href={ctx.assets.css} />
        <meta name="theme-color" content="#a50e0e" />
        {refreshSeconds ? (
          <noscript>
            <meta http-equiv="refresh" content={String(refreshSeconds)} />
          </noscript>
        ) : (
          ''
        )}
        {[...new Set(scripts)].map((name) => (
          <script src={ctx.assets.js[name]} defer></script>
        ))}
      </head>
      <body class="govuk-template__body">
        <a href="#noi-dung" class="govuk-skip-link" data-module="govuk-skip-link">
          Bỏ qua, đến nội dung chính
        </a>
        <header class="mc-header" role="banner">
          <div class="govuk-width-container mc-header__inner">
            <a href="/" class="mc-header__brand" safe>
              {ctx.siteName}
            </a>
            <div class="mc-header__account">
              {actor ? (
                <>
                  <a href="/tai-khoan" class="mc-header__link">
                    <span safe>{actor.fullName}</span>
                    <span class="govuk-visually-hidden"> ({roleLabels[actor.role] as 'safe'})</span>
                  </a>
                  <form method="post" action="/dang-xuat" class="mc-header__logout">
                    <CsrfField token={ctx.csrfToken()} />
                    <button type="submit" class="mc-header__button">
                      Đăng xuất
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a href="/dang-nhap" class="mc-header__link">
                    Đăng nhập
                  </a>
                  <a href="/dang-ky" class="mc-header__link">
                    Đăng ký
                  </a>
                </>
              )}
            </div>
          </div>
        </header>
        <nav class="govuk-service-navigation" aria-label="Điều hướng chính" data-module="govuk-service-navigation">
          <div class="govuk-width-container">
            <ul class="govuk-service-navigation__list">
              <NavLink href="/" current={ctx.path}>Trang chủ</NavLink>
              <NavLink href="/thu-tuc" current={ctx.path}>Thủ tục hành chính</NavLink>
              <NavLink href="/co-quan" current={ctx.path}>Cơ quan</NavLink>
              <NavLink href="/huong-dan" current={ctx.path}>Hướng dẫn</NavLink>
              <NavLink href="/tra-cuu-ho-so" current={ctx.path}>Tra cứu hồ sơ</NavLink>
              {actor && !officer ? <NavLink href="/ho-so-cua-toi" current={ctx.path}>Hồ sơ của tôi</NavLink> : ''}
              {officer ? <NavLink href="/quan-ly" current={ctx.path}>Quản lý</NavLink> : ''}
            </ul>
          </div>
        </nav>
        <div class={wide ? 'mc-wide-container' : 'govuk-width-container'}>
          <main class="govuk-main-wrapper" id="noi-dung" role="main">
            {ctx.flash ? <Notification text={ctx.flash} success /> : ''}
            {children as 'safe'}
          </main>
        </div>
        <footer class="govuk-footer" role="contentinfo">
          <div class="govuk-width-container">
            <p class="govuk-body-s" safe>
              {`${ctx.siteName} – Hệ thống thông tin giải quyết thủ tục hành chính.`}
            </p>
            <p class="govuk-body-s">
              Giờ làm việc: 07:30–11:30 và 13:00–17:00, từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ). Tra cứu hồ sơ trực tuyến mọi lúc.{' '}
              <a class="govuk-footer__link" href="/lich-lam-viec">
                Lịch làm việc
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function ErrorPage({ ctx, status, title, message }: { ctx: PageContext; status: number; title: string; message: string }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <p class="govuk-body" safe>
        {message}
      </p>
      <p class="govuk-body">
        <a href="/" class="govuk-link">
          Về trang chủ
        </a>
      </p>
      <p class="govuk-body-s mc-muted">Mã lỗi: {status}</p>
    </Layout>
  );
}
