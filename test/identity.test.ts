// Login with the national electronic identity, end to end: the identity-provider simulator
// (oidc-provider) runs as its own process, the real app listens on a random port, and a
// cookie-keeping HTTP client (one per site) follows every redirect between them the way a
// browser would. Nothing is mocked: discovery, PKCE, the token request with the client secret,
// the ID token's signature against the provider's JWKS are the real protocol.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../src/config';
import { IdentityRefused, identityFromClaims } from '../src/integrations/identity/port';
import { startTestApp, type TestApp } from './helpers/app';
import { HttpClient } from './helpers/http-client';
import { freePort, startIdentitySimulator, type Simulator } from './helpers/simulators';

const MAI = 'vneid-8b77d3c1-mai'; // no account on the portal yet, level 2
const AN = 'vneid-5f1c0a2e-an'; // same ID number as the demo citizen account `congdan`
const SON = 'vneid-2d90e6f4-son'; // level 1
const ORG = 'vneid-org-4900123456';

let t: TestApp;
let sim: Simulator;
let appUrl: string;

before(async () => {
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  const idp = await startIdentitySimulator(`${appUrl}/dang-nhap/dinh-danh/callback`);
  sim = idp;
  t = await startTestApp({
    PUBLIC_URL: appUrl,
    IDENTITY_ISSUER: idp.url,
    IDENTITY_CLIENT_ID: idp.clientId,
    IDENTITY_CLIENT_SECRET: idp.clientSecret,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  });
  await t.app.listen({ port, host: '127.0.0.1' });
});
after(async () => {
  await t?.close();
  await sim?.stop();
});

/** A browser: one cookie jar per site, redirects followed by hand so each hop can be inspected. */
class Browser {
  readonly portal = new HttpClient(appUrl);
  readonly idp = new HttpClient(sim.url);

  private clientFor(url: URL): HttpClient {
    return url.origin === new URL(sim.url).origin ? this.idp : this.portal;
  }

  /** Follows redirects from a response whose Location is relative to `from`; returns the last answer and its URL. */
  async follow(res: { status: number; location: string | null; body: string }, from: string, stopAt?: (url: URL) => boolean) {
    let url = new URL(from);
    while (res.status >= 300 && res.status < 400 && res.location) {
      url = new URL(res.location, url);
      if (stopAt?.(url)) return { res, url };
      res = await this.clientFor(url).get(url.pathname + url.search);
    }
    return { res, url };
  }

  /** From the portal's button to the provider's page of demo identities. */
  async toProvider(returnTo?: string) {
    const start = await this.portal.get(returnTo ? `/dang-nhap/dinh-danh?tiep=${encodeURIComponent(returnTo)}` : '/dang-nhap/dinh-danh');
    assert.equal(start.status, 303);
    assert.ok(start.location?.startsWith(sim.url + '/auth?'), 'sent to the provider');
    const auth = new URL(start.location ?? '');
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(auth.searchParams.get('state') && auth.searchParams.get('nonce'));
    const { res, url } = await this.follow(start, appUrl + '/dang-nhap/dinh-danh');
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /Chọn một danh tính mẫu/);
    return url;
  }

  /** Picks an identity (or refuses) on the provider; returns the callback URL the provider sends back, not yet opened. */
  async callbackUrl(sub: string | 'tu-choi', returnTo?: string): Promise<URL> {
    const page = await this.toProvider(returnTo);
    const res = sub === 'tu-choi' ? await this.idp.post(`${page.pathname}/huy`, {}) : await this.idp.post(`${page.pathname}/chon`, { sub });
    const { url } = await this.follow(res, page.href, (u) => u.pathname === '/dang-nhap/dinh-danh/callback');
    assert.equal(url.pathname, '/dang-nhap/dinh-danh/callback');
    return url;
  }

  async openCallback(url: URL) {
    return this.portal.get(url.pathname + url.search);
  }

  /** The whole login; returns the portal's answer to the callback. */
  async login(sub: string, returnTo?: string) {
    return this.openCallback(await this.callbackUrl(sub, returnTo));
  }
}

const accountBySubject = (sub: string) =>
  t.database.db.selectFrom('accounts').selectAll().where('identitySubject', '=', sub).executeTakeFirst();
