// The yearly review (rà soát) of which procedures can go fully online (toàn trình, mức độ 4),
// as pure rules: the states of a unit's list and who moves it, the reasons a procedure is not
// eligible (Phụ lục IV of seed 002 requires one for each), the check of one item, how the
// proposals of several units for one procedure become one catalogue decision, and the
// progress figures against the targets of the seed letters. No I/O here.
import type { FieldError } from '../../platform/errors';
import { deriveOnlineLevel, type LegacyLevel, type OnlineFlags, type OnlineLevel } from '../catalogue';

// ---------------------------------------------------------------------------------------------
// A unit's list: states and moves
// ---------------------------------------------------------------------------------------------

export const LIST_STATES = ['draft', 'submitted', 'revision_requested', 'approved'] as const;
export type ListState = (typeof LIST_STATES)[number];

export const LIST_ACTIONS = ['save', 'submit', 'requestRevision', 'approve'] as const;
export type ListAction = (typeof LIST_ACTIONS)[number];

export const STATE_LABELS: Record<ListState, string> = {
  draft: 'Đang rà soát',
  submitted: 'Đã gửi, chờ tỉnh xem xét',
  revision_requested: 'Tỉnh yêu cầu rà soát lại',
  approved: 'Đã phê duyệt',
};

export const ACTION_LABELS: Record<ListAction, string> = {
  save: 'Lưu',
  submit: 'Gửi danh sách',
  requestRevision: 'Yêu cầu rà soát lại',
  approve: 'Phê duyệt',
};

/** The unit fills in and submits; the province office sends back or approves. */
export const TRANSITIONS = {
  draft: { save: 'draft', submit: 'submitted' },
  revision_requested: { save: 'revision_requested', submit: 'submitted' },
  submitted: { requestRevision: 'revision_requested', approve: 'approved' },
  approved: {},
} as const satisfies Record<ListState, Partial<Record<ListAction, ListState>>>;

/** Who makes each move: the unit's own administrators, or the province office. */
export const MOVERS: Record<ListAction, 'unit' | 'province'> = {
  save: 'unit',
  submit: 'unit',
  requestRevision: 'province',
  approve: 'province',
};

export function nextState(state: ListState, action: ListAction): ListState | undefined {
  return (TRANSITIONS[state] as Partial<Record<ListAction, ListState>>)[action];
}

// ---------------------------------------------------------------------------------------------
// Conditions (DOMAIN.md 2.4) and reasons (Phụ lục IV)
// ---------------------------------------------------------------------------------------------

export type ConditionKey = keyof OnlineFlags;

/** Each condition as the form asks it, and as a blocking problem when it fails. */
export const CONDITIONS: { key: ConditionKey; question: string; blocking: string }[] = [
  { key: 'requiresPresence', question: 'Pháp luật yêu cầu người nộp có mặt trực tiếp', blocking: 'phải có mặt trực tiếp' },
  { key: 'requiresSiteInspection', question: 'Phải thẩm định, kiểm tra thực tế', blocking: 'phải kiểm tra thực tế' },
  { key: 'feePayableOnline', question: 'Phí, lệ phí thanh toán trực tuyến được', blocking: 'phí, lệ phí chưa thanh toán trực tuyến được' },
  { key: 'resultDeliverableOnlineOrPost', question: 'Kết quả trả trực tuyến hoặc qua bưu chính được', blocking: 'kết quả chưa trả trực tuyến hoặc qua bưu chính được' },
];

export const REASONS: Record<string, { label: string; condition?: ConditionKey }> = {
  co_mat_truc_tiep: { label: 'Luật yêu cầu có mặt trực tiếp', condition: 'requiresPresence' },
  tham_dinh_thuc_te: { label: 'Phải thẩm định, kiểm tra thực tế', condition: 'requiresSiteInspection' },
  phi_chua_truc_tuyen: { label: 'Phí, lệ phí chưa thanh toán trực tuyến được', condition: 'feePayableOnline' },
  ket_qua_truc_tiep: { label: 'Kết quả phải nhận trực tiếp (bản giấy có đóng dấu, ký nhận trực tiếp…)', condition: 'resultDeliverableOnlineOrPost' },
  chua_ket_noi: { label: 'Phụ thuộc hệ thống, cơ sở dữ liệu chưa kết nối' },
  khac: { label: 'Lý do khác' },
};

