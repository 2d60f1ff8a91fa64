// The HTTP machinery every route shares: security headers, sessions in the database,
// CSRF on every state-changing request, rate limits, static files, the access guard
// and the error pages. No business rules here.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import fastifyStatic from '@fastify/static';
import kitaHtml from '@kitajs/fastify-html-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { ErrorPage } from '../../web/layout';
import type { Db } from '../db/connect';
import { AppError, ForbiddenError, UnauthenticatedError, ValidationError } from '../errors';
import { type Access, type Actor, CLIENT_SCRIPTS, type ClientScript, pageContext, type SiteInfo } from './context';
import { DbSessionStore } from './session-store';

export const SESSION_COOKIE = 'mc_sid';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../../public');

export interface HttpDeps {
  config: Config;
  db: Db;
  /** Loads the signed-in account for a session, or null when it is gone or disabled. */
  loadActor: (accountId: string, ip: string, actingFor?: string) => Promise<Actor | null>;
  /** The policy's answer for a route's declared action. */
  allows: (actor: Actor, action: string) => boolean;
}

export function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/**
 * Only a local path may be a return address after login (no open redirects), in printable
 * ASCII: a browser sends paths %-encoded, and anything else cannot go in a Location header.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.length > 500) return undefined;
  return value;
}

function assetVersion(file: string): string {
  if (!existsSync(file)) return 'dev';
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

export function siteInfo(config: Config): SiteInfo {
  const built = (file: string) => `/static/build/${file}?v=${assetVersion(path.join(PUBLIC_DIR, 'build', file))}`;
  return {
    siteName: `Cổng Dịch vụ công tỉnh ${config.provinceName}`,
    assets: {
      css: built('app.css'),
      js: Object.fromEntries(CLIENT_SCRIPTS.map((name) => [name, built(`${name}.js`)])) as Record<ClientScript, string>,
    },
  };
}

/** Routes that plugins register (static files, API docs) and that are public by nature. */
const PLUGIN_PUBLIC_PREFIXES = ['/static/', '/api/docs'];

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, for the authorisation sweep tests. */
    declaredRoutes: DeclaredRoute[];
  }
}

export async function registerHttpPlatform(app: FastifyInstance, deps: HttpDeps): Promise<SiteInfo> {
  const { config } = deps;
  const site = siteInfo(config);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);

  // Every route must say who may call it; forgetting is a start-up error, not a leak.
  app.addHook('onRoute', (route) => {
    if (!route.config?.access && PLUGIN_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only means something over HTTPS; it is added below when the request came that way.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  await app.register(compress, { threshold: 1024 });
  await app.register(formbody, { bodyLimit: 1_048_576 });
  await app.register(cookie);
  await app.register(session, {
    secret: config.sessionSecret,
    cookieName: SESSION_COOKIE,
    store: new DbSessionStore(deps.db),
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      path: '/',
      maxAge: config.sessionTtlMinutes * 60_000,
    },
  });
  // Uploads on forms (templates, imports): fields and files are attached to the body, so
  // the CSRF token of a multipart form is read like any other form's.
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 25 } });
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax' },
    getToken: (request) => {
      const field = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (typeof field === 'string') return field;
      if (field && typeof field === 'object' && 'value' in field && typeof field.value === 'string') return field.value;
      const header = request.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError('rate_limited', 429, `Bạn đã thử quá nhiều lần. Vui lòng đợi ${Math.ceil(ctx.ttl / 1000)} giây rồi thử lại.`);
      return err;
    },
  });
  await app.register(kitaHtml);
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    // the CSS and script links carry a content hash, so browsers may keep them for a year
    maxAge: '365d',
    immutable: true,
  });

  app.decorateRequest('actor', null);

  // Who is asking: the session's account, loaded fresh so a disabled account stops at once.
  app.addHook('onRequest', async (request) => {
    const accountId = request.session?.accountId;
    if (!accountId) return;
    request.actor = await deps.loadActor(accountId, request.ip, request.session.actingFor);
    if (!request.actor) request.session.accountId = undefined;
    // no longer on the organisation's staff: back to acting for themself, from this request on
    else if (request.session.actingFor && !request.actor.agent) request.session.actingFor = undefined;
  });

  // The access guard: runs for every route before its body is read.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access: Access | undefined = request.routeOptions.config.access;
    if (access === 'public') return;
    if (!request.actor) throw new UnauthenticatedError();
    if (access === 'signed-in') return;
    if (!access || !deps.allows(request.actor, access.action)) throw new ForbiddenError();
  });

  // CSRF: every state-changing request carries a token (form field _csrf or header
  // x-csrf-token). Checked after the body is parsed (preValidation), or form tokens
  // would never be seen.
  app.addHook('preValidation', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    if (request.routeOptions.config.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });

  // PostgreSQL cannot store the NUL character in text or jsonb: refuse it where it comes in,
  // naming the field, rather than fail in the database with a 500.
  app.addHook('preValidation', async (request) => {
    const field = fieldWithNul(request.params, '') ?? fieldWithNul(request.query, '') ?? fieldWithNul(request.body, '');
    if (field === undefined) return;
    throw new ValidationError([{ field, message: `Trường “${field || 'dữ liệu'}” chứa ký tự không hợp lệ (ký tự NUL). Hãy xóa ký tự đó rồi gửi lại.` }]);
  });

  app.setNotFoundHandler({}, async (request, reply) => {
    if (isApi(request)) return reply.code(404).send({ error: { code: 'not_found', field: null, message: 'Không tìm thấy địa chỉ này.' } });
    return reply
      .code(404)
      .html(
        <ErrorPage
          ctx={pageContext(request, reply, site)}
          status={404}
          title="Không tìm thấy trang"
          message="Địa chỉ bạn mở không tồn tại hoặc đã được chuyển đi. Hãy kiểm tra lại đường dẫn, hoặc tìm thủ tục từ trang chủ."
        />,
      );
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { status, code, field, message } = describeError(error, request);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status, url: request.url }, 'request refused');

    if (isApi(request)) return reply.code(status).send({ error: { code, field: field ?? null, message } });
    if (status === 401) {
      const back = request.method === 'GET' ? safeReturnPath(request.url) : undefined;
      if (request.session) {
        request.session.flash = request.cookies[SESSION_COOKIE] ? 'Phiên đăng nhập đã hết hạn hoặc bạn chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.' : undefined;
      }
      return reply.redirect(back ? `/dang-nhap?tiep=${encodeURIComponent(back)}` : '/dang-nhap', 303);
    }
    const titles: Record<number, string> = {
      400: 'Dữ liệu gửi lên không hợp lệ',
      403: 'Không có quyền truy cập',
      404: 'Không tìm thấy trang',
      409: 'Dữ liệu đã thay đổi',
      413: 'Tệp hoặc dữ liệu quá lớn',
      429: 'Quá nhiều yêu cầu',
    };
    return reply
      .code(status)
      .html(<ErrorPage ctx={pageContext(request, reply, site)} status={status} title={titles[status] ?? 'Hệ thống đang gặp sự cố'} message={message} />);
  });

  return site;
}

