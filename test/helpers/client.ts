// A browser-like client over app.inject: keeps cookies, reads the CSRF token from the
// last page it fetched, and posts forms the way a browser does (urlencoded).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class Client {
  private cookies = new Map<string, string>();
  lastCsrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.lastCsrf = m[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (use null to omit it). */
  async post(url: string, form: Record<string, string | string[] | null>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const fields = { ...form };
    if (!('_csrf' in fields) && this.lastCsrf) fields._csrf = this.lastCsrf;
    // a list is sent as the same name repeated, as checkboxes are
    const pairs = Object.entries(fields).flatMap(([k, v]): [string, string][] => (v === null ? [] : Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]));
    const body = new URLSearchParams(pairs).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  /** Posts a multipart form (file uploads) the way a browser does. */
  async postMultipart(url: string, form: FormData, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'POST', url, payload: form as never, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /** Signs in through the login form. */
  async login(username: string, password = 'demo1234'): Promise<LightMyRequestResponse> {
    await this.get('/dang-nhap');
    const res = await this.post('/dang-nhap', { login: username, password });
    if (res.statusCode !== 303) throw new Error(`login as ${username} failed: ${res.statusCode}`);
    return res;
  }
}
