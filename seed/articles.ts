// Demo guidance articles: a citizen's guide to this portal, a step-by-step guide for one
// procedure, questions and answers, two news items and one draft. Written for citizens.
//
// Confidence of the facts (tags as in DOMAIN.md):
// - online levels toàn trình / một phần: NĐ 42/2022/NĐ-CP, khoản 1 Điều 11 [C];
// - results and dossiers in electronic form have legal effect, documents already held in
//   national databases are not asked for again: NĐ 45/2020/NĐ-CP [C for the decree, wording U];
// - receiving dossiers and returning results through the public postal service:
//   QĐ 45/2016/QĐ-TTg, postage paid by the applicant [C];
// - a supplement is asked for once, in full [C as the widely stated rule];
// - birth registration within 60 days of birth, free of charge when on time: Luật Hộ tịch
//   2014, Điều 11 and Điều 15 [C]; same day, after 15:00 the next working day [S];
// - reception within the province regardless of the commune of residence, from 01/07/2025,
//   NĐ 118/2025/NĐ-CP [S];
// - national portal hotline 18001096 [S: check before real use];
// - the provincial centre's address and telephone are the demo organisation's (seed/org.ts) [U].
import type { Transaction } from 'kysely';
import { type ArticleForm, importArticle } from '../src/modules/articles';
import type { DB } from '../src/platform/db/schema';

export interface DemoArticle extends ArticleForm {
  status: 'draft' | 'published';
}

