import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Procedure } from '../catalogue';
import type { Unit } from '../org';
import { checkMapping, dayBefore, type Mapping, reassignedProcedure, repointSteps } from './model';

function unit(code: string, over: Partial<Unit> = {}): Unit {
  return { id: code, code, name: code, kind: 'ubnd_xa', tier: 'xa', parentId: null, eid: null, address: null, phone: null, email: null, validFrom: '2000-01-01', validTo: null, ...over };
}
const units = [unit('tinh', { kind: 'ubnd_tinh', tier: 'tinh' }), unit('a'), unit('b'), unit('moi', { validFrom: '2026-01-01' })];
const mapping = (over: Partial<Mapping> = {}): Mapping => ({ title: 'Thử', effectiveDate: '2026-01-01', newUnits: [], units: [{ from: 'a', to: 'moi' }, { from: 'b', to: 'moi' }], procedures: [], ...over });
const messages = (m: Mapping) => checkMapping(m, units, new Set()).map((e) => e.message);

test('the day before crosses months and leap years', () => {
  assert.equal(dayBefore('2025-07-01'), '2025-06-30');
  assert.equal(dayBefore('2024-03-01'), '2024-02-29');
});

test('a mapping of two communes into one that starts on the date is accepted', () => {
  assert.deepEqual(messages(mapping()), []);
});

test('a successor that starts after the date is refused, naming both units', () => {
  const m = messages(mapping({ effectiveDate: '2025-12-01' }));
  assert.ok(m.some((x) => x.includes('“moi”') && x.includes('“a”') && x.includes('không hoạt động vào ngày 01/12/2025')));
});

test('a cycle of three is reported once', () => {
  const m = messages(mapping({ units: [{ from: 'a', to: 'b' }, { from: 'b', to: 'tinh' }, { from: 'tinh', to: 'a' }] }));
  assert.equal(m.filter((x) => x.includes('vòng lặp')).length, 1);
});

test('workflow steps naming an old unit are re-pointed, others left alone', () => {
  const r = repointSteps([{ unit: { at: 'unit', code: 'a' } }, { unit: { at: 'receiving' } }], new Map([['a', 'moi']]));
  assert.equal(r.changed, true);
  assert.deepEqual(r.steps, [{ unit: { at: 'unit', code: 'moi' } }, { unit: { at: 'receiving' } }]);
  assert.equal(repointSteps([{ unit: { at: 'unit', code: 'x' } }], new Map([['a', 'moi']])).changed, false);
});

test('a procedure of two merged units goes to the successor once, its old period keeping the old units', () => {
  const p = { code: '1.000001', tierHistory: [{ tier: 'xa', validFrom: '2021-01-01' }], agencies: { competent: [{ unitCode: 'a' }, { unitCode: 'b' }], authorised: [], cooperating: [] } } as unknown as Procedure;
  const next = reassignedProcedure(p, mapping(), new Map([['a', 'moi'], ['b', 'moi']]), () => 'xa')!;
  assert.deepEqual(next.agencies.competent, [{ unitCode: 'moi' }]);
  assert.deepEqual(next.tierHistory, [
    { tier: 'xa', validFrom: '2021-01-01', validTo: '2025-12-31', agencies: p.agencies },
    { tier: 'xa', validFrom: '2026-01-01' },
  ]);
  // applied again: nothing left to change
  assert.equal(reassignedProcedure(next, mapping(), new Map([['a', 'moi'], ['b', 'moi']]), () => 'xa'), undefined);
});
