// /dang-nhap/dinh-danh: login with the national electronic identity (OpenID Connect). The login
// in flight (state, nonce, PKCE verifier, return path) lives in the server-side session and is
// taken out at the callback, so it serves once: a replayed callback finds nothing and is refused.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { IdentityRefused, type IdentityProvider, type IdentityTransaction } from '../../integrations/identity/port';
import { AppError, NotFoundError } from '../../platform/errors';
import { safeReturnPath } from '../../platform/http';
import { applicantPasswordLogin, recordIdentityRefusal, setApplicantPasswordLogin, signInWithIdentity } from './identity';
import { LoginPage, PasswordLoginSettingPage } from './pages';

declare module 'fastify' {
  interface Session {
    /** The identity login in flight; removed when the callback arrives. */
    identityLogin?: IdentityTransaction;
  }
}

const MISSING_STATE = 'Phiên đăng nhập bằng tài khoản định danh điện tử không hợp lệ, đã hết hạn hoặc đã được sử dụng. Vui lòng đăng nhập lại.';

export async function identityRoutes(
  app: FastifyInstance,
  deps: AppDeps & { identity?: IdentityProvider | undefined },
  signIn: (request: FastifyRequest, accountId: string) => Promise<void>,
) {
  const limited = { access: 'public' as const, rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } };

  const refuse = async (request: FastifyRequest, reply: Parameters<AppDeps['page']>[1], err: IdentityRefused) => {
    await recordIdentityRefusal(deps.db, request.ip, err.reason, err.detail);
    request.log.info({ reason: err.reason }, 'identity login refused');
    return reply
      .code(err.reason === 'unavailable' ? 503 : 400)
      .html(
        <LoginPage
          ctx={deps.page(request, reply)}
          errors={[{ field: 'identity', message: err.message }]}
          identityLogin={Boolean(deps.identity)}
          passwordLogin={await applicantPasswordLogin(deps.db)}
        />,
      );
  };

  app.get<{ Querystring: { tiep?: string } }>(
    '/dang-nhap/dinh-danh',
    { config: limited, schema: { querystring: Type.Object({ tiep: Type.Optional(Type.String({ maxLength: 500 })) }) } },
    async (request, reply) => {
      if (!deps.identity) throw new NotFoundError('Cổng chưa kết nối với hệ thống định danh điện tử. Vui lòng đăng nhập bằng tài khoản của Cổng.');
      try {
        const { url, transaction } = await deps.identity.start(safeReturnPath(request.query.tiep));
        request.session.identityLogin = transaction;
        return reply.redirect(url, 303);
      } catch (err) {
        if (err instanceof IdentityRefused) return refuse(request, reply, err);
        throw err;
      }
    },
  );

  app.get('/dang-nhap/dinh-danh/callback', { config: limited }, async (request, reply) => {
    if (!deps.identity) throw new NotFoundError();
    const transaction = request.session.identityLogin;
    // single use: whatever happens next, this login in flight is spent
    request.session.identityLogin = undefined;
    try {
      if (!transaction) throw new IdentityRefused('state', MISSING_STATE, 'no identity login in this session (replayed or forged callback)');
      const identity = await deps.identity.finish(new URL(request.url, deps.config.publicUrl), transaction);
      const actor = await signInWithIdentity(deps.db, identity, request.ip);
      await signIn(request, actor.id);
      request.session.flash = `Đã đăng nhập bằng tài khoản định danh điện tử (mức ${identity.loa}).`;
      return reply.redirect(transaction.returnTo ?? '/tai-khoan', 303);
    } catch (err) {
      if (err instanceof IdentityRefused) return refuse(request, reply, err);
      if (err instanceof AppError && err.field === 'login') return refuse(request, reply, new IdentityRefused('account', err.message, err.code));
      throw err;
    }
  });

  const manage = { access: { action: 'accounts.manage' } };
  app.get('/quan-tri/dang-nhap', { config: manage }, async (request, reply) => {
    return reply.html(<PasswordLoginSettingPage ctx={deps.page(request, reply)} allowed={await applicantPasswordLogin(deps.db)} identityConfigured={Boolean(deps.identity)} />);
  });

  app.post<{ Body: { matKhau?: string } }>(
    '/quan-tri/dang-nhap',
    { config: manage, schema: { body: Type.Object({ matKhau: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const allowed = request.body.matKhau === 'co';
      await setApplicantPasswordLogin(deps.db, request.actor!, allowed);
      request.session.flash = allowed ? 'Đã bật đăng nhập bằng mật khẩu cho công dân, tổ chức.' : 'Đã tắt đăng nhập bằng mật khẩu cho công dân, tổ chức; cán bộ vẫn đăng nhập bằng mật khẩu.';
      return reply.redirect('/quan-tri/dang-nhap', 303);
    },
  );
}
