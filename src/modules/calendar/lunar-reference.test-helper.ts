// An independent computation of Tết and Giỗ Tổ, used only by lunar.test.ts to check lunar.ts.
//
// It shares no code or tables with the library lunar.ts wraps, and uses different methods:
// - new moons: Meeus, "Astronomical Algorithms" (2nd ed.), ch. 49, with all periodic and
//   planetary corrections, converted from TT to UT with the Espenak–Meeus ΔT polynomials;
// - December solstice: Meeus ch. 27 (mean instant + 24 periodic terms);
// - major solar terms (trung khí): the instant the apparent solar longitude (Meeus ch. 25, with
//   nutation and aberration) reaches a multiple of 30°, found by bisection.
// The library instead decodes precomputed year tables (Hồ Ngọc Đức's) and compares the sun's
// longitude at local midnights.
//
// Rules of the Vietnamese calendar applied here:
// 1. a month starts on the day, at UTC+7, that contains the new moon;
// 2. month 11 contains the December solstice;
// 3. when 13 months lie between two months 11, the first month after month 11 that contains no
//    major solar term is the leap month and takes the number of the month before it.

const DEG = Math.PI / 180;
const VIETNAM_OFFSET_DAYS = 7 / 24;

const sin = (deg: number): number => Math.sin(deg * DEG);
const cos = (deg: number): number => Math.cos(deg * DEG);

