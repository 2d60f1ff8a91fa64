// Mẫu số 04, Thông tư 01/2018/TT-VPCP: Phiếu xin lỗi và hẹn lại ngày trả kết quả. The agency
// whose fault made the dossier late apologises in writing and sets a new date; its head signs.
import { renderPdf, type DocOptions } from '../../../platform/pdf/index';
import { day, formRef, header, moment, orDots, signatures, title, type IssuingUnit } from './common';

export interface Mau04Data {
  number?: string;
  /** The agency at fault; it issues and signs the sheet. */
  unit: IssuingUnit;
  issuedAt: Date;
  /** Kính gửi: the applicant (person or organisation). */
  addressee: string;
  code: string;
  matter: string;
  receivedAt: Date;
  /** The appointment on the receipt (Mẫu 01). */
  originalDueAt: Date;
  reason: string;
  newDueAt: Date;
  /** Replaces the standard apology sentence. */
  apology?: string;
  /** The head of the agency, e.g. { position: 'GIÁM ĐỐC', name: 'Lương Văn Quân' }; "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" when a deputy signs. */
  signatory: { position: string; name: string };
  /** Nơi nhận, under the text on the left. */
  recipients?: string[];
}

export function mau04Doc(d: Mau04Data): DocOptions {
  const apology =
    d.apology?.trim() ||
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${d.unit.name} thành thật xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào ${moment(d.newDueAt)}.`;
  return {
    title: `Phiếu xin lỗi và hẹn lại ngày trả kết quả – ${d.code}`,
    content: [
      formRef('apology'),
      header(d.unit, { number: d.number, date: d.issuedAt }),
      ...title('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'),
      { text: ['Kính gửi: ', { text: orDots(d.addressee), bold: true }], alignment: 'center', margin: [0, 0, 0, 10] },
      {
        text: [
          `Ngày ${day(d.receivedAt)}, ${d.unit.name} tiếp nhận hồ sơ đề nghị giải quyết thủ tục `,
          { text: orDots(d.matter), bold: true },
          ` của Ông/Bà; mã hồ sơ: `,
          { text: d.code, bold: true },
          '.',
        ],
        margin: [0, 0, 0, 4],
      },
      { text: `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${moment(d.originalDueAt)}.`, margin: [0, 0, 0, 4] },
      { text: `Tuy nhiên đến nay, ${d.unit.name} chưa trả kết quả giải quyết hồ sơ của Ông/Bà, lý do: ${orDots(d.reason)}`, margin: [0, 0, 0, 4] },
      { text: apology, margin: [0, 0, 0, 4] },
      { text: ['Thời gian hẹn trả kết quả mới: ', { text: moment(d.newDueAt), bold: true }, '.'], margin: [0, 0, 0, 4] },
      { text: 'Rất mong nhận được sự thông cảm của Ông/Bà./.' },
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
              ...(d.recipients?.length ? d.recipients : ['- Như trên;', '- Lưu: VT.']).map((r) => ({ text: r, fontSize: 11 })),
            ],
            margin: [0, 12, 0, 0],
          },
          { width: '*', stack: [signatures([{ role: d.signatory.position.toUpperCase(), hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: d.signatory.name }])] },
        ],
        unbreakable: true,
      },
    ],
  };
}

export async function renderMau04(data: Mau04Data): Promise<Buffer> {
  return renderPdf(mau04Doc(data));
}
