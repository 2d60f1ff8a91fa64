// The authorisation sweep: every route declares who may call it, and every non-public
// route refuses an anonymous request and a request from each role the policy excludes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify from 'fastify';
import { ACTION_ROLES, ROLES, type Role } from '../src/modules/accounts';
import { registerHttpPlatform } from '../src/platform/http';
import { demoAccounts } from '../seed/demo';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
const clients = new Map<Role, Client>();

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  for (const role of ROLES) {
    const account = demoAccounts.find((a) => a.role === role);
    assert.ok(account, `a demo account for ${role}`);
    const c = new Client(t.app);
    await c.login(account.username);
    clients.set(role, c);
  }
});
after(() => t.close());

function concrete(url: string): string {
  return url.replace(/:[a-zA-Z]+/g, 'khong-ton-tai').replace(/\*$/, 'x');
}

function guarded() {
  return t.app.declaredRoutes.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
}

test('the app has guarded routes to sweep (the sweep itself is not empty)', () => {
  assert.ok(guarded().length >= 5, JSON.stringify(guarded()));
});

test('every non-public route refuses an anonymous request', async () => {
  for (const r of guarded()) {
    const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url) });
    const refused = res.statusCode === 401 || (res.statusCode === 303 && String(res.headers.location).startsWith('/dang-nhap'));
    assert.ok(refused, `${r.method} ${r.url} answered ${res.statusCode} to an anonymous request`);
  }
});

test('every role-restricted route refuses every role the policy does not list', async () => {
  let checked = 0;
  for (const r of guarded()) {
    if (typeof r.access !== 'object') continue;
    const allowed = ACTION_ROLES[r.access.action as keyof typeof ACTION_ROLES] as readonly Role[] | undefined;
    assert.ok(allowed, `${r.url} names an unknown action ${r.access.action}`);
    for (const role of ROLES) {
      if (allowed.includes(role)) continue;
      const c = clients.get(role)!;
      const res = r.method === 'GET' ? await c.get(concrete(r.url)) : await c.post(concrete(r.url), {});
      assert.equal(res.statusCode, 403, `${role} → ${r.method} ${r.url}`);
      assert.match(res.body, /không có quyền/i);
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test('every role-restricted route admits the roles the policy lists', async () => {
  for (const r of guarded()) {
    if (typeof r.access !== 'object' || r.method !== 'GET' || r.url.includes(':')) continue;
    for (const role of ACTION_ROLES[r.access.action as keyof typeof ACTION_ROLES] as readonly Role[]) {
      const res = await clients.get(role)!.get(r.url);
      // a long report admitted and started as a background job: its progress page (202), or
      // for an export not ready yet, the way to it (303)
      // (or, for the JSON API, 202 with {"status":"running",…,"poll"})
      const job = (res.statusCode === 202 && (/Đã xử lý/.test(res.body) || /^\{"status":"running",/.test(res.body))) || (res.statusCode === 303 && String(res.headers.location).startsWith('/bao-cao/'));
      assert.ok(res.statusCode === 200 || job, `${role} → ${r.url}: ${res.statusCode}`);
    }
  }
});

test('a route registered without an access rule stops the app from starting', async () => {
  const app = Fastify();
  await registerHttpPlatform(app, { config: t.config, db: t.database.db, loadActor: async () => null, allows: () => true });
  assert.throws(() => app.get('/quen-khai-bao', async () => 'ok'), /declares no access rule/);
  await app.close();
});

test('API routes refuse with JSON, not a page', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/quan-ly', headers: { accept: 'application/json' } });
  assert.equal(res.statusCode, 303);
  const api = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.access !== 'public');
  for (const r of api) {
    const res2 = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url) });
    assert.equal(res2.statusCode, 401);
    assert.equal(res2.json().error.code, 'unauthenticated');
  }
});
