// Due-date computations per second (src/modules/calendar/model.ts computeDue).
// Run: npx tsx bench/calendar-due-date.ts [count]
//
// A seeded mix of the four units over receipts spread across 2025–2034 (Vietnam time), one in
// five with a supplement pause, on one warm calendar (the per-year cache filled, as in a running
// server). Also prints the cost of a cold calendar, which loads ten years of holidays, and each
// unit's rate as a ratio of working_days, so runs on different machines compare by ratio.

import os from 'node:os';
import { computeDue, defaultCalendar, type Pause, type TimeLimit, type TimeUnit } from '../src/modules/calendar/model';

const COUNT = Number(process.argv[2] ?? 200_000);
const ROUNDS = 5;
const SEED = 20260217;

/** mulberry32: a small seeded generator, so every run computes the same cases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  receivedAt: Date;
  limit: TimeLimit;
  pauses: Pause[];
}

const UNITS: readonly TimeUnit[] = ['working_days', 'working_hours', 'calendar_days', 'same_day'];
const MAX_AMOUNT: Record<TimeUnit, number> = { working_days: 30, working_hours: 80, calendar_days: 60, same_day: 1 };
const FROM = Date.parse('2025-01-01T00:00:00+07:00');
const TO = Date.parse('2035-01-01T00:00:00+07:00');
const DAY = 86_400_000;

function cases(n: number, seed: number, only?: TimeUnit): Case[] {
  const next = random(seed);
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const unit = only ?? UNITS[Math.floor(next() * UNITS.length)] ?? 'working_days';
    const amount = unit === 'same_day' ? 1 : 1 + Math.floor(next() * MAX_AMOUNT[unit]);
    const receivedAt = new Date(FROM + Math.floor(next() * (TO - FROM)));
    const pauses: Pause[] = [];
    if (next() < 0.2) {
      const start = receivedAt.getTime() + Math.floor(next() * 10 * DAY);
      pauses.push({ start: new Date(start), end: new Date(start + Math.floor(next() * 10 * DAY)) });
    }
    out.push({ receivedAt, limit: { unit, amount }, pauses });
  }
  return out;
}

function perSecond(run: () => void, n: number): number {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(n / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0; // median
}

const cal = defaultCalendar();
let sink = 0;
const runAll = (list: readonly Case[]) => () => {
  for (const c of list) sink += computeDue(cal, c.receivedAt, c.limit, c.pauses).dueAt.getTime() & 1;
};

const mix = cases(COUNT, SEED);
runAll(mix)(); // warm the per-year cache and the JIT

const coldStart = process.hrtime.bigint();
const cold = defaultCalendar();
for (let year = 2025; year <= 2035; year++) cold.isWorkingDay(`${year}-06-15`);
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

const mixRate = perSecond(runAll(mix), COUNT);
const unitRates = UNITS.map((unit) => {
  const list = cases(COUNT / 4, SEED + 1, unit);
  runAll(list)();
  return { unit, rate: perSecond(runAll(list), list.length) };
});
const base = unitRates[0]?.rate ?? 1;

const cpu = os.cpus()[0];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log('Calendar due-date benchmark');
console.log(`machine: ${cpu?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${os.platform()} ${os.arch()}, node ${process.version}`);
console.log(`cases: ${fmt(COUNT)} receipts 2025–2034, seed ${SEED}, 20% with a pause; median of ${ROUNDS} rounds, warm calendar`);
console.log(`mix of the four units: ${fmt(mixRate)} due dates/s`);
for (const { unit, rate } of unitRates) {
  console.log(`  ${unit.padEnd(14)} ${fmt(rate).padStart(12)} /s   ×${(rate / base).toFixed(2)} of working_days`);
}
console.log(`cold calendar, loading 11 years of holidays: ${coldMs.toFixed(1)} ms`);
console.log(`reproduce: npx tsx bench/calendar-due-date.ts ${COUNT}`);
if (sink < 0) console.log(sink); // keeps the work observable
