import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOSSIER_CODE_PATTERN, formatDossierCode, nextState, STATE_LABELS, TERMINAL, TRANSITIONS, type DossierState } from './model';

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
