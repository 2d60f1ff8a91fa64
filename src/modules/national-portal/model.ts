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
