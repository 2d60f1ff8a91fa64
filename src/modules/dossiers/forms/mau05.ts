// Mẫu số 05, Thông tư 01/2018/TT-VPCP: Phiếu kiểm soát quá trình giải quyết hồ sơ. It travels
// with the dossier; every handover is a row: who gave it and when, who took it and when, and
// whether the step finished early, on time or late. The first row leaves the one-stop desk
// and the last row comes back to it.
import { renderPdf, type Content, type DocOptions } from '../../../platform/pdf/index';
import { DOTS, field, formRef, groupedHeader, header, moment, orDots, title, type IssuingUnit } from './common';

export type StepResult = 'Trước hạn' | 'Đúng hạn' | 'Quá hạn' | '';

export interface HandoverRow {
  /** e.g. "Chuyển hồ sơ đến Sở Tư pháp", "Thẩm định hồ sơ". */
  step: string;
  /** The unit or person handing over, e.g. "Bộ phận TN&TKQ – Lộc Thị Mai". */
  from: string;
  sentAt: Date;
  to: string;
  /** Not yet received: left blank for the hand. */
  receivedAt?: Date;
  result: StepResult;
  note?: string;
}

export interface Mau05Data {
  code: string;
  /** The one-stop unit that opens the sheet. */
  unit: IssuingUnit;
  issuedAt?: Date;
  applicantName?: string;
  matter?: string;
  /** Cơ quan (bộ phận) chủ trì giải quyết hồ sơ. */
  leadAgency: string;
  /** Cơ quan phối hợp giải quyết hồ sơ. */
  cooperatingAgencies: string[];
  rows: HandoverRow[];
}

/** "08 giờ 30 phút" over "ngày 02/03/2026", so the column can stay narrow. */
function when(at: Date | undefined): string {
  return moment(at).replace(', ngày', '\nngày');
}

function party(name: string, at: Date | undefined, signer: string): Content {
  return {
    stack: [
      { text: orDots(name), bold: true },
      { text: when(at) },
      { text: signer, italics: true, fontSize: 9, margin: [0, 2, 0, 18] },
    ],
  };
}

export function mau05Doc(d: Mau05Data): DocOptions {
  const head = groupedHeader([
    { label: 'TT' },
    { label: 'Bước xử lý' },
    { label: 'Thời gian giao, nhận hồ sơ', sub: ['Giao', 'Nhận'] },
    { label: 'Kết quả giải quyết hồ sơ (Trước hạn/ Đúng hạn/ Quá hạn)' },
    { label: 'Ghi chú' },
  ]);
  const body = d.rows.map((r, i) => [
    { text: String(i + 1), alignment: 'center' },
    { text: orDots(r.step) },
    party(r.from, r.sentAt, 'Người giao (ký)'),
    party(r.to, r.receivedAt, 'Người nhận (ký)'),
    { text: r.result, alignment: 'center' },
    { text: r.note ?? '' },
  ]);
  const empty = [[{ text: DOTS, colSpan: 6, alignment: 'center' }, {}, {}, {}, {}, {}]];
  return {
    title: `Phiếu kiểm soát quá trình giải quyết hồ sơ – ${d.code}`,
    content: [
      formRef('control'),
      header(d.unit, { number: null, date: d.issuedAt }),
      ...title('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'),
      { text: ['Mã hồ sơ: ', { text: d.code, bold: true }], alignment: 'center', margin: [0, 0, 0, 8] },
      ...(d.applicantName !== undefined ? [field('Hồ sơ của', d.applicantName)] : []),
      ...(d.matter !== undefined ? [field('Nội dung yêu cầu giải quyết', d.matter)] : []),
      field('Cơ quan (bộ phận) giải quyết hồ sơ', d.leadAgency, { bold: true }),
      field('Cơ quan phối hợp giải quyết hồ sơ', d.cooperatingAgencies.filter((a) => a.trim()).join('; ')),
      {
        table: { headerRows: 2, dontBreakRows: true, widths: [20, '*', 110, 110, 70, 62], body: [...head, ...(body.length ? body : empty)] },
        fontSize: 11,
        margin: [0, 8, 0, 0],
      },
    ],
  };
}

export async function renderMau05(data: Mau05Data): Promise<Buffer> {
  return renderPdf(mau05Doc(data));
}
