import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays } from './days';
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar, solarToLunar } from './lunar';
import { referenceHungKings, referenceTet, referenceTetAtOffset } from './lunar-reference.test-helper';

// Mùng 1 Tết in Vietnam. 2030 is 2/2, not 3/2: the new moon of February 2030 falls at about
// 23:07 Hanoi time on 2/2 (00:07 on 3/2 in Beijing), so 3/2 is the Chinese date. The
// astronomical reference below and the library agree on 2/2.
const TET: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
};

for (const [year, date] of Object.entries(TET)) {
  test(`mùng 1 Tết ${year} is ${date}, as the table and the astronomical reference both say`, () => {
    assert.equal(referenceTet(Number(year)), date);
    assert.equal(lunarNewYear(Number(year)), date);
  });
}

for (let year = 2024; year <= 2040; year++) {
  test(`Giỗ Tổ Hùng Vương ${year} (10/3 âm lịch) matches the astronomical reference`, () => {
    assert.equal(lunarToSolar(year, 3, 10), referenceHungKings(year));
  });
}

test('Giỗ Tổ falls on Monday 7/4/2025, Sunday 26/4/2026 and Friday 16/4/2027 (DOMAIN.md §5.2)', () => {
  assert.equal(lunarToSolar(2025, 3, 10), '2025-04-07');
  assert.equal(lunarToSolar(2026, 3, 10), '2026-04-26');
  assert.equal(lunarToSolar(2027, 3, 10), '2027-04-16');
});

test('Tết 1985 is 21/1 in Vietnam while the Chinese (UTC+8) calendar has 20/2', () => {
  assert.equal(lunarNewYear(1985), '1985-01-21');
  assert.equal(referenceTetAtOffset(1985, 8), '1985-02-20');
});

test('Tết 2007 is 17/2 in Vietnam while the Chinese (UTC+8) calendar has 18/2', () => {
  assert.equal(lunarNewYear(2007), '2007-02-17');
  assert.equal(referenceTetAtOffset(2007, 8), '2007-02-18');
});

test('Tết 2030 is 2/2 in Vietnam while the Chinese (UTC+8) calendar has 3/2', () => {
  assert.equal(lunarNewYear(2030), '2030-02-02');
  assert.equal(referenceTetAtOffset(2030, 8), '2030-02-03');
});

test('Tết and Giỗ Tổ agree with the astronomical reference for every year 1990–2100', () => {
  for (let year = 1990; year <= 2100; year++) {
    assert.equal(lunarNewYear(year), referenceTet(year), `Tết ${year}`);
    assert.equal(lunarToSolar(year, 3, 10), referenceHungKings(year), `Giỗ Tổ ${year}`);
  }
});

test('the last day of a lunar year is the day before mùng 1 Tết and is 29 or 30 tháng Chạp', () => {
  for (let year = 1990; year <= 2100; year++) {
    const last = lastDayOfLunarYear(year);
    assert.equal(addDays(last, 1), lunarNewYear(year + 1));
    const lunar = solarToLunar(last);
    assert.equal(lunar.year, year);
    assert.equal(lunar.month, 12);
    assert.equal(lunar.leapMonth, false);
    assert.ok(lunar.day === 29 || lunar.day === 30, `${year}: ${lunar.day}`);
  }
});

test('the last day of lunar year Ất Tỵ (2025) is Monday 16/2/2026, 29 tháng Chạp', () => {
  assert.equal(lastDayOfLunarYear(2025), '2026-02-16');
  assert.deepEqual(solarToLunar('2026-02-16'), { year: 2025, month: 12, day: 29, leapMonth: false });
});

test('a day 30 in a 29-day month is refused', () => {
  assert.throws(() => lunarToSolar(2025, 12, 30), RangeError);
});

test('a leap month the year does not have is refused, and the one it has is found', () => {
  // Lunar 2025 has a leap 6th month (tháng 6 nhuận), lunar 2026 has none.
  assert.throws(() => lunarToSolar(2026, 6, 1, true), RangeError);
  const leap = lunarToSolar(2025, 6, 1, true);
  assert.deepEqual(solarToLunar(leap), { year: 2025, month: 6, day: 1, leapMonth: true });
  assert.ok(leap > lunarToSolar(2025, 6, 1));
});

test('converting a solar date to lunar and back gives the same date (any day 1990–2100)', () => {
  const day = fc.integer({ min: Date.UTC(1990, 1, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, (ymd) => {
      const l = solarToLunar(ymd);
      assert.equal(lunarToSolar(l.year, l.month, l.day, l.leapMonth), ymd);
    }),
    { numRuns: 2000 },
  );
});

test('the results do not depend on the time zone of the machine', () => {
  const saved = process.env.TZ;
  try {
    const results = ['UTC', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati', 'America/Los_Angeles'].map((zone) => {
      process.env.TZ = zone;
      return [lunarNewYear(2026), lunarToSolar(2026, 3, 10), solarToLunar('2026-02-16'), lastDayOfLunarYear(2030)];
    });
    for (const r of results) assert.deepEqual(r, results[0]);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
