// The national portal link's pure rules: when to try again, what the states and items are called.

export type OutboxState = 'waiting' | 'sent' | 'failed';
export type OutboxKind = 'dossier_event' | 'online_level';

export const OUTBOX_STATES: readonly OutboxState[] = ['waiting', 'sent', 'failed'];

export const STATE_LABELS: Record<OutboxState, string> = {
  waiting: 'Đang chờ gửi',
  sent: 'Đã gửi',
  failed: 'Gửi không thành công',
};

export const KIND_LABELS: Record<OutboxKind, string> = {
  dossier_event: 'Trạng thái hồ sơ',
  online_level: 'Mức độ dịch vụ công trực tuyến',
};

/** The dossier event types, as the administrator reads them. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: 'Nộp hồ sơ',
  resubmitted: 'Nộp lại hồ sơ',
  accepted: 'Tiếp nhận',
  completion_requested: 'Yêu cầu bổ sung khi tiếp nhận',
  rejected: 'Từ chối tiếp nhận',
  withdrawn: 'Rút hồ sơ',
  handed_over: 'Chuyển xử lý',
  consulted: 'Có ý kiến phối hợp',
  sent_for_approval: 'Trình ký',
  sent_back: 'Trả lại dự thảo',
  shipment_accepted: 'Bưu điện nhận chuyển phát',
  supplement_requested: 'Yêu cầu bổ sung khi thụ lý',
  supplement_received: 'Nhận hồ sơ bổ sung',
  approved: 'Có kết quả',
  refused: 'Không giải quyết',
  delivered: 'Trả kết quả',
  rated: 'Đánh giá mức độ hài lòng',
  apology: 'Văn bản xin lỗi, hẹn lại',
  cancelled: 'Hủy hồ sơ',
};

export interface RetryPolicy {
  /** Seconds before the first retry; doubled after each failure up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Attempts in all before an item is marked failed for an administrator to resend. */
  maxAttempts: number;
}

/**
 * 5 s, 10 s, 20 s … then every 15 minutes, 20 attempts in all: about three and a half hours,
 * so a portal that is down for an hour loses nothing and needs nobody.
 */
export const DEFAULT_RETRY: RetryPolicy = { baseDelaySeconds: 5, maxDelaySeconds: 900, maxAttempts: 20 };

/** Seconds to wait after the given (1-based) failed attempt. */
export function retryDelaySeconds(policy: RetryPolicy, attempts: number): number {
  const n = Math.max(1, attempts);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(n - 1, 30));
}

/** After a failed attempt: try again later, or give up and wait for an administrator. */
export function afterFailure(policy: RetryPolicy, attempts: number, retryable: boolean): { state: 'waiting'; delaySeconds: number } | { state: 'failed' } {
  if (!retryable || attempts >= policy.maxAttempts) return { state: 'failed' };
  return { state: 'waiting', delaySeconds: retryDelaySeconds(policy, attempts) };
}

// ---- Inbound dossiers' files ----

/** One file of an inbound dossier, decoded: its name as sent and its bytes. */
export interface InboundFile {
  name: string;
  bytes: Buffer;
}

/** A problem with the files of an inbound dossier: the field (files[i], the component) and why. */
export interface InboundFileProblem {
  field: string;
  message: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Files per component accepted in one request (the web form takes 10 per post). */
export const MAX_INBOUND_FILES_PER_COMPONENT = 20;

/**
 * The request's "files": an array aligned with the procedure's components (files[i] holds the
 * files of the i-th component, [] or null for none), each file {"name", "content": base64}.
 * Answers the files per component index, or the first problem, naming the component; a
 * required component without a file is a problem.
 */
export function parseInboundFiles(raw: unknown, components: readonly { name: string; required: boolean }[]): { files: Map<number, InboundFile[]> } | { problem: InboundFileProblem } {
  const files = new Map<number, InboundFile[]>();
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) return { problem: { field: 'files', message: 'Mục files phải là một mảng, mỗi phần tử là danh sách tệp của một thành phần hồ sơ theo thứ tự của thủ tục.' } };
  const list = (raw ?? []) as unknown[];
  if (list.length > components.length) return { problem: { field: 'files', message: `Thủ tục chỉ có ${components.length} thành phần hồ sơ nhưng yêu cầu gửi tệp cho ${list.length} thành phần.` } };
  for (const [i, c] of components.entries()) {
    const field = `files[${i}]`;
    const entry = list[i];
    if (entry !== undefined && entry !== null && !Array.isArray(entry)) return { problem: { field, message: `Tệp của thành phần “${c.name}” phải là một mảng các tệp {name, content}.` } };
    const items = (entry ?? []) as unknown[];
    if (items.length > MAX_INBOUND_FILES_PER_COMPONENT) return { problem: { field, message: `Thành phần “${c.name}” có quá ${MAX_INBOUND_FILES_PER_COMPONENT} tệp.` } };
    const out: InboundFile[] = [];
    for (const [j, item] of items.entries()) {
      const f = (item && typeof item === 'object' ? item : {}) as { name?: unknown; content?: unknown };
      const name = typeof f.name === 'string' ? f.name.trim() : '';
      if (name === '' || name.length > 255) return { problem: { field, message: `Tệp thứ ${j + 1} của thành phần “${c.name}” thiếu tên tệp (name) hoặc tên dài quá 255 ký tự.` } };
      const content = typeof f.content === 'string' ? f.content.replace(/\s+/g, '') : '';
      if (content === '' || content.length % 4 !== 0 || !BASE64.test(content)) return { problem: { field, message: `Tệp “${name}” của thành phần “${c.name}” không có nội dung hoặc nội dung không phải base64 hợp lệ.` } };
      out.push({ name, bytes: Buffer.from(content, 'base64') });
    }
    if (out.length > 0) files.set(i, out);
    else if (c.required) return { problem: { field, message: `Thiếu tệp đính kèm cho thành phần hồ sơ bắt buộc “${c.name}”.` } };
  }
  return { files };
}
