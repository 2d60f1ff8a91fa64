import { ConflictError, NotFoundError } from '../../platform/errors';

export class ReviewNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy đợt rà soát hoặc danh sách rà soát này.');
  }
}

export class ReviewExists extends ConflictError {
  constructor(year: number) {
    super('review_exists', `Năm rà soát: đã mở rà soát năm ${year}; mỗi năm chỉ mở một lần.`, 'year');
  }
}

/** Someone changed the list since the actor loaded it: of two people acting at once, one wins. */
export class ListChanged extends ConflictError {
  constructor() {
    super('review_list_changed', 'Danh sách vừa được người khác thay đổi hoặc xử lý. Hãy tải lại trang để xem bản mới nhất rồi thao tác lại.');
  }
}

export class MoveNotAllowed extends ConflictError {
  constructor(message: string) {
    super('review_move_not_allowed', message);
  }
}