const CITIZEN_GUIDE = `Cổng Dịch vụ công của tỉnh giúp bạn tìm hiểu thủ tục hành chính, nộp hồ sơ trực tuyến, theo dõi hồ sơ và nhận kết quả mà không phải đi lại nhiều lần. Bài này hướng dẫn từng bước, từ lúc đăng ký tài khoản đến khi nhận kết quả.

## 1. Chuẩn bị trước khi bắt đầu

- Một chiếc điện thoại thông minh hoặc máy tính có kết nối Internet.
- Số điện thoại di động hoặc địa chỉ thư điện tử (email) đang dùng: cổng gửi mã hồ sơ và thông báo về hồ sơ vào đây.
- Căn cước công dân (hoặc căn cước) của bạn.
- Giấy tờ của thủ tục bạn định làm, đã chụp hoặc quét (scan) rõ nét. Xem mục 4 về cách chuẩn bị giấy tờ.

## 2. Đăng ký tài khoản

1. Mở trang [Đăng ký](/dang-ky) (nút **Đăng ký** ở góc trên bên phải của mọi trang).
2. Chọn **Công dân** nếu bạn làm thủ tục cho bản thân, gia đình; chọn **Tổ chức, doanh nghiệp** nếu bạn làm thủ tục cho một tổ chức.
3. Nhập họ và tên đúng như trên căn cước (với tổ chức: tên đầy đủ của tổ chức).
4. Nhập số điện thoại hoặc thư điện tử. Đây cũng là tên đăng nhập của bạn.
5. Đặt mật khẩu có ít nhất 8 ký tự. Nên dùng một cụm từ dễ nhớ với bạn nhưng người khác khó đoán, và không dùng lại mật khẩu của tài khoản khác.
6. Bấm **Đăng ký**. Nếu có thông tin chưa đúng, trang sẽ báo lỗi ngay ở đầu trang và bên cạnh ô cần sửa; các thông tin đã nhập vẫn được giữ lại.

Lần sau, bạn chỉ cần vào trang [Đăng nhập](/dang-nhap) và nhập số điện thoại (hoặc thư điện tử) cùng mật khẩu. Nếu nhập sai mật khẩu nhiều lần, tài khoản sẽ tạm khóa trong ít phút để bảo vệ bạn.

> Không bao giờ đưa mật khẩu cho người khác, kể cả người tự xưng là cán bộ. Cán bộ không bao giờ hỏi mật khẩu của bạn.

Bạn cũng có thể nộp hồ sơ trên [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn) bằng tài khoản định danh điện tử VNeID.

## 3. Tìm thủ tục bạn cần

1. Mở trang [Thủ tục hành chính](/thu-tuc) hoặc dùng ô tìm kiếm ở trang chủ.
2. Gõ vài từ trong tên thủ tục, **có dấu hay không dấu đều được**: ví dụ "khai sinh", "dang ky ket hon", "chứng thực".
3. Nếu có nhiều kết quả, hãy lọc theo cấp thực hiện (tỉnh, xã), lĩnh vực, cơ quan giải quyết hoặc mức độ trực tuyến.
4. Mở thủ tục để đọc đầy đủ: trình tự thực hiện, thành phần hồ sơ, thời hạn giải quyết, phí và lệ phí, cơ quan giải quyết, kết quả bạn sẽ nhận được. Các mẫu đơn, tờ khai có thể tải về ngay trên trang thủ tục.

## 4. Toàn trình hay một phần: có phải đến cơ quan không?

Theo Nghị định 42/2022/NĐ-CP, dịch vụ công trực tuyến có hai mức:

| Mức | Bạn làm trên mạng | Có phải đến cơ quan? |
|---|---|---|
| **Toàn trình** | Nộp hồ sơ, theo dõi, thanh toán phí (nếu có) và nhận kết quả | Không. Kết quả được trả trực tuyến hoặc gửi qua bưu chính công ích |
| **Một phần** | Nộp hồ sơ và theo dõi trực tuyến | Có ít nhất một bước làm trực tiếp |

Thủ tục "một phần" thường là những thủ tục mà pháp luật yêu cầu người dân có mặt (ví dụ hai bên cùng ký khi đăng ký kết hôn), phải xuất trình bản chính để đối chiếu (ví dụ chứng thực bản sao từ bản chính), hoặc cơ quan phải kiểm tra thực địa. Trang của mỗi thủ tục ghi rõ mức độ và bước nào phải làm trực tiếp.

Thủ tục chưa có dịch vụ trực tuyến thì bạn vẫn đọc được hướng dẫn, tải mẫu đơn về điền sẵn, rồi nộp tại Bộ phận Một cửa hoặc gửi qua bưu điện.

## 5. Chuẩn bị giấy tờ

- Đọc kỹ mục **Thành phần hồ sơ** của thủ tục. Mỗi giấy tờ ghi rõ cần **bản chính**, **bản sao có chứng thực** hay **bản chụp**, và bao nhiêu bản.
- Chụp hoặc quét mỗi giấy tờ thành một tệp PDF hoặc ảnh JPG: đủ bốn góc, không bị lóa, chữ đọc được. Nên đặt tên tệp theo tên giấy tờ, ví dụ "giay-chung-sinh.pdf".
- Những thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư (họ tên, ngày sinh, nơi cư trú…) hoặc giấy tờ đã có trong Kho quản lý dữ liệu điện tử của bạn thì trong nhiều trường hợp không phải nộp lại. Biểu mẫu điện tử sẽ cho biết khi nào được dùng lại.
- Nếu thủ tục cần điền tờ khai, bạn điền trực tiếp trên biểu mẫu điện tử khi nộp, không cần in.

## 6. Nộp hồ sơ trực tuyến

1. Đăng nhập, mở trang thủ tục và bấm **Nộp hồ sơ trực tuyến**.
2. Điền biểu mẫu, đính kèm các tệp giấy tờ.
3. Chọn cách nhận kết quả: trực tuyến, tại Bộ phận Một cửa, hoặc qua dịch vụ bưu chính công ích (giao tận nhà).
4. Kiểm tra lại toàn bộ thông tin ở bước cuối rồi bấm **Nộp hồ sơ**.
5. Bạn nhận được **mã hồ sơ** trên màn hình và qua tin nhắn hoặc thư điện tử. Hãy ghi lại mã này.

Cán bộ một cửa sẽ kiểm tra hồ sơ. Khi hồ sơ đầy đủ, hợp lệ, hồ sơ được tiếp nhận và **thời hạn giải quyết bắt đầu được tính từ lúc đó**; bạn nhận được giấy tiếp nhận có ngày hẹn trả kết quả. Hồ sơ nộp ngoài giờ làm việc hoặc vào ngày nghỉ được xem xét tiếp nhận trong ngày làm việc tiếp theo.

## 7. Theo dõi hồ sơ bằng mã hồ sơ

- Không cần đăng nhập: mở trang [Tra cứu hồ sơ](/tra-cuu-ho-so) và nhập mã hồ sơ.
- Khi đã đăng nhập: mục **Hồ sơ của tôi** liệt kê mọi hồ sơ của bạn.

Các trạng thái thường gặp: *chờ tiếp nhận*, *đã tiếp nhận*, *đang giải quyết*, *yêu cầu bổ sung*, *có kết quả*, *đã trả kết quả*. Nếu cơ quan cần thêm giấy tờ, bạn nhận được **một** thông báo nêu đầy đủ những gì cần bổ sung và lý do; cơ quan chỉ được yêu cầu bổ sung một lần. Nếu hồ sơ có thể bị trễ hẹn, cơ quan phải gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.

## 8. Thanh toán phí, lệ phí

- Nhiều thủ tục không mất phí. Trang thủ tục ghi rõ mức phí, lệ phí và trường hợp được miễn, giảm.
- Với thủ tục có phí, bạn thanh toán trực tuyến ngay khi nộp hoặc khi được thông báo, qua nền tảng thanh toán trên Cổng Dịch vụ công quốc gia (tài khoản ngân hàng, thẻ hoặc ví điện tử).
- Sau khi thanh toán, bạn nhận **biên lai điện tử**, xem lại được trong hồ sơ.
- Chỉ nộp tiền theo số tiền ghi trên cổng. Không chuyển tiền vào tài khoản cá nhân của bất kỳ ai.

## 9. Nhận kết quả, kể cả qua bưu điện

- **Trực tuyến**: kết quả điện tử có chữ ký số của cơ quan, có giá trị pháp lý như bản giấy, được lưu vào Kho quản lý dữ liệu điện tử của bạn để dùng cho những lần sau.
- **Tại Bộ phận Một cửa**: mang theo căn cước và giấy tiếp nhận (hoặc mã hồ sơ).
- **Qua dịch vụ bưu chính công ích**: bưu điện giao kết quả đến địa chỉ bạn đăng ký. Cước bưu chính do bạn trả theo giá của bưu điện, tách biệt với phí, lệ phí của thủ tục. Khi nhận, hãy kiểm tra phong bì còn nguyên và xuất trình giấy tờ tùy thân cho nhân viên bưu điện. Bạn cũng có thể gửi hồ sơ giấy, bản chính cần đối chiếu qua bưu điện thay vì mang đến.

## 10. Khi cần hỗ trợ

- **Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn**: Số 2 đường Hùng Vương, phường Lương Văn Tri. Điện thoại: 0205 3812 345.
- **Bộ phận Một cửa của Ủy ban nhân dân xã, phường** nơi bạn ở: hỗ trợ trực tiếp, kể cả hướng dẫn nộp hồ sơ trực tuyến ngay tại quầy.
- **Tổng đài hỗ trợ Cổng Dịch vụ công quốc gia**: 18001096.

Giờ làm việc: 07:30–11:30 và 13:00–17:00, từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ). Xem thêm các câu hỏi thường gặp trong mục [Hỏi đáp](/huong-dan?loai=hoi_dap).`;

