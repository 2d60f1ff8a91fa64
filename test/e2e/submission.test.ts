// Online submission in Chromium, end to end: a citizen fills the tờ khai of Đăng ký khai sinh
// (1.001193) and of Đăng ký thường trú (1.004222), attaches the required papers (a PDF and a
// photo), reviews and submits, once with JavaScript (conditional fields hide and show, files go
// by tus with a progress bar) and once without (every field on the page, plain multipart form);
// then the commune's counter officer receives each dossier, the citizen downloads the Mẫu 01
// receipt, and anybody follows the code on the tracking page. Every page visited passes axe;
// pages seen without JavaScript are checked as they were served, in a page whose scripts are
// refused (axe itself needs JavaScript).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { samplePdf } from '../helpers/files';
import { checkPage, launchBrowser, newContext, startServer, type Server } from './helpers';

let server: Server;
let browser: Browser;
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
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Pages, and their checks
// ---------------------------------------------------------------------------------------

/** Pages opened without JavaScript, and what went wrong in each page (script errors, missing assets, server errors). */
const withoutScript = new WeakSet<Page>();
const problems = new WeakMap<Page, string[]>();

async function open(width: number, js: boolean): Promise<Page> {
  const context = await newContext(browser, width, { javaScriptEnabled: js });
  const page = await context.newPage();
  if (!js) withoutScript.add(page);
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (err) => seen.push(`script error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500 || (res.status() >= 400 && new URL(res.url()).pathname.startsWith('/static/'))) seen.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return page;
}

function problemsOf(page: Page): string[] {
  return problems.get(page) ?? [];
}

/** One JavaScript-enabled context per width, to run axe on pages seen without JavaScript. */
const checkers = new Map<number, BrowserContext>();
after(async () => {
  for (const c of checkers.values()) await c.close();
});

/**
 * axe (and no horizontal scrolling) on the page as it is now. A page seen without JavaScript is
 * loaded again from its own markup in a page that refuses every script, so that axe checks what
 * a citizen without JavaScript gets (all conditional fields shown, plain upload forms).
 */
async function check(page: Page): Promise<void> {
  if (!withoutScript.has(page)) return checkPage(page);
  const html = await page.content();
  const url = page.url();
  const width = page.viewportSize()?.width ?? 1280;
  let context = checkers.get(width);
  if (!context) {
    context = await newContext(browser, width);
    checkers.set(width, context);
  }
  const mirror = await context.newPage();
  await mirror.route('**/*', (route) => {
    const req = route.request();
    if (req.isNavigationRequest() && req.frame() === mirror.mainFrame()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (req.resourceType() === 'script') return route.abort();
    return route.continue();
  });
  try {
    await mirror.goto(url);
    await checkPage(mirror);
  } catch (err) {
    throw new Error(`(page seen without JavaScript) ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await mirror.close();
  }
}

async function login(page: Page, user: string, password = 'demo1234') {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** A date n days ago in Vietnam, as the form takes it (27/03/2019). */
function daysAgo(n: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() - n * 86_400_000));
}

