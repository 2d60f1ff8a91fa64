import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../src/config';
import { recordAudit, verifyAuditChain } from '../src/platform/audit';
import { migrate } from '../src/platform/db/migrate';
import { Client } from './helpers/client';
import { freshDatabase, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
});
after(() => t.close());

describe('security headers', () => {
  test('every page carries a CSP without unsafe-inline, nosniff and frame-ancestors none', async () => {
    for (const url of ['/', '/dang-nhap', '/khong-co-trang-nay', '/healthz']) {
      const res = await t.app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    }
  });

  test('HSTS is sent behind HTTPS and not over plain HTTP', async () => {
    const https = await t.app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    assert.match(String(https.headers['strict-transport-security']), /max-age=\d+/);
    const http = await t.app.inject({ url: '/' });
    assert.equal(http.headers['strict-transport-security'], undefined);
  });

  test('behind HTTPS the session cookie is Secure', async () => {
    const c = new Client(t.app, { 'x-forwarded-proto': 'https' });
    const res = await c.get('/dang-nhap');
    const cookie = [res.headers['set-cookie']].flat().find((h) => String(h).startsWith('mc_sid='));
    assert.match(String(cookie), /Secure/);
  });
});

describe('error pages', () => {
  test('an unknown page answers 404 in Vietnamese', async () => {
    const res = await t.app.inject({ url: '/khong-co-trang-nay' });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Không tìm thấy trang/);
    assert.match(res.body, /<html lang="vi"/);
  });

  test('an unknown API address answers 404 JSON in Vietnamese', async () => {
    const res = await t.app.inject({ url: '/api/v1/khong-co' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  test('a crash inside a route gives a Vietnamese 500 page without a stack trace', async () => {
    const { buildApp } = await import('../src/app');
    const app = await buildApp({ config: t.config, db: t.database.db, jobs: t.jobs, logger: false });
    app.get('/no-bung', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail');
    });
    const res = await app.inject({ url: '/no-bung' });
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /Hệ thống gặp sự cố/);
    assert.doesNotMatch(res.body, /secret internal detail|\.ts:\d+/);
    await app.close();
  });

  test('the health endpoint answers ok when the database is reachable', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: 'ok' });
  });

  test('the OpenAPI document lists the JSON API and not the pages', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const paths = Object.keys(res.json().paths);
    assert.ok(paths.includes('/api/v1/units'));
    assert.ok(!paths.includes('/dang-nhap'));
  });
});

describe('configuration', () => {
  test('a bad PORT is refused with a message naming the variable in Vietnamese', () => {
    assert.throws(() => loadConfig({ PORT: 'abc', DATA_DIR: '/tmp/motcua-cfg' }), (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /PORT phải là một số nguyên từ 1 đến 65535/);
      return true;
    });
  });

  test('a DATABASE_URL that is not postgres:// is refused', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x', DATA_DIR: '/tmp/motcua-cfg' }), /DATABASE_URL/);
  });

  test('production without SESSION_SECRET refuses to start', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/motcua-cfg' }), /SESSION_SECRET/);
  });

  test('outside production a session secret is generated once and kept', () => {
    const dir = `/tmp/motcua-cfg-${process.pid}`;
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    assert.equal(a.sessionSecret, b.sessionSecret);
    assert.ok(a.sessionSecret.length >= 32);
    assert.equal(a.databaseUrl, undefined);
    assert.equal(a.demoData, true);
    assert.equal(loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: 'y'.repeat(32) }).demoData, false);
  });
});

describe('migrations', () => {
  test('migrations are recorded and never applied twice, even when two runs race', async () => {
    const { database, drop } = await freshDatabase();
    try {
      const [a, b] = await Promise.all([migrate(database.db), migrate(database.db)]);
      assert.equal(a.length + b.length, (await database.db.selectFrom('schemaMigrations').select('name').execute()).length);
      assert.deepEqual(await migrate(database.db), []);
    } finally {
      await database.close();
      await drop();
    }
  });

  test('a failing migration leaves nothing behind (it runs in a transaction)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/motcua-mig-');
    writeFileSync(`${dir}/0001_ok.sql`, 'create table t_ok (id int);');
    writeFileSync(`${dir}/0002_bad.sql`, 'create table t_half (id int); select * from no_such_table;');
    const { database, drop } = await freshDatabase();
    try {
      await assert.rejects(migrate(database.db, dir));
      const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_name in ('t_ok', 't_half')`.execute(database.db);
      assert.deepEqual(tables.rows.map((r) => r.name), ['t_ok']);
      const names = (await database.db.selectFrom('schemaMigrations').select('name').execute()).map((r) => r.name);
      assert.deepEqual(names, ['0001_ok.sql']);
    } finally {
      await database.close();
      await drop();
    }
  });
});

describe('audit chain', () => {
  test('an untouched log verifies, and a changed or deleted entry is detected', async () => {
    const { database, drop } = await freshDatabase();
    try {
      await migrate(database.db);
      for (let i = 0; i < 5; i++) {
        await database.db.transaction().execute((trx) => recordAudit(trx, { id: null, role: 'admin', unitId: null, ip: '127.0.0.1' }, { action: 'test.event', detail: { i, note: 'Đăng ký' } }));
      }
      assert.deepEqual(await verifyAuditChain(database.db), { ok: true, checked: 5 });
      await sql`update audit_log set reason = 'sửa lén' where seq = 3`.execute(database.db);
      const changed = await verifyAuditChain(database.db);
      assert.equal(changed.ok, false);
      assert.equal(changed.brokenAt, 3);
      await sql`update audit_log set reason = null where seq = 3`.execute(database.db);
      assert.equal((await verifyAuditChain(database.db)).ok, true);
      await sql`delete from audit_log where seq = 2`.execute(database.db);
      const deleted = await verifyAuditChain(database.db);
      assert.equal(deleted.ok, false);
      assert.equal(deleted.brokenAt, 3);
    } finally {
      await database.close();
      await drop();
    }
  });
});
