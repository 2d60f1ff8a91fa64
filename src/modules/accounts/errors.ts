import { AppError, ConflictError } from '../../platform/errors';

export class LoginFailed extends AppError {
  constructor(message = 'Tên đăng nhập hoặc mật khẩu không đúng.') {
    super('login_failed', 401, message, 'login');
  }
}

export class AccountLocked extends AppError {
  constructor(until: string) {
    super('account_locked', 423, `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${until}, hoặc liên hệ bộ phận một cửa để được hỗ trợ.`, 'login');
  }
}

export class ContactTaken extends ConflictError {
  constructor() {
    super('contact_taken', 'Số điện thoại hoặc thư điện tử này đã được dùng cho một tài khoản khác. Hãy đăng nhập, hoặc dùng thông tin khác.', 'contact');
  }
}