/** The name of the first field whose text holds a NUL character (multipart fields included, files not). */
function fieldWithNul(value: unknown, name: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? name : undefined;
  if (value === null || typeof value !== 'object' || depth > 8 || Buffer.isBuffer(value)) return undefined;
  // a multipart part: a field's text is its value; a file's content is checked by the upload rules
  if ('fieldname' in value) return (value as { type?: string }).type === 'field' ? fieldWithNul((value as { value?: unknown }).value, name, depth + 1) : undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = fieldWithNul(v, Array.isArray(value) ? name : name ? `${name}.${k}` : k, depth + 1);
    if (found !== undefined) return found;
    if (k.includes('\u0000')) return k;
  }
  return undefined;
}

interface Described {
  status: number;
  code: string;
  field?: string | undefined;
  message: string;
}

function describeError(error: unknown, request: FastifyRequest): Described {
  if (error instanceof ValidationError) return { status: 400, code: error.code, field: error.field, message: error.message };
  if (error instanceof AppError) return { status: error.status, code: error.code, field: error.field, message: error.message };
  const e = error as { code?: string; statusCode?: number; validation?: { params?: { field?: string }; message?: string }[]; message?: string };
  if (e.validation && e.validation.length > 0) {
    const first = e.validation[0];
    return { status: 400, code: 'validation', field: first?.params?.field, message: first?.message ?? 'Dữ liệu không hợp lệ.' };
  }
  if (e.code?.startsWith('FST_CSRF')) {
    return {
      status: 403,
      code: 'csrf',
      message: 'Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã bảo vệ). Hãy quay lại trang trước, tải lại trang và gửi lại; dữ liệu bạn đã nhập vẫn còn trên trang đó.',
    };
  }
  if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'too_large', message: 'Dữ liệu gửi lên quá lớn.' };
  if (e.statusCode === 415 || e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, code: 'unsupported_media_type', message: 'Định dạng dữ liệu gửi lên không được hỗ trợ.' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, code: 'bad_request', message: 'Yêu cầu không hợp lệ. Vui lòng kiểm tra lại dữ liệu.' };
  }
  void request;
  return { status: 500, code: 'internal', message: 'Hệ thống gặp sự cố ngoài ý muốn. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, hãy liên hệ bộ phận một cửa.' };
}

/**
 * Fastify's answer to an address its router cannot take (bad %-encoding, a path segment over
 * maxParamLength), given before any hook runs: in Vietnamese, naming the address as the field,
 * with the headers that keep it inert (no page is rendered, so a strict CSP costs nothing).
 */
export function badUrlReply(_error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const message = 'Địa chỉ (đường dẫn) không hợp lệ: có một phần dài quá 200 ký tự hoặc chứa ký tự mã hóa sai. Hãy kiểm tra lại đường dẫn.';
  reply
    .code(400)
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer');
  if (isApi(request)) void reply.send({ error: { code: 'bad_url', field: 'url', message } });
  else void reply.type('text/plain; charset=utf-8').send(message);
}

/** Sends a page: the helper routes use so that every page gets the same context. */
export function renderer(site: SiteInfo) {
  return (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, site);
}
