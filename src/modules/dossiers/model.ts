// Dossiers: the life-cycle table and the rules that need no database.
import type { DossierState } from '../../platform/db/schema';

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

/** DOMAIN.md §4: every allowed move, in one place. The workflow issue adds who may make each. */
export const TRANSITIONS = {
  DRAFT: { submit: 'SUBMITTED' },
  SUBMITTED: { accept: 'RECEIVED', requestCompletion: 'RETURNED_FOR_COMPLETION', rejectAtReception: 'REJECTED_AT_RECEPTION', withdraw: 'WITHDRAWN' },
  RETURNED_FOR_COMPLETION: { resubmit: 'SUBMITTED', cancel: 'CANCELLED', withdraw: 'WITHDRAWN' },
  REJECTED_AT_RECEPTION: {},
  RECEIVED: { startProcessing: 'IN_PROCESSING' },
  IN_PROCESSING: { requestSupplement: 'SUPPLEMENT_REQUESTED', consult: 'CONSULTING', sendForApproval: 'AWAITING_APPROVAL', approve: 'RESULT_READY', refuse: 'REFUSED' },
  SUPPLEMENT_REQUESTED: { supplementReceived: 'IN_PROCESSING', cancel: 'CANCELLED' },
  CONSULTING: { consulted: 'IN_PROCESSING' },
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