export const PROPOSALS = ['eligible', 'not_eligible'] as const;
export type Proposal = (typeof PROPOSALS)[number];
export const PROPOSAL_LABELS: Record<Proposal, string> = { eligible: 'Đủ điều kiện lên toàn trình (mức độ 4)', not_eligible: 'Không đủ điều kiện' };

export interface ItemDecision extends OnlineFlags {
  proposal: Proposal | null;
  reasonCode: string | null;
  explanation: string | null;
}

/** What the form shows about the procedure beside the decision. */
export interface ItemFacts {
  procedureCode: string;
  procedureName: string;
  /** The procedure charges nothing, so online payment does not matter. */
  noFee: boolean;
}

export const EXPLANATION_MIN = 10;
export const EXPLANATION_MAX = 2000;

/** The conditions that keep the procedure from toàn trình, in the form's order. */
export function failingConditions(d: OnlineFlags, noFee: boolean): ConditionKey[] {
  return CONDITIONS.filter(({ key }) => {
    if (key === 'requiresPresence' || key === 'requiresSiteInspection') return d[key];
    if (key === 'feePayableOnline') return !d.feePayableOnline && !noFee;
    return !d[key];
  }).map((c) => c.key);
}

const blockingText = (keys: ConditionKey[]) => keys.map((k) => `“${CONDITIONS.find((c) => c.key === k)!.blocking}”`).join(', ');

/** The HTML field names of one item on the unit's form (the code has dots; fieldId turns them into dashes). */
export const itemField = {
  proposal: (code: string) => `proposal-${code}`,
  reason: (code: string) => `reason-${code}`,
  explanation: (code: string) => `explanation-${code}`,
  condition: (code: string, key: ConditionKey) => `${key}-${code}`,
  flag: (code: string) => `flag-${code}`,
};

/**
 * The problems of one item, each naming the procedure and the field. A not-eligible proposal
 * needs a reason from the list, a plain explanation and at least one failing condition (the
 * reason's own condition among them), so the catalogue's flags say the same as the proposal;
 * an eligible proposal while a condition fails needs an explanation. `complete` (on
 * submission) also requires a proposal.
 */
export function checkItem(item: ItemFacts & ItemDecision, opts: { complete: boolean }): FieldError[] {
  const errors: FieldError[] = [];
  const who = `Thủ tục ${item.procedureCode} (${item.procedureName})`;
  const code = item.procedureCode;
  const explanation = item.explanation?.trim() ?? '';
  if (explanation.length > EXPLANATION_MAX) {
    errors.push({ field: itemField.explanation(code), message: `${who}: phần giải thích dài quá 2.000 ký tự.` });
  }
  if (item.proposal === null) {
    if (opts.complete) errors.push({ field: itemField.proposal(code), message: `${who}: chưa chọn đủ điều kiện hay không đủ điều kiện lên toàn trình.` });
    return errors;
  }
  const failing = failingConditions(item, item.noFee);
  if (item.proposal === 'not_eligible') {
    const reason = item.reasonCode ? REASONS[item.reasonCode] : undefined;
    if (!item.reasonCode || !reason || !Object.hasOwn(REASONS, item.reasonCode)) {
      errors.push({ field: itemField.reason(code), message: `${who}: không đủ điều kiện thì phải chọn lý do trong danh sách.` });
    } else if (reason.condition && !failing.includes(reason.condition)) {
      const c = CONDITIONS.find((x) => x.key === reason.condition)!;
      errors.push({ field: itemField.reason(code), message: `${who}: lý do “${reason.label}” không khớp với điều kiện đã khai; sửa điều kiện “${c.question}” hoặc chọn lý do khác.` });
    } else if (failing.length === 0) {
      errors.push({ field: itemField.reason(code), message: `${who}: không đủ điều kiện thì phải đánh dấu ít nhất một điều kiện toàn trình chưa đáp ứng.` });
    }
    if (explanation.length < EXPLANATION_MIN) {
      errors.push({ field: itemField.explanation(code), message: `${who}: phải giải thích lý do không đủ điều kiện bằng lời dễ hiểu (ít nhất ${EXPLANATION_MIN} ký tự).` });
    }
  } else if (failing.length > 0 && explanation.length < EXPLANATION_MIN) {
    errors.push({
      field: itemField.explanation(code),
      message: `${who}: đề xuất đủ điều kiện nhưng còn ${blockingText(failing)}; sửa điều kiện hoặc giải thích cách khắc phục (ít nhất ${EXPLANATION_MIN} ký tự).`,
    });
  }
  return errors;
}

