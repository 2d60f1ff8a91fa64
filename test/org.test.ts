import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkOrgData, type Succession, type Unit } from '../src/modules/org';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('the demo organisation data is consistent (every dissolved unit has a successor)', async () => {
  const units = (await t.database.db.selectFrom('units').selectAll().execute()) as unknown as Unit[];
  const successions = (await t.database.db.selectFrom('unitSuccessions').selectAll().execute()) as unknown as Succession[];
  assert.deepEqual(checkOrgData(units, successions), []);
});

test('the API shows the district tier before 1/7/2025 and not after', async () => {
  const before = (await t.app.inject({ url: '/api/v1/units?date=2025-06-30' })).json();
  const afterReform = (await t.app.inject({ url: '/api/v1/units?date=2025-07-01' })).json();
  assert.ok(before.items.some((u: { tier: string }) => u.tier === 'huyen'));
  assert.ok(!afterReform.items.some((u: { tier: string }) => u.tier === 'huyen'));
  assert.ok(before.items.some((u: { code: string }) => u.code === 'tt-dinh-lap'));
  assert.ok(afterReform.items.some((u: { code: string }) => u.code === 'xa-dinh-lap'));
  assert.ok(!afterReform.items.some((u: { code: string }) => u.code === 'tt-dinh-lap'));
});

test('the departments merged on 1/3/2025 appear on the right side of the date', async () => {
  const feb = (await t.app.inject({ url: '/api/v1/units?date=2025-02-28' })).json();
  const mar = (await t.app.inject({ url: '/api/v1/units?date=2025-03-01' })).json();
  const codes = (r: { items: { code: string }[] }) => new Set(r.items.map((u) => u.code));
  assert.ok(codes(feb).has('so-tn-mt') && !codes(feb).has('so-nn-mt'));
  assert.ok(codes(mar).has('so-nn-mt') && !codes(mar).has('so-tn-mt'));
});

test('a date that does not exist or is malformed is refused with a Vietnamese message naming the field', async () => {
  for (const [q, text] of [
    ['2025-02-30', 'không tồn tại'],
    ['30/02/2025', 'YYYY-MM-DD'],
  ]) {
    const res = await t.app.inject({ url: `/api/v1/units?date=${encodeURIComponent(q as string)}` });
    assert.equal(res.statusCode, 400, q);
    assert.equal(res.json().error.field, 'date');
    assert.match(res.json().error.message, new RegExp(text as string));
  }
});

test('the public agency list shows the current structure in Vietnamese', async () => {
  const res = await t.app.inject({ url: '/co-quan' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Ủy ban nhân dân xã Đình Lập/);
  assert.doesNotMatch(res.body, /Ủy ban nhân dân huyện Đình Lập/);
  const unit = await t.app.inject({ url: '/co-quan/so-tu-phap' });
  assert.match(unit.body, /Sở Tư pháp/);
  assert.equal((await t.app.inject({ url: '/co-quan/khong-co' })).statusCode, 404);
});

test('the administrator sees the tree on a past date and the old-to-new mapping', async () => {
  const c = new Client(t.app);
  await c.login('quantri');
  const res = await c.get('/quan-tri/to-chuc?ngay=2025-06-30');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Ủy ban nhân dân huyện Đình Lập/);
  assert.match(res.body, /Cơ cấu ngày 30\/06\/2025/);
  assert.match(res.body, /Ủy ban nhân dân thị trấn Đình Lập/);
  assert.match(res.body, /Sắp xếp, sáp nhập đơn vị/);
});
