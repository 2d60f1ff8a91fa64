import { AppError, ConflictError, NotFoundError } from '../../platform/errors';
import type { FieldError } from './model';

export class ProcedureNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy thủ tục hành chính này. Có thể mã thủ tục không đúng, hoặc thủ tục chưa được công bố.');
  }
}

export class ProcedureChanged extends ConflictError {
  constructor() {
    super('procedure_changed', 'Thủ tục vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.');
  }
}

export class DuplicateCode extends ConflictError {
  constructor(code: string) {
    super('duplicate_code', `Mã thủ tục ${code} đã có trong danh mục.`, 'code');
  }
}

/** An import refused whole, with the problems of every row. */
export class ImportRejected extends AppError {
  constructor(readonly rows: { row: number; sheet: string; errors: FieldError[] }[]) {
    super('import_rejected', 400, `Tệp nhập có ${rows.length} dòng lỗi; chưa có thay đổi nào được áp dụng.`);
  }
}
