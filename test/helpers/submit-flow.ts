// One online submission through the real pages, as a citizen's browser without JavaScript does
// it: start a draft, fill the birth registration, attach the birth certificate, review, submit.
// Shared by the crash test and the submission benchmark.
import type { HttpClient } from './http-client';
import { samplePdf } from './files';

export const KHAI_SINH_ANSWERS: Record<string, string> = {
  requesterName: 'Nguyễn Văn An',
  requesterIdNumber: '020088001234',
  requesterPhone: '0912345678',
  requesterEmail: '',
  'requesterAddress[provinceCode]': 'ubnd-tinh',
  'requesterAddress[communeCode]': 'p-luong-van-tri',
  'requesterAddress[detail]': 'Số 12 đường Trần Đăng Ninh',
  relationship: 'cha',
  relationshipDetail: '',
  childName: 'Nguyễn Minh Khang',
  childGender: 'nam',
  childBirthDate: '02/11/2026',
  childBirthPlace: 'Bệnh viện Đa khoa tỉnh Lạng Sơn',
  childHometown: 'Xã Đình Lập, tỉnh Lạng Sơn',
  childEthnicity: 'Tày',
  childNationality: 'Việt Nam',
  motherName: 'Lương Thị Hoa',
  motherBirthYear: '1995',
  motherEthnicity: 'Nùng',
  motherNationality: 'Việt Nam',
  'motherAddress[provinceCode]': 'ubnd-tinh',
  'motherAddress[communeCode]': 'p-luong-van-tri',
  'motherAddress[detail]': 'Số 12 đường Trần Đăng Ninh',
  coCha: 'false',
  banSao: 'false',
};

/** The general request form (forms/definitions/general-request.ts) filled for a walk-in applicant. */
export const GENERAL_REQUEST_ANSWERS: Record<string, string> = {
  fullName: 'Hà Thị Năm',
  idNumber: '020199004321',
  phone: '0987654321',
  'address[provinceCode]': 'ubnd-tinh',
  'address[communeCode]': 'p-luong-van-tri',
  'address[detail]': 'Thôn Bản Chu',
  request: 'Đề nghị giải quyết theo hồ sơ gửi qua bưu điện.',
};

function expect(res: { status: number; body: string }, status: number, step: string): void {
  if (res.status !== status) throw new Error(`${step}: expected ${status}, got ${res.status}: ${res.body.slice(0, 500)}`);
}

export interface Attachment {
  componentIndex: number;
  name: string;
  bytes: Buffer;
}

/**
 * Runs the whole flow and returns the dossier code, which the server acknowledged with its
 * redirect to the confirmation page. Throws on any unexpected answer (or a dropped connection).
 */
export const BIRTH_FILES: Attachment[] = [
  { componentIndex: 1, name: 'giay-chung-sinh.pdf', bytes: samplePdf('Giay chung sinh') },
  { componentIndex: 5, name: 'can-cuoc.pdf', bytes: samplePdf('Can cuoc') },
];

export async function submitBirthRegistration(c: HttpClient, files: Attachment[] = BIRTH_FILES): Promise<string> {
  await c.get('/nop-ho-so/1.001193');
  const start = await c.post('/nop-ho-so/1.001193', {});
  expect(start, 303, 'start');
  const path = start.location!;
  const form = await c.get(path);
  expect(form, 200, 'form');
  const unit = /<option value="([0-9a-f-]{36})"[^>]*>Ủy ban nhân dân phường Lương Văn Tri/.exec(form.body)?.[1];
  if (!unit) throw new Error('no receiving unit offered');
  expect(await c.post(path, { ...KHAI_SINH_ANSWERS, receivingUnitId: unit, _action: 'continue' }), 303, 'form step');
  const draftId = path.split('/').pop()!;
  for (const f of files) {
    const body = new FormData();
    body.append('_csrf', c.lastCsrf ?? '');
    body.append('componentIndex', String(f.componentIndex));
    body.append('files', new Blob([f.bytes]), f.name);
    expect(await c.postMultipart(`/ho-so-nhap/${draftId}/tep`, body), 303, 'upload');
  }
  await c.get(`${path}/tep`);
  expect(await c.post(`${path}/tep/tiep-tuc`, {}), 303, 'files step');
  const review = await c.get(`${path}/kiem-tra`);
  const key = /name="key" value="([^"]+)"/.exec(review.body)?.[1];
  if (!key) throw new Error('no submission key on the review page');
  const done = await c.post(`${path}/nop`, { key });
  expect(done, 303, 'submit');
  const m = /^\/nop-ho-so\/da-nop\/(.+)$/.exec(done.location ?? '');
  if (!m) throw new Error(`submit redirected to ${done.location}`);
  return decodeURIComponent(m[1]!);
}
