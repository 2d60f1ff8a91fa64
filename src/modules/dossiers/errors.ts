import { AppError, ConflictError, NotFoundError } from '../../platform/errors';

export class DossierNotFound extends NotFoundError {
  constructor(message = 'Không tìm thấy hồ sơ có mã này. Hãy kiểm tra lại mã hồ sơ trên giấy tiếp nhận hoặc tin nhắn.') {
    super(message);
  }
}

export class DossierChanged extends ConflictError {
  constructor() {
    super('dossier_changed', 'Hồ sơ vừa được cập nhật bởi người khác. Hãy tải lại trang để xem trạng thái mới nhất.');
  }
}

export class TransitionNotAllowed extends AppError {
  constructor(message: string) {
    super('transition_not_allowed', 409, message);
  }
}

export class NotOnline extends AppError {
  constructor() {
    super('not_online', 400, 'Thủ tục này chưa nhận hồ sơ trực tuyến. Vui lòng nộp trực tiếp hoặc qua bưu chính.', 'procedureCode');
  }
}
