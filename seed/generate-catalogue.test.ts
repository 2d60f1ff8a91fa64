import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestTier, validateProcedure } from '../src/modules/catalogue/model';
import { generateCatalogue, mulberry32 } from './generate-catalogue';
import { demoProcedures } from './procedures';
import { DEMO_UNIT_CODES as ALLOWED_UNIT_CODES } from './procedures/common';

const N = 2000;
const first = generateCatalogue(N, 42);

test('the generator returns n procedures with unique codes in the 9.dddddd range', () => {
  assert.equal(first.procedures.length, N);
  const codes = new Set(first.procedures.map((p) => p.code));
  assert.equal(codes.size, N);
  for (const c of codes) assert.match(c, /^9\.\d{6}$/);
});

test('every generated record passes validateProcedure', () => {
  const failures = first.procedures.map((p) => ({ code: p.code, errors: validateProcedure(p) })).filter((f) => f.errors.length > 0);
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} invalid records`);
});

test('the same seed gives the same catalogue and another seed a different one', () => {
  assert.deepEqual(generateCatalogue(N, 42), first);
  const other = generateCatalogue(N, 43);
  assert.notDeepEqual(other.procedures.map((p) => p.name), first.procedures.map((p) => p.name));
});

test('no generated code collides with a demo code', () => {
  const demo = new Set(demoProcedures.map((p) => p.code));
  for (const p of first.procedures) assert.ok(!demo.has(p.code), p.code);
});

test('generated fields are listed and generated agencies exist in the demo organisation', () => {
  const fields = new Set(first.fields.map((f) => f.code));
  for (const p of first.procedures) {
    assert.ok(fields.has(p.field.code), p.field.code);
    const refs = [p.agencies, ...p.tierHistory.flatMap((t) => (t.agencies ? [t.agencies] : []))].flatMap((a) => [...a.competent, ...a.authorised, ...a.cooperating]);
    for (const r of refs) if ('unitCode' in r) assert.ok(ALLOWED_UNIT_CODES.has(r.unitCode), r.unitCode);
  }
});

test('the distributions look like a provincial catalogue', () => {
  const tinh = first.procedures.filter((p) => latestTier(p) === 'tinh').length / N;
  assert.ok(tinh > 0.28 && tinh < 0.42, `province share ${tinh}`);
  const district = first.procedures.filter((p) => p.tierHistory.some((t) => t.tier === 'huyen')).length;
  assert.ok(district > N * 0.1, `${district} with a district period`);
  const levels = new Set(first.procedures.map((p) => p.onlineLevel));
  assert.equal(levels.size, 3);
  for (const p of first.procedures) assert.equal(p.confidence?.level, 'U');
});

test('mulberry32 is deterministic and stays in [0, 1)', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
});

test('each generated unit reference exists during the period it is named for', async () => {
  const { demoUnits } = await import('./org');
  const units = new Map(demoUnits.map((u) => [u.code, u]));
  for (const p of first.procedures) {
    const last = p.tierHistory.reduce((a, b) => (a.validFrom > b.validFrom ? a : b));
    const spans = [...p.tierHistory.map((t) => ({ from: t.validFrom, to: t.validTo, agencies: t.agencies ?? p.agencies })), { from: last.validFrom, to: last.validTo, agencies: p.agencies }];
    for (const s of spans) {
      for (const r of [...s.agencies.competent, ...s.agencies.authorised, ...s.agencies.cooperating]) {
        if (!('unitCode' in r)) continue;
        const u = units.get(r.unitCode);
        assert.ok(u, r.unitCode);
        assert.ok(u.validFrom <= s.from, `${p.code}: ${r.unitCode} did not exist on ${s.from}`);
        if (u.validTo) assert.ok(s.to !== undefined && s.to <= u.validTo, `${p.code}: ${r.unitCode} ended ${u.validTo}`);
      }
    }
  }
});