const BIRTH_GUIDE = `Cha, mẹ có trách nhiệm đăng ký khai sinh cho con **trong thời hạn 60 ngày kể từ ngày sinh**. Đăng ký đúng hạn thì **không mất lệ phí**. Việc đăng ký do Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ thực hiện.

## Giấy tờ cần chuẩn bị

- **Tờ khai đăng ký khai sinh**: điền trực tiếp trên biểu mẫu điện tử khi nộp trực tuyến.
- **Giấy chứng sinh** do cơ sở y tế nơi trẻ sinh ra cấp (bản chụp rõ nét). Nếu không có giấy chứng sinh, cần văn bản của người làm chứng xác nhận việc sinh; trẻ bị bỏ rơi thì cần biên bản xác nhận việc trẻ bị bỏ rơi.
- **Giấy chứng nhận kết hôn** của cha mẹ, nếu cha mẹ đã đăng ký kết hôn (trường hợp thông tin kết hôn chưa có trong cơ sở dữ liệu hộ tịch điện tử).
- **Văn bản ủy quyền** theo quy định, nếu người đi đăng ký không phải cha hoặc mẹ của trẻ.

## Các bước nộp trực tuyến

1. [Đăng nhập](/dang-nhap) (chưa có tài khoản thì [đăng ký](/dang-ky) trước).
2. Tìm thủ tục **Đăng ký khai sinh** (mã 1.001193) trong trang [Thủ tục hành chính](/thu-tuc) và bấm **Nộp hồ sơ trực tuyến**.
3. Điền tờ khai, đính kèm giấy chứng sinh và các giấy tờ khác nếu có.
4. Chọn cách nhận kết quả: bản điện tử, tại Bộ phận Một cửa, hoặc qua bưu điện.
5. Nộp hồ sơ và ghi lại mã hồ sơ.

## Thời hạn và kết quả

Hồ sơ hợp lệ được giải quyết ngay trong ngày; hồ sơ tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo. Kết quả là **Giấy khai sinh** (bản chính) và số định danh cá nhân của trẻ.

## Làm cùng lúc ba việc cho trẻ dưới 6 tuổi

Trên Cổng Dịch vụ công quốc gia có dịch vụ liên thông **đăng ký khai sinh – đăng ký thường trú – cấp thẻ bảo hiểm y tế** cho trẻ dưới 6 tuổi: bạn chỉ nộp một bộ hồ sơ và nhận cả ba kết quả.

Cần hỗ trợ? Xem mục "Khi cần hỗ trợ" trong bài [Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến](/huong-dan/huong-dan-dang-ky-tai-khoan-va-su-dung-dich-vu-cong-truc-tuyen).`;

