// Use cases of the yearly review appendices: check the year and the unit, read the catalogue
// as it stood on the report date, build the appendix. Public data: no actor is needed.
import type { Db } from '../../platform/db/connect';
import { AppError, ValidationError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';
import { findUnitByCode, unitsOn, type Unit } from '../org';
import { type AppendixNo, type AppendixReport, APPENDICES, buildReport, catalogueAt, type LevelModel, parseYear, reportDate, unitReportDate, unitScopeOf } from './model';
import * as store from './store';

export interface ReportDeps {
  db: Db;
  provinceName: string;
}

/** The names of the inputs as the caller's form or query has them (the page is Vietnamese, the API English). */
export interface InputFields {
  appendix: string;
  year: string;
  unit: string;
}

export const PAGE_FIELDS: InputFields = { appendix: 'phu-luc', year: 'nam', unit: 'don-vi' };
export const API_FIELDS: InputFields = { appendix: 'appendix', year: 'year', unit: 'unit' };

export interface AppendixQuery {
  appendix: string;
  year?: string | undefined;
  /** A unit code ('so-tu-phap'); blank: the whole province. */
  unit?: string | undefined;
  model: LevelModel;
}

/** The catalogue had nothing published on the report date: no figures rather than zeros. */
export class NoCatalogueData extends AppError {
  constructor(year: number, date: string, field: string) {
    super('no_data', 404, `Chưa có dữ liệu danh mục cho năm ${year}: tại ngày ${formatDate(date)} danh mục chưa có thủ tục nào được công bố`, field);
  }
}

export function parseAppendix(raw: string, field: string): AppendixNo {
  const n = /^\d{1,2}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  const found = APPENDICES.find((a) => a === n);
  if (found === undefined) throw new ValidationError([{ field, message: 'Số phụ lục phải là 1, 2, 3 hoặc 4' }]);
  return found;
}

/**
 * The unit asked for, which must have existed at some time in the year up to the report
 * date, and the day its figures are read (its last day when it ceased during the year).
 */
async function unitInYear(deps: ReportDeps, code: string, year: number, date: string, field: string): Promise<{ unit: Unit; date: string }> {
  const unit = /^[a-z0-9][a-z0-9-]{0,62}$/.test(code) ? await findUnitByCode(deps, code) : undefined;
  if (!unit) throw new ValidationError([{ field, message: `Không tìm thấy đơn vị có mã “${code}”` }]);
  const day = unitReportDate(unit, year, date);
  if (day === null) {
    const span = unit.validTo ? `từ ${formatDate(unit.validFrom)} đến ${formatDate(unit.validTo)}` : `từ ${formatDate(unit.validFrom)}`;
    const until = date.endsWith('-12-31') ? '' : ` (tính đến ngày ${formatDate(date)})`;
    throw new ValidationError([{ field, message: `${unit.name} không hoạt động trong năm ${year}${until}: đơn vị hoạt động ${span}; hãy chọn năm hoặc đơn vị khác` }]);
  }
  return { unit, date: day };
}

/**
 * One appendix for a year (31/12, or today for the current year), for the province or one
 * unit. Every bad input is a ValidationError naming its field; a year whose catalogue had
 * nothing published is NoCatalogueData.
 */
export async function appendixReport(deps: ReportDeps, query: AppendixQuery, fields: InputFields, now = new Date()): Promise<AppendixReport> {
  const appendix = parseAppendix(query.appendix, fields.appendix);
  const today = localDate(now);
  const first = await store.firstPublishedAt(deps.db);
  const year = parseYear(query.year, fields.year, today, first ? localDate(first) : undefined);
  const yearDate = reportDate(year, today);
  const unitCode = query.unit?.trim() ?? '';
  const asked = unitCode ? await unitInYear(deps, unitCode, year, yearDate, fields.unit) : undefined;
  // a unit that ceased during the year is read on its last day, the rest of the report with it
  const date = asked?.date ?? yearDate;
  const unit = asked?.unit;

  const versions = await store.versionsAt(deps.db, date);
  const province = catalogueAt(versions, date);
  if (province.length === 0) throw new NoCatalogueData(year, date, fields.year);
  const entries = unit ? catalogueAt(versions, date, unitScopeOf(await unitsOn(deps, date), unit)) : province;
  const reported = unit ? { code: unit.code, name: unit.name, ...(date !== yearDate ? { activeUntil: date } : {}) } : undefined;
  return buildReport({ appendix, model: query.model, year, date, ...(reported ? { unit: reported } : {}), provinceName: deps.provinceName, entries });
}

/** The units a report may be asked for in a year (those that existed at any time from 1 January to `date`), for the form's list. */
export async function unitChoices(deps: ReportDeps, date: string): Promise<Unit[]> {
  const collator = new Intl.Collator('vi');
  const rank = { tinh: 0, huyen: 1, xa: 2 } as const;
  const units = await store.unitsActiveBetween(deps.db, `${date.slice(0, 4)}-01-01`, date);
  return units.sort((a, b) => rank[a.tier] - rank[b.tier] || collator.compare(a.name, b.name));
}
