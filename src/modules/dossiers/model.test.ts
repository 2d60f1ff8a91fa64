import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkWorkflow, DOSSIER_CODE_PATTERN, formatDossierCode, nextState, parallelGroup, STATE_LABELS, TERMINAL, TRANSITIONS, type DossierState, type WorkflowStep } from './model';

test('a dossier code is agency e-ID, yymmdd and a four-digit serial', () => {
  assert.equal(formatDossierCode('000.40.01.H39', '2026-11-23', 7), '000.40.01.H39-261123-0007');
  assert.match(formatDossierCode('000.40.01.H39', '2026-11-23', 12345), DOSSIER_CODE_PATTERN);
});

test('a submitted dossier can be withdrawn, a received one cannot', () => {
  assert.equal(nextState('SUBMITTED', 'withdraw'), 'WITHDRAWN');
  assert.equal(nextState('RECEIVED', 'withdraw'), undefined);
});

test('terminal states allow no move and every state has a Vietnamese label', () => {
  for (const s of TERMINAL) assert.deepEqual(Object.keys(TRANSITIONS[s]), []);
  for (const s of Object.keys(TRANSITIONS) as DossierState[]) assert.ok(STATE_LABELS[s].length > 3);
});

test('every transition leads to a known state', () => {
  for (const moves of Object.values(TRANSITIONS)) for (const to of Object.values(moves)) assert.ok(to in TRANSITIONS);
});

const step = (key: string, kind: WorkflowStep['kind'], share: number, parallel?: number): WorkflowStep => ({ key, name: `Bước ${key}`, kind, unit: { at: 'unit', code: key }, share, ...(parallel ? { parallel } : {}) });

test('a parallel group is the run of steps with the same group number around a step', () => {
  const steps = [step('a', 'process', 40), step('b', 'consult', 20, 1), step('c', 'consult', 10, 1), step('d', 'consult', 5, 1), step('e', 'process', 10), step('f', 'approve', 30)];
  assert.deepEqual(parallelGroup(steps, 0), [0, 0]);
  assert.deepEqual(parallelGroup(steps, 1), [1, 3]);
  assert.deepEqual(parallelGroup(steps, 3), [1, 3]);
  assert.deepEqual(parallelGroup(steps, 4), [4, 4]);
  // the group's time is its longest step: 40 + 20 + 10 + 30
  assert.deepEqual(checkWorkflow(steps), []);
});

test('a parallel group that cannot work is refused, naming the step', () => {
  const messages = (steps: WorkflowStep[]) => checkWorkflow(steps).map((e) => `${e.field}: ${e.message}`);
  assert.deepEqual(messages([step('a', 'process', 40, 1), step('b', 'consult', 20, 1), step('e', 'process', 10), step('f', 'approve', 30)]), ['steps[0].kind: Chỉ các bước lấy ý kiến, phối hợp (consult) mới thực hiện song song']);
  assert.deepEqual(messages([step('a', 'process', 60), step('b', 'consult', 10, 1), step('f', 'approve', 30)]), ['steps[1].parallel: Nhóm song song 1 phải có ít nhất hai bước']);
  assert.match(messages([step('a', 'process', 40), step('b', 'consult', 10, 1), step('c', 'consult', 10, 1), step('e', 'process', 10), step('d', 'consult', 10, 1), step('g', 'consult', 10, 1), step('f', 'approve', 30)]).join('\n'), /steps\[4\]\.parallel: Các bước của nhóm song song 1 phải liền nhau/);
  assert.match(messages([step('a', 'process', 40), { ...step('b', 'consult', 20, 1), unit: { at: 'receiving' } }, { ...step('c', 'consult', 20, 1), unit: { at: 'receiving' } }, step('f', 'approve', 40)]).join('\n'), /steps\[2\]\.unit: Hai bước song song không được do cùng một đơn vị/);
  // shares: counted once per group (longest), so 40 + 20 + 20 + 30 = 110 is refused
  assert.match(messages([step('a', 'process', 40), step('b', 'consult', 20, 1), step('c', 'consult', 15, 1), step('e', 'process', 20), step('f', 'approve', 30)]).join('\n'), /Tổng tỷ lệ thời gian các bước phải bằng 100% \(đang là 110%\)/);
  assert.match(messages([step('a', 'process', 40), { ...step('b', 'consult', 20), parallel: 0 }, step('e', 'process', 10), step('f', 'approve', 30)]).join('\n'), /steps\[1\]\.parallel: Nhóm song song là số nguyên từ 1 đến 20/);
});
