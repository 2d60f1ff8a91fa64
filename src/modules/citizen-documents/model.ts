// The citizen's document store (kho dữ liệu, issue 9 item 4) as pure rules: how long a document
// the citizen gave stays usable for another dossier, whether a result issued to them is still
// valid, and which dossier component a result can stand for. No I/O here.
//
// NĐ 45/2020/NĐ-CP: documents already in the citizen's Kho and still valid are not asked for
// again. What "still valid" means for a document the citizen uploaded is not set by one rule of
// law; the periods below are this system's working rule [U], written on the store's page, and
// one table to change.
import type { DossierState } from '../../platform/db/schema';

// ---------------------------------------------------------------------------------------
// Documents the citizen gave (dossier files)
// ---------------------------------------------------------------------------------------

/**
 * What kind of paper a component asks for, read from its name:
 * - declaration: a tờ khai, đơn or văn bản đề nghị written for that one request; never reused;
 * - time_limited: a paper that certifies a situation at a date (marital status, criminal
 *   record, health), valid for a short time after it is given;
 * - standing: any other paper (identity papers, certificates, extracts, land papers).
 */
export type ComponentKind = 'declaration' | 'time_limited' | 'standing';

const DECLARATION = /^(tờ khai|đơn|văn bản đề nghị|phiếu (yêu cầu|đề nghị|đăng ký)|bản khai|dự thảo)/u;
const TIME_LIMITED = /(tình trạng hôn nhân|lý lịch tư pháp|khám sức khỏe|giấy chứng nhận sức khỏe|xác nhận cư trú|thông tin về cư trú)/u;

function norm(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function componentKindOf(componentName: string): ComponentKind {
  const n = norm(componentName);
  if (DECLARATION.test(n)) return 'declaration';
  if (TIME_LIMITED.test(n)) return 'time_limited';
  return 'standing';
}

/**
 * Months a document of each kind stays usable after it was given [U: working rule]. The
 * certificate of marital status is valid 6 months from issue (NĐ 123/2015/NĐ-CP, Điều 23);
 * agencies commonly ask for criminal-record and health certificates of under 6 months too.
 * Standing papers: 12 months, after which the citizen is asked for a current copy.
 */
export const VALIDITY_MONTHS: Record<Exclude<ComponentKind, 'declaration'>, number> = { time_limited: 6, standing: 12 };

export const KIND_LABELS: Record<ComponentKind, string> = {
  declaration: 'Tờ khai, đơn',
  time_limited: 'Giấy tờ xác nhận có thời hạn',
  standing: 'Giấy tờ khác',
};

/** Dossiers whose papers the desk never accepted: refused at reception, or withdrawn before. */
const NOT_ACCEPTED: readonly DossierState[] = ['REJECTED_AT_RECEPTION'];
/** Dossiers the desk has not checked yet. */
const NOT_CHECKED: readonly DossierState[] = ['SUBMITTED', 'RETURNED_FOR_COMPLETION'];

export type SubmittedStatus = 'valid' | 'pending' | 'expired' | 'single_use' | 'not_accepted' | 'revoked';

export const SUBMITTED_STATUS_LABELS: Record<SubmittedStatus, string> = {
  valid: 'Còn giá trị sử dụng',
  pending: 'Chờ tiếp nhận',
  expired: 'Hết thời hạn sử dụng lại',
  single_use: 'Chỉ dùng cho hồ sơ đã nộp',
  not_accepted: 'Không được tiếp nhận',
  revoked: 'Văn bản đã bị thu hồi',
};

export interface SubmittedValidity {
  status: SubmittedStatus;
  /** The last moment it can be reused, for kinds with a period. */
  until: Date | null;
  /** Whether a new dossier may take it again. */
  reusable: boolean;
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  // 31/08 + 6 months is the last day of February, not 3 March
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/**
 * A document the citizen gave: not reusable if it is a declaration for that one request or its
 * dossier was refused at reception; otherwise usable for its kind's period from when it was
 * given, whether the desk has checked it yet (valid) or not (pending: the new dossier's desk
 * checks it as it would a new upload; a dossier withdrawn or cancelled later does not make the
 * papers in it worthless).
 */
export function submittedValidity(f: { componentName: string; givenAt: Date; dossierState: DossierState; receivedAt: Date | null; revoked?: boolean }, now: Date): SubmittedValidity {
  const kind = componentKindOf(f.componentName);
  // a copy of a signed result that its issuer revoked since (given before, or taken from the store)
  if (f.revoked) return { status: 'revoked', until: null, reusable: false };
  if (kind === 'declaration') return { status: 'single_use', until: null, reusable: false };
  if (NOT_ACCEPTED.includes(f.dossierState)) return { status: 'not_accepted', until: null, reusable: false };
  const until = addMonths(f.givenAt, VALIDITY_MONTHS[kind]);
  if (now.getTime() > until.getTime()) return { status: 'expired', until, reusable: false };
  const checked = f.receivedAt !== null && !NOT_CHECKED.includes(f.dossierState);
  return { status: checked ? 'valid' : 'pending', until, reusable: true };
}

// ---------------------------------------------------------------------------------------
// Results issued to the citizen (signed, in issued_documents)
// ---------------------------------------------------------------------------------------

export type ResultStatus = 'valid' | 'revoked';

export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  valid: 'Còn hiệu lực',
  revoked: 'Đã bị thu hồi',
};

/** A signed result is valid until the issuing unit revokes it (modules/documents). */
export function resultStatus(r: { revokedAt: Date | null }): ResultStatus {
  return r.revokedAt ? 'revoked' : 'valid';
}

/** "Bản sao", "bản chính hoặc bản sao có chứng thực" … before the paper's own name. */
const COPY_PREFIX = /^(bản chính hoặc bản sao( có chứng thực| chứng thực)?|bản sao( có chứng thực| chứng thực)?|bản chính|bản chụp)\s+/u;

/**
 * What a procedure's results are called, as paper names: "Giấy khai sinh (bản chính, bản điện
 * tử)" → "giấy khai sinh". Refusals (văn bản từ chối … nêu rõ lý do) are left out: an issued
 * result is the positive outcome.
 */
export function resultTitles(results: readonly string[]): string[] {
  return results
    .filter((r) => !/từ chối.*(lý do|giải quyết)|nêu rõ lý do/u.test(norm(r)))
    .map((r) => norm(r.replace(/\([^)]*\)/g, ' ')).replace(/[\s,;.:]+$/u, '').replace(COPY_PREFIX, ''))
    .filter((t) => t.length >= 6);
}

/**
 * Whether a component asks for a paper that is one of these results: the component's name,
 * after "Bản sao"/"Bản chính", begins with the result's name ("Bản sao Giấy khai sinh (không
 * phải nộp …)" asks for a "Giấy khai sinh"). A declaration never does, even if it names the
 * paper ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân").
 */
export function resultFitsComponent(titles: readonly string[], componentName: string): boolean {
  if (componentKindOf(componentName) === 'declaration') return false;
  const n = norm(componentName).replace(COPY_PREFIX, '');
  // the paper's whole name: "giấy khai sinh" fits "giấy khai sinh của con", not "giấy khai sinhx"
  return titles.some((t) => n === t || (n.startsWith(t) && /^[\s,;(:]/u.test(n.slice(t.length))));
}
