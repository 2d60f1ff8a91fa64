import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DossierComponent } from '../catalogue';
import { AttachmentSlots } from './components';
import type { DraftFile } from './model';

const draftId = '7d3c6a0e-6f1e-4a53-9d38-1b2b3c4d5e6f';
const components: DossierComponent[] = [
  { code: 'TK', name: 'Tờ khai <b>đăng ký</b> khai sinh', form: 'ban_chinh', quantity: 1, required: true, templateFile: 'to-khai.docx' },
  { code: 'GCS', name: 'Giấy chứng sinh', form: 'ban_chinh', quantity: 1, required: false, note: 'Bản chụp rõ nét' },
];
const file: DraftFile = {
  id: '0b0c2f7e-1111-4a53-9d38-1b2b3c4d5e6f',
  draftId,
  componentIndex: 0,
  sha256: 'a'.repeat(64),
  fileName: '<script>alert(1)</script>.pdf',
  mime: 'application/pdf',
  size: 1_258_291,
  pages: 2,
  reusedFrom: null,
  createdAt: new Date(),
};

async function render(errors: { field: string; message: string }[] = []): Promise<string> {
  return String(await AttachmentSlots({ draftId, components, files: [file], csrfToken: () => 'tok', errors }));
}

test('each component gets a plain multipart form that works without JavaScript', async () => {
  const html = await render();
  const forms = html.match(/<form method="post" enctype="multipart\/form-data" action="\/ho-so-nhap\/[^"]+\/tep"/g) ?? [];
  assert.equal(forms.length, 2);
  assert.match(html, /<input type="hidden" name="componentIndex" value="1"\/?>/);
  assert.match(html, /<input type="hidden" name="_csrf" value="tok"\/?>/);
  assert.match(html, /class="govuk-file-upload" id="f-files-0" name="files" type="file" multiple accept="application\/pdf,\.pdf,image\/jpeg,image\/png,\.jpg,\.jpeg,\.png,[^"]*\.docx"/);
  assert.match(html, /data-tus-endpoint="\/tai-len\/"/);
  assert.match(html, /<progress max="100" value="0"><\/progress>/);
});

test('a slot says whether it is required, what it takes and how big', async () => {
  const html = await render();
  assert.match(html, /Bắt buộc/);
  assert.match(html, /Không bắt buộc/);
  assert.match(html, /Nhận tệp PDF, JPG, PNG hoặc Word \(DOCX\), tối đa 10 MB mỗi tệp/);
  assert.match(html, /Bản chụp rõ nét/);
});

test('stored files are listed with their size and a remove button', async () => {
  const html = await render();
  assert.match(html, new RegExp(`href="/ho-so-nhap/${draftId}/tep/${file.id}"`));
  assert.match(html, /\(1,2 MB\)/);
  assert.match(html, new RegExp(`action="/ho-so-nhap/${draftId}/tep/${file.id}/xoa"`));
});

test('names typed by people are escaped', async () => {
  const html = await render();
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, />&lt;script>alert\(1\)&lt;\/script>\.pdf</);
  assert.match(html, /<span>Tờ khai &lt;b>đăng ký&lt;\/b> khai sinh<\/span>/);
});

test('a refusal is shown at its slot, linked from the error summary by id', async () => {
  const html = await render([{ field: 'files-1', message: 'Tệp “x.pdf” cho thành phần “Giấy chứng sinh” không phải PDF, JPG hoặc PNG.' }]);
  assert.match(html, /<p id="f-files-1-error" class="govuk-error-message"[^>]*>.*không phải PDF, JPG hoặc PNG\./s);
  assert.match(html, /class="govuk-file-upload govuk-file-upload--error" id="f-files-1"/);
  assert.match(html, /aria-describedby="f-files-1-hint f-files-1-error"/);
});
