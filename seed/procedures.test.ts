import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEligibleFullOnline, TIERS, validateProcedure, type AgencyRef, type Agencies, type Procedure } from '../src/modules/catalogue/model';
import { demoFields, demoProcedures } from './procedures';
import { DEMO_UNIT_CODES } from './procedures/common';

const ALLOWED_UNIT_CODES = DEMO_UNIT_CODES;

function refsOf(a: Agencies): AgencyRef[] {
  return [...a.competent, ...a.authorised, ...a.cooperating];
}

function unitCodesOf(p: Procedure): string[] {
  const refs = [...refsOf(p.agencies), ...p.tierHistory.flatMap((t) => (t.agencies ? refsOf(t.agencies) : []))];
  return refs.flatMap((r) => ('unitCode' in r ? [r.unitCode] : []));
}

test('every demo procedure passes validateProcedure', () => {
  const failures = demoProcedures
    .map((p) => ({ code: p.code, errors: validateProcedure(p) }))
    .filter((f) => f.errors.length > 0);
  assert.deepEqual(failures, [], failures.map((f) => `${f.code}: ${f.errors.map((e) => `${e.field} – ${e.message}`).join('; ')}`).join('\n'));
});

test('there are at least 40 demo procedures with unique codes', () => {
  assert.ok(demoProcedures.length >= 40, `only ${demoProcedures.length} procedures`);
  const codes = demoProcedures.map((p) => p.code);
  const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
  assert.deepEqual(dupes, []);
});

test('the procedures cover at least 10 fields, each one listed in demoFields', () => {
  const byCode = new Map(demoFields.map((f) => [f.code, f.name]));
  assert.equal(byCode.size, demoFields.length, 'field codes in demoFields are unique');
  const used = new Set(demoProcedures.map((p) => p.field.code));
  assert.ok(used.size >= 10, `only ${used.size} fields`);
  for (const p of demoProcedures) {
    assert.equal(byCode.get(p.field.code), p.field.name, `${p.code}: field ${p.field.code} missing from demoFields or named differently`);
  }
  for (const f of demoFields) assert.ok(used.has(f.code), `field ${f.code} has no procedure`);
});

test('every tier appears in some tier history', () => {
  const seen = new Set(demoProcedures.flatMap((p) => p.tierHistory.map((t) => t.tier)));
  for (const tier of TIERS) assert.ok(seen.has(tier), `no procedure has a ${tier} period`);
});

test('district periods end on 30/06/2025 and are followed by a commune or province period from 01/07/2025', () => {
  const moved = demoProcedures.filter((p) => p.tierHistory.some((t) => t.tier === 'huyen'));
  assert.ok(moved.length >= 5, `only ${moved.length} procedures moved from the district tier`);
  for (const p of moved) {
    const district = p.tierHistory.find((t) => t.tier === 'huyen')!;
    assert.equal(district.validTo, '2025-06-30', p.code);
    assert.ok(district.agencies, `${p.code}: the district period names the old district units`);
    assert.ok(p.tierHistory.some((t) => t.tier !== 'huyen' && t.validFrom === '2025-07-01'), p.code);
  }
});

test('every referenced unit code belongs to the demo organisation tree', () => {
  for (const p of demoProcedures) {
    for (const code of unitCodesOf(p)) assert.ok(ALLOWED_UNIT_CODES.has(code), `${p.code}: unknown unit code ${code}`);
  }
});

test('the two online-submission demos are toàn trình and eligible', () => {
  for (const code of ['1.001193', '1.004222']) {
    const p = demoProcedures.find((x) => x.code === code);
    assert.ok(p, `${code} is missing`);
    assert.equal(p.onlineLevel, 'toan_trinh', code);
    assert.equal(p.legacyLevel, 4, code);
    assert.equal(isEligibleFullOnline(p), true, code);
    assert.ok(p.channels.some((c) => c.kind === 'truc_tuyen'), `${code} has an online channel`);
    assert.ok(p.components.filter((c) => c.required).length >= 2, `${code} has its required components`);
    assert.ok(p.components.some((c) => c.templateFile), `${code} has a form template`);
  }
});

test('a mix of online levels, and every partial one gives a Vietnamese reason', () => {
  const levels = new Set(demoProcedures.map((p) => p.onlineLevel));
  assert.deepEqual([...levels].sort(), ['mot_phan', 'none', 'toan_trinh']);
  for (const p of demoProcedures.filter((x) => x.onlineLevel !== 'toan_trinh')) {
    assert.ok(p.ineligibleReason && /[àáảãạăâđèéêìíòóôơùúưỳý]/i.test(p.ineligibleReason), `${p.code} lacks a reason`);
  }
});

test('every record says how sure it is', () => {
  for (const p of demoProcedures) {
    assert.ok(p.confidence, `${p.code} has no confidence`);
    assert.ok(p.confidence.note && p.confidence.note.length > 10, `${p.code} has no confidence note`);
    assert.ok(p.confidence.fields?.code, `${p.code} has no confidence tag on its code`);
  }
});

test('both tiers in force today are represented, with several provincial procedures', () => {
  const current = demoProcedures.map((p) => p.tierHistory.find((t) => t.validTo === undefined)?.tier);
  assert.ok(current.filter((t) => t === 'tinh').length >= 5);
  assert.ok(current.filter((t) => t === 'xa').length >= 20);
});

test('each referenced unit exists during the whole period it is named for', async () => {
  const { demoUnits } = await import('./org');
  const units = new Map(demoUnits.map((u) => [u.code, u]));
  for (const p of demoProcedures) {
    const last = p.tierHistory.reduce((a, b) => (a.validFrom > b.validFrom ? a : b));
    const spans = p.tierHistory.map((t) => ({ from: t.validFrom, to: t.validTo, agencies: t.agencies ?? p.agencies }));
    // The record's own agencies hold for the latest period, whatever other periods say.
    spans.push({ from: last.validFrom, to: last.validTo, agencies: p.agencies });
    for (const s of spans) {
      for (const r of refsOf(s.agencies)) {
        if (!('unitCode' in r)) continue;
        const u = units.get(r.unitCode);
        assert.ok(u, `${p.code}: ${r.unitCode} not in seed/org.ts`);
        assert.ok(u.validFrom <= s.from, `${p.code}: ${r.unitCode} did not exist on ${s.from}`);
        if (u.validTo) assert.ok(s.to !== undefined && s.to <= u.validTo, `${p.code}: ${r.unitCode} ended ${u.validTo} but is named until ${s.to ?? 'now'}`);
      }
    }
  }
});
