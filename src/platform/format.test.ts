import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatDateTime, formatMoney, formatNumber, localDate } from './format';

test('money is shown in đồng with dot thousands and a no-break space before ₫', () => {
  assert.equal(formatMoney(1_250_000), '1.250.000\u00a0₫');
  assert.equal(formatMoney(0), '0\u00a0₫');
});

test('money refuses fractions of a đồng', () => {
  assert.throws(() => formatMoney(1.5), RangeError);
});

test('a moment late in the UTC day is shown as the next day in Vietnam', () => {
  assert.equal(formatDate(new Date('2026-02-16T18:30:00Z')), '17/02/2026');
  assert.equal(localDate(new Date('2026-02-16T18:30:00Z')), '2026-02-17');
});

test('a calendar date is shown as dd/MM/yyyy without time-zone shifts', () => {
  assert.equal(formatDate('2025-07-01'), '01/07/2025');
  assert.throws(() => formatDate('1/7/2025'), RangeError);
});

test('date and time are shown as HH:mm dd/MM/yyyy in Vietnam time', () => {
  assert.equal(formatDateTime(new Date('2026-11-23T01:05:00Z')), '08:05 23/11/2026');
});

test('numbers use dots for thousands', () => {
  assert.equal(formatNumber(1234567), '1.234.567');
});
