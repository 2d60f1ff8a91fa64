// Mẫu số 01, Thông tư 01/2018/TT-VPCP: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, the receipt
// handed to the applicant when the one-stop desk accepts a dossier.
import { renderPdf, type DocOptions } from '../../../platform/pdf/index';
import { qrWithCaption } from '../../../platform/pdf/qr';
import { applicantLines, field, formRef, header, moment, orDots, signatures, table, title, type Applicant, type IssuingUnit } from './common';

export interface ReceivedComponent {
  /** Tên loại giấy tờ, e.g. "Tờ khai đăng ký khai sinh". */
  name: string;
  /** Hình thức, as text: "Bản chính", "Bản sao có chứng thực", "Bản sao", "Bản chụp"… */
  form: string;
  quantity: number;
  note?: string;
}

export interface Mau01Data {
  /** Mã hồ sơ. */
  code: string;
  /** Số of the receipt, if the unit numbers them. */
  number?: string;
  unit: IssuingUnit;
  receivedAt: Date;
  dueAt: Date;
  applicant: Applicant;
  /** Nội dung yêu cầu giải quyết: the procedure's name. */
  matter: string;
  components: ReceivedComponent[];
  /** Số bộ hồ sơ. */
  sets: number;
  /** Thời gian giải quyết theo quy định, e.g. "10 ngày làm việc". */
  processingTime: string;
  logbook: { book: string; serial: string | number };
  /** "Nhận trực tiếp tại …", "Qua dịch vụ bưu chính", "Trực tuyến". */
  resultChannel: string;
  /** The link encoded in the QR code, e.g. https://dichvucong.langson.gov.vn/tra-cuu-ho-so?ma=… */
  trackingUrl: string;
  officer: { name: string };
  /** Who signs as NGƯỜI NỘP HỒ SƠ when it is not the applicant (an organisation's representative). */
  submittedBy?: string;
  /** 0021: "Người nộp … nộp thay cho …", printed under the applicant when someone submitted for them. */
  representation?: string;
  /** "(Liên: …)" under the code, e.g. "Lưu" or "Giao người nộp hồ sơ". */
  copyFor?: string;
}

export function mau01Doc(d: Mau01Data): DocOptions {
  const site = new URL(d.trackingUrl).host;
  return {
    title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả – ${d.code}`,
    content: [
      formRef('receipt'),
      header(d.unit, { number: d.number, date: d.receivedAt }),
      ...title('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'),
      { text: ['Mã hồ sơ: ', { text: d.code, bold: true }], alignment: 'center' },
      ...(d.copyFor ? [{ text: `(Liên: ${d.copyFor})`, alignment: 'center', italics: true }] : []),
      { text: '', margin: [0, 0, 0, 4] },
      field('Bộ phận tiếp nhận và trả kết quả', d.unit.name),
      ...applicantLines(d.applicant),
      ...(d.representation ? [{ text: d.representation }] : []),
      field('Nội dung yêu cầu giải quyết', d.matter, { bold: true }),
      { text: '1. Thành phần hồ sơ nộp gồm:', margin: [0, 4, 0, 0] },
      table(
        [
          { header: 'TT', width: 26, align: 'center' },
          { header: 'Tên loại giấy tờ', width: '*' },
          { header: 'Hình thức (bản chính, bản sao, bản chụp)', width: 110, align: 'center' },
          { header: 'Số lượng', width: 50, align: 'center' },
          { header: 'Ghi chú', width: 80 },
        ],
        d.components.map((c, i) => [i + 1, c.name, orDots(c.form), c.quantity, c.note?.trim() ? c.note : '']),
      ),
      { text: `2. Số lượng hồ sơ: ${orDots(d.sets)} (bộ)` },
      { text: `3. Thời gian giải quyết hồ sơ theo quy định là: ${orDots(d.processingTime)}` },
      { text: `4. Thời gian nhận hồ sơ: ${moment(d.receivedAt)}` },
      { text: ['5. Thời gian trả kết quả giải quyết hồ sơ: ', { text: moment(d.dueAt), bold: true }] },
      { text: `6. Đăng ký nhận kết quả tại: ${orDots(d.resultChannel)}` },
      { text: `7. Tra cứu tình trạng hồ sơ tại ${site} bằng mã hồ sơ ${d.code}, hoặc quét mã QR:` },
      qrWithCaption(d.trackingUrl),
      { text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${orDots(d.logbook.book)}, Số thứ tự: ${orDots(d.logbook.serial)}`, margin: [0, 4, 0, 0] },
      signatures([
        { role: 'NGƯỜI NỘP HỒ SƠ', name: d.submittedBy ?? d.applicant.name },
        { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.officer.name },
      ]),
    ],
  };
}

export async function renderMau01(data: Mau01Data): Promise<Buffer> {
  return renderPdf(mau01Doc(data));
}
