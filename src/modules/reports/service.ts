// Use cases of the yearly review appendices: check the year and the unit, read the catalogue
// as it stood on the report date, build the appendix. Public data: no actor is needed.
import type { Db } from '../../platform/db/connect';
import { AppError, ValidationError } from '../../platform/errors';
import { formatDate, localDate } from '../../platform/format';
import { findUnitByCode, isValidOn, unitsOn, type Unit } from '../org';
import { type AppendixNo, type AppendixReport, APPENDICES, buildReport, catalogueAt, type LevelModel, parseYear, reportDate, unitScopeOf } from './model';
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

/** The unit asked for, which must exist on the report date. */
async function unitOn(deps: ReportDeps, code: string, date: string, field: string): Promise<Unit> {
  const unit = /^[a-z0-9][a-z0-9-]{0,62}$/.test(code) ? await findUnitByCode(deps, code) : undefined;
  if (!unit) throw new ValidationError([{ field, message: `Không tìm thấy đơn vị có mã “${code}”` }]);
  if (!isValidOn(unit, date)) {
    const span = unit.validTo ? `từ ${formatDate(unit.validFrom)} đến ${formatDate(unit.validTo)}` : `từ ${formatDate(unit.validFrom)}`;
    throw new ValidationError([{ field, message: `${unit.name} không hoạt động tại ngày ${formatDate(date)} (đơn vị hoạt động ${span}); hãy chọn năm hoặc đơn vị khác` }]);
  }
  return unit;
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
  const date = reportDate(year, today);
  const unitCode = query.unit?.trim() ?? '';
  const unit = unitCode ? await unitOn(deps, unitCode, date, fields.unit) : undefined;

  const versions = await store.versionsAt(deps.db, date);
  const province = catalogueAt(versions, date);
  if (province.length === 0) throw new NoCatalogueData(year, date, fields.year);
  const entries = unit ? catalogueAt(versions, date, unitScopeOf(await unitsOn(deps, date), unit)) : province;
  return buildReport({ appendix, model: query.model, year, date, ...(unit ? { unit: { code: unit.code, name: unit.name } } : {}), provinceName: deps.provinceName, entries });
}

/** The units a report may be asked for in a year, for the form's list. */
export async function unitChoices(deps: ReportDeps, date: string): Promise<Unit[]> {
  const collator = new Intl.Collator('vi');
  const rank = { tinh: 0, huyen: 1, xa: 2 } as const;
  return (await unitsOn(deps, date)).sort((a, b) => rank[a.tier] - rank[b.tier] || collator.compare(a.name, b.name));
}
