import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, ValidationError } from '../../platform/errors';
import { safeReturnPath } from '../../platform/http';
import { findUnitById } from '../org';
import { isOfficer, type RegistrationInput } from './model';
import { ChangePasswordPage, LoginPage, ProfilePage, RegisterPage } from './pages';
import * as service from './service';
import type { IdentityProvider } from '../../integrations/identity/port';
import { applicantPasswordLogin, verifiedAttributes } from './identity';
import { identityRoutes } from './identity-routes';
import { organisationRoutes } from './organisation-routes';

/** Form bodies: every field an optional string of bounded length; the service checks the rest. */
function formSchema(fields: Record<string, number>) {
  return Type.Object(Object.fromEntries(Object.entries(fields).map(([k, max]) => [k, Type.Optional(Type.String({ maxLength: max }))])));
}

const ReturnQuery = Type.Object({ tiep: Type.Optional(Type.String({ maxLength: 500 })) });

function homeFor(role: string): string {
  return isOfficer(role as never) ? '/quan-ly' : '/tai-khoan';
}

export async function accountRoutes(app: FastifyInstance, deps: AppDeps & { accounts: service.AccountsDeps; identity?: IdentityProvider | undefined }) {
  const signIn = async (request: FastifyRequest, accountId: string) => {
    // a new session id at every sign-in: a session id planted before login is worthless after it
    await request.session.regenerate();
    request.session.accountId = accountId;
    request.session.authAt = Date.now();
  };

  app.get<{ Querystring: { tiep?: string } }>('/dang-nhap', { config: { access: 'public' }, schema: { querystring: ReturnQuery } }, async (request, reply) => {
    if (request.actor) return reply.redirect(safeReturnPath(request.query.tiep) ?? homeFor(request.actor.role), 303);
    return reply.html(
      <LoginPage
        ctx={deps.page(request, reply)}
        errors={[]}
        returnTo={safeReturnPath(request.query.tiep)}
        identityLogin={Boolean(deps.identity)}
        passwordLogin={await applicantPasswordLogin(deps.db)}
      />,
    );
  });

  app.post<{ Body: { login?: string; password?: string }; Querystring: { tiep?: string } }>(
    '/dang-nhap',
    {
      config: { access: 'public', rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { body: formSchema({ login: 254, password: 1024, _csrf: 200 }), querystring: ReturnQuery },
    },
    async (request, reply) => {
      const login = request.body.login ?? '';
      const returnTo = safeReturnPath(request.query.tiep);
      try {
        const actor = await service.authenticate(deps.accounts, login, request.body.password ?? '', request.ip);
        await signIn(request, actor.id);
        return reply.redirect(returnTo ?? homeFor(actor.role), 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.field !== 'login') throw err;
        return reply
          .code(err.status)
          .html(
            <LoginPage
              ctx={deps.page(request, reply)}
              errors={[{ field: 'login', message: err.message }]}
              login={login}
              returnTo={returnTo}
              identityLogin={Boolean(deps.identity)}
              passwordLogin={await applicantPasswordLogin(deps.db)}
            />,
          );
      }
    },
  );

  app.post('/dang-xuat', { config: { access: 'signed-in' } }, async (request, reply) => {
    if (request.actor) await service.recordLogout(deps.accounts, request.actor);
    await request.session.regenerate();
    request.session.flash = 'Bạn đã đăng xuất.';
    return reply.redirect('/', 303);
  });

  app.get('/dang-ky', { config: { access: 'public' } }, async (request, reply) => {
    return reply.html(<RegisterPage ctx={deps.page(request, reply)} errors={[]} values={{}} />);
  });

  app.post<{ Body: Partial<RegistrationInput> }>(
    '/dang-ky',
    {
      config: { access: 'public', rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { body: formSchema({ fullName: 300, contact: 300, password: 1024, passwordConfirm: 1024, kind: 20, _csrf: 200 }) },
    },
    async (request, reply) => {
      const b = request.body;
      const input: RegistrationInput = {
        fullName: b.fullName ?? '',
        contact: b.contact ?? '',
        password: b.password ?? '',
        passwordConfirm: b.passwordConfirm ?? '',
        kind: b.kind === 'business' ? 'business' : b.kind === 'citizen' || b.kind === undefined ? 'citizen' : (b.kind as never),
      };
      try {
        const actor = await service.register(deps.accounts, input, request.ip);
        await signIn(request, actor.id);
        request.session.flash = 'Đăng ký tài khoản thành công. Bạn đã được đăng nhập.';
        return reply.redirect('/tai-khoan', 303);
      } catch (err) {
        const errors = err instanceof ValidationError ? err.errors : err instanceof AppError && err.field ? [{ field: err.field, message: err.message }] : null;
        if (!errors) throw err;
        return reply
          .code(err instanceof AppError ? err.status : 400)
          .html(<RegisterPage ctx={deps.page(request, reply)} errors={errors} values={{ fullName: input.fullName, contact: input.contact, kind: input.kind }} />);
      }
    },
  );

  app.get('/tai-khoan', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor!;
    const p = await service.profile(deps.accounts, actor);
    const unit = p.unitId ? await findUnitById(deps, p.unitId) : undefined;
    return reply.html(<ProfilePage ctx={deps.page(request, reply)} profile={{ ...p, unitName: unit?.name, verified: await verifiedAttributes(deps.db, actor.id) }} />);
  });

  app.get('/tai-khoan/doi-mat-khau', { config: { access: 'signed-in' } }, async (request, reply) => {
    return reply.html(<ChangePasswordPage ctx={deps.page(request, reply)} errors={[]} />);
  });

  app.post<{ Body: { current?: string; next?: string; confirm?: string } }>(
    '/tai-khoan/doi-mat-khau',
    {
      config: { access: 'signed-in', rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { body: formSchema({ current: 1024, next: 1024, confirm: 1024, _csrf: 200 }) },
    },
    async (request: FastifyRequest<{ Body: { current?: string; next?: string; confirm?: string } }>, reply: FastifyReply) => {
      try {
        await service.changePassword(
          deps.accounts,
          request.actor!,
          { current: request.body.current ?? '', next: request.body.next ?? '', confirm: request.body.confirm ?? '' },
          request.session.sessionId,
        );
        request.session.flash = 'Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất.';
        return reply.redirect('/tai-khoan', 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.code(400).html(<ChangePasswordPage ctx={deps.page(request, reply)} errors={err.errors} />);
      }
    },
  );

  await identityRoutes(app, deps, signIn);
  await organisationRoutes(app, deps);
}
