// The back office over HTTP for integration tests: sign in as a demo account, submit a birth
// registration as the citizen (real HTTP, the app listening), post a move the way the officer's
// page does, and read what the tests assert on. Lazy: the app is started in before().
import assert from 'node:assert/strict';
import type { TestApp } from './app';
import { Client } from './client';
import { HttpClient } from './http-client';
import { samplePdf } from './files';
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

  /** Through the back office to RESULT_READY: the desk receives, the commune and its police process, the leader approves. */
  async function resultReady(code: string): Promise<void> {
    const desk = await as('motcuaxa');
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
    const specialist = await as('tuphapxa');
    assert.equal((await act(specialist, code, 'take')).statusCode, 303);
    assert.equal((await act(specialist, code, 'consult')).statusCode, 303);
    const police = await as('conganxa');
    assert.equal((await act(police, code, 'consulted', { opinion: 'Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.' })).statusCode, 303);
    const path = `/mot-cua/ho-so/${code}`;
    const page = await specialist.get(path);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: specialist.lastCsrf ?? '', _action: 'sendForApproval', version, outcome: 'result' })) form.append(k, v);
    form.append('resultFile', new Blob([samplePdf('Giay khai sinh')]), 'giay-khai-sinh.pdf');
    const sent = await specialist.postMultipart(`${path}/thao-tac`, form);
    assert.equal(sent.statusCode, 303, errorsOf(sent.body));
    assert.equal((await act(await as('chutichxa'), code, 'approve')).statusCode, 303);
    assert.equal((await dossier(code)).state, 'RESULT_READY');
  }

  return { as, submitted, dossier, act, auditCount, resultReady };
}

/** The applicant adds a file for an item of the open completion or supplement request, as their page does. */
export async function uploadRequested(c: Client, url: string, componentIndex: number, name: string, bytes: Buffer) {
  await c.get(url.replace(/\/bo-sung\/tep$/, ''));
  const body = new FormData();
  body.append('_csrf', c.lastCsrf ?? '');
  body.append('componentIndex', String(componentIndex));
  body.append('files', new Blob([bytes]), name);
  return c.postMultipart(url, body);
}

/** The error summary's messages as one line of text. */
export function errorsOf(body: string): string {
  return /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? '';
}

/** A file uploaded into a draft's component, as the draft's files page does (the citizen's draft or the desk's entry). */
export async function uploadToDraft(c: Client, draftId: string, componentIndex: number, name: string, bytes: Buffer): Promise<void> {
  await c.get(`/nop-ho-so/ho-so-nhap/${draftId}/tep`);
  const body = new FormData();
  body.append('_csrf', c.lastCsrf ?? '');
  body.append('componentIndex', String(componentIndex));
  body.append('files', new Blob([bytes]), name);
  const res = await c.postMultipart(`/ho-so-nhap/${draftId}/tep`, body);
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
}
