// How dates, times and money are shown: dd/MM/yyyy, HH:mm, 1.250.000 ₫, in Asia/Ho_Chi_Minh.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const moneyFmt = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const numberFmt = new Intl.NumberFormat('vi-VN');

/** 17/02/2026. Accepts a moment or a calendar date 'YYYY-MM-DD' (shown as that day, whatever the zone). */
export function formatDate(value: Date | string): string {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) throw new RangeError(`not a calendar date: ${value}`);
    return `${m[3]}/${m[2]}/${m[1]}`;
  }
  return dateFmt.format(value);
}

/** 07:30 */
export function formatTime(value: Date): string {
  return timeFmt.format(value);
}

/** 07:30 17/02/2026, the order used on Vietnamese administrative forms. */
export function formatDateTime(value: Date): string {
  return `${formatTime(value)} ${formatDate(value)}`;
}

/** 1.250.000 ₫ (Intl puts a no-break space U+00A0 before ₫). */
export function formatMoney(dong: number): string {
  if (!Number.isSafeInteger(dong)) throw new RangeError('money must be an integer number of đồng');
  return moneyFmt.format(dong);
}

/** 1.250.000 */
export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

/** The calendar date in Vietnam of a moment, as 'YYYY-MM-DD'. */
export function localDate(value: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}
