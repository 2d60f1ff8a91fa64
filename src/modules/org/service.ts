import type { Db } from '../../platform/db/connect';
import { localDate } from '../../platform/format';
import { type Succession, treeOn, type TreeNode, type Unit } from './model';
import * as store from './store';

export interface OrgDeps {
  db: Db;
}

export interface OrgView {
  date: string;
  tree: TreeNode[];
  successions: (Succession & { predecessor: Unit; successor: Unit })[];
}

/** The tree as it stood on a date, with every succession (old → new mapping) for context. */
export async function orgOn(deps: OrgDeps, date: string = localDate(new Date())): Promise<OrgView> {
  const [units, successions] = await Promise.all([store.allUnits(deps.db), store.allSuccessions(deps.db)]);
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    date,
    tree: treeOn(units, date),
    successions: successions.flatMap((s) => {
      const predecessor = byId.get(s.predecessorId);
      const successor = byId.get(s.successorId);
      return predecessor && successor ? [{ ...s, predecessor, successor }] : [];
    }),
  };
}

export async function unitScope(deps: OrgDeps, unitId: string): Promise<Set<string>> {
  return new Set(await store.subtreeIds(deps.db, unitId));
}

export async function findUnitByCode(deps: OrgDeps, code: string): Promise<Unit | undefined> {
  return store.unitByCode(deps.db, code);
}

export async function findUnitById(deps: OrgDeps, id: string): Promise<Unit | undefined> {
  return store.unitById(deps.db, id);
}

export async function unitsOn(deps: OrgDeps, date: string): Promise<Unit[]> {
  const units = await store.allUnits(deps.db);
  return units.filter((u) => u.validFrom <= date && (u.validTo === null || u.validTo >= date));
}
