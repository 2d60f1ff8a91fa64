// Dossiers: the life-cycle table and the rules that need no database.
import type { DossierChannel, DossierState, Role } from '../../platform/db/schema';
import { localDate } from '../../platform/format';

export type { DossierState };

/** Plain Vietnamese for citizens (tracking page) and officers. */
export const STATE_LABELS: Record<DossierState, string> = {
  DRAFT: 'Bản nháp',
  SUBMITTED: 'Đã nộp, chờ bộ phận một cửa kiểm tra',
  RETURNED_FOR_COMPLETION: 'Cần bổ sung, hoàn thiện hồ sơ',
  REJECTED_AT_RECEPTION: 'Không được tiếp nhận',
  RECEIVED: 'Đã tiếp nhận',
  IN_PROCESSING: 'Đang giải quyết',
  SUPPLEMENT_REQUESTED: 'Cơ quan yêu cầu bổ sung hồ sơ',
  CONSULTING: 'Đang lấy ý kiến cơ quan liên quan',
  AWAITING_APPROVAL: 'Đang trình lãnh đạo ký',
  RESULT_READY: 'Đã có kết quả, chờ trả',
  REFUSED: 'Không giải quyết (có văn bản nêu lý do)',
  WITHDRAWN: 'Đã rút hồ sơ',
  CANCELLED: 'Đã hủy do quá hạn bổ sung',
  DELIVERED: 'Đã trả kết quả',
};

export type Action =
  | 'submit'
  | 'accept'
  | 'requestCompletion'
  | 'rejectAtReception'
  | 'resubmit'
  | 'startProcessing'
  | 'take'
  | 'forward'
  | 'requestSupplement'
  | 'consult'
  | 'consulted'
  | 'supplementReceived'
  | 'sendForApproval'
  | 'sendBack'
  | 'approve'
  | 'refuse'
  | 'deliver'
  | 'withdraw'
  | 'cancel';

/**
 * DOMAIN.md §4: every allowed move, in one place. One deviation: a result or a refusal is
 * decided only through the leader's approval (AWAITING_APPROVAL), never straight from
 * IN_PROCESSING, so every decision carries a leader's name. `take` and `forward` keep the
 * state: the dossier changes hands (specialist, or the next step of the internal workflow).
 * `consulted` keeps CONSULTING while other agencies consulted at the same time (a parallel
 * group of the workflow) have not answered; the last answer brings it back to IN_PROCESSING.
 */
export const TRANSITIONS = {
  DRAFT: { submit: 'SUBMITTED' },
  SUBMITTED: { accept: 'RECEIVED', requestCompletion: 'RETURNED_FOR_COMPLETION', rejectAtReception: 'REJECTED_AT_RECEPTION', withdraw: 'WITHDRAWN' },
  RETURNED_FOR_COMPLETION: { resubmit: 'SUBMITTED', cancel: 'CANCELLED', withdraw: 'WITHDRAWN' },
  REJECTED_AT_RECEPTION: {},
  RECEIVED: { startProcessing: 'IN_PROCESSING' },
  IN_PROCESSING: { take: 'IN_PROCESSING', forward: 'IN_PROCESSING', requestSupplement: 'SUPPLEMENT_REQUESTED', consult: 'CONSULTING', sendForApproval: 'AWAITING_APPROVAL' },
  SUPPLEMENT_REQUESTED: { supplementReceived: 'IN_PROCESSING', cancel: 'CANCELLED' },
  CONSULTING: { take: 'CONSULTING', consulted: 'IN_PROCESSING' },
  AWAITING_APPROVAL: { sendBack: 'IN_PROCESSING', approve: 'RESULT_READY', refuse: 'REFUSED' },
  RESULT_READY: { deliver: 'DELIVERED' },
  REFUSED: { deliver: 'DELIVERED' },
  WITHDRAWN: {},
  CANCELLED: {},
  DELIVERED: {},
} as const satisfies Record<DossierState, Partial<Record<Action, DossierState>>>;

export function nextState(from: DossierState, action: Action): DossierState | undefined {
  return (TRANSITIONS[from] as Partial<Record<Action, DossierState>>)[action];
}

/**
 * Who may make each move, and where: `receiving` = an officer of the unit that received the
 * dossier (or a unit above it), `holder` = an officer of the unit that holds it at its current
 * step, `applicant` = the applicant themself.
 */
export type Where = 'receiving' | 'holder' | 'applicant';
export interface Mover {
  role: Role | 'applicant';
  at: Where;
}
const applicant: Mover = { role: 'applicant', at: 'applicant' };
const desk: Mover = { role: 'counter', at: 'receiving' };
const specialist: Mover = { role: 'specialist', at: 'holder' };
const leader: Mover = { role: 'leader', at: 'holder' };

