import type { PageContext } from '../../platform/http/context';
import { Layout } from '../../web/layout';
import { ROLE_LABELS } from '../accounts';
import { ProcedureCards, type SearchHit } from '../catalogue';

export function HomePage({ ctx, popular }: { ctx: PageContext; popular: SearchHit[] }) {
  return (
    <Layout ctx={ctx} title="Trang chủ">
      <h1 class="govuk-heading-xl">Dịch vụ công trực tuyến</h1>
      <form method="get" action="/thu-tuc" role="search" class="mc-search">
        <label class="govuk-label govuk-label--m" for="f-q">
          Tìm thủ tục hành chính
        </label>
        <div class="govuk-hint" id="f-q-hint">
          Gõ có dấu hoặc không dấu, ví dụ: khai sinh, dang ky ket hon
        </div>
        <div class="mc-search__row">
          <input class="govuk-input mc-search__input" id="f-q" name="q" type="search" aria-describedby="f-q-hint" autocomplete="off" />
          <button type="submit" class="govuk-button mc-search__button">
            Tìm kiếm
          </button>
        </div>
      </form>
      {popular.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Thủ tục được dùng nhiều</h2>
          <ProcedureCards items={popular} />
          <p class="govuk-body">
            <a class="govuk-link" href="/thu-tuc">
              Xem tất cả thủ tục
            </a>
          </p>
        </>
      ) : (
        ''
      )}
      <h2 class="govuk-heading-m">Bạn có thể</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>tìm thủ tục và đọc đầy đủ hướng dẫn, thành phần hồ sơ, thời hạn và lệ phí;</li>
        <li>tải mẫu đơn, tờ khai;</li>
        <li>nộp hồ sơ trực tuyến, thanh toán phí và nhận kết quả tại nhà;</li>
        <li>tra cứu tình trạng hồ sơ bằng mã hồ sơ, bất kỳ lúc nào.</li>
      </ul>
      <h2 class="govuk-heading-m">Công khai kết quả giải quyết</h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/thong-ke">
            Tình hình giải quyết hồ sơ theo cơ quan, đơn vị
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/bao-cao/phu-luc/1">
            Thủ tục, dịch vụ công trực tuyến đang triển khai (Phụ lục I–IV)
          </a>
        </li>
      </ul>
      <h2 class="govuk-heading-m">Mức độ dịch vụ công trực tuyến</h2>
      <p class="govuk-body">
        <strong>Toàn trình</strong>: nộp hồ sơ, thanh toán và nhận kết quả đều trên mạng (hoặc nhận kết quả qua bưu chính công ích), không cần đến cơ
        quan. <strong>Một phần</strong>: nộp hồ sơ trực tuyến, nhưng có bước phải thực hiện trực tiếp. Theo Nghị định 42/2022/NĐ-CP.
      </p>
    </Layout>
  );
}

export function BackofficeHome({ ctx, unitName }: { ctx: PageContext; unitName: string | undefined }) {
  const actor = ctx.actor!;
  return (
    <Layout ctx={ctx} title="Quản lý" wide>
      <span class="govuk-caption-l" safe>
        {`${ROLE_LABELS[actor.role]}${unitName ? ` – ${unitName}` : ''}`}
      </span>
      <h1 class="govuk-heading-l">Trang làm việc</h1>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/tai-khoan">
            Tài khoản của tôi
          </a>
        </li>
        {actor.role === 'admin' ? (
          <>
            <li>
              <a class="govuk-link" href="/quan-tri/thu-tuc">
                Danh mục thủ tục hành chính
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/quan-tri/bieu-mau">
                Tờ khai điện tử
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/quan-tri/quy-trinh">
                Quy trình nội bộ giải quyết thủ tục
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/quan-tri/lich">
                Lịch nghỉ và giờ làm việc
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/quan-tri/to-chuc">
                Cơ cấu tổ chức theo thời điểm
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/quan-tri/bai-viet">
                Bài viết hướng dẫn
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/quan-tri/lien-thong-quoc-gia">
                Liên thông Cổng Dịch vụ công quốc gia
              </a>
            </li>
          </>
        ) : (
          ''
        )}
        {actor.role === 'counter' || actor.role === 'specialist' || actor.role === 'leader' ? (
          <li>
            <a class="govuk-link" href="/mot-cua/xu-ly">
              Hồ sơ cần xử lý
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'counter' ? (
          <li>
            <a class="govuk-link" href="/mot-cua/tiep-nhan">
              Hồ sơ chờ tiếp nhận, nhập hồ sơ nhận trực tiếp
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'counter' ? (
          <li>
            <a class="govuk-link" href="/mot-cua/giay-hen.pdf">
              In tất cả giấy hẹn đã cấp hôm nay (PDF)
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'counter' || actor.role === 'leader' ? (
          <li>
            <a class="govuk-link" href="/mot-cua/so-theo-doi">
              Sổ theo dõi hồ sơ (Mẫu 06)
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'counter' || actor.role === 'specialist' || actor.role === 'leader' ? (
          <li>
            <a class="govuk-link" href="/mot-cua/tre-han">
              Hồ sơ, bước xử lý trễ hạn theo đơn vị
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'leader' || actor.role === 'auditor' || actor.role === 'admin' ? (
          <li>
            <a class="govuk-link" href="/bao-cao">
              Báo cáo, thống kê (biểu đồ, chỉ số QĐ 766, phụ lục)
            </a>
          </li>
        ) : (
          ''
        )}
        {actor.role === 'admin' || actor.role === 'auditor' ? (
          <li>
            <a class="govuk-link" href="/kiem-tra/nhat-ky">
              Nhật ký hệ thống
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </Layout>
  );
}