const FAQ = `### Tôi không nhớ mật khẩu thì làm thế nào?

Hãy liên hệ Trung tâm Phục vụ hành chính công tỉnh (điện thoại 0205 3812 345) hoặc Bộ phận Một cửa xã, phường nơi bạn ở, mang theo căn cước, để được hỗ trợ đặt lại mật khẩu. Cán bộ không bao giờ hỏi mật khẩu cũ của bạn.

### Nộp hồ sơ trực tuyến rồi, tôi có còn phải đến cơ quan không?

Tùy mức độ của thủ tục. Với thủ tục **toàn trình**, bạn không phải đến: kết quả được trả trực tuyến hoặc gửi qua bưu điện. Với thủ tục **một phần**, có ít nhất một bước làm trực tiếp, ví dụ ký vào sổ hoặc xuất trình bản chính; trang thủ tục và thông báo tiếp nhận hồ sơ ghi rõ bạn cần đến đâu, mang theo gì.

### Tôi nộp hồ sơ vào buổi tối hoặc ngày nghỉ thì thời hạn tính từ khi nào?

Hồ sơ nộp ngoài giờ làm việc được xem xét tiếp nhận trong ngày làm việc tiếp theo. Thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận đầy đủ, hợp lệ, không tính từ lúc bấm nộp. Ngày hẹn trả kết quả ghi trên giấy tiếp nhận.

### Vì sao hồ sơ của tôi bị yêu cầu bổ sung? Có bị yêu cầu nhiều lần không?

Khi hồ sơ còn thiếu hoặc chưa đúng, cơ quan gửi **một** thông báo nêu đầy đủ các giấy tờ, nội dung cần bổ sung và lý do. Cơ quan chỉ được yêu cầu bổ sung một lần. Bạn bổ sung ngay trên cổng, trong mục hồ sơ của mình.

### Hồ sơ của tôi đã quá ngày hẹn nhưng chưa có kết quả?

Cơ quan giải quyết phải gửi văn bản xin lỗi, nêu lý do và hẹn lại ngày trả kết quả. Nếu chưa nhận được, hãy gọi cho Trung tâm Phục vụ hành chính công hoặc gửi phản ánh, kèm mã hồ sơ.

### Kết quả điện tử có dùng được như bản giấy không?

Có. Kết quả điện tử có chữ ký số của cơ quan có giá trị pháp lý như bản giấy và được lưu trong Kho quản lý dữ liệu điện tử của bạn, dùng lại được cho các thủ tục sau.

### Tôi có thể nộp hồ sơ ở xã, phường khác với nơi tôi ở không?

Từ ngày 01/07/2025, nhiều thủ tục được tiếp nhận không phụ thuộc vào địa giới hành chính trong tỉnh: bạn có thể nộp tại Trung tâm Phục vụ hành chính công hoặc Bộ phận Một cửa thuận tiện nhất, hồ sơ sẽ được chuyển đến cơ quan có thẩm quyền. Trang thủ tục ghi rõ nơi tiếp nhận.

### Gửi và nhận hồ sơ qua bưu điện thì trả tiền thế nào?

Cước bưu chính do bạn trả cho bưu điện theo giá dịch vụ, tách biệt với phí, lệ phí của thủ tục. Phí, lệ phí nộp trực tuyến trên cổng hoặc theo hướng dẫn trong thông báo của cơ quan.

### Đăng ký khai sinh có mất phí không?

Đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh) được miễn lệ phí. Xem [hướng dẫn đăng ký khai sinh trực tuyến](/huong-dan/huong-dan-dang-ky-khai-sinh-truc-tuyen).`;