export const MOVERS: Record<Action, readonly Mover[]> = {
  submit: [applicant],
  resubmit: [applicant],
  withdraw: [applicant],
  accept: [desk],
  requestCompletion: [desk],
  rejectAtReception: [desk],
  cancel: [desk],
  startProcessing: [desk],
  take: [specialist],
  forward: [specialist],
  consult: [specialist],
  consulted: [specialist],
  requestSupplement: [specialist],
  // the applicant answers online, or brings the papers to the desk
  supplementReceived: [applicant, desk],
  sendForApproval: [specialist],
  sendBack: [leader],
  approve: [leader],
  refuse: [leader],
  deliver: [desk, applicant],
};

/** The kinds of structured reason: every refusal, request, send-back, cancellation or delay needs one, with a plain explanation the applicant sees. */
export type ReasonKind = 'completion' | 'rejection' | 'supplement' | 'sendBack' | 'refusal' | 'cancel' | 'delay';

/** Reason codes, by kind, with their plain Vietnamese. */
export const REASONS: Record<ReasonKind, Record<string, string>> = {
  completion: {
    thieu: 'Thiếu giấy tờ',
    khong_ro: 'Bản chụp, bản quét không rõ, không đọc được',
    khong_hop_le: 'Giấy tờ không hợp lệ hoặc đã hết hiệu lực',
    sai_mau: 'Không đúng mẫu quy định',
    sai_thong_tin: 'Thông tin kê khai chưa đúng hoặc không khớp với giấy tờ',
    khac: 'Lý do khác',
  },
  supplement: {
    thieu: 'Thiếu giấy tờ cần để giải quyết',
    xac_minh: 'Cần giấy tờ để xác minh thông tin',
    sai_thong_tin: 'Thông tin kê khai chưa đúng hoặc không khớp với giấy tờ',
    khac: 'Lý do khác',
  },
  rejection: {
    khong_tham_quyen: 'Không thuộc thẩm quyền giải quyết của cơ quan',
    khong_du_dieu_kien: 'Không đủ điều kiện tiếp nhận theo quy định',
    da_giai_quyet: 'Yêu cầu đã được giải quyết trước đó',
    gia_mao: 'Giấy tờ có dấu hiệu giả mạo',
    khac: 'Lý do khác',
  },
  refusal: {
    khong_du_dieu_kien: 'Không đủ điều kiện để giải quyết theo quy định',
    khong_tham_quyen: 'Không thuộc thẩm quyền giải quyết',
    co_quan_phoi_hop: 'Cơ quan phối hợp có ý kiến không đồng ý',
    khac: 'Lý do khác',
  },
  sendBack: {
    noi_dung: 'Dự thảo kết quả có sai sót về nội dung',
    can_cu: 'Thiếu căn cứ, cần thẩm định thêm',
    the_thuc: 'Sai thể thức, kỹ thuật trình bày',
    khac: 'Lý do khác',
  },
  cancel: {
    qua_han_bo_sung: 'Người nộp không bổ sung hồ sơ trong thời hạn',
    nguoi_nop_de_nghi: 'Người nộp đề nghị dừng giải quyết',
    khac: 'Lý do khác',
  },
  delay: {
    xac_minh: 'Cần thêm thời gian xác minh',
    phoi_hop: 'Cơ quan phối hợp trả lời chậm',
    khoi_luong: 'Khối lượng hồ sơ tăng đột biến',
    khac: 'Lý do khác',
  },
};

/** One item of a completion or supplement request: a component (by index) or a form field. */
export interface RequestItem {
  componentIndex?: number;
  field?: string;
  label: string;
  reasonCode: string;
  explanation: string;
}

/** A structured reason: a code of its kind and a plain explanation (both required). */
export interface Reason {
  code: string;
  explanation: string;
}

/** The problems with a reason, each naming its field, in Vietnamese. */
export function checkReason(kind: ReasonKind, r: Partial<Reason> | undefined, field = 'reason'): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (!r?.code || !Object.hasOwn(REASONS[kind], r.code)) errors.push({ field: `${field}Code`, message: 'Chọn lý do trong danh sách' });
  const text = r?.explanation?.trim() ?? '';
  if (text.length < 10) errors.push({ field: `${field}Explanation`, message: 'Giải thích cho người nộp bằng lời dễ hiểu (ít nhất 10 ký tự)' });
  else if (text.length > 2000) errors.push({ field: `${field}Explanation`, message: 'Phần giải thích dài quá 2.000 ký tự' });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Internal workflows (quy trình nội bộ)
// ---------------------------------------------------------------------------------------------

