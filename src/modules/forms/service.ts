// Form definitions in the database: the latest version is what citizens fill; a dossier keeps
// the version it was filled in. Administrators save a new version; nothing is ever overwritten.
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { allUnits } from '../org/store';
import type { Unit as OrgUnit } from '../org';
import { type AddressOptions, checkDefinition, type FormDefinition } from './model';
import * as store from './store';

export interface FormDeps {
  db: Db;
}

export class FormNotFound extends NotFoundError {
  constructor() {
    super('Thủ tục này chưa có tờ khai điện tử để nộp trực tuyến.');
  }
}

export async function currentForm(deps: FormDeps, procedureCode: string): Promise<FormDefinition | undefined> {
  return store.latest(deps.db, procedureCode);
}

export async function formVersion(deps: FormDeps, procedureCode: string, version: number): Promise<FormDefinition> {
  const def = await store.byVersion(deps.db, procedureCode, version);
  if (!def) throw new FormNotFound();
  return def;
}

export async function formVersions(deps: FormDeps, procedureCode: string) {
  return store.versions(deps.db, procedureCode);
}

export async function formsList(deps: FormDeps) {
  return store.all(deps.db);
}

/**
 * Saves a definition as the next version, after checking the definition itself. `basedOn` is the
 * version the administrator edited: if someone saved meanwhile, the save is refused.
 */
export async function saveForm(deps: FormDeps, actor: Actor | null, raw: unknown, basedOn: number | null): Promise<number> {
  const problems = checkDefinition(raw);
  if (problems.length > 0) throw new ValidationError(problems);
  const def = raw as FormDefinition;
  return deps.db.transaction().execute(async (trx) => {
    const latest = await store.latest(trx, def.procedureCode);
    if ((latest?.version ?? null) !== basedOn) {
      throw new ConflictError('form_changed', `Tờ khai vừa được lưu thành phiên bản ${latest?.version ?? 0} bởi người khác. Hãy tải lại trang rồi sửa lại.`);
    }
    const version = await store.insertNext(trx, def, actor?.id ?? null);
    if (actor) await recordAudit(trx, actor, { action: 'form.saved', entityType: 'procedure', entityId: def.procedureCode, detail: { version } });
    return version;
  });
}

/** "Ủy ban nhân dân xã Bắc Xa" → "Xã Bắc Xa": how addresses name a commune. */
function placeName(unit: OrgUnit): string {
  const bare = unit.name.replace(/^Ủy ban nhân dân\s+/u, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** Provinces and communes from the organisation data, on any date (before and after 01/07/2025). */
export async function addressOptions(deps: FormDeps): Promise<AddressOptions> {
  const units = await allUnits(deps.db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const provinces = units.filter((u) => u.kind === 'ubnd_tinh');
  const provinceOf = (u: OrgUnit): OrgUnit | undefined => {
    let cur: OrgUnit | undefined = u;
    for (let i = 0; cur && i < 10; i++) {
      if (cur.kind === 'ubnd_tinh') return cur;
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return undefined;
  };
  const communes = units.filter((u) => u.kind === 'ubnd_xa').sort((a, b) => placeName(a).localeCompare(placeName(b), 'vi'));
  return {
    provinces: provinces.map((p) => ({ code: p.code, name: placeName(p) })),
    communesOf(provinceCode, onDate) {
      return communes
        .filter((c) => c.validFrom <= onDate && (c.validTo === null || c.validTo >= onDate) && provinceOf(c)?.code === provinceCode)
        .map((c) => ({ code: c.code, name: placeName(c) }));
    },
  };
}
