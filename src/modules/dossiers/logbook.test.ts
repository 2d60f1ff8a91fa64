import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from '../../platform/errors';
import { type LogbookEntry, monthOf, noteOf, parsePeriod, periodSlug, toMau06Row, vietnamMidnight } from './logbook';

// 23 November 2026, 09:00 in Vietnam
const now = new Date('2026-11-23T02:00:00Z');

function errorsOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return err.errors;
  }
  assert.fail('expected a ValidationError');
}

test('the period defaults to the current month in Vietnam', () => {
  assert.deepEqual(parsePeriod({}, now), { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(parsePeriod({ tu: ' ', den: '' }, now), { from: '2026-11-01', to: '2026-11-30' });
  // 18:00 UTC on 30 November is already 1 December in Vietnam
  assert.deepEqual(monthOf(new Date('2026-11-30T18:00:00Z')), { from: '2026-12-01', to: '2026-12-31' });
  assert.deepEqual(monthOf(new Date('2028-02-10T00:00:00Z')), { from: '2028-02-01', to: '2028-02-29' });
});

test('the period reads dd/MM/yyyy, one-digit days and months included', () => {
  assert.deepEqual(parsePeriod({ tu: '1/11/2026', den: '30/11/2026' }, now), { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(parsePeriod({ tu: '29/02/2028', den: '29/02/2028' }, now), { from: '2028-02-29', to: '2028-02-29' });
});

test('a malformed or non-existent day is refused, naming its field', () => {
  assert.deepEqual(errorsOf(() => parsePeriod({ tu: '2026-11-01', den: '31/02/2026' }, now)), [
    { field: 'tu', message: 'Từ ngày phải có dạng ngày/tháng/năm, ví dụ 01/11/2026' },
    { field: 'den', message: 'Đến ngày “31/02/2026” không có trên lịch' },
  ]);
  assert.deepEqual(errorsOf(() => parsePeriod({ tu: '29/02/2026' }, now)), [{ field: 'tu', message: 'Từ ngày “29/02/2026” không có trên lịch' }]);
});

test('an end before the start, or a period over 366 days, is refused on Đến ngày', () => {
  assert.deepEqual(errorsOf(() => parsePeriod({ tu: '02/11/2026', den: '01/11/2026' }, now)), [{ field: 'den', message: 'Đến ngày phải bằng hoặc sau Từ ngày' }]);
  assert.deepEqual(parsePeriod({ tu: '01/01/2028', den: '31/12/2028' }, now), { from: '2028-01-01', to: '2028-12-31' }, 'a leap year is 366 days');
  assert.deepEqual(parsePeriod({ tu: '01/11/2025', den: '01/11/2026' }, now), { from: '2025-11-01', to: '2026-11-01' });
  const [error] = errorsOf(() => parsePeriod({ tu: '01/11/2025', den: '02/11/2026' }, now));
  assert.equal(error?.field, 'den');
  assert.match(error?.message ?? '', /^Đến ngày cách Từ ngày quá 366 ngày/);
});

test('a whole month names the file by its month, any other period by its ends', () => {
  assert.equal(periodSlug({ from: '2026-11-01', to: '2026-11-30' }), '2026-11');
  assert.equal(periodSlug({ from: '2026-11-01', to: '2026-11-29' }), '2026-11-01-den-2026-11-29');
  assert.equal(periodSlug({ from: '2026-02-01', to: '2026-02-28' }), '2026-02');
});

test('a day in Vietnam starts at 17:00 UTC the day before', () => {
  assert.equal(vietnamMidnight('2026-11-01').toISOString(), '2026-10-31T17:00:00.000Z');
});

const entry: LogbookEntry = {
  serial: 12,
  code: '000.40.03.H39-261102-0001',
  procedureName: 'Đăng ký khai sinh',
  sets: 1,
  applicantName: 'Nguyễn Văn An',
  applicantPhone: '0912345678',
  leadAgency: '',
  receivedAt: new Date('2026-11-02T01:30:00Z'),
  dueAt: new Date('2026-11-06T09:00:00Z'),
  handedOverAt: null,
  resultBackAt: null,
  result: null,
  deliveredAt: null,
  delivery: null,
};

test('the note says how the result was handed over and to whom, and a refusal', () => {
  assert.equal(noteOf(entry), '');
  assert.equal(noteOf({ ...entry, delivery: { channel: 'counter', recipientName: 'Lương Thị Hoa' } }), 'Trả tại bộ phận một cửa cho Lương Thị Hoa');
  assert.equal(noteOf({ ...entry, delivery: { channel: 'post', recipientName: null } }), 'Trả qua dịch vụ bưu chính');
  assert.equal(noteOf({ ...entry, result: 'refused', delivery: { channel: 'online', recipientName: null } }), 'Không giải quyết (trả lời bằng văn bản); Trả trực tuyến');
});

test('a Mẫu 06 row carries the book serial, the phone and only the dates that happened', () => {
  const row = toMau06Row(entry, 0);
  assert.equal(row.no, 12);
  assert.equal(row.addressPhone, '0912345678');
  assert.equal(row.handedToAgencyAt, undefined);
  assert.equal(toMau06Row({ ...entry, serial: null, applicantPhone: null }, 4).no, 5, 'without a serial the row is numbered by its place');
});
