import { LunarDate, SolarDate } from '@nghiavuive/lunar_date_vi';
for (const y of [1985, 2007, 2024,2025,2026,2027,2028,2029,2030,2031,2032,2033,2034,2035,2036,2037,2038,2039,2040, 2100]) {
  const l = new LunarDate({ day: 1, month: 1, year: y }); l.init();
  const s = l.toSolarDate().get();
  const g = new LunarDate({ day: 10, month: 3, year: y }); g.init();
  const gs = g.toSolarDate().get();
  console.log(y, `${s.day}/${s.month}/${s.year}`, `${gs.day}/${gs.month}/${gs.year}`);
}
const sd = new SolarDate({ day: 16, month: 2, year: 2026 });
console.log(sd.toLunarDate().get());