const REFORM_NEWS = `Từ ngày 01/07/2025, tỉnh Lạng Sơn vận hành mô hình chính quyền địa phương hai cấp: cấp tỉnh và cấp xã (xã, phường). Cấp huyện kết thúc hoạt động.

## Người dân nộp hồ sơ ở đâu?

- Các thủ tục trước đây do Ủy ban nhân dân huyện, thành phố giải quyết nay được chuyển về **Ủy ban nhân dân xã, phường** hoặc về **các cơ quan cấp tỉnh**, tùy từng lĩnh vực. Trang của mỗi thủ tục trên cổng đã được cập nhật cấp thực hiện và cơ quan giải quyết mới.
- Bộ phận Một cửa của xã, phường mới và **Trung tâm Phục vụ hành chính công tỉnh** tiếp tục tiếp nhận hồ sơ trực tiếp; cổng dịch vụ công tiếp nhận hồ sơ trực tuyến mọi lúc.

## Hồ sơ đã nộp trước ngày 01/07/2025

Hồ sơ đã nộp vẫn được tiếp tục giải quyết và trả kết quả; bạn tra cứu tình trạng bằng mã hồ sơ như trước. Cơ quan tiếp nhận sẽ thông báo nếu nơi trả kết quả thay đổi.

Xem danh sách cơ quan hiện hành tại trang [Cơ quan](/co-quan).`;

const PORTAL_NEWS = `Cổng Dịch vụ công tỉnh Lạng Sơn có giao diện mới, được thiết kế trước hết cho **điện thoại di động**:

- trang nhẹ, mở nhanh cả khi sóng yếu;
- tìm thủ tục không cần gõ dấu và vẫn tìm ra khi gõ sai chính tả nhẹ;
- mọi trang đều dùng được với trình đọc màn hình và bàn phím;
- hướng dẫn và hỏi đáp cho người dân trong mục [Hướng dẫn](/huong-dan).

Bắt đầu bằng bài [Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến](/huong-dan/huong-dan-dang-ky-tai-khoan-va-su-dung-dich-vu-cong-truc-tuyen).`;

