// Demo catalogue: the real procedures of seed/procedures, published, with blank form
// templates generated as PDFs for the components that have an official form.
import { type Procedure, saveProcedure, SYSTEM_ACTOR } from '../src/modules/catalogue';
import type { Db } from '../src/platform/db/connect';
import { nationalHeader, renderPdf } from '../src/platform/pdf';
import type { BlobStore } from '../src/platform/storage';
import { demoProcedures } from './procedures';

/** Templates are generated for these procedures only, to keep a fresh start quick. */
const WITH_TEMPLATES = new Set(['1.001193', '1.004222', '2.000815', '1.000894', '1.001612']);

async function blankForm(p: Procedure, componentName: string): Promise<Buffer> {
  const line = (label: string) => ({ text: `${label}: ${'.'.repeat(Math.max(10, 90 - label.length))}`, margin: [0, 4, 0, 0] });
  return renderPdf({
    title: componentName,
    footer: `Mẫu dùng cho thủ tục ${p.code} – ${p.name}`,
    content: [
      nationalHeader({ agency: '', place: '............' }),
      { text: componentName.toUpperCase(), style: 'title' },
      { text: `(Dùng cho thủ tục: ${p.name})`, style: 'subtitle' },
      { text: 'Kính gửi: ' + '.'.repeat(80), margin: [0, 0, 0, 8] },
      line('Họ, chữ đệm, tên người yêu cầu'),
      line('Ngày, tháng, năm sinh'),
      line('Số định danh cá nhân (CCCD)'),
      line('Nơi cư trú'),
      line('Số điện thoại'),
      line('Nội dung yêu cầu'),
      { text: 'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.', margin: [0, 12, 0, 0] },
      { columns: [{ text: '' }, { stack: [{ text: 'Làm tại: ........, ngày .... tháng .... năm ......', italics: true, alignment: 'center' }, { text: 'Người yêu cầu', bold: true, alignment: 'center', margin: [0, 6, 0, 0] }, { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center' }] }], margin: [0, 16, 0, 0] },
      { text: 'Mẫu do Cổng Dịch vụ công tạo để minh họa; khi nộp hồ sơ, dùng mẫu ban hành kèm văn bản pháp luật được nêu ở mục Căn cứ pháp lý.', style: 'small', italics: true, margin: [0, 24, 0, 0] },
    ],
  });
}

/**
 * When the demo's first version of a procedure is said to have been saved: its publication
 * decision, else the day its first tier period starts, but not before 2021 (the demo's
 * online levels are not plausible earlier) nor after today. Reports on past years read the
 * catalogue's versions by date, so this gives them figures instead of nothing.
 */
export function firstVersionDay(p: Procedure, today: string): string {
  const starts = p.tierHistory.map((t) => t.validFrom).sort();
  const from = p.publicationDecision?.date ?? starts[0] ?? today;
  const day = from < '2021-01-01' ? '2021-01-01' : from;
  return day > today ? today : day;
}

export async function seedCatalogue(db: Db, blobs: BlobStore | undefined): Promise<void> {
  const deps = { db };
  const today = new Date().toISOString().slice(0, 10);
  for (const p of demoProcedures) {
    await saveProcedure(deps, SYSTEM_ACTOR, p, { publish: true, summary: 'Dữ liệu mẫu' });
    const id = db.selectFrom('procedures').select('id').where('code', '=', p.code);
    await db
      .updateTable('procedureVersions')
      .set({ changedAt: new Date(`${firstVersionDay(p, today)}T00:00:00+07:00`) })
      .where('procedureId', 'in', id)
      .where('version', '=', 1)
      .execute();
  }
  if (!blobs) return;
  for (const p of demoProcedures.filter((x) => WITH_TEMPLATES.has(x.code))) {
    const row = await db.selectFrom('procedures').select('id').where('code', '=', p.code).executeTakeFirstOrThrow();
    for (const c of p.components.filter((x) => x.templateFile)) {
      const blob = await blobs.put(await blankForm(p, c.name));
      const fileName = (c.templateFile as string).replace(/\.[a-z0-9]+$/i, '') + '.pdf';
      await db
        .insertInto('procedureTemplates')
        .values({ procedureId: row.id, componentCode: c.code, fileName, contentType: 'application/pdf', sizeBytes: blob.size, sha256: blob.sha256, uploadedBy: null })
        .execute();
    }
  }
}