/** The value cell of a summary list row, by its key. */
function summaryValue(scope: Page | Locator, key: string): Locator {
  const page = 'mainFrame' in scope ? scope : scope.page();
  const term = page.locator('dt', { hasText: new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  return scope.locator('.govuk-summary-list__row').filter({ has: term }).locator('.govuk-summary-list__value');
}

/** The text of a page's <main>. */
async function mainText(page: Page): Promise<string> {
  return (await page.getByRole('main').textContent()) ?? '';
}

/** Picks a province, asks the server for its communes (a submit, with or without JavaScript) and picks the commune. */
async function chooseAddress(page: Page, group: string, commune: string, detail: string) {
  const fieldset = page.getByRole('group', { name: group, exact: true });
  await fieldset.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Lạng Sơn' });
  await fieldset.getByRole('button', { name: 'Hiện danh sách xã, phường' }).click();
  const communes = page.getByRole('group', { name: group, exact: true }).getByLabel('Xã, phường, đặc khu');
  await communes.locator('option', { hasText: commune }).waitFor({ state: 'attached' });
  await check(page);
  await communes.selectOption({ label: commune });
  await page.getByRole('group', { name: group, exact: true }).getByLabel('Số nhà, đường, thôn, tổ dân phố').fill(detail);
}

/** The attachment slot of a component (a region named by its heading) and its component index. */
async function slotOf(page: Page, name: RegExp): Promise<{ slot: Locator; index: number }> {
  const slot = page.getByRole('region', { name });
  const index = Number(await slot.getAttribute('data-component-index'));
  assert.ok(Number.isInteger(index) && index >= 0, `component index of ${name}`);
  return { slot, index };
}

/**
 * Attaches files to a slot with its "Tải lên" button. With JavaScript they go by tus (the page
 * stays, the progress bar shows and ends at 100%, each stored file joins the list from the
 * server's answer); without, the form posts and the page comes back with the file listed.
 */
async function attach(page: Page, name: RegExp, paths: string[]): Promise<number> {
  const { slot, index } = await slotOf(page, name);
  const fileNames = paths.map((p) => path.basename(p));
  await slot.getByLabel(/^Chọn tệp/).setInputFiles(paths);
  if (withoutScript.has(page)) {
    await slot.getByRole('button', { name: /^Tải lên/ }).click();
    await page.getByText(`Đã đính kèm ${paths.length} tệp cho thành phần`).waitFor();
  } else {
    await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
    const tusPatches: string[] = [];
    const onRequest = (req: { url(): string; method(): string }) => {
      if (new URL(req.url()).pathname.startsWith('/tai-len/') && req.method() === 'PATCH') tusPatches.push(req.url());
    };
    page.on('request', onRequest);
    await slot.getByRole('button', { name: /^Tải lên/ }).click();
    const progress = slot.locator('[data-upload-progress]');
    await progress.waitFor({ state: 'visible' });
    await slot.getByText(`Đã tải lên ${paths.length} tệp.`).waitFor();
    page.off('request', onRequest);
    assert.equal(await progress.getByRole('progressbar').evaluate((el) => (el as unknown as { value: number }).value), 100, 'the progress bar ends full');
    assert.ok(tusPatches.length >= paths.length, `each file went by tus PATCH (saw ${tusPatches.length})`);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument), true, 'the page was not reloaded');
  }
  // the stored files, each a download link with its remove button, in the slot's list
  const list = slot.getByRole('list', { name: /^Tệp đã đính kèm cho thành phần/ });
  for (const f of fileNames) {
    await list.getByRole('link', { name: f, exact: true }).waitFor();
    assert.ok(await list.getByRole('button', { name: `Xóa tệp ${f}` }).isVisible());
  }
  await check(page);
  return index;
}

// ---------------------------------------------------------------------------------------
// The citizen's steps
// ---------------------------------------------------------------------------------------