const countAccounts = async () => Number((await t.database.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const lastAudit = (action: string) =>
  t.database.db.selectFrom('auditLog').select(['action', 'reason', 'detail', 'entityId']).where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();

describe('login with the national electronic identity', () => {
  test('the login page offers the identity login when it is configured', async () => {
    const b = new Browser();
    const page = await b.portal.get('/dang-nhap');
    assert.match(page.body, /Đăng nhập bằng tài khoản định danh điện tử/);
    assert.match(page.body, /href="\/dang-nhap\/dinh-danh"/);
  });

  test('a first login creates a citizen account with the verified attributes, shown as verified and prefilled in forms', async () => {
    const before = await countAccounts();
    const b = new Browser();
    const done = await b.login(MAI);
    assert.equal(done.status, 303, done.body);
    assert.equal(done.location, '/tai-khoan');
    assert.equal(await countAccounts(), before + 1);
    const a = await accountBySubject(MAI);
    assert.ok(a);
    assert.equal(a.role, 'citizen');
    assert.equal(a.idNumber, '020195004567');
    assert.equal(a.fullName, 'Hoàng Thị Mai');
    assert.equal(a.identityLoa, 2);
    assert.ok(a.identityVerifiedAt);
    assert.equal(a.phone, '0987654321');
    assert.equal((await lastAudit('account.identity_created'))?.entityId, a.id);

    const account = await b.portal.get('/tai-khoan');
    assert.equal(account.status, 200);
    assert.match(account.body, /Đã đăng nhập bằng tài khoản định danh điện tử \(mức 2\)/);
    assert.match(account.body, /Thông tin đã xác thực qua tài khoản định danh điện tử/);
    assert.match(account.body, /020195004567/);
    assert.match(account.body, /02\/03\/1995/);
    assert.match(account.body, /Thôn Pò Mỏ, xã Hoàng Đồng/);
    assert.match(account.body, /Đã xác thực/);

    await b.portal.get('/nop-ho-so/1.001193');
    const draft = await b.portal.post('/nop-ho-so/1.001193', {});
    assert.equal(draft.status, 303, draft.body);
    const form = await b.portal.get(draft.location!);
    assert.match(form.body, /value="Hoàng Thị Mai"/);
    assert.match(form.body, /value="020195004567"/);
    assert.match(form.body, /value="0987654321"/);
  });

  test('a second login reuses the same account and goes back where the person was', async () => {
    const first = await accountBySubject(MAI);
    const before = await countAccounts();
    const b = new Browser();
    const done = await b.login(MAI, '/ho-so-cua-toi');
    assert.equal(done.status, 303);
    assert.equal(done.location, '/ho-so-cua-toi');
    assert.equal(await countAccounts(), before);
    assert.equal((await accountBySubject(MAI))?.id, first?.id);
    assert.equal((await lastAudit('account.identity_login'))?.entityId, first?.id);
  });

  test('a first login links the existing citizen account with the same personal ID number', async () => {
    const congdan = await t.database.db.selectFrom('accounts').select(['id', 'idNumber', 'identitySubject']).where('username', '=', 'congdan').executeTakeFirstOrThrow();
    assert.equal(congdan.idNumber, '020088001234');
    assert.equal(congdan.identitySubject, null);
    const before = await countAccounts();
    const b = new Browser();
    assert.equal((await b.login(AN)).status, 303);
    assert.equal(await countAccounts(), before, 'no new account');
    const linked = await accountBySubject(AN);
    assert.equal(linked?.id, congdan.id);
    assert.equal(linked?.username, 'congdan');
    assert.equal((await lastAudit('account.identity_linked'))?.entityId, congdan.id);
    // the password still works for the linked account while the setting allows it
    await new HttpClient(appUrl).login('congdan');
  });

  test('an organisation logs in as a business account with its verified tax code', async () => {
    const b = new Browser();
    assert.equal((await b.login(ORG)).status, 303);
    const a = await accountBySubject(ORG);
    assert.equal(a?.role, 'business');
    assert.equal(a?.taxCode, '4900123456');
    assert.equal(a?.fullName, 'Công ty Cổ phần Chè Mẫu Sơn');
    assert.match((await b.portal.get('/tai-khoan')).body, /4900123456/);
  });
});

describe('refused identity logins: a Vietnamese message on the login page, an audit entry, nothing created', () => {
  const refused = async (res: { status: number; body: string }, message: RegExp, reason: string) => {
    assert.equal(res.status, 400, res.body.slice(0, 300));
    assert.match(res.body, message);
    assert.match(res.body, /href="#f-identity"/, 'the error summary points at the identity login');
    assert.match(res.body, /Đăng nhập bằng tài khoản định danh điện tử/);
    assert.equal((await lastAudit('account.identity_login_failed'))?.reason, reason);
  };

  test('an identity linked to a disabled account is refused and the account stays disabled', async () => {
    const org = await accountBySubject(ORG);
    assert.ok(org);
    await t.database.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', org.id).execute();
    try {
      await refused(await new Browser().login(ORG), /đã bị vô hiệu hóa/, 'account');
      assert.equal((await accountBySubject(ORG))?.status, 'disabled');
    } finally {
      await t.database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', org.id).execute();
    }
  });

  test('a replayed callback (the same state and code a second time) is refused', async () => {
    const b = new Browser();
    const url = await b.callbackUrl(MAI);
    assert.equal((await b.openCallback(url)).status, 303);
    const before = await countAccounts();
    await refused(await b.openCallback(url), /không hợp lệ, đã hết hạn hoặc đã được sử dụng/, 'state');
    assert.equal(await countAccounts(), before);
  });

  test('a callback in a browser that never started the login (no state in its session) is refused', async () => {
    const url = await new Browser().callbackUrl(SON);
    const other = new Browser();
    await refused(await other.openCallback(url), /không hợp lệ, đã hết hạn hoặc đã được sử dụng/, 'state');
    assert.equal(await accountBySubject(SON), undefined);
  });

  test('a callback whose state was changed is refused, and the login in flight is spent', async () => {
    const b = new Browser();
    const url = await b.callbackUrl(SON);
    const forged = new URL(url);
    forged.searchParams.set('state', 'gia-mao');
    await refused(await b.openCallback(forged), /không hợp lệ/, 'state');
    await refused(await b.openCallback(url), /không hợp lệ/, 'state');
    assert.equal(await accountBySubject(SON), undefined);
  });

  test('an error returned by the provider (the person refused) is refused with its own message', async () => {
    const b = new Browser();
    const url = await b.callbackUrl('tu-choi');
    assert.equal(url.searchParams.get('error'), 'access_denied');
    await refused(await b.openCallback(url), /Bạn đã hủy đăng nhập/, 'provider_error');
  });

  test('control: an ID token the simulator re-signs unchanged with its real key is accepted (so the refusals below are due to what each changes)', async () => {
    const armed = await fetch(`${sim.url}/_faults`, { method: 'POST', body: JSON.stringify({ nextIdToken: 'resigned' }) });
    assert.deepEqual(await armed.json(), { nextIdToken: 'resigned' });
    assert.equal((await new Browser().login(MAI)).status, 303);
  });

  for (const [fault, what, why] of [
    ['foreign-key', 'an ID token signed by a key the provider does not publish (same kid)', /signature/i],
    ['wrong-audience', 'an ID token for another client (aud), properly signed', /CLAIM_COMPARISON/],
    ['expired', 'an expired ID token, properly signed', /TIMESTAMP_CHECK/],
  ] as const) {
    test(`${what} is refused`, async () => {
      const before = await countAccounts();
      const armed = await fetch(`${sim.url}/_faults`, { method: 'POST', body: JSON.stringify({ nextIdToken: fault }) });
      assert.deepEqual(await armed.json(), { nextIdToken: fault });
      const b = new Browser();
      await refused(await b.login(SON), /Không xác thực được thông tin đăng nhập/, 'token');
      const detail = (await lastAudit('account.identity_login_failed'))?.detail as { detail?: string } | undefined;
      assert.match(detail?.detail ?? '', why, 'refused for this reason, not another');
      assert.equal(await countAccounts(), before);
      assert.equal(await accountBySubject(SON), undefined);
      assert.equal((await b.portal.get('/tai-khoan')).status, 303, 'not signed in');
    });
  }
});

describe('level of assurance and the password setting', () => {
  test('a procedure that requires level 2 refuses a level-1 identity with a Vietnamese message and accepts level 2', async () => {
    await sql`update procedures set record = jsonb_set(record, '{minIdentityLoa}', '2') where code = '1.001193'`.execute(t.database.db);
    try {
      const low = new Browser();
      assert.equal((await low.login(SON)).status, 303);
      await low.portal.get('/nop-ho-so/1.001193');
      const refusedDraft = await low.portal.post('/nop-ho-so/1.001193', {});
      assert.equal(refusedDraft.status, 403);
      assert.match(refusedDraft.body, /Thủ tục này yêu cầu tài khoản định danh điện tử mức 2/);
      assert.match(refusedDraft.body, /\/dang-nhap\/dinh-danh/);

      const password = new HttpClient(appUrl);
      await password.login('doanhnghiep');
      await password.get('/nop-ho-so/1.001193');
      assert.equal((await password.post('/nop-ho-so/1.001193', {})).status, 403, 'a password-only account has no level');

      const high = new Browser();
      assert.equal((await high.login(MAI)).status, 303);
      await high.portal.get('/nop-ho-so/1.001193');
      assert.equal((await high.portal.post('/nop-ho-so/1.001193', {})).status, 303);
    } finally {
      await sql`update procedures set record = record - 'minIdentityLoa' where code = '1.001193'`.execute(t.database.db);
    }
  });

  test('an administrator can switch off password login for citizens; officers keep their passwords', async () => {
    const admin = new HttpClient(appUrl);
    await admin.login('quantri');
    await admin.get('/quan-tri/dang-nhap');
    assert.equal((await admin.post('/quan-tri/dang-nhap', { matKhau: 'khong' })).status, 303);
    try {
      const citizen = new HttpClient(appUrl);
      await citizen.get('/dang-nhap');
      const res = await citizen.post('/dang-nhap', { login: 'congdan', password: 'demo1234' });
      assert.equal(res.status, 401);
      assert.match(res.body, /đăng nhập bằng mật khẩu đã được tắt/);
      assert.equal((await lastAudit('account.login_failed'))?.reason, 'đăng nhập bằng mật khẩu đã tắt');
      await new HttpClient(appUrl).login('motcua');
      // the identity login still works for the same person
      assert.equal((await new Browser().login(AN)).status, 303);
    } finally {
      await admin.get('/quan-tri/dang-nhap');
      assert.equal((await admin.post('/quan-tri/dang-nhap', { matKhau: 'co' })).status, 303);
    }
    await new HttpClient(appUrl).login('congdan');
  });

  test('a citizen cannot change the password setting', async () => {
    const c = new HttpClient(appUrl);
    await c.login('congdan');
    assert.equal((await c.get('/quan-tri/dang-nhap')).status, 403);
  });
});

describe('settings and claims (no network)', () => {
  const base = { NODE_ENV: 'test' as const, SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/motcua-identity-config' };

  test('without IDENTITY_ISSUER, IDENTITY_CLIENT_ID and IDENTITY_CLIENT_SECRET there is no identity login; the redirect URI comes from PUBLIC_URL', () => {
    assert.equal(loadConfig(base).identity, undefined);
    const c = loadConfig({ ...base, PUBLIC_URL: 'https://dichvucong.langson.gov.vn', IDENTITY_ISSUER: 'https://id.example.vn', IDENTITY_CLIENT_ID: 'dvc', IDENTITY_CLIENT_SECRET: 's'.repeat(20) });
    assert.equal(c.identity?.redirectUri, 'https://dichvucong.langson.gov.vn/dang-nhap/dinh-danh/callback');
  });

  test('half a configuration, or an http:// issuer in production, is refused with a message naming the variables', () => {
    assert.throws(() => loadConfig({ ...base, IDENTITY_ISSUER: 'https://id.example.vn' }), (e: Error) => e instanceof ConfigError && /IDENTITY_CLIENT_ID/.test(e.message));
    assert.throws(
      () => loadConfig({ ...base, NODE_ENV: 'production', IDENTITY_ISSUER: 'http://id.example.vn', IDENTITY_CLIENT_ID: 'dvc', IDENTITY_CLIENT_SECRET: 's'.repeat(20) }),
      (e: Error) => e instanceof ConfigError && /IDENTITY_ISSUER phải là địa chỉ https/.test(e.message),
    );
  });

  test('claims without a 12-digit personal ID number, with an unknown level, or an organisation without a tax code are refused', () => {
    const good = { sub: 's1', name: 'Nguyễn Văn A', so_dinh_danh: '001088000001', loa: 2 };
    assert.equal(identityFromClaims(good).loa, 2);
    for (const bad of [
      { ...good, so_dinh_danh: '12345' },
      { ...good, so_dinh_danh: undefined },
      { ...good, loa: 3 },
      { ...good, name: '' },
      { ...good, loai_tai_khoan: 'to_chuc', ma_so_thue: '12' },
    ]) {
      assert.throws(() => identityFromClaims(bad), (e: Error) => e instanceof IdentityRefused && e.reason === 'claims', JSON.stringify(bad));
    }
  });
});
