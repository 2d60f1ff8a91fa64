// Online submission in Chromium, end to end: a citizen fills the tờ khai of Đăng ký khai sinh
// (1.001193) and of Đăng ký thường trú (1.004222), attaches the required papers (a PDF and a
// photo), reviews and submits, once with JavaScript (conditional fields hide and show, files go
// by tus with a progress bar) and once without (every field on the page, plain multipart form);
// then the commune's counter officer receives each dossier, the citizen downloads the Mẫu 01
// receipt, and anybody follows the code on the tracking page. Every page visited passes axe;
// pages seen without JavaScript are checked as they were served, in a page whose scripts are
// refused (axe itself needs JavaScript).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { samplePdf } from '../helpers/files';
import { attach, check, chooseAddress, downloadPdf, login, mainText, open, problemsOf, registerBirth as submitBirth, saveAndContinue, slotOf, startOnline, submit, summaryValue, toReview, type Site, type SubmittedDossier } from './flows';
import { launchBrowser, startServer, type Server } from './helpers';

let server: Server;
let browser: Browser;
let site: Site;
let dir: string;
const files: Record<'gcs' | 'idPhoto' | 'soDo' | 'soDoPhoto' | 'notPdf', string> = { gcs: '', idPhoto: '', soDo: '', soDoPhoto: '', notPdf: '' };

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-files-'));
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const photo = (r: number, g: number, b: number) => sharp({ create: { width: 320, height: 200, channels: 3, background: { r, g, b } } });
  files.gcs = write('giay-chung-sinh.pdf', samplePdf('Giấy chứng sinh'));
  files.idPhoto = write('can-cuoc.png', await photo(210, 190, 160).png().toBuffer());
  files.soDo = write('so-do.pdf', samplePdf('Giấy chứng nhận quyền sử dụng đất'));
  files.soDoPhoto = write('so-do-trang-2.jpg', await photo(230, 225, 210).jpeg().toBuffer());
  files.notPdf = write('giay-chung-sinh-gia.pdf', Buffer.from('Đây không phải tệp PDF, chỉ là chữ.\n'.repeat(20)));
  server = await startServer();
  browser = await launchBrowser();
  site = { browser, url: server.url };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Dossiers submitted by the tests below, for the desk, the receipt and the tracking page. */
const submitted: (SubmittedDossier & { received?: boolean })[] = [];

async function registerBirth(width: number, js: boolean): Promise<string> {
  const d = await submitBirth(site, width, js, files);
  submitted.push(d);
  return d.code;
}

