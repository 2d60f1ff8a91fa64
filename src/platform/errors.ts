// The typed errors every module throws. One error handler (platform/http/errors.ts)
// turns them into a Vietnamese page or a JSON body {"error":{"code","field","message"}}.

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Input that breaks a rule; carries every field error so a form can show them all at once. */
export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    super('validation', 400, errors[0]?.message ?? 'Dữ liệu không hợp lệ', errors[0]?.field);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.') {
    super('not_found', 404, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Bạn cần đăng nhập để tiếp tục.') {
    super('unauthenticated', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.') {
    super('forbidden', 403, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, field?: string) {
    super(code, 409, message, field);
  }
}
