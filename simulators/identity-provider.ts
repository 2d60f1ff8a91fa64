// Identity-provider simulator (VNeID-style, NĐ 69/2024): its own process, an OpenID Connect
// provider built on oidc-provider, so the portal's relying party (src/integrations/identity/oidc.ts)
// runs the real protocol against it: discovery, authorization code with PKCE, signed ID tokens.
// Run: npm run sim:identity
// Environment: PORT (default 4040), IDENTITY_ISSUER (http://127.0.0.1:PORT), IDENTITY_CLIENT_ID
// (dvc-lang-son), IDENTITY_CLIENT_SECRET (demo-client-secret-0123456789), IDENTITY_REDIRECT_URI
// (http://localhost:3000/dang-nhap/dinh-danh/callback).
// The signing key is generated at every start, so a restart invalidates no session of the portal
// (it fetches the JWKS again) but every token issued before.
// The login page lists demo identities to pick (no password). Test-only endpoint:
// POST /_faults {"nextIdToken": "foreign-key" | "wrong-audience" | "expired" | "resigned"} tampers
// with the next ID token the token endpoint returns (re-signed as said), to prove the portal
// refuses it; "resigned" re-signs it unchanged with the real key (must be accepted).
// Note: oidc-provider 9 prints a warning that it wants Node 22; on Node 20 it works for what we use.
// It also warns about its in-memory adapter: fine for a simulator (a restart forgets logins in flight).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { importJWK, SignJWT, type JWK } from 'jose';

const port = Number(process.env.PORT ?? 4040);
const issuer = process.env.IDENTITY_ISSUER ?? `http://127.0.0.1:${port}`;
const clientId = process.env.IDENTITY_CLIENT_ID ?? 'dvc-lang-son';
const clientSecret = process.env.IDENTITY_CLIENT_SECRET ?? 'demo-client-secret-0123456789';
const redirectUri = process.env.IDENTITY_REDIRECT_URI ?? 'http://localhost:3000/dang-nhap/dinh-danh/callback';

interface DemoIdentity {
  sub: string;
  label: string;
  claims: Record<string, unknown>;
}

const address = (formatted: string) => ({ formatted, country: 'VN' });

/** Demo people and one organisation; Nguyễn Văn An has the demo citizen account's ID number. */
const IDENTITIES: DemoIdentity[] = [
  {
    sub: 'vneid-5f1c0a2e-an',
    label: 'Công dân, mức 2',
    claims: { name: 'Nguyễn Văn An', so_dinh_danh: '020088001234', birthdate: '1988-08-14', phone_number: '0912345678', address: address('Số 12 đường Trần Đăng Ninh, phường Lương Văn Tri, tỉnh Lạng Sơn'), loa: 2, loai_tai_khoan: 'cong_dan' },
  },
  {
    sub: 'vneid-8b77d3c1-mai',
    label: 'Công dân, mức 2 (chưa có tài khoản trên Cổng)',
    claims: { name: 'Hoàng Thị Mai', so_dinh_danh: '020195004567', birthdate: '1995-03-02', phone_number: '0987654321', address: address('Thôn Pò Mỏ, xã Hoàng Đồng, tỉnh Lạng Sơn'), loa: 2, loai_tai_khoan: 'cong_dan' },
  },
  {
    sub: 'vneid-2d90e6f4-son',
    label: 'Công dân, mức 1',
    claims: { name: 'Lường Văn Sơn', so_dinh_danh: '020201007890', birthdate: '2001-11-20', address: address('Khối 5, phường Đông Kinh, tỉnh Lạng Sơn'), loa: 1, loai_tai_khoan: 'cong_dan' },
  },
  {
    sub: 'vneid-org-4900123456',
    label: 'Tổ chức, doanh nghiệp',
    claims: { name: 'Công ty Cổ phần Chè Mẫu Sơn', ma_so_thue: '4900123456', so_dinh_danh: '020075003210', address: address('Số 5 đường Bà Triệu, phường Lương Văn Tri, tỉnh Lạng Sơn'), loa: 2, loai_tai_khoan: 'to_chuc' },
  },
];

