// The organisation tree as dated data: pure rules, no I/O.
import type { Tier, UnitKind } from '../../platform/db/schema';

export type { Tier, UnitKind };

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  tier: Tier;
  parentId: string | null;
  eid: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface Succession {
  predecessorId: string;
  successorId: string;
  effectiveDate: string;
  kind: 'merge' | 'split' | 'rename' | 'transfer';
  legalBasis: string | null;
  note: string | null;
}

export const TIER_LABELS: Record<Tier, string> = { tinh: 'Cấp tỉnh', huyen: 'Cấp huyện', xa: 'Cấp xã' };

export const KIND_LABELS: Record<UnitKind, string> = {
  ubnd_tinh: 'UBND tỉnh',
  van_phong: 'Văn phòng',
  ttpvhcc: 'Trung tâm Phục vụ hành chính công',
  so: 'Sở, ban, ngành',
  cong_an_tinh: 'Công an tỉnh',
  ubnd_huyen: 'UBND huyện',
  phong: 'Phòng chuyên môn',
  bo_phan_mot_cua: 'Bộ phận Một cửa',
  ubnd_xa: 'UBND xã, phường',
  cong_an_xa: 'Công an xã, phường',
};

/** Local government became two-tier on this date (Nghị quyết 202/2025/QH15, Luật TCCQĐP 2025). */
export const TWO_TIER_DATE = '2025-07-01';

export function isValidOn(unit: Pick<Unit, 'validFrom' | 'validTo'>, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || unit.validTo >= date);
}

export interface TreeNode {
  unit: Unit;
  children: TreeNode[];
}

/** The tree of units that exist on a date, ordered by tier then name (Vietnamese collation). */
export function treeOn(units: Unit[], date: string): TreeNode[] {
  const live = units.filter((u) => isValidOn(u, date));
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(live.map((u) => u.id));
  for (const u of live) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const collator = new Intl.Collator('vi');
  const build = (parent: string | null): TreeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || collator.compare(a.name, b.name))
      .map((unit) => ({ unit, children: build(unit.id) }));
  return build(null);
}

function tierRank(t: Tier): number {
  return t === 'tinh' ? 0 : t === 'huyen' ? 1 : 2;
}

/** A unit and every unit below it (by parent links, whatever their dates). */
export function subtreeIds(units: Pick<Unit, 'id' | 'parentId'>[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * Where a unit's work went: follows succession links from a unit to the units that
 * exist on `date` (a commune merged in 2025 leads to the new commune).
 */
export function successorsOn(unitId: string, date: string, units: Unit[], successions: Succession[]): Unit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const result = new Map<string, Unit>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const unit = byId.get(id);
    if (unit && isValidOn(unit, date)) {
      result.set(id, unit);
      return;
    }
    for (const s of successions) if (s.predecessorId === id && s.effectiveDate <= date) visit(s.successorId);
  };
  visit(unitId);
  return [...result.values()];
}

/** Problems in a set of dated units and successions, for seed data and imports. */
export function checkOrgData(units: Unit[], successions: Succession[]): string[] {
  const problems: string[] = [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const codes = new Set<string>();
  for (const u of units) {
    if (codes.has(u.code)) problems.push(`Mã đơn vị trùng: ${u.code}`);
    codes.add(u.code);
    if (u.validTo !== null && u.validTo < u.validFrom) problems.push(`${u.code}: ngày hết hiệu lực trước ngày bắt đầu`);
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (u.parentId && !parent) problems.push(`${u.code}: đơn vị cấp trên không tồn tại`);
    if (parent && (parent.validFrom > u.validFrom || (parent.validTo !== null && (u.validTo === null || parent.validTo < u.validTo)))) {
      problems.push(`${u.code}: thời gian hiệu lực vượt ngoài đơn vị cấp trên ${parent.code}`);
    }
  }
  for (const u of units) {
    if (u.validTo === null) continue;
    const next = successions.filter((s) => s.predecessorId === u.id);
    if (next.length === 0) problems.push(`${u.code}: đơn vị chấm dứt hoạt động nhưng không có đơn vị kế thừa`);
    for (const s of next) {
      const succ = byId.get(s.successorId);
      if (!succ) problems.push(`${u.code}: đơn vị kế thừa không tồn tại`);
      else if (!isValidOn(succ, s.effectiveDate)) problems.push(`${u.code}: đơn vị kế thừa ${succ.code} chưa hoạt động vào ngày ${s.effectiveDate}`);
    }
  }
  return problems;
}