/** ΔT = TT − UT in seconds (Espenak & Meeus, NASA eclipse pages polynomials). */
function deltaTSeconds(year: number): number {
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - (t * t) / 260 - (t * t * t) / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

const PLANETARY: ReadonlyArray<readonly [number, number, number]> = [
  // [coefficient, A at k = 0, A per k]; A1 also has −0.009173 T², added below.
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian Ephemeris Day of the true new moon number k (k = 0: 6 January 2000). Meeus ch. 49. */
function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  const periodic =
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  let planetary = 0;
  PLANETARY.forEach(([coefficient, a0, perK], i) => {
    const a = a0 + perK * k + (i === 0 ? -0.009173 * T2 : 0);
    planetary += coefficient * sin(a);
  });
  return jde + periodic + planetary;
}

function yearOfJd(jd: number): number {
  return 2000 + (jd - 2451545) / 365.25;
}

function ttToUt(jde: number): number {
  return jde - deltaTSeconds(yearOfJd(jde)) / 86400;
}

/** Julian Day Number of the civil day at UTC+7 containing a UT instant given as a Julian Day. */
function vietnamDay(jdUt: number): number {
  return Math.floor(jdUt + 0.5 + VIETNAM_OFFSET_DAYS);
}

function newMoonDay(k: number): number {
  return vietnamDay(ttToUt(newMoonJde(k)));
}

/** Apparent geocentric longitude of the sun in degrees, 0–360. Meeus ch. 25 (low accuracy). */
function apparentSunLongitude(jde: number): number {
  const T = (jde - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) + (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const lambda = L0 + C - 0.00569 - 0.00478 * sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** First instant (JDE) after `after` at which the sun's longitude reaches `target` degrees (< 60° ahead). */
function sunReaches(target: number, after: number): number {
  // Degrees still to go: decreases to 0 at the instant, then wraps to ~360.
  const ahead = (jde: number): number => (((target - apparentSunLongitude(jde)) % 360) + 360) % 360;
  const estimate = after + ahead(after) / 0.9856; // mean motion; the true one stays within ±3.5%
  let lo = Math.max(after, estimate - 3);
  let hi = estimate + 3;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    const left = ahead(mid);
    if (left > 0 && left < 180) lo = mid;
    else hi = mid;
  }
  return hi;
}

const SOLSTICE_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [485, 324.96, 1934.136], [203, 337.23, 32964.467], [199, 342.08, 20.186], [182, 27.85, 445267.112],
  [156, 73.14, 45036.886], [136, 171.52, 22518.443], [77, 222.54, 65928.934], [74, 296.72, 3034.906],
  [70, 243.58, 9037.513], [58, 119.81, 33718.147], [52, 297.17, 150.678], [50, 21.02, 2281.226],
  [45, 247.54, 29929.562], [44, 325.15, 31555.956], [29, 60.93, 4443.417], [18, 155.12, 67555.328],
  [17, 288.79, 4562.452], [16, 198.04, 62894.029], [14, 199.76, 31436.921], [12, 95.39, 14577.848],
  [12, 287.11, 31931.756], [12, 320.81, 34777.259], [9, 227.73, 1222.114], [8, 15.45, 16859.074],
];

/** JDE of the December solstice of a Gregorian year. Meeus ch. 27, table for years 1000–3000. */
function decemberSolsticeJde(year: number): number {
  const Y = (year - 2000) / 1000;
  const jde0 = 2451900.05952 + 365242.74049 * Y - 0.06223 * Y * Y - 0.00823 * Y ** 3 + 0.00032 * Y ** 4;
  const T = (jde0 - 2451545) / 36525;
  const W = 35999.373 * T - 2.47;
  const dLambda = 1 + 0.0334 * cos(W) + 0.0007 * cos(2 * W);
  const S = SOLSTICE_TERMS.reduce((sum, [a, b, c]) => sum + a * cos(b + c * T), 0);
  return jde0 + (0.00001 * S) / dLambda;
}

function approximateK(jde: number): number {
  return Math.floor((jde - 2451550.09766) / 29.530588861);
}

/** The new-moon number starting the month that contains a given Vietnamese day (JDN). */
function monthContaining(dayJdn: number): number {
  let k = approximateK(dayJdn) - 1;
  while (newMoonDay(k + 1) <= dayJdn) k++;
  while (newMoonDay(k) > dayJdn) k--;
  return k;
}

/** New-moon number of month 11 of the sui (solstice year) ending in December of `year`. */
function month11(year: number): number {
  const solsticeDay = vietnamDay(ttToUt(decemberSolsticeJde(year)));
  return monthContaining(solsticeDay);
}

/** Does the month starting with new moon k contain a major solar term (a multiple of 30°)? */
function containsMajorTerm(k: number): boolean {
  const start = newMoonDay(k);
  const end = newMoonDay(k + 1); // first day of the next month
  // The next major term after the local midnight that starts the month.
  const startJdUt = start - 0.5 - VIETNAM_OFFSET_DAYS;
  const startJde = startJdUt + deltaTSeconds(yearOfJd(startJdUt)) / 86400;
  const target = (Math.floor(apparentSunLongitude(startJde) / 30) + 1) * 30;
  const termDay = vietnamDay(ttToUt(sunReaches(target % 360, startJde)));
  return termDay < end;
}

/** Index (1–12) after month 11 of the leap month in the sui ending in December of `year`, or 0. */
function leapMonthIndex(year: number): number {
  const a11 = month11(year - 1);
  const b11 = month11(year);
  if (b11 - a11 !== 13) return 0;
  for (let i = 1; i <= 12; i++) {
    if (!containsMajorTerm(a11 + i)) return i;
  }
  return 0;
}

function jdnToYmd(jdn: number): string {
  const d = new Date((jdn - 2440588) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** First day (JDN) of regular lunar month `month` (1–12) of lunar year `year`. */
function regularMonthStart(year: number, month: number): number {
  const a11 = month11(year - 1);
  const leap = leapMonthIndex(year);
  const index = month + 1; // month 1 is two months after month 11
  // A leap month at index ≤ `index` (i.e. a leap 11, 12, 1, … up to the month before) pushes it back.
  return newMoonDay(a11 + index + (leap !== 0 && leap <= index ? 1 : 0));
}

/** Mùng 1 Tết, computed astronomically. */
export function referenceTet(year: number): string {
  return jdnToYmd(regularMonthStart(year, 1));
}

/** 10/3 âm lịch (Giỗ Tổ Hùng Vương), computed astronomically. */
export function referenceHungKings(year: number): string {
  return jdnToYmd(regularMonthStart(year, 3) + 9);
}

/** Same as referenceTet but for the Chinese calendar (UTC+8), to show the two differ. */
export function referenceTetAtOffset(year: number, offsetHours: number): string {
  const shift = offsetHours / 24 - VIETNAM_OFFSET_DAYS;
  const day = (k: number): number => Math.floor(ttToUt(newMoonJde(k)) + 0.5 + VIETNAM_OFFSET_DAYS + shift);
  // Only for years without a leap month near Tết (1985, 2007, 2030): month 1 = month 11 + 2.
  const solsticeDay = Math.floor(ttToUt(decemberSolsticeJde(year - 1)) + 0.5 + VIETNAM_OFFSET_DAYS + shift);
  let k = approximateK(solsticeDay) - 1;
  while (day(k + 1) <= solsticeDay) k++;
  while (day(k) > solsticeDay) k--;
  return jdnToYmd(day(k + 2));
}
