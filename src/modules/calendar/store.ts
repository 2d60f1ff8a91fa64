import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { OfficeHours, OfficialSchedule, ReplaceableDefault } from './model';

type Conn = Db | Transaction<DB>;

export async function schedules(conn: Conn): Promise<OfficialSchedule[]> {
  const rows = await conn.selectFrom('calendarSchedules').selectAll().execute();
  return rows.map((r) => ({
    year: r.year,
    notice: r.notice,
    daysOff: r.daysOff as unknown as OfficialSchedule['daysOff'],
    workingDays: r.workingDays as unknown as OfficialSchedule['workingDays'],
    replacesDefaults: r.replacesDefaults as unknown as ReplaceableDefault[],
  }));
}

export async function saveSchedule(trx: Transaction<DB>, s: OfficialSchedule, by: string | null): Promise<void> {
  const values = {
    notice: s.notice,
    daysOff: JSON.stringify(s.daysOff),
    workingDays: JSON.stringify(s.workingDays),
    replacesDefaults: JSON.stringify(s.replacesDefaults ?? []),
    updatedBy: by,
    updatedAt: new Date(),
  };
  await trx
    .insertInto('calendarSchedules')
    .values({ year: s.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
}

const OFFICE_HOURS_KEY = 'calendar.office_hours';

export async function officeHours(conn: Conn): Promise<OfficeHours | undefined> {
  const row = await conn.selectFrom('appSettings').select('value').where('key', '=', OFFICE_HOURS_KEY).executeTakeFirst();
  return row?.value as OfficeHours | undefined;
}

export async function saveOfficeHours(trx: Transaction<DB>, hours: OfficeHours): Promise<void> {
  const value = JSON.stringify(hours);
  await trx
    .insertInto('appSettings')
    .values({ key: OFFICE_HOURS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: new Date() }))
    .execute();
}
