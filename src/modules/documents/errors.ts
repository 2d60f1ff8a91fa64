import { AppError, ConflictError, NotFoundError } from '../../platform/errors';

export class DocumentNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy văn bản nào có mã xác thực này. Hãy kiểm tra lại mã in dưới mã QR trên văn bản.');
  }
}

export class AlreadyRevoked extends ConflictError {
  constructor() {
    super('document_revoked', 'Văn bản này đã bị thu hồi trước đó.');
  }
}

/** The key of the issuing unit is not available (production without SIGNING_P12_DIR, or no file for the unit). */
export class SigningFailed extends AppError {
  constructor(readonly detail: string) {
    super('signing_unavailable', 503, 'Không ký số được văn bản: chưa có chứng thư số của cơ quan ban hành. Liên hệ quản trị hệ thống.');
  }
}
