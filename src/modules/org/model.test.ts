import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrgData, subtreeIds, successorsOn, treeOn, type Succession, type Unit } from './model';

function unit(id: string, over: Partial<Unit> = {}): Unit {
  return { id, code: id, name: id, kind: 'ubnd_xa', tier: 'xa', parentId: null, eid: null, address: null, phone: null, email: null, validFrom: '2000-01-01', validTo: null, ...over };
}

const province = unit('tinh', { kind: 'ubnd_tinh', tier: 'tinh', name: 'UBND tỉnh' });
const district = unit('huyen', { kind: 'ubnd_huyen', tier: 'huyen', parentId: 'tinh', validTo: '2025-06-30' });
const oldA = unit('xa-a', { parentId: 'huyen', validTo: '2025-06-30', name: 'Xã A' });
const oldB = unit('xa-b', { parentId: 'huyen', validTo: '2025-06-30', name: 'Xã B' });
const merged = unit('xa-moi', { parentId: 'tinh', validFrom: '2025-07-01', name: 'Xã Mới' });
const units = [province, district, oldA, oldB, merged];
const successions: Succession[] = [
  { predecessorId: 'xa-a', successorId: 'xa-moi', effectiveDate: '2025-07-01', kind: 'merge', legalBasis: null, note: null },
  { predecessorId: 'xa-b', successorId: 'xa-moi', effectiveDate: '2025-07-01', kind: 'merge', legalBasis: null, note: null },
  { predecessorId: 'huyen', successorId: 'tinh', effectiveDate: '2025-07-01', kind: 'transfer', legalBasis: null, note: null },
];

test('the tree before 1/7/2025 has the district with its communes', () => {
  const tree = treeOn(units, '2025-06-30');
  assert.deepEqual(tree.map((n) => n.unit.id), ['tinh']);
  assert.deepEqual(tree[0]?.children.map((n) => n.unit.id), ['huyen']);
  assert.deepEqual(tree[0]?.children[0]?.children.map((n) => n.unit.id), ['xa-a', 'xa-b']);
});

test('the tree from 1/7/2025 has no district and the merged commune under the province', () => {
  const tree = treeOn(units, '2025-07-01');
  assert.deepEqual(tree[0]?.children.map((n) => n.unit.id), ['xa-moi']);
});

test('a merged commune leads to its successor on a later date and to itself before', () => {
  assert.deepEqual(successorsOn('xa-a', '2025-08-01', units, successions).map((u) => u.id), ['xa-moi']);
  assert.deepEqual(successorsOn('xa-a', '2025-06-01', units, successions).map((u) => u.id), ['xa-a']);
});

test('a subtree holds a unit and everything below it', () => {
  assert.deepEqual([...subtreeIds(units, 'huyen')].sort(), ['huyen', 'xa-a', 'xa-b']);
});

test('consistent data has no problems', () => {
  assert.deepEqual(checkOrgData(units, successions), []);
});

test('a dissolved unit without successor is reported', () => {
  const problems = checkOrgData(units, successions.slice(1));
  assert.ok(problems.some((p) => p.includes('xa-a') && p.includes('không có đơn vị kế thừa')));
});

test('a successor that does not exist yet on the effective date is reported', () => {
  const late = { ...merged, validFrom: '2025-08-01' };
  const problems = checkOrgData([province, district, oldA, oldB, late], successions);
  assert.ok(problems.some((p) => p.includes('chưa hoạt động')));
});

test('duplicate unit codes are reported', () => {
  const problems = checkOrgData([...units, unit('dup', { code: 'xa-moi' })], successions);
  assert.ok(problems.some((p) => p.includes('Mã đơn vị trùng')));
});