/**
 * Where a step is performed: the unit that received the dossier (a commune handling its own
 * procedures), a unit named by its code (a department, the provincial police for liên thông),
 * or the unit of a kind under the receiving unit (the commune police of that commune).
 */
export type StepUnit = { at: 'receiving' } | { at: 'unit'; code: string } | { at: 'child'; kind: string };

/**
 * `process`: the lead agency's specialist examines and drafts; `consult`: another agency's
 * specialist gives its opinion or does its part (liên thông) and the dossier comes back;
 * `approve`: a leader approves or sends back. Steps with the same `parallel` group number
 * next to each other run at the same time (the dossier moves on when all are done).
 */
export interface WorkflowStep {
  key: string;
  name: string;
  kind: 'process' | 'consult' | 'approve';
  unit: StepUnit;
  /** Share of the legal time, in per cent; the shares of a workflow add up to 100. */
  share: number;
  /**
   * Consult steps next to each other with the same group number run at the same time: the
   * lead agency asks all those agencies at once, each gives its opinion on its own, and the
   * dossier comes back when the last one has answered. A step's share counts from the moment
   * the group starts.
   */
  parallel?: number;
}

export function checkWorkflow(steps: unknown): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (!Array.isArray(steps) || steps.length === 0) return [{ field: 'steps', message: 'Quy trình phải có ít nhất một bước' }];
  if (steps.length > 20) errors.push({ field: 'steps', message: 'Quy trình có tối đa 20 bước' });
  const keys = new Set<string>();
  let total = 0;
  steps.forEach((raw, i) => {
    const at = `steps[${i}]`;
    const st = raw as Partial<WorkflowStep>;
    if (typeof st.key !== 'string' || !/^[a-z0-9-]{1,40}$/.test(st.key)) errors.push({ field: `${at}.key`, message: 'Mã bước gồm chữ thường không dấu, số và dấu gạch ngang' });
    else if (keys.has(st.key)) errors.push({ field: `${at}.key`, message: `Mã bước “${st.key}” bị trùng` });
    else keys.add(st.key);
    if (typeof st.name !== 'string' || st.name.trim().length < 3) errors.push({ field: `${at}.name`, message: 'Nhập tên bước' });
    if (st.kind !== 'process' && st.kind !== 'consult' && st.kind !== 'approve') errors.push({ field: `${at}.kind`, message: 'Loại bước là process, consult hoặc approve' });
    const u = st.unit as Partial<{ at: string; code: string; kind: string }> | undefined;
    if (!u || !(u.at === 'receiving' || (u.at === 'unit' && typeof u.code === 'string' && u.code) || (u.at === 'child' && typeof u.kind === 'string' && u.kind))) {
      errors.push({ field: `${at}.unit`, message: 'Đơn vị thực hiện: {"at":"receiving"}, {"at":"unit","code":"…"} hoặc {"at":"child","kind":"…"}' });
    }
    if (typeof st.share !== 'number' || !Number.isInteger(st.share) || st.share < 1 || st.share > 100) errors.push({ field: `${at}.share`, message: 'Tỷ lệ thời gian là số nguyên từ 1 đến 100 (%)' });
    // the steps of a parallel group share one stretch of time: the longest of them counts
    else if (!(st.parallel !== undefined && i > 0 && (steps[i - 1] as Partial<WorkflowStep>).parallel === st.parallel)) total += groupShare(steps as Partial<WorkflowStep>[], i);
    if (st.parallel !== undefined && (typeof st.parallel !== 'number' || !Number.isInteger(st.parallel) || st.parallel < 1 || st.parallel > 20)) {
      errors.push({ field: `${at}.parallel`, message: 'Nhóm song song là số nguyên từ 1 đến 20' });
    }
  });
  const list = steps as Partial<WorkflowStep>[];
  errors.push(...checkParallel(list));
  if (list[0]?.kind !== 'process') errors.push({ field: 'steps[0].kind', message: 'Bước đầu tiên phải là bước thụ lý (process) của cơ quan chủ trì' });
  if (list[list.length - 1]?.kind !== 'approve') errors.push({ field: `steps[${list.length - 1}].kind`, message: 'Bước cuối cùng phải là bước phê duyệt (approve)' });
  if (errors.length === 0 && total !== 100) errors.push({ field: 'steps', message: `Tổng tỷ lệ thời gian các bước phải bằng 100% (đang là ${total}%)` });
  return errors;
}

/** The share of the time the step at `i` takes: for a parallel group, its longest step. */
function groupShare(steps: readonly Partial<WorkflowStep>[], i: number): number {
  const [start, end] = parallelGroup(steps, i);
  return Math.max(...steps.slice(start, end + 1).map((st) => (typeof st.share === 'number' ? st.share : 0)));
}