const PAYMENT_DRAFT = `*Bản nháp, đang chờ xác nhận quy trình với cơ quan tài chính.*

## Các cách thanh toán

- Tài khoản ngân hàng (Internet Banking, ứng dụng ngân hàng).
- Thẻ ngân hàng nội địa hoặc quốc tế.
- Ví điện tử được nền tảng thanh toán hỗ trợ.

## Sau khi thanh toán

Biên lai điện tử được gửi vào hồ sơ của bạn.`;

export const demoArticles: DemoArticle[] = [
  {
    title: 'Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến',
    slug: '',
    category: 'huong_dan',
    summary: 'Từng bước: đăng ký tài khoản, tìm thủ tục, chuẩn bị giấy tờ, nộp hồ sơ, theo dõi bằng mã hồ sơ, thanh toán và nhận kết quả qua bưu điện.',
    body: CITIZEN_GUIDE,
    publishAt: '15/07/2025 08:00',
    procedureCodes: '',
    status: 'published',
  },
  {
    title: 'Hướng dẫn đăng ký khai sinh trực tuyến',
    slug: '',
    category: 'huong_dan',
    summary: 'Giấy tờ cần chuẩn bị, các bước nộp trên cổng, thời hạn và kết quả; đăng ký đúng hạn không mất lệ phí.',
    body: BIRTH_GUIDE,
    publishAt: '22/07/2025 08:00',
    procedureCodes: '1.001193',
    status: 'published',
  },
  {
    title: 'Hỏi đáp về nộp hồ sơ và nhận kết quả trực tuyến',
    slug: 'hoi-dap-nop-ho-so-truc-tuyen',
    category: 'hoi_dap',
    summary: 'Quên mật khẩu, nộp ngoài giờ, yêu cầu bổ sung, trễ hẹn, kết quả điện tử, nộp ở xã khác, bưu điện và lệ phí khai sinh.',
    body: FAQ,
    publishAt: '01/08/2025 08:00',
    procedureCodes: '1.001193\n1.000894\n2.000815',
    status: 'published',
  },
  {
    title: 'Từ ngày 01/07/2025: chính quyền địa phương hai cấp, người dân nộp hồ sơ ở đâu?',
    slug: 'tu-01-07-2025-chinh-quyen-dia-phuong-hai-cap',
    category: 'tin_tuc',
    summary: 'Cấp huyện kết thúc hoạt động; thủ tục chuyển về xã, phường hoặc cấp tỉnh; hồ sơ đã nộp vẫn được giải quyết.',
    body: REFORM_NEWS,
    publishAt: '01/07/2025 07:00',
    procedureCodes: '',
    status: 'published',
  },
  {
    title: 'Cổng Dịch vụ công của tỉnh có giao diện mới, dễ dùng trên điện thoại',
    slug: '',
    category: 'tin_tuc',
    summary: 'Trang nhẹ, tìm thủ tục không cần gõ dấu, dùng được với trình đọc màn hình.',
    body: PORTAL_NEWS,
    publishAt: '10/07/2025 09:00',
    procedureCodes: '',
    status: 'published',
  },
  {
    title: 'Hướng dẫn thanh toán phí, lệ phí trực tuyến',
    slug: '',
    category: 'huong_dan',
    summary: 'Các cách thanh toán và biên lai điện tử.',
    body: PAYMENT_DRAFT,
    publishAt: '',
    procedureCodes: '',
    status: 'draft',
  },
];

/**
 * Loads the demo articles inside seedDemo's transaction. Links to procedures are made for
 * the codes already in the catalogue; run it after the catalogue's demo data to get them all.
 */
export async function seedArticles(trx: Transaction<DB>): Promise<void> {
  const author = await trx.selectFrom('accounts').select('id').where('username', '=', 'quantri').executeTakeFirst();
  for (const { status, ...form } of demoArticles) {
    await importArticle(trx, form, { status, authorId: author?.id ?? null });
  }
}