// oidc-provider ships no types: the few parts used here, typed locally.
interface Interaction {
  uid: string;
  prompt: { name: string };
  params: Record<string, unknown>;
}
interface KoaContext {
  path: string;
  method: string;
  status: number;
  body: unknown;
}
interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcCtx {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: { new (o: { clientId: string; accountId: string }): GrantLike; find(id: string): Promise<GrantLike | undefined> } };
  };
}
interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  use(mw: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts: { mergeWithLastSubmission: boolean }): Promise<void>;
}
const oidcProviderModule = 'oidc-provider';
const { default: Provider } = (await import(oidcProviderModule)) as { default: new (issuer: string, config: Record<string, unknown>) => ProviderLike };

// A signing key made at start (RS256), published in the provider's JWKS.
const signingJwk = { ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK), kid: `sim-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };
// A key nobody publishes: tokens signed with it must be refused.
const foreignJwk = { ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK), alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], profile: ['name', 'birthdate', 'address', 'phone_number', 'so_dinh_danh', 'loa', 'ma_so_thue', 'loai_tai_khoan'] },
  // the ID token carries the attributes (signed), not only the userinfo endpoint
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/giao-dien/${interaction.uid}` },
  findAccount: (_ctx: unknown, sub: string) => {
    const who = IDENTITIES.find((i) => i.sub === sub);
    return who ? { accountId: sub, claims: () => ({ sub, ...who.claims }) } : undefined;
  },
  // the portal is a first-party client: sharing the attributes is implied, no consent screen
  loadExistingGrant: async (ctx: OidcCtx) => {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
});

/** 'resigned' changes nothing but re-signs with the real key: the control that tampering itself is sound. */
type Fault = 'foreign-key' | 'wrong-audience' | 'expired' | 'resigned';
const FAULTS: readonly Fault[] = ['foreign-key', 'wrong-audience', 'expired', 'resigned'];
let nextFault: Fault | undefined;

provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body as { id_token?: string } | undefined;
  if (ctx.path !== '/token' || ctx.status !== 200 || !body?.id_token || !nextFault) return;
  const fault = nextFault;
  nextFault = undefined;
  const [, payload] = body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (fault === 'wrong-audience') claims.aud = 'another-client';
  if (fault === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  const key = await importJWK(fault === 'foreign-key' ? foreignJwk : signingJwk, 'RS256');
  // the foreign key claims the published key's id: only the signature tells them apart
  body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' }).sign(key);
});

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(uid: string, clientLabel: string): string {
  const choices = IDENTITIES.map(
    (i) => `<li><button name="sub" value="${escape(i.sub)}">${escape(String(i.claims.name))}</button> <small>${escape(i.label)}${i.claims.so_dinh_danh ? ` · số định danh ${escape(String(i.claims.so_dinh_danh))}` : ''}${i.claims.ma_so_thue ? ` · mã số thuế ${escape(String(i.claims.ma_so_thue))}` : ''}</small></li>`,
  ).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Đăng nhập tài khoản định danh điện tử (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button{min-height:44px;font-size:1rem;margin:.25rem 0}li{margin:.5rem 0}</style></head>
<body><h1>Hệ thống định danh điện tử (mô phỏng)</h1>
<p><strong>${escape(clientLabel)}</strong> đề nghị xác thực danh tính của bạn. Chọn một danh tính mẫu để đăng nhập (không cần mật khẩu):</p>
<form method="post" action="/giao-dien/${escape(uid)}/chon"><ul>${choices}</ul></form>
<form method="post" action="/giao-dien/${escape(uid)}/huy"><button>Từ chối, quay lại Cổng dịch vụ công</button></form></body></html>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const [, , uid, action] = path.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(details.uid, 'Cổng Dịch vụ công tỉnh'));
    return;
  }
  if (req.method === 'POST' && action === 'huy') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Người dùng từ chối đăng nhập' }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'chon') {
    const sub = new URLSearchParams(await readBody(req)).get('sub') ?? '';
    if (!IDENTITIES.some((i) => i.sub === sub)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Danh tính không tồn tại');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(404).end();
}

const handle = provider.callback();
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/_faults' && req.method === 'POST') {
    void readBody(req).then((raw) => {
      const wanted = (JSON.parse(raw || '{}') as { nextIdToken?: Fault }).nextIdToken;
      nextFault = wanted && FAULTS.includes(wanted) ? wanted : undefined;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ nextIdToken: nextFault ?? null }));
    });
    return;
  }
  if (path.startsWith('/giao-dien/')) {
    interaction(req, res, path).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Phiên đăng nhập không hợp lệ hoặc đã hết hạn: ${String(err)}`);
    });
    return;
  }
  handle(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`Identity provider simulator on ${issuer} (client ${clientId} → ${redirectUri})`));
