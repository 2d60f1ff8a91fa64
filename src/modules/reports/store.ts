// What the appendices read: the catalogue's saved versions (procedure_versions), never the
// live `procedures` row, so that a past year shows what the catalogue said then.
import { sql } from 'kysely';
import type { Procedure } from '../catalogue';
import type { Unit } from '../org';
import type { Db } from '../../platform/db/connect';
import type { VersionAt } from './model';

/** The first moment of the day after `ymd` in Vietnam (UTC+7 all year, no daylight saving). */
export function endOfDayInVietnam(ymd: string): Date {
  const next = new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(`${next}T00:00:00+07:00`);
}

/**
 * Each procedure's latest version saved on or before `date` (a day in Vietnam), whatever its
 * status; a procedure with no version yet on that day is absent.
 */
export async function versionsAt(db: Db, date: string): Promise<VersionAt[]> {
  const rows = await db
    .selectFrom('procedureVersions')
    .distinctOn('procedureId')
    .select(['procedureId', 'version', 'record', 'status'])
    .where('changedAt', '<', endOfDayInVietnam(date))
    .orderBy('procedureId')
    .orderBy('changedAt', 'desc')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ record: r.record as unknown as Procedure, status: r.status }));
}

/** When the first published version was saved: the catalogue's earliest data. */
export async function firstPublishedAt(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('procedureVersions')
    .select(sql<Date | null>`min(changed_at)`.as('first'))
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row?.first ? new Date(row.first) : undefined;
}

/** The units that existed at some time from `first` to `last` (days 'YYYY-MM-DD'), for the form's list. */
export async function unitsActiveBetween(db: Db, first: string, last: string): Promise<Unit[]> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'kind', 'tier', 'parentId', 'eid', 'address', 'phone', 'email', 'validFrom', 'validTo'])
    .where('validFrom', '<=', last)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', first)]))
    .execute() as Promise<Unit[]>;
}
