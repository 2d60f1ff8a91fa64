// The reorganisation of units as data: a dated mapping of old units to their successors (communes
// merged into a new commune, districts dissolved, procedures reassigned), its checks, and the pure
// rules of what moves. No I/O: service.ts reads the units and rows, store.ts writes the moves.
import { createHash } from 'node:crypto';
import type { AgencyRef, Agencies, Procedure, Tier, TierPeriod } from '../catalogue';
import { isValidOn, TWO_TIER_DATE, type Succession, type Unit, type UnitKind } from '../org';
import { formatDate } from '../../platform/format';
import type { FieldError } from '../../platform/errors';

export interface NewUnitSpec {
  code: string;
  name: string;
  kind: UnitKind;
  tier: Tier;
  parentCode?: string;
  eid?: string;
  address?: string;
}

export interface UnitMove {
  /** The old unit's code. */
  from: string;
  /** Its successor's code; missing or null is refused (every old unit must have one). */
  to?: string | null;
  kind?: Succession['kind'];
  note?: string;
}

/** A procedure reassigned explicitly (a dissolved district's procedure going to the province or to the communes). */
export interface ProcedureMove {
  code: string;
  tier: Tier;
  competent: AgencyRef[];
  authorised?: AgencyRef[];
  cooperating?: AgencyRef[];
}

export interface Mapping {
  title: string;
  /** The first day of the new organisation (YYYY-MM-DD); old units end the day before. */
  effectiveDate: string;
  legalBasis?: string;
  /** Units that start on the effective date (created by the apply when not yet recorded). */
  newUnits: NewUnitSpec[];
  units: UnitMove[];
  procedures: ProcedureMove[];
}

