// Query and path parameters several modules share.
import { Type } from 'typebox';
import { ValidationError } from '../errors';

export const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-message': 'Ngày phải có dạng YYYY-MM-DD, ví dụ 2025-07-01' });

/** A 'YYYY-MM-DD' that exists on the calendar (rejects 2025-02-30), or a 400 naming the field. */
export function realDate(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new ValidationError([{ field, message: 'Ngày không tồn tại trên lịch' }]);
  }
  return value;
}