/**
 * The steps running together with the step at `index`: [first, last] of its parallel group
 * (the step alone when it has no group).
 */
export function parallelGroup(steps: readonly Pick<Partial<WorkflowStep>, 'parallel'>[], index: number): [number, number] {
  const group = steps[index]?.parallel;
  if (group === undefined) return [index, index];
  let start = index;
  let end = index;
  while (start > 0 && steps[start - 1]?.parallel === group) start--;
  while (end < steps.length - 1 && steps[end + 1]?.parallel === group) end++;
  return [start, end];
}

/** A parallel group: consult steps only, at least two, next to each other, each group number once, and no unit twice. */
function checkParallel(list: readonly Partial<WorkflowStep>[]): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const g = list[i]!.parallel;
    if (g === undefined || typeof g !== 'number') continue;
    const [start, end] = parallelGroup(list, i);
    if (i !== start) continue;
    if (seen.has(g)) errors.push({ field: `steps[${i}].parallel`, message: `Các bước của nhóm song song ${g} phải liền nhau` });
    seen.add(g);
    if (end === start) errors.push({ field: `steps[${i}].parallel`, message: `Nhóm song song ${g} phải có ít nhất hai bước` });
    const units = new Set<string>();
    for (let j = start; j <= end; j++) {
      if (list[j]!.kind !== 'consult') errors.push({ field: `steps[${j}].kind`, message: 'Chỉ các bước lấy ý kiến, phối hợp (consult) mới thực hiện song song' });
      const u = JSON.stringify(list[j]!.unit ?? null);
      if (units.has(u)) errors.push({ field: `steps[${j}].unit`, message: 'Hai bước song song không được do cùng một đơn vị thực hiện' });
      units.add(u);
    }
  }
  return errors;
}

/** The move that hands a dossier to `next`: the specialist forwards, asks another agency, or submits for approval. */
export function actionTowards(next: WorkflowStep): Action {
  return next.kind === 'consult' ? 'consult' : next.kind === 'approve' ? 'sendForApproval' : 'forward';
}

/** The workflow of a procedure that has none of its own: the competent unit examines, its leader approves. */
export function defaultWorkflow(competent: StepUnit): WorkflowStep[] {
  return [
    { key: 'tham-dinh', name: 'Thẩm định hồ sơ, dự thảo kết quả', kind: 'process', unit: competent, share: 70 },
    { key: 'phe-duyet', name: 'Lãnh đạo xem xét, phê duyệt', kind: 'approve', unit: competent, share: 30 },
  ];
}

/** Mẫu 05's result column: after the deadline is late; on its day (Vietnam) on time; a day before or more, early. */
export function stepOutcome(dueAt: Date | null, finishedAt: Date): 'early' | 'on_time' | 'late' {
  if (!dueAt) return 'on_time';
  if (finishedAt.getTime() > dueAt.getTime()) return 'late';
  return localDate(finishedAt) < localDate(dueAt) ? 'early' : 'on_time';
}

export const OUTCOME_LABELS = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

export const TERMINAL: readonly DossierState[] = ['REJECTED_AT_RECEPTION', 'WITHDRAWN', 'CANCELLED', 'DELIVERED'];

/**
 * Dossier code, DOMAIN.md §6 [U: recalled from TT 01/2018]:
 * <receiving agency e-ID>-<yymmdd of the day in Vietnam>-<4-digit daily serial>.
 * The serial widens past 9999 rather than wrapping.
 */
export function formatDossierCode(agencyEid: string, localDay: string, serial: number): string {
  const yymmdd = localDay.slice(2).replaceAll('-', '');
  return `${agencyEid}-${yymmdd}-${String(serial).padStart(4, '0')}`;
}

export const DOSSIER_CODE_PATTERN = /^[0-9A-Z.]{3,40}-\d{6}-\d{4,}$/;

/** The header of a standard form: the province above the issuing unit, the province's name as the place. */
export function issuerOf(unitName: string, provinceName: string | undefined): { parent: string; name: string; place: string } {
  const parent = provinceName ?? '';
  return { parent, name: unitName, place: parent.replace(/^Ủy ban nhân dân\s+(tỉnh|thành phố)\s+/iu, '') };
}

/** How a dossier reached the administration, as its first public event and notification say it. */
export const RECEIVED_BY: Record<DossierChannel, string> = {
  online: 'được nộp trực tuyến',
  counter: 'được nhận trực tiếp tại bộ phận một cửa',
  post: 'được nhận qua dịch vụ bưu chính',
  national_portal: 'được nộp qua Cổng Dịch vụ công quốc gia',
};