async function registerResidence(width: number, js: boolean): Promise<string> {
  const page = await open(site, width, js);
  await login(page, 'congdan');
  await startOnline(page, '1.004222', 'Đăng ký thường trú', 'Tờ khai thay đổi thông tin cư trú (đăng ký thường trú)');
  assert.equal(await page.locator('#f-fullName').inputValue(), 'Nguyễn Văn An', 'prefilled from the profile');
  assert.equal(await page.locator('#f-birthDate').inputValue(), '14/08/1988');

  await chooseAddress(page, 'Nơi đề nghị đăng ký thường trú', 'Phường Lương Văn Tri', 'Số 12 đường Trần Đăng Ninh');
  assert.equal(await page.getByLabel('Nơi tiếp nhận hồ sơ').locator('option:checked').textContent(), 'Ủy ban nhân dân phường Lương Văn Tri', 'kept over the round trip');

  await page.getByRole('group', { name: 'Giới tính', exact: true }).first().getByLabel('Nam', { exact: true }).check();
  // the household head is asked for only when the declarant is not the head
  const laChuHo = page.getByRole('group', { name: 'Người kê khai có phải là chủ hộ không?' });
  const headName = page.getByLabel('Họ, chữ đệm và tên chủ hộ');
  if (js) {
    await headName.waitFor({ state: 'hidden' });
    await laChuHo.getByLabel('Có', { exact: true }).check();
    assert.ok(!(await headName.isVisible()));
    await laChuHo.getByLabel('Không', { exact: true }).check();
    await headName.waitFor({ state: 'visible' });
  } else {
    assert.ok(await headName.isVisible());
    assert.ok(await page.getByText('(chỉ điền nếu “Người kê khai có phải là chủ hộ không?” là “Không”)').first().isVisible());
    await laChuHo.getByLabel('Không', { exact: true }).check();
  }
  await headName.fill('Nguyễn Văn Bình');
  await page.getByLabel('Số định danh cá nhân của chủ hộ').fill('020060004321');
  await page.getByLabel('Quan hệ với chủ hộ', { exact: true }).first().selectOption({ label: 'Con' });
  await page.getByLabel(/^Về ở với vợ, chồng, cha, mẹ, con/).check();
  await page.getByLabel('Nội dung đề nghị').fill('Đề nghị đăng ký thường trú cho tôi và các thành viên hộ gia đình về ở cùng cha tôi.');

  // the first member, with the "other relation" detail that shows only for "Quan hệ khác"
  const first = page.getByRole('group', { name: 'Thành viên 1', exact: true });
  await first.getByLabel('Họ, chữ đệm và tên').fill('Trần Thị Mai');
  await first.getByLabel('Ngày sinh').fill('05/11/1990');
  await first.getByRole('group', { name: 'Giới tính' }).getByLabel('Nữ', { exact: true }).check();
  await first.getByLabel('Số định danh cá nhân').fill('001190054321');
  const detail = first.getByLabel('Ghi rõ quan hệ');
  if (js) await detail.waitFor({ state: 'hidden' });
  else assert.ok(await detail.isVisible());
  await first.getByLabel('Quan hệ với chủ hộ').selectOption({ label: 'Quan hệ khác' });
  if (js) await detail.waitFor({ state: 'visible' });
  await detail.fill('Con dâu');
  await check(page);

  // a second member: the page comes back from the server with an empty "Thành viên 2"
  await page.getByRole('button', { name: 'Thêm thành viên' }).click();
  const second = page.getByRole('group', { name: 'Thành viên 2', exact: true });
  await second.waitFor();
  assert.equal(await page.getByRole('group', { name: 'Thành viên 1', exact: true }).getByLabel('Họ, chữ đệm và tên').inputValue(), 'Trần Thị Mai', 'the first member is kept');
  assert.equal(await headName.inputValue(), 'Nguyễn Văn Bình');
  if (js) await headName.waitFor({ state: 'visible' });
  assert.ok(await page.getByRole('button', { name: 'Xóa thành viên 1' }).isVisible());
  await check(page);
  await second.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Minh Châu');
  await second.getByLabel('Ngày sinh').fill('20/01/2018');
  await second.getByRole('group', { name: 'Giới tính' }).getByLabel('Nữ', { exact: true }).check();
  await second.getByLabel('Số định danh cá nhân').fill('001318009876');
  await second.getByLabel('Quan hệ với chủ hộ').selectOption({ label: 'Cháu' });
  if (js) assert.ok(!(await second.getByLabel('Ghi rõ quan hệ').isVisible()));
  await saveAndContinue(page);

  // the proof of the home is required; its index is read from the page
  const { slot: home } = await slotOf(page, /^Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp/);
  assert.ok(await home.getByText('Bắt buộc', { exact: true }).isVisible());
  const choO = await attach(page, /^Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp/, [files.soDo, files.soDoPhoto]);
  assert.ok(choO > 0);
  await toReview(page);

  assert.equal((await summaryValue(page, 'Họ, chữ đệm và tên chủ hộ').textContent())?.trim(), 'Nguyễn Văn Bình');
  assert.equal((await summaryValue(page, 'Người kê khai có phải là chủ hộ không?').textContent())?.trim(), 'Không');
  for (const [n, name] of [
    [1, 'Trần Thị Mai'],
    [2, 'Nguyễn Minh Châu'],
  ] as const) {
    const card = page.locator('.govuk-summary-card').filter({ has: page.getByRole('heading', { name: `Thành viên ${n}`, exact: true }) });
    assert.equal((await summaryValue(card, 'Họ, chữ đệm và tên').textContent())?.trim(), name);
  }
  assert.equal((await summaryValue(page.locator('.govuk-summary-card').first(), 'Ghi rõ quan hệ').textContent())?.trim(), 'Con dâu');
  const attached = (await page.locator('.govuk-summary-list').last().textContent()) ?? '';
  assert.match(attached, /chứng minh việc sở hữu chỗ ở hợp pháp[\s\S]*so-do\.pdf[\s\S]*so-do-trang-2\.jpg/);

  const code = await submit(page);
  assert.match(await mainText(page), /“Đăng ký thường trú”/);
  assert.deepEqual(problemsOf(page), []);
  await page.context().close();
  submitted.push({ code, procedure: 'Đăng ký thường trú', personal: ['Nguyễn Văn An', 'Nguyễn Văn Bình', 'Trần Thị Mai', 'Nguyễn Minh Châu'], components: ['chứng minh việc sở hữu chỗ ở hợp pháp'], onReceipt: ['Giấy tờ, tài liệu chứng minh việc sở'] });
  return code;
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

describe('online submission in the browser', () => {
  test('Đăng ký khai sinh with JavaScript at 1280px: the father’s part shows on “Có”, files go by tus with a progress bar', async () => {
    await registerBirth(1280, true);
  });

  test('Đăng ký khai sinh without JavaScript at 360px: every field on the page, files by the plain form', async () => {
    await registerBirth(360, false);
  });

  test('Đăng ký thường trú without JavaScript at 360px: a second household member, the household head, the proof of the home', async () => {
    await registerResidence(360, false);
  });

  test('Đăng ký thường trú with JavaScript at 360px: the head’s fields show on “Không”, two files at once by tus', async () => {
    await registerResidence(360, true);
  });

  test('the commune’s counter officer receives each dossier from the queue and the appointment is set', async () => {
    assert.ok(submitted.length > 0, 'no dossier was submitted by the tests above');
    const desk = await open(site, 1280, true);
    await login(desk, 'motcuaxa');
    await desk.goto('/mot-cua/tiep-nhan');
    await desk.getByRole('heading', { level: 1, name: 'Hồ sơ chờ tiếp nhận', exact: true }).waitFor();
    await check(desk);
    for (const d of submitted) {
      const row = desk.getByRole('row').filter({ has: desk.getByRole('link', { name: d.code, exact: true }) });
      assert.match((await row.textContent()) ?? '', new RegExp(d.procedure));
      await desk.getByRole('link', { name: d.code, exact: true }).click();
      await desk.getByRole('heading', { level: 1, name: `Hồ sơ ${d.code}` }).waitFor();
      assert.equal((await summaryValue(desk, 'Tình trạng').textContent())?.trim(), 'Đã nộp, chờ bộ phận một cửa kiểm tra');
      const attachments = (await desk.getByRole('region', { name: 'Giấy tờ của hồ sơ' }).textContent()) ?? '';
      for (const c of d.components) assert.match(attachments, new RegExp(c), `the desk sees the file of “${c}”`);
      await check(desk);
      await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ và in giấy hẹn' }).click();
      await desk.getByText(`Đã tiếp nhận hồ sơ ${d.code}.`).waitFor();
      assert.equal((await summaryValue(desk, 'Tình trạng').textContent())?.trim(), 'Đã tiếp nhận');
      assert.ok(await summaryValue(desk, 'Hẹn trả kết quả').isVisible());
      assert.ok(await desk.getByRole('link', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).isVisible());
      await check(desk);
      await desk.goto('/mot-cua/tiep-nhan');
      await desk.getByRole('heading', { level: 1, name: 'Hồ sơ chờ tiếp nhận', exact: true }).waitFor();
      assert.equal(await desk.getByRole('link', { name: d.code, exact: true }).count(), 0, 'no longer waiting');
      d.received = true;
    }
    assert.deepEqual(problemsOf(desk), []);
    await desk.context().close();
  });

  test('the citizen downloads the receipt (Mẫu 01) of each received dossier from “Hồ sơ của tôi”', async () => {
    const received = submitted.filter((d) => d.received);
    assert.ok(received.length > 0, 'no dossier was received by the test above');
    const citizen = await open(site, 360, true);
    await login(citizen, 'congdan');
    await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await check(citizen);
    for (const d of received) {
      const card = citizen.getByRole('listitem').filter({ hasText: d.code });
      assert.match((await card.textContent()) ?? '', /Đã tiếp nhận/);
      // a link on the page must take a tap at once
      const receipt = await downloadPdf(card.getByRole('link', { name: 'Tải giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' }));
      assert.match(receipt.fileName, /\.pdf$/);
      assert.match(receipt.text, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
      assert.ok(receipt.text.includes(d.code), `the receipt carries ${d.code}`);
      // each component with files is listed, as an electronic copy
      for (const c of d.onReceipt) assert.match(receipt.text, new RegExp(`${c}.*Bản điện tử`), `the receipt lists “${c}” as received electronically`);
    }
    assert.deepEqual(problemsOf(citizen), []);
    await citizen.context().close();
  });

  test('anyone, not signed in, follows each code on the tracking page: received, and no personal name', async () => {
    const received = submitted.filter((d) => d.received);
    assert.ok(received.length > 0, 'no dossier was received by the tests above');
    const anyone = await open(site, 360, true);
    await anyone.goto('/tra-cuu-ho-so');
    await anyone.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await check(anyone);
    for (const d of received) {
      await anyone.getByLabel('Mã hồ sơ').fill(d.code);
      await anyone.getByRole('button', { name: 'Tra cứu' }).click();
      const result = anyone.getByRole('region', { name: `Hồ sơ ${d.code}` });
      await result.waitFor();
      assert.equal((await summaryValue(result, 'Thủ tục').textContent())?.trim(), d.procedure);
      assert.equal((await summaryValue(result, 'Tình trạng').textContent())?.trim(), 'Đã tiếp nhận');
      assert.ok(await summaryValue(result, 'Hẹn trả kết quả').isVisible());
      assert.equal(await summaryValue(result, 'Người nộp').count(), 0);
      const text = await mainText(anyone);
      for (const name of d.personal) assert.ok(!text.includes(name), `the tracking page shows no personal name (found “${name}”)`);
      await check(anyone);
    }
    assert.deepEqual(problemsOf(anyone), []);
    await anyone.context().close();
  });

  test('without JavaScript, a file that is not what it claims is refused and the files step says why', async () => {
    const page = await open(site, 360, false);
    await login(page, 'congdan');
    await page.goto('/nop-ho-so/1.001193');
    await page.getByText('Giấy tờ cần chuẩn bị').waitFor();
    await check(page);
    await page.getByRole('button', { name: /^Bắt đầu/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Tờ khai đăng ký khai sinh' }).waitFor();
    // straight to the files step of the new draft, whose page does not depend on the tờ khai
    await page.goto(`${page.url()}/tep`);
    await page.getByRole('heading', { level: 1, name: 'Đính kèm giấy tờ' }).waitFor();
    await check(page);
    const { slot } = await slotOf(page, /^Giấy chứng sinh/);
    await slot.getByLabel(/^Chọn tệp/).setInputFiles(files.notPdf);
    await slot.getByRole('button', { name: /^Tải lên/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Đính kèm giấy tờ' }).waitFor();
    // GOV.UK's pattern: the error summary, and the message beside the file input
    const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await summary.waitFor({ timeout: 5_000 }).catch(async () => {
      throw new Error(`the refused file is not reported on the files step (${page.url()}); its <main> reads: ${(await mainText(page)).replace(/\s+/g, ' ').slice(0, 400)}`);
    });
    assert.match((await summary.textContent()) ?? '', /giay-chung-sinh-gia\.pdf/);
    assert.match((await slot.locator('.govuk-error-message').textContent()) ?? '', /giay-chung-sinh-gia\.pdf/);
    assert.equal(await slot.getByRole('list', { name: /^Tệp đã đính kèm/ }).getByRole('listitem').count(), 0, 'nothing stored');
    await check(page);
    assert.deepEqual(problemsOf(page), []);
    await page.context().close();
  });

  test('the form editor’s preview follows the administrator’s typing, errors named by path', async () => {
    const page = await open(site, 1280, true);
    await login(page, 'quantri');
    await page.goto('/quan-tri/bieu-mau/1.001193');
    const preview = page.locator('#form-preview-area');
    await preview.getByRole('heading', { level: 2, name: 'Tờ khai đăng ký khai sinh' }).waitFor();
    const editor = page.getByLabel('Định nghĩa tờ khai (JSON)');
    const text = await editor.inputValue();
    // a new title appears in the preview without pressing a button
    await editor.fill(text.replace('"Tờ khai đăng ký khai sinh"', '"Tờ khai đăng ký khai sinh (thử)"'));
    await preview.getByRole('heading', { level: 2, name: 'Tờ khai đăng ký khai sinh (thử)' }).waitFor({ timeout: 5_000 });
    // broken JSON: the problem is shown in place of the preview
    await editor.fill(text.slice(0, 40));
    await preview.getByText(/Nội dung không phải JSON hợp lệ/).waitFor({ timeout: 5_000 });
    assert.equal(await preview.getByRole('heading', { level: 2, name: /^Tờ khai/ }).count(), 0, 'no preview of a broken definition');
    assert.deepEqual(problemsOf(page), []);
    await page.context().close();
  });
});