/** The reason asked with a revision request (the unit reads it). */
export function checkRevision(reason: string, flagged: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (flagged.length === 0) errors.push({ field: 'flag', message: 'Đánh dấu ít nhất một thủ tục cần đơn vị rà soát lại.' });
  const text = reason.trim();
  if (text.length < EXPLANATION_MIN) errors.push({ field: 'revisionReason', message: `Nêu lý do yêu cầu rà soát lại để đơn vị biết cần sửa gì (ít nhất ${EXPLANATION_MIN} ký tự).` });
  else if (text.length > EXPLANATION_MAX) errors.push({ field: 'revisionReason', message: 'Lý do yêu cầu rà soát lại dài quá 2.000 ký tự.' });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Opening a review
// ---------------------------------------------------------------------------------------------

/** NĐ 43/2011 introduced the levels; a review for a year before it makes no sense. */
export const FIRST_YEAR = 2011;

/** The year of a review: a whole number from 2011 to next year. */
export function checkYear(value: string, currentYear: number): { year?: number; errors: FieldError[] } {
  const text = value.trim();
  if (!/^\d{4}$/.test(text)) return { errors: [{ field: 'year', message: 'Năm rà soát phải là số có 4 chữ số, ví dụ 2026.' }] };
  const year = Number(text);
  if (year > currentYear + 1) return { errors: [{ field: 'year', message: `Năm rà soát không được sau năm ${currentYear + 1} (chỉ mở trước được cho năm sau).` }] };
  if (year < FIRST_YEAR) return { errors: [{ field: 'year', message: `Năm rà soát phải từ năm ${FIRST_YEAR} trở đi.` }] };
  return { year, errors: [] };
}

// ---------------------------------------------------------------------------------------------
// From the units' proposals to the catalogue
// ---------------------------------------------------------------------------------------------

export interface UnitProposal extends ItemDecision {
  unitName: string;
}

export interface CatalogueDecision extends OnlineFlags {
  eligible: boolean;
  /** Absent when the procedure is eligible and every condition holds. */
  ineligibleReason?: string;
}

/**
 * One decision for a procedure that several units perform (every commune, through "UBND cấp
 * xã"): the catalogue has one record, so the procedure goes to toàn trình only when every
 * unit can do it, and a condition that fails at one unit fails for the record.
 */
export function consolidate(proposals: readonly UnitProposal[], noFee: boolean, year: number): CatalogueDecision {
  if (proposals.length === 0) throw new RangeError('no proposals to consolidate');
  const flags: OnlineFlags = {
    requiresPresence: proposals.some((p) => p.requiresPresence),
    requiresSiteInspection: proposals.some((p) => p.requiresSiteInspection),
    feePayableOnline: proposals.every((p) => p.feePayableOnline),
    resultDeliverableOnlineOrPost: proposals.every((p) => p.resultDeliverableOnlineOrPost),
  };
  const several = proposals.length > 1;
  const said = (p: UnitProposal, text: string) => (several ? `${p.unitName}: ${text}` : text);
  const against = proposals.filter((p) => p.proposal === 'not_eligible');
  if (against.length > 0) {
    const reasons = [...new Set(against.map((p) => said(p, `${REASONS[p.reasonCode ?? '']?.label ?? 'Lý do khác'} – ${(p.explanation ?? '').trim()}`)))];
    return { ...flags, eligible: false, ineligibleReason: reasons.join('; ') };
  }
  const failing = failingConditions(flags, noFee);
  if (failing.length === 0) return { ...flags, eligible: true };
  // eligible as proposed, with a condition still to overcome: the record stays not eligible
  // (its flags say so) and keeps the units' plan as its reason
  const plans = [...new Set(proposals.filter((p) => (p.explanation ?? '').trim()).map((p) => said(p, (p.explanation ?? '').trim())))];
  return {
    ...flags,
    eligible: true,
    ineligibleReason: `Rà soát năm ${year}: đề xuất đủ điều kiện, còn ${blockingText(failing)} cần khắc phục${plans.length ? ` (${plans.join('; ')})` : ''}.`,
  };
}

/** The record's new level fields for a decision (DOMAIN.md 2.3: level 4 is toàn trình only when eligible). */
export function levelAfter(legacy: LegacyLevel, flags: OnlineFlags, noFee: boolean): OnlineLevel {
  return deriveOnlineLevel(legacy, { ...flags, noFee });
}

// ---------------------------------------------------------------------------------------------
// Progress against the targets
// ---------------------------------------------------------------------------------------------

/** Seed 000: at least 20 % of procedures at level 3 or 4. Seed 002: every eligible procedure at level 4. */
export const TARGETS = { level34Share: 0.2, eligibleAt4Share: 1 } as const;

/** A procedure of the review as the catalogue has it now. */
export interface ProcedureFacts {
  code: string;
  name: string;
  legacyLevel: number;
  onlineLevel: OnlineLevel;
  dossierCount: number;
  free: boolean;
  /** isEligibleFullOnline of the current record. */
  eligible: boolean;
}

/** Seed 000: priority to procedures that actually receive dossiers and charge no service fee. */
export const isPriority = (p: Pick<ProcedureFacts, 'dossierCount' | 'free'>) => p.dossierCount > 0 && p.free;

export interface Targets {
  total: number;
  level34: number;
  priority: number;
  priorityAt34: number;
  eligible: number;
  eligibleAt4: number;
  level34Met: boolean;
  eligibleAt4Met: boolean;
}

export function targets(procs: readonly ProcedureFacts[]): Targets {
  const at34 = (p: ProcedureFacts) => p.legacyLevel >= 3;
  const level34 = procs.filter(at34).length;
  const priority = procs.filter(isPriority);
  const eligible = procs.filter((p) => p.eligible);
  const eligibleAt4 = eligible.filter((p) => p.legacyLevel === 4).length;
  return {
    total: procs.length,
    level34,
    priority: priority.length,
    priorityAt34: priority.filter(at34).length,
    eligible: eligible.length,
    eligibleAt4,
    level34Met: procs.length > 0 && level34 >= TARGETS.level34Share * procs.length,
    eligibleAt4Met: eligibleAt4 >= TARGETS.eligibleAt4Share * eligible.length,
  };
}

export type MoveWhy = 'eligible_not_4' | 'priority_not_3';
export const WHY_LABELS: Record<MoveWhy, string> = {
  eligible_not_4: 'Đủ điều kiện nhưng chưa ở mức độ 4',
  priority_not_3: 'Ưu tiên (có hồ sơ, không thu phí) nhưng chưa ở mức độ 3',
};

/**
 * What to move next: eligible procedures not yet at level 4, and priority procedures not yet
 * at level 3; those that receive dossiers first, then the free ones, then the most dossiers.
 */
export function nextToMove(procs: readonly ProcedureFacts[]): (ProcedureFacts & { why: MoveWhy[] })[] {
  const rows = procs.flatMap((p) => {
    const why: MoveWhy[] = [];
    if (p.eligible && p.legacyLevel < 4) why.push('eligible_not_4');
    if (isPriority(p) && p.legacyLevel < 3) why.push('priority_not_3');
    return why.length > 0 ? [{ ...p, why }] : [];
  });
  return rows.sort(
    (a, b) =>
      Number(b.dossierCount > 0) - Number(a.dossierCount > 0) ||
      Number(b.free) - Number(a.free) ||
      b.dossierCount - a.dossierCount ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** 12,5 % (one decimal, Vietnamese comma); a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}