const UNIT_KINDS: readonly UnitKind[] = ['ubnd_tinh', 'van_phong', 'ttpvhcc', 'so', 'cong_an_tinh', 'ubnd_huyen', 'phong', 'bo_phan_mot_cua', 'ubnd_xa', 'cong_an_xa'];
const TIERS: readonly Tier[] = ['tinh', 'huyen', 'xa'];
const SUCCESSION_KINDS: readonly Succession['kind'][] = ['merge', 'split', 'rename', 'transfer'];
const CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The day before a date (YYYY-MM-DD), when the old units end. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function isRealDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The mapping's shape, with every problem named by its path; the checks against the units come after (checkMapping). */
export function parseMapping(text: string): { ok: true; value: Mapping } | { ok: false; errors: FieldError[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [{ field: 'mapping', message: `Nội dung không phải JSON hợp lệ (${(err as Error).message}).` }] };
  }
  const errors: FieldError[] = [];
  const err = (message: string) => errors.push({ field: 'mapping', message });
  if (!isObject(raw)) return { ok: false, errors: [{ field: 'mapping', message: 'Sơ đồ sắp xếp phải là một đối tượng JSON có title, effectiveDate và units.' }] };
  if (typeof raw.title !== 'string' || raw.title.trim().length < 3) err('title: nhập tên đợt sắp xếp (ít nhất 3 ký tự).');
  if (!isRealDate(raw.effectiveDate)) err('effectiveDate: ngày có hiệu lực phải có dạng YYYY-MM-DD, ví dụ 2025-07-01.');
  if (raw.legalBasis !== undefined && typeof raw.legalBasis !== 'string') err('legalBasis: căn cứ pháp lý phải là chuỗi ký tự.');
  const units = raw.units;
  if (!Array.isArray(units) || units.length === 0) err('units: cần ít nhất một đơn vị cũ với đơn vị kế thừa của nó.');
  (Array.isArray(units) ? units : []).forEach((u, i) => {
    const at = `units[${i}]`;
    if (!isObject(u) || typeof u.from !== 'string' || !CODE.test(u.from)) return err(`${at}: “from” phải là mã đơn vị cũ (chữ thường không dấu, số, dấu gạch ngang).`);
    if (u.to !== undefined && u.to !== null && (typeof u.to !== 'string' || !CODE.test(u.to))) err(`${at} (${u.from}): “to” phải là mã đơn vị kế thừa.`);
    if (u.kind !== undefined && !SUCCESSION_KINDS.includes(u.kind as Succession['kind'])) err(`${at} (${u.from}): “kind” là merge, split, rename hoặc transfer.`);
    if (u.note !== undefined && typeof u.note !== 'string') err(`${at} (${u.from}): “note” phải là chuỗi ký tự.`);
  });
  const newUnits = raw.newUnits ?? [];
  if (!Array.isArray(newUnits)) err('newUnits: phải là một danh sách đơn vị mới.');
  (Array.isArray(newUnits) ? newUnits : []).forEach((u, i) => {
    const at = `newUnits[${i}]`;
    if (!isObject(u) || typeof u.code !== 'string' || !CODE.test(u.code)) return err(`${at}: “code” phải là mã đơn vị (chữ thường không dấu, số, dấu gạch ngang).`);
    if (typeof u.name !== 'string' || u.name.trim().length < 2) err(`${at} (${u.code}): nhập tên đơn vị.`);
    if (!UNIT_KINDS.includes(u.kind as UnitKind)) err(`${at} (${u.code}): “kind” không phải loại đơn vị đã biết.`);
    if (!TIERS.includes(u.tier as Tier)) err(`${at} (${u.code}): “tier” là tinh, huyen hoặc xa.`);
    if (u.parentCode !== undefined && (typeof u.parentCode !== 'string' || !CODE.test(u.parentCode))) err(`${at} (${u.code}): “parentCode” phải là mã đơn vị cấp trên.`);
    for (const k of ['eid', 'address'] as const) if (u[k] !== undefined && typeof u[k] !== 'string') err(`${at} (${u.code}): “${k}” phải là chuỗi ký tự.`);
  });
  const procedures = raw.procedures ?? [];
  if (!Array.isArray(procedures)) err('procedures: phải là một danh sách thủ tục.');
  (Array.isArray(procedures) ? procedures : []).forEach((p, i) => {
    const at = `procedures[${i}]`;
    if (!isObject(p) || typeof p.code !== 'string' || !/^\d\.\d{6}$/.test(p.code)) return err(`${at}: “code” phải là mã thủ tục dạng 1.001193.`);
    if (!TIERS.includes(p.tier as Tier)) err(`${at} (${p.code}): “tier” là tinh, huyen hoặc xa.`);
    for (const role of ['competent', 'authorised', 'cooperating'] as const) {
      const refs = p[role];
      if (refs === undefined && role !== 'competent') continue;
      if (!Array.isArray(refs) || (role === 'competent' && refs.length === 0)) {
        err(`${at} (${p.code}): “${role}” phải là danh sách cơ quan${role === 'competent' ? ', có ít nhất một cơ quan' : ''}.`);
        continue;
      }
      refs.forEach((r, j) => {
        const ok = isObject(r) && ((typeof r.unitCode === 'string' && CODE.test(r.unitCode)) || (UNIT_KINDS.includes(r.unitKind as UnitKind) && typeof r.label === 'string'));
        if (!ok) err(`${at}.${role}[${j}] (${p.code}): cơ quan là {"unitCode": "…"} hoặc {"unitKind": "…", "label": "…"}.`);
      });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const r = raw as unknown as Mapping;
  return {
    ok: true,
    value: {
      title: r.title.trim(),
      effectiveDate: r.effectiveDate,
      ...(r.legalBasis ? { legalBasis: r.legalBasis } : {}),
      newUnits: (r.newUnits ?? []) as NewUnitSpec[],
      units: r.units,
      procedures: (r.procedures ?? []) as ProcedureMove[],
    },
  };
}

/** The mapping as stored and compared: the same content gives the same digest. */
export function mappingDigest(m: Mapping): string {
  return createHash('sha256').update(JSON.stringify(m)).digest('hex');
}

const unitLabel = (u: Pick<Unit, 'code' | 'name'> | undefined, code: string) => (u ? `“${code}” (${u.name})` : `“${code}”`);

/**
 * Checks a mapping against the units (and the catalogue's codes): every old unit exists on the
 * day before and has exactly one successor; every successor exists (or is created by the
 * mapping) on the effective date and is not itself ending; no cycle; no unit under a dissolved
 * one left without successor; after the two-tier reform no district unit is left. Each problem
 * names the entry.
 */
export function checkMapping(m: Mapping, units: readonly Unit[], procedureCodes: ReadonlySet<string>): FieldError[] {
  const problems: string[] = [];
  const date = m.effectiveDate;
  const before = dayBefore(date);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const newCodes = new Map(m.newUnits.map((u) => [u.code, u]));

  // units created by the mapping
  const seenNew = new Set<string>();
  m.newUnits.forEach((n, i) => {
    const at = `newUnits[${i}] (${n.code})`;
    if (seenNew.has(n.code)) problems.push(`${at}: đơn vị mới được nêu hai lần.`);
    seenNew.add(n.code);
    const existing = byCode.get(n.code);
    if (existing && !isValidOn(existing, date)) problems.push(`${at}: đã có đơn vị mã này nhưng nó không hoạt động vào ngày ${formatDate(date)}.`);
    if (n.parentCode) {
      const parent = byCode.get(n.parentCode);
      if (!parent && !newCodes.has(n.parentCode)) problems.push(`${at}: đơn vị cấp trên “${n.parentCode}” không tồn tại.`);
      else if (parent && !isValidOn(parent, date)) problems.push(`${at}: đơn vị cấp trên “${n.parentCode}” không hoạt động vào ngày ${formatDate(date)}.`);
    }
  });

  // each old unit once, with one successor
  const successorOf = new Map<string, string>();
  const entries = new Map<string, number>();
  m.units.forEach((e, i) => {
    const at = `units[${i}]`;
    const old = byCode.get(e.from);
    const prev = entries.get(e.from);
    if (prev !== undefined) {
      const first = m.units[prev]?.to ?? null;
      if (first !== (e.to ?? null)) problems.push(`${at}: đơn vị ${unitLabel(old, e.from)} được giao cho hai đơn vị kế thừa “${first ?? '(không có)'}” và “${e.to ?? '(không có)'}”; mỗi đơn vị cũ chỉ có một đơn vị kế thừa.`);
      else problems.push(`${at}: đơn vị ${unitLabel(old, e.from)} được nêu hai lần.`);
      return;
    }
    entries.set(e.from, i);
    if (!old) problems.push(`${at}: không có đơn vị cũ mã “${e.from}”.`);
    else if (!isValidOn(old, before)) problems.push(`${at}: đơn vị ${unitLabel(old, e.from)} không hoạt động vào ngày ${formatDate(before)} nên không thể sắp xếp.`);
    if (!e.to) problems.push(`${at}: đơn vị ${unitLabel(old, e.from)} không có đơn vị kế thừa.`);
    else successorOf.set(e.from, e.to);
  });

  // cycles: following old → successor comes back
  const inCycle = new Set<string>();
  for (const start of successorOf.keys()) {
    const path: string[] = [start];
    let next = successorOf.get(start);
    while (next !== undefined && !path.includes(next)) {
      path.push(next);
      next = successorOf.get(next);
    }
    if (next === undefined || next !== start) continue;
    if (path.some((c) => inCycle.has(c))) continue;
    path.forEach((c) => inCycle.add(c));
    problems.push(`units[${entries.get(start)}]: sơ đồ có vòng lặp ${[...path, start].map((c) => `“${c}”`).join(' → ')}; đơn vị kế thừa không được là chính đơn vị cũ hay đơn vị giao lại cho nó.`);
  }

  // each successor exists on the date and does not end with the reorganisation
  m.units.forEach((e, i) => {
    if (!e.to || entries.get(e.from) !== i || inCycle.has(e.from)) return;
    const at = `units[${i}]`;
    const succ = byCode.get(e.to);
    if (!succ && !newCodes.has(e.to)) problems.push(`${at}: đơn vị kế thừa “${e.to}” của “${e.from}” không tồn tại.`);
    else if (successorOf.has(e.to)) problems.push(`${at}: đơn vị kế thừa “${e.to}” của “${e.from}” cũng chấm dứt trong đợt sắp xếp này; hãy giao thẳng cho đơn vị còn hoạt động vào ngày ${formatDate(date)}.`);
    else if (succ && !isValidOn(succ, date)) problems.push(`${at}: đơn vị kế thừa ${unitLabel(succ, e.to)} của “${e.from}” không hoạt động vào ngày ${formatDate(date)}.`);
  });

  // units left behind: under a dissolved unit, ending that day, or district units after the reform
  const ending = new Set(successorOf.keys());
  const mapped = new Set(entries.keys());
  const endingIds = new Set(units.filter((u) => mapped.has(u.code)).map((u) => u.id));
  for (const u of units) {
    if (mapped.has(u.code) || !isValidOn(u, before)) continue;
    let parent = u.parentId ? byId.get(u.parentId) : undefined;
    while (parent && !endingIds.has(parent.id)) parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    if (parent) problems.push(`Đơn vị “${u.code}” (${u.name}) thuộc “${parent.code}” bị sắp xếp nhưng không có đơn vị kế thừa; thêm một mục {"from": "${u.code}", "to": "…"}.`);
    else if (u.validTo === before) problems.push(`Đơn vị “${u.code}” (${u.name}) chấm dứt hoạt động ngày ${formatDate(before)} nhưng không có đơn vị kế thừa.`);
    else if (u.tier === 'huyen' && date >= TWO_TIER_DATE) problems.push(`Đơn vị “${u.code}” (${u.name}) là đơn vị cấp huyện, không còn từ ${formatDate(TWO_TIER_DATE)}, nhưng không có đơn vị kế thừa.`);
  }
  for (const n of m.newUnits) if (ending.has(n.code)) problems.push(`newUnits (${n.code}): đơn vị mới không thể đồng thời là đơn vị cũ bị sắp xếp.`);

  // explicit procedure reassignments
  const seenProc = new Set<string>();
  m.procedures.forEach((p, i) => {
    const at = `procedures[${i}] (${p.code})`;
    if (seenProc.has(p.code)) problems.push(`${at}: thủ tục được nêu hai lần.`);
    seenProc.add(p.code);
    if (!procedureCodes.has(p.code)) problems.push(`${at}: không có thủ tục mã này trong danh mục.`);
    if (p.tier === 'huyen' && date >= TWO_TIER_DATE) problems.push(`${at}: từ ${formatDate(TWO_TIER_DATE)} không còn cấp huyện; giao thủ tục cho cấp tỉnh hoặc cấp xã.`);
    for (const role of ['competent', 'authorised', 'cooperating'] as const) {
      for (const ref of p[role] ?? []) {
        if (!('unitCode' in ref)) continue;
        const u = byCode.get(ref.unitCode);
        if (ending.has(ref.unitCode)) problems.push(`${at}: cơ quan “${ref.unitCode}” chấm dứt trong đợt sắp xếp này.`);
        else if (!u && !newCodes.has(ref.unitCode)) problems.push(`${at}: không có cơ quan mã “${ref.unitCode}”.`);
        else if (u && !isValidOn(u, date)) problems.push(`${at}: cơ quan “${ref.unitCode}” không hoạt động vào ngày ${formatDate(date)}.`);
      }
    }
  });
  return problems.map((message) => ({ field: 'mapping', message }));
}

// ---------------------------------------------------------------------------------------------
// What moves
// ---------------------------------------------------------------------------------------------

/** Replaces old unit codes by their successors in anything that names units as {"at":"unit","code":…} (workflow steps). */
export function repointSteps(steps: unknown, successorOf: ReadonlyMap<string, string>): { steps: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    if (out.at === 'unit' && typeof out.code === 'string' && successorOf.has(out.code)) {
      out.code = successorOf.get(out.code);
      changed = true;
    }
    return out;
  };
  return { steps: walk(steps), changed };
}

function repointRefs(refs: readonly AgencyRef[], successorOf: ReadonlyMap<string, string>): AgencyRef[] {
  const out: AgencyRef[] = [];
  for (const r of refs) {
    const next: AgencyRef = 'unitCode' in r && successorOf.has(r.unitCode) ? { unitCode: successorOf.get(r.unitCode)! } : r;
    // two old units merged into one: name the successor once
    if (!out.some((o) => refKey(o) === refKey(next))) out.push(next);
  }
  return out;
}

const refKey = (r: AgencyRef) => ('unitCode' in r ? `u:${r.unitCode}` : `k:${r.unitKind}`);
const sameRefs = (a: readonly AgencyRef[], b: readonly AgencyRef[]) => a.length === b.length && a.every((r, i) => refKey(r) === refKey(b[i]!));
const sameAgencies = (a: Agencies, b: Agencies) => sameRefs(a.competent, b.competent) && sameRefs(a.authorised, b.authorised) && sameRefs(a.cooperating, b.cooperating);

function namesAny(a: Agencies, codes: ReadonlySet<string>): boolean {
  return [...a.competent, ...a.authorised, ...a.cooperating].some((r) => 'unitCode' in r && codes.has(r.unitCode));
}

/**
 * The procedure record after the reorganisation, or undefined when nothing changes: an explicit
 * reassignment, or the current agencies re-pointed from old units to their successors. The
 * period that held before the date keeps the old agencies and ends the day before; a new period
 * starts on the date (with the new tier), so the catalogue on any past date is what it was.
 */
export function reassignedProcedure(p: Procedure, m: Mapping, successorOf: ReadonlyMap<string, string>, tierOf: (code: string) => Tier | undefined): Procedure | undefined {
  const date = m.effectiveDate;
  const explicit = m.procedures.find((x) => x.code === p.code);
  const current = p.agencies;
  let agencies: Agencies;
  let tier: Tier | undefined;
  if (explicit) {
    agencies = { competent: explicit.competent, authorised: explicit.authorised ?? [], cooperating: explicit.cooperating ?? [] };
    tier = explicit.tier;
  } else {
    if (!namesAny(current, new Set(successorOf.keys()))) return undefined;
    agencies = { competent: repointRefs(current.competent, successorOf), authorised: repointRefs(current.authorised, successorOf), cooperating: repointRefs(current.cooperating, successorOf) };
    const firstCode = agencies.competent.find((r): r is { unitCode: string } => 'unitCode' in r)?.unitCode;
    tier = firstCode ? tierOf(firstCode) : undefined;
  }
  const periods = [...p.tierHistory].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const latest = periods[periods.length - 1];
  tier = tier ?? latest?.tier ?? 'xa';
  let history: TierPeriod[];
  if (latest && latest.validFrom >= date) {
    // the catalogue already has the period from the date: only its agencies change
    if (latest.tier === tier && sameAgencies(latest.agencies ?? current, agencies)) return undefined;
    history = periods.map((t) => (t === latest ? { ...t, tier } : t));
  } else {
    const before = dayBefore(date);
    history = periods.map((t) => {
      // the period in force the day before ends then, with the agencies that held it
      if (t === latest && (t.validTo === undefined || t.validTo >= before)) return { ...t, validTo: before, agencies: t.agencies ?? current };
      if (t.validTo === undefined || t.validTo >= date) return { ...t, validTo: before };
      return t;
    });
    history.push({ tier, validFrom: date });
  }
  return { ...p, tierHistory: history.map((t) => (t.agencies && t.validFrom >= date ? { tier: t.tier, validFrom: t.validFrom, ...(t.validTo ? { validTo: t.validTo } : {}) } : t)), agencies };
}

export function agenciesText(a: Agencies, names: ReadonlyMap<string, string>): string {
  const refs = [...a.competent, ...a.authorised];
  return refs.map((r) => ('unitCode' in r ? (names.get(r.unitCode) ?? r.unitCode) : r.label)).join('; ') || '—';
}

/** The counts of a plan, by kind, as the page, the CLI and the record show them. */
export interface PlanCounts {
  unitsEnding: number;
  unitsStarting: number;
  successions: number;
  procedures: number;
  dossiers: number;
  queueItems: number;
  workflows: number;
  accounts: number;
}

export const COUNT_LABELS: Record<keyof PlanCounts, string> = {
  unitsEnding: 'Đơn vị chấm dứt hoạt động',
  unitsStarting: 'Đơn vị mới bắt đầu hoạt động',
  successions: 'Quan hệ kế thừa được ghi nhận',
  procedures: 'Thủ tục được giao lại',
  dossiers: 'Hồ sơ đang giải quyết được chuyển',
  queueItems: 'Việc trong hàng chờ được chuyển',
  workflows: 'Quy trình nội bộ có phiên bản mới',
  accounts: 'Tài khoản chuyển đơn vị',
};

export function totalOf(c: PlanCounts): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}
