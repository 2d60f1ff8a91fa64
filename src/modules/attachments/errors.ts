// The attachments module's errors: each with a stable code, the field it concerns and a
// Vietnamese message the citizen can act on.
import { AppError, NotFoundError } from '../../platform/errors';
import { type Refusal, slotField } from './model';

/** A file that was not accepted for a slot: wrong type, empty, too large, infected… */
export class AttachmentRefused extends AppError {
  constructor(
    readonly componentIndex: number,
    readonly refusal: Refusal,
  ) {
    super(refusal.code, refusal.status, refusal.message, slotField(componentIndex));
    this.name = 'AttachmentRefused';
  }
}

/** The draft does not exist or is not the caller's: the same answer, so nothing leaks. */
export class DraftNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy bản nháp hồ sơ này. Có thể hồ sơ đã được nộp hoặc bản nháp đã bị xóa; xem mục “Hồ sơ của tôi”.');
  }
}

export class AttachmentNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy tệp này. Có thể tệp đã bị xóa.');
  }
}

export class NoSuchComponent extends AppError {
  constructor(index: unknown) {
    super('no_such_component', 400, `Thủ tục không có thành phần hồ sơ số ${String(index)}. Hãy tải lại trang rồi chọn tệp cho đúng thành phần.`, 'componentIndex');
  }
}

/** clamd did not answer: nothing is accepted unscanned. */
export class ScanUnavailable extends AppError {
  constructor() {
    super('scan_unavailable', 503, 'Hệ thống chưa kiểm tra được mã độc cho tệp này nên chưa nhận tệp. Vui lòng thử lại sau ít phút.');
  }
}

/** The draft's files changed between preparing them and submitting: submit again. */
export class AttachmentsChanged extends AppError {
  constructor() {
    super('attachments_changed', 409, 'Các tệp đính kèm vừa thay đổi trong lúc nộp hồ sơ nên hồ sơ chưa được nộp. Hãy kiểm tra lại các tệp rồi bấm nộp lại.');
  }
}
