// The back office over HTTP for integration tests: sign in as a demo account, submit a birth
// registration as the citizen (real HTTP, the app listening), post a move the way the officer's
// page does, and read what the tests assert on. Lazy: the app is started in before().
import assert from 'node:assert/strict';
import type { TestApp } from './app';
import { Client } from './client';
import { HttpClient } from './http-client';
import { submitBirthRegistration } from './submit-flow';

export function backofficeHelpers(get: () => { t: TestApp; base: string }) {
  const db = () => get().t.database.db;

  async function as(username: string): Promise<Client> {
    const c = new Client(get().t.app);
    await c.login(username);
    return c;
  }

  /** A birth registration submitted online by congdan; its code. */
  async function submitted(): Promise<string> {
    const web = new HttpClient(get().base);
    await web.get('/dang-nhap');
    assert.equal((await web.post('/dang-nhap', { login: 'congdan', password: 'demo1234' })).status, 303);
    return submitBirthRegistration(web);
  }

  async function dossier(code: string) {
    return db().selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  }

  /**
   * Posts a move as the officer's page would; when the page offers no form for it (not this
   * officer's move), the post is forged with the dossier's current version, as an attacker would.
   */
  async function act(c: Client, code: string, action: string, fields: Record<string, string | string[]> = {}) {
    const path = `/mot-cua/ho-so/${code}`;
    const page = await c.get(path);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? String((await dossier(code)).version);
    return c.post(`${path}/thao-tac`, { _action: action, version, ...fields });
  }

  async function auditCount(action: string, code: string): Promise<number> {
    const r = await db().selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).where('entityId', '=', code).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return { as, submitted, dossier, act, auditCount };
}

/** The error summary's messages as one line of text. */
export function errorsOf(body: string): string {
  return /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? '';
}
