// The relying party for the national electronic identity, with openid-client 6: discovery,
// the authorization code flow with PKCE (S256), state and nonce checked, and the ID token's
// signature checked against the provider's JWKS (enableNonRepudiationChecks: openid-client
// otherwise trusts TLS for tokens from the token endpoint; we want the signature checked too),
// with its issuer, audience and expiry.
import * as client from 'openid-client';
import { timingSafeEqual } from 'node:crypto';
import { IdentityRefused, identityFromClaims, type IdentityProvider, type IdentityTransaction, type VerifiedIdentity } from './port';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** PUBLIC_URL + /dang-nhap/dinh-danh/callback */
  redirectUri: string;
}

/** A login not finished within this time is refused (the person starts again). */
const TRANSACTION_MS = 10 * 60_000;
const SCOPE = 'openid profile';

const MESSAGES = {
  state: 'Phiên đăng nhập bằng tài khoản định danh điện tử không hợp lệ, đã hết hạn hoặc đã được sử dụng. Vui lòng đăng nhập lại.',
  denied: 'Bạn đã hủy đăng nhập hoặc không đồng ý chia sẻ thông tin ở trang định danh điện tử. Bạn có thể đăng nhập lại bất cứ lúc nào.',
  providerError: 'Hệ thống định danh điện tử báo lỗi nên chưa đăng nhập được. Vui lòng thử lại sau.',
  token: 'Không xác thực được thông tin đăng nhập do hệ thống định danh điện tử gửi về (chữ ký, thời hạn hoặc nơi nhận không hợp lệ). Vui lòng đăng nhập lại.',
  unavailable: 'Hệ thống định danh điện tử đang không truy cập được. Vui lòng thử lại sau ít phút.',
} as const;

export class OidcIdentityProvider implements IdentityProvider {
  private config: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** Discovery once, retried on the next login if it failed. */
  private configuration(): Promise<client.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // http:// only outside production (config.ts refuses it there): the simulator and local work
      const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks];
      return client.discovery(issuer, this.settings.clientId, { id_token_signed_response_alg: 'RS256' }, client.ClientSecretBasic(this.settings.clientSecret), { execute });
    })().catch((err: unknown) => {
      this.config = undefined;
      throw new IdentityRefused('unavailable', MESSAGES.unavailable, `discovery failed: ${String(err)}`);
    });
    return this.config;
  }

  async start(returnTo: string | undefined): Promise<{ url: string; transaction: IdentityTransaction }> {
    const config = await this.configuration();
    const transaction: IdentityTransaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
      startedAt: Date.now(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
      ui_locales: 'vi',
    });
    return { url: url.href, transaction };
  }

  async finish(callbackUrl: URL, transaction: IdentityTransaction): Promise<VerifiedIdentity> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!sameString(state, transaction.state)) throw new IdentityRefused('state', MESSAGES.state, state ? 'state does not match the session' : 'state missing');
    if (Date.now() - transaction.startedAt > TRANSACTION_MS) throw new IdentityRefused('state', MESSAGES.state, 'transaction expired');
    const error = callbackUrl.searchParams.get('error');
    if (error) {
      const description = callbackUrl.searchParams.get('error_description') ?? '';
      throw new IdentityRefused('provider_error', error === 'access_denied' ? MESSAGES.denied : MESSAGES.providerError, `${error}: ${description}`.slice(0, 300));
    }
    const config = await this.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (err instanceof client.AuthorizationResponseError) throw new IdentityRefused('provider_error', MESSAGES.providerError, `${err.error}: ${err.error_description ?? ''}`);
      const e = err as { code?: string; message?: string; cause?: unknown };
      if (err instanceof TypeError && e.message === 'fetch failed') throw new IdentityRefused('unavailable', MESSAGES.unavailable, String(err));
      const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
      throw new IdentityRefused('token', MESSAGES.token, `${e.code ?? 'error'}: ${e.message ?? String(err)}${cause}`.slice(0, 300));
    }
    const claims = tokens.claims();
    if (!claims) throw new IdentityRefused('token', MESSAGES.token, 'no ID token');
    return identityFromClaims(claims as Record<string, unknown>);
  }
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
