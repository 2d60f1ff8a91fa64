// A browser-like client over real HTTP (fetch): keeps cookies, reads the CSRF token of the last
// page, never follows redirects, so tests see each answer as the server gave it.
export class HttpClient {
  private cookies = new Map<string, string>();
  lastCsrf: string | undefined;

  constructor(private readonly baseUrl: string) {}

  private remember(res: Response, body: string): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.lastCsrf = m[1];
  }

  /** The Cookie header this client sends (a signed-in session for a load generator). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: this.cookieHeader(), ...extra };
  }

  async request(method: string, url: string, body?: string | FormData, headers: Record<string, string> = {}): Promise<{ status: number; location: string | null; body: string }> {
    const res = await fetch(this.baseUrl + url, { method, body: body ?? null, headers: this.headers(headers), redirect: 'manual' });
    const text = await res.text();
    this.remember(res, text);
    return { status: res.status, location: res.headers.get('location'), body: text };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>) {
    const fields = { _csrf: this.lastCsrf ?? '', ...form };
    return this.request('POST', url, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }

  postMultipart(url: string, form: FormData) {
    return this.request('POST', url, form);
  }

  async login(username: string, password = 'demo1234'): Promise<void> {
    await this.get('/dang-nhap');
    const res = await this.post('/dang-nhap', { login: username, password });
    if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status}`);
  }
}