/** From the procedure page to the tờ khai: "Nộp hồ sơ trực tuyến", then "Bắt đầu". */
async function startOnline(page: Page, code: string, name: string, formTitle: string) {
  await page.goto(`${server.url}/thu-tuc/${code}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await check(page);
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByText('Giấy tờ cần chuẩn bị').waitFor();
  assert.equal(new URL(page.url()).pathname, `/nop-ho-so/${code}`);
  await check(page);
  // "Bắt đầu", or "Bắt đầu hồ sơ mới" when an earlier draft of this procedure is waiting
  await page.getByRole('button', { name: /^Bắt đầu/ }).click();
  await page.getByRole('heading', { level: 1, name: formTitle }).waitFor();
  assert.match(await mainText(page), /Bước 1 trên 3: Điền tờ khai/);
  await check(page);
  await page.getByLabel('Nơi tiếp nhận hồ sơ').selectOption({ label: 'Ủy ban nhân dân phường Lương Văn Tri' });
}

/** "Lưu và tiếp tục" on the tờ khai: the files step comes next. */
async function saveAndContinue(page: Page) {
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đính kèm giấy tờ' }).waitFor({ timeout: 10_000 }).catch(async () => {
    const summary = await page.locator('.govuk-error-summary').textContent().catch(() => null);
    throw new Error(`the tờ khai was not accepted${summary ? `: ${summary.replace(/\s+/g, ' ')}` : ''}`);
  });
  assert.match(new URL(page.url()).pathname, /^\/nop-ho-so\/ho-so-nhap\/[0-9a-f-]{36}\/tep$/);
  assert.match(await mainText(page), /Bước 2 trên 3: Đính kèm giấy tờ/);
  await check(page);
}

/** "Tiếp tục" from the files step to the review page. */
async function toReview(page: Page) {
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại trước khi nộp' }).waitFor();
  assert.match(await mainText(page), /Bước 3 trên 3: Kiểm tra và nộp/);
  await check(page);
}

/** "Nộp hồ sơ" on the review page; returns the dossier code the confirmation shows. */
async function submit(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
  const code = ((await page.locator('.govuk-panel__body strong').textContent()) ?? '').trim();
  assert.match(code, /^[0-9A-Z.]+-\d{6}-\d{4}$/, `a dossier code on the confirmation (got “${code}”)`);
  assert.equal(decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? ''), code);
  assert.match(await mainText(page), /Ủy ban nhân dân phường Lương Văn Tri/);
  await check(page);
  return code;
}

/** Dossiers submitted by the tests below, for the desk, the receipt and the tracking page. */
const submitted: {
  code: string;
  procedure: string;
  /** Names that only the applicant and the officers may see. */
  personal: string[];
  /** The components with files, as the desk lists them. */
  components: string[];
  /** Their first words on the receipt's table, where long names wrap onto further lines. */
  onReceipt: string[];
  received?: boolean;
}[] = [];

async function registerBirth(width: number, js: boolean): Promise<string> {
  const page = await open(width, js);
  await login(page, 'congdan');
  await startOnline(page, '1.001193', 'Đăng ký khai sinh', 'Tờ khai đăng ký khai sinh');

  // prefilled from the profile
  assert.equal(await page.getByLabel('Họ, chữ đệm, tên người yêu cầu').inputValue(), 'Nguyễn Văn An');
  assert.equal(await page.getByLabel('Số định danh cá nhân của người yêu cầu').inputValue(), '020088001234');
  assert.equal(await page.getByLabel('Số điện thoại').inputValue(), '0912345678');
  const requesterAddress = page.getByRole('group', { name: 'Nơi cư trú của người yêu cầu' });
  assert.equal(await requesterAddress.getByLabel('Xã, phường, đặc khu').inputValue(), 'p-luong-van-tri');
  assert.equal(await requesterAddress.getByLabel('Số nhà, đường, thôn, tổ dân phố').inputValue(), 'Số 12 đường Trần Đăng Ninh');
  assert.equal(await page.getByLabel('Quốc tịch của người được khai sinh').inputValue(), 'Việt Nam', 'the default value');

  await page.getByRole('group', { name: 'Quan hệ với người được khai sinh' }).getByLabel('Cha', { exact: true }).check();
  const child = js ? 'Nguyễn Minh Khang' : 'Lương Bảo Ngọc';
  await page.getByLabel('Họ, chữ đệm, tên người được khai sinh').fill(child);
  await page.getByRole('group', { name: 'Giới tính' }).getByLabel(js ? 'Nam' : 'Nữ', { exact: true }).check();
  const born = daysAgo(5);
  await page.getByLabel('Ngày sinh', { exact: true }).fill(born);
  await page.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa tỉnh Lạng Sơn');
  await page.getByLabel('Quê quán').fill('Xã Đình Lập, tỉnh Lạng Sơn');
  await page.getByLabel('Dân tộc của người được khai sinh').fill('Tày');
  const mother = 'Lương Thị Hoa';
  await page.getByLabel('Họ, chữ đệm, tên người mẹ').fill(mother);
  await page.getByLabel('Năm sinh của người mẹ').fill('1995');
  await page.getByLabel('Dân tộc của người mẹ').fill('Nùng');

  const coCha = page.getByRole('group', { name: 'Có khai thông tin người cha không?' });
  const fatherName = page.getByLabel('Họ, chữ đệm, tên người cha');
  const fatherYear = page.getByLabel('Năm sinh của người cha');
  const fatherAddress = page.getByRole('group', { name: 'Nơi cư trú của người cha' });
  if (js) {
    // the father's part shows only once "Có" is chosen, and goes again with "Không"
    await fatherName.waitFor({ state: 'hidden' });
    assert.ok(!(await fatherAddress.isVisible()));
    await coCha.getByLabel('Có', { exact: true }).check();
    await fatherName.waitFor({ state: 'visible' });
    assert.ok(await fatherYear.isVisible());
    assert.ok(await fatherAddress.isVisible());
    await coCha.getByLabel('Không', { exact: true }).check();
    await fatherName.waitFor({ state: 'hidden' });
    await coCha.getByLabel('Có', { exact: true }).check();
    await fatherName.waitFor({ state: 'visible' });
    await fatherName.fill('Nguyễn Văn An');
    await fatherYear.fill('1988');
    await page.getByLabel('Dân tộc của người cha').fill('Tày');
    await check(page);
    // one trip to the server gives the communes of both provinces
    await fatherAddress.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Lạng Sơn' });
  } else {
    // without JavaScript the father's part is always there, with its condition in words
    assert.ok(await fatherName.isVisible());
    assert.ok(await fatherYear.isVisible());
    assert.ok(await fatherAddress.isVisible());
    assert.ok(await page.getByText('(chỉ điền nếu “Có khai thông tin người cha không?” là “Có”)').first().isVisible());
    await coCha.getByLabel('Không', { exact: true }).check();
    assert.ok(await fatherName.isVisible(), 'still shown after “Không”: no script hides it');
  }
  await chooseAddress(page, 'Nơi cư trú của người mẹ', 'Phường Lương Văn Tri', 'Số 12 đường Trần Đăng Ninh');
  // the server's round trip kept everything typed, and the answers decide what shows
  assert.equal(await page.getByLabel('Họ, chữ đệm, tên người được khai sinh').inputValue(), child);
  assert.equal(await page.getByLabel('Nơi tiếp nhận hồ sơ').locator('option:checked').textContent(), 'Ủy ban nhân dân phường Lương Văn Tri');
  if (js) {
    await fatherName.waitFor({ state: 'visible' });
    assert.equal(await fatherName.inputValue(), 'Nguyễn Văn An');
    const communes = fatherAddress.getByLabel('Xã, phường, đặc khu');
    await communes.selectOption({ label: 'Phường Lương Văn Tri' });
    await fatherAddress.getByLabel('Số nhà, đường, thôn, tổ dân phố').fill('Số 12 đường Trần Đăng Ninh');
  } else {
    assert.ok(await coCha.getByLabel('Không', { exact: true }).isChecked());
    assert.ok(await fatherName.isVisible());
  }
  assert.ok(await page.getByRole('group', { name: 'Đề nghị cấp bản sao Giấy khai sinh?' }).getByLabel('Không', { exact: true }).isChecked(), 'no copies by default');
  await check(page);
  await saveAndContinue(page);

  const gcs = await attach(page, /^Giấy chứng sinh/, [files.gcs]);
  assert.equal(gcs, 1, 'Giấy chứng sinh is component 1');
  const id = await attach(page, /^Giấy tờ tùy thân/, [files.idPhoto]);
  assert.equal(id, 5, 'Giấy tờ tùy thân is component 5');
  await toReview(page);

  assert.equal((await summaryValue(page, 'Nơi tiếp nhận').textContent())?.trim(), 'Ủy ban nhân dân phường Lương Văn Tri');
  assert.equal((await summaryValue(page, 'Họ, chữ đệm, tên người được khai sinh').textContent())?.trim(), child);
  assert.equal((await summaryValue(page, 'Ngày sinh').textContent())?.trim(), born);
  assert.equal((await summaryValue(page, 'Họ, chữ đệm, tên người mẹ').textContent())?.trim(), mother);
  assert.equal((await summaryValue(page, 'Có khai thông tin người cha không?').textContent())?.trim(), js ? 'Có' : 'Không');
  if (js) assert.equal((await summaryValue(page, 'Họ, chữ đệm, tên người cha').textContent())?.trim(), 'Nguyễn Văn An');
  else assert.equal(await summaryValue(page, 'Họ, chữ đệm, tên người cha').count(), 0, 'no father rows when none is declared');
  assert.match((await summaryValue(page, 'Nơi cư trú của người mẹ').textContent()) ?? '', /Phường Lương Văn Tri/);
  const attached = (await page.locator('.govuk-summary-list').last().textContent()) ?? '';
  assert.match(attached, /Giấy chứng sinh[\s\S]*giay-chung-sinh\.pdf/);
  assert.match(attached, /Giấy tờ tùy thân[\s\S]*can-cuoc\.png/);

  const code = await submit(page);
  assert.match(await mainText(page), /“Đăng ký khai sinh”/);
  assert.deepEqual(problemsOf(page), []);
  await page.context().close();
  submitted.push({ code, procedure: 'Đăng ký khai sinh', personal: ['Nguyễn Văn An', child, mother], components: ['Giấy chứng sinh', 'Giấy tờ tùy thân'], onReceipt: ['Giấy chứng sinh', 'Giấy tờ tùy thân'] });
  return code;
}

async function registerResidence(width: number, js: boolean): Promise<string> {
  const page = await open(width, js);
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
    const desk = await open(1280, true);
    await login(desk, 'motcuaxa');
    await desk.goto(`${server.url}/mot-cua/tiep-nhan`);
    await desk.getByRole('heading', { level: 1, name: 'Hồ sơ trực tuyến chờ tiếp nhận' }).waitFor();
    await check(desk);
    for (const d of submitted) {
      const row = desk.getByRole('row').filter({ has: desk.getByRole('link', { name: d.code, exact: true }) });
      assert.match((await row.textContent()) ?? '', new RegExp(d.procedure));
      await desk.getByRole('link', { name: d.code, exact: true }).click();
      await desk.getByRole('heading', { level: 1, name: `Hồ sơ ${d.code}` }).waitFor();
      assert.equal((await summaryValue(desk, 'Tình trạng').textContent())?.trim(), 'Đã nộp, chờ bộ phận một cửa kiểm tra');
      const attachments = (await desk.getByRole('main').getByRole('list').last().textContent()) ?? '';
      for (const c of d.components) assert.match(attachments, new RegExp(c), `the desk sees the file of “${c}”`);
      await check(desk);
      await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ và in giấy hẹn' }).click();
      await desk.getByText(`Đã tiếp nhận hồ sơ ${d.code}.`).waitFor();
      assert.equal((await summaryValue(desk, 'Tình trạng').textContent())?.trim(), 'Đã tiếp nhận');
      assert.ok(await summaryValue(desk, 'Hẹn trả kết quả').isVisible());
      assert.ok(await desk.getByRole('link', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).isVisible());
      await check(desk);
      await desk.getByRole('link', { name: 'Hồ sơ chờ tiếp nhận' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Hồ sơ trực tuyến chờ tiếp nhận' }).waitFor();
      assert.equal(await desk.getByRole('link', { name: d.code, exact: true }).count(), 0, 'no longer waiting');
      d.received = true;
    }
    assert.deepEqual(problemsOf(desk), []);
    await desk.context().close();
  });

  test('the citizen downloads the receipt (Mẫu 01) of each received dossier from “Hồ sơ của tôi”', async () => {
    const received = submitted.filter((d) => d.received);
    assert.ok(received.length > 0, 'no dossier was received by the test above');
    const citizen = await open(360, true);
    await login(citizen, 'congdan');
    await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await check(citizen);
    for (const [i, d] of received.entries()) {
      const card = citizen.getByRole('listitem').filter({ hasText: d.code });
      assert.match((await card.textContent()) ?? '', /Đã tiếp nhận/);
      const downloading = citizen.waitForEvent('download');
      downloading.catch(() => undefined); // awaited below; the click's failure is the one to report
      // a link on the page must take a tap at once; the click's own error says what is in the way
      await card.getByRole('link', { name: 'Tải giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' }).click({ timeout: 5_000 });
      const download = await downloading;
      assert.match(download.suggestedFilename(), /\.pdf$/);
      const file = path.join(dir, `giay-tiep-nhan-${i}.pdf`);
      await download.saveAs(file);
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
      assert.ok(text.stdout.includes(d.code), `the receipt carries ${d.code}`);
      // each component with files is listed, as an electronic copy
      for (const c of d.onReceipt) assert.match(text.stdout, new RegExp(`${c}.*Bản điện tử`), `the receipt lists “${c}” as received electronically`);
    }
    assert.deepEqual(problemsOf(citizen), []);
    await citizen.context().close();
  });

  test('anyone, not signed in, follows each code on the tracking page: received, and no personal name', async () => {
    const received = submitted.filter((d) => d.received);
    assert.ok(received.length > 0, 'no dossier was received by the tests above');
    const anyone = await open(360, true);
    await anyone.goto(`${server.url}/tra-cuu-ho-so`);
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
    const page = await open(360, false);
    await login(page, 'congdan');
    await page.goto(`${server.url}/nop-ho-so/1.001193`);
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
    const page = await open(1280, true);
    await login(page, 'quantri');
    await page.goto(`${server.url}/quan-tri/bieu-mau/1.001193`);
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
