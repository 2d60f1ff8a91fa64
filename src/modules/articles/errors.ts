import { NotFoundError } from '../../platform/errors';

/**
 * A draft, an article whose time has not come and an address that never existed all
 * answer with this same error, so the public cannot tell them apart.
 */
export class ArticleNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy bài viết này. Bài viết có thể chưa được đăng, đã được gỡ xuống, hoặc đường dẫn chưa đúng.');
  }
}

export const SLUG_TAKEN = { field: 'slug', message: 'Đường dẫn này đã được dùng cho bài viết khác' } as const;

export function unknownCodes(codes: string[]) {
  return { field: 'procedureCodes', message: `Không tìm thấy thủ tục có mã ${codes.join(', ')}` };
}

export const PUBLISH_AT_NEEDED = { field: 'publishAt', message: 'Nhập thời điểm đăng (dd/MM/yyyy HH:mm): bài viết này đang được đăng công khai' } as const;
