// The pure rules of the statistics: the period, rates shown "—" without a denominator, the
// office clock the SQL reads, and the proposed scores.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../platform/errors';
import { defaultCalendar, workingTimeBetween } from '../calendar';
import {
  chunks,
  groupScores,
  indicatorValues,
  isLongPeriod,
  MEASURE_KEYS,
  officeClock,
  parsePeriod,
  percentText,
  PROCEDURE_MEASURES,
  progressText,
  rate,
  RUN_FRESH_MS,
  RUN_KEEP_MS,
  RUN_STALL_MS,
  runDecision,
  sumDecimals,
  totalScore,
  windowOf,
  type Counts,
  type ProcedureCounts,
} from './model';

const NOW = new Date('2026-11-23T03:00:00Z');

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.errors.map((e) => e.field);
    throw err;
  }
  return [];
}

describe('statistics model', () => {
  test('periods: dd/MM/yyyy, a month, a quarter, a year; blank is this year to today', () => {
    assert.deepEqual(parsePeriod({ tu: '1/10/2025', den: '31/10/2025' }, NOW), { from: '2025-10-01', to: '2025-10-31' });
    assert.deepEqual(parsePeriod({ thang: '02/2024' }, NOW), { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(parsePeriod({ quy: '4/2025' }, NOW), { from: '2025-10-01', to: '2025-12-31' });
    assert.deepEqual(parsePeriod({ nam: '2025' }, NOW), { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual(parsePeriod({}, NOW), { from: '2026-01-01', to: '2026-11-23' });
  });

  test('bad periods name their field', () => {
    assert.deepEqual(fieldsOf(() => parsePeriod({ tu: '31/02/2025', den: 'x' }, NOW)), ['tu', 'den']);
    assert.deepEqual(fieldsOf(() => parsePeriod({ tu: '02/10/2025', den: '01/10/2025' }, NOW)), ['den']);
    assert.deepEqual(fieldsOf(() => parsePeriod({ quy: '5/2025' }, NOW)), ['quy']);
    assert.deepEqual(fieldsOf(() => parsePeriod({ nam: '2027' }, NOW)), ['nam'], 'a period after today');
    assert.deepEqual(fieldsOf(() => parsePeriod({ tu: '01/01/2015', den: '01/01/2021' }, NOW)), ['den'], 'longer than five years');
  });

  test('the window ends at midnight in Vietnam; in progress is read at the end or now', () => {
    const w = windowOf({ from: '2025-10-01', to: '2025-10-31' }, NOW);
    assert.equal(w.start.toISOString(), '2025-09-30T17:00:00.000Z');
    assert.equal(w.end.toISOString(), '2025-10-31T17:00:00.000Z');
    assert.equal(w.cutoff.toISOString(), w.end.toISOString());
    assert.equal(windowOf({ from: '2026-11-01', to: '2026-11-30' }, NOW).cutoff.toISOString(), NOW.toISOString());
  });

  test('a rate without a denominator is “—”, never 0 %', () => {
    assert.equal(percentText(rate(0, 0)), '—');
    assert.equal(rate(0, 0).value, null);
    assert.equal(percentText(rate(2, 3)), '66,7 %');
    assert.equal(percentText(rate(0, 5)), '0,0 %');
  });

  test('the office clock gives the same office minutes as the calendar', () => {
    const cal = defaultCalendar();
    const clock = officeClock((d) => cal.isWorkingDay(d), '2025-01-01', '2025-12-31', 480);
    const at = (iso: string) => {
      const t = new Date(iso);
      const local = t.getTime() / 1000 + 7 * 3600;
      const day = Math.floor(local / 86400);
      const index = day - Date.parse('2025-01-01T00:00:00Z') / 86_400_000;
      const minute = (local - day * 86400) / 60;
      const office = Math.max(0, Math.min(minute, 690) - 450) + Math.max(0, Math.min(minute, 1020) - 780);
      return clock.before[index]! + clock.working[index]! * office;
    };
    for (const [a, b] of [
      ['2025-10-06T08:00:00+07:00', '2025-10-07T10:00:00+07:00'],
      ['2025-01-24T16:00:00+07:00', '2025-02-04T09:00:00+07:00'],
      ['2025-08-29T12:00:00+07:00', '2025-09-03T20:00:00+07:00'],
    ] as const) {
      assert.equal(at(b) - at(a), workingTimeBetween(cal, new Date(a), new Date(b)), `${a} → ${b}`);
    }
  });

  test('proposed scores: mean of the available scored rates times the maximum; no data is not 0', () => {
    const counts = Object.fromEntries(MEASURE_KEYS.map((k) => [k, 0])) as Counts;
    Object.assign(counts, { settled: 4, settled_on_time: 3, late_total: 2, late_with_apology: 1, in_progress: 3, in_progress_overdue: 1 });
    const procedures = Object.fromEntries(Object.keys(PROCEDURE_MEASURES).map((k) => [k, 0])) as ProcedureCounts;
    const groups = groupScores(indicatorValues(counts, procedures));
    const g = (code: string) => groups.find((x) => x.code === code)!;
    assert.equal(g('TDGQ').points, 12.5);
    assert.equal(g('MDHL').points, null, 'no ratings: no score');
    assert.equal(g('TTTT').points, null);
    assert.deepEqual(totalScore(groups), { points: 12.5, outOf: 20 });
  });
});

describe('long reports as jobs', () => {
  test('a period longer than a quarter is long; a quarter is not', () => {
    assert.equal(isLongPeriod({ from: '2025-10-01', to: '2025-12-31' }), false);
    assert.equal(isLongPeriod({ from: '2025-01-01', to: '2025-04-02' }), false, '92 days');
    assert.equal(isLongPeriod({ from: '2025-01-01', to: '2025-04-03' }), true, '93 days');
    assert.equal(isLongPeriod({ from: '2025-01-01', to: '2025-12-31' }), true);
  });

  test('the lead units are read in steps, none left out', () => {
    assert.deepEqual(chunks(['a', 'b', 'c', 'd', 'e'], 2), [['a', 'b'], ['c', 'd'], ['e']]);
    assert.deepEqual(chunks([], 8), []);
  });

  test('decimal sums are exact, as the database adds numeric', () => {
    assert.equal(sumDecimals(['0.1', '0.2']), '0.3');
    assert.equal(sumDecimals(['1234.50000000000000000000', '0.01666666666666666667', '3']), '1237.51666666666666666667');
    assert.equal(sumDecimals(['-2.5', '1']), '-1.5');
    assert.equal(sumDecimals([]), '0');
    assert.equal(Number(sumDecimals(['600.0000000000000000', '2040.0000000000000000'])), 2640);
    assert.throws(() => sumDecimals(['1e5']));
  });

  test('a kept run is shown when young, or when nothing changed and its period had ended; a stalled one gives way', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const done = { status: 'done' as const, dataVersion: '7', periodEnded: true };
    assert.equal(runDecision(undefined, '7', now), 'start');
    assert.equal(runDecision({ ...done, at: ago(60_000) }, '9', now), 'show', 'young: shown whatever changed');
    assert.equal(runDecision({ ...done, at: ago(RUN_FRESH_MS + 1) }, '7', now), 'show', 'old, unchanged, period ended');
    assert.equal(runDecision({ ...done, at: ago(RUN_FRESH_MS + 1) }, '8', now), 'start', 'old and the data changed');
    assert.equal(runDecision({ ...done, periodEnded: false, at: ago(RUN_FRESH_MS + 1) }, '7', now), 'start', 'an open period moves with time');
    assert.equal(runDecision({ ...done, at: ago(RUN_KEEP_MS + 1) }, '7', now), 'start', 'kept no longer');
    assert.equal(runDecision({ ...done, status: 'running', at: ago(1000) }, '9', now), 'wait');
    assert.equal(runDecision({ ...done, status: 'queued', at: ago(RUN_STALL_MS + 1) }, '7', now), 'start', 'stalled');
    assert.equal(runDecision({ ...done, status: 'failed', at: ago(1000) }, '7', now), 'failed');
    assert.equal(runDecision({ ...done, status: 'failed', at: ago(RUN_FRESH_MS + 1) }, '7', now), 'start');
  });

  test('the progress reads units done of units total', () => {
    assert.equal(progressText(8, 40), 'Đã xử lý 8/40 đơn vị (20 %)');
    assert.equal(progressText(0, 0), 'Đã xử lý 0/0 đơn vị (0 %)');
    assert.equal(progressText(1250, 1250), 'Đã xử lý 1.250/1.250 đơn vị (100 %)');
    assert.equal(progressText(0, 47, 'queued'), 'Đang chờ đến lượt lập báo cáo. Đã xử lý 0/47 đơn vị (0 %)');
  });
});
