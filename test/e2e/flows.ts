// Steps shared by the browser journeys: opening a page at a width with or without JavaScript,
// checking it (axe, no horizontal scroll, no script errors or server errors), signing in, the
// citizen's online submission of Đăng ký khai sinh step by step, and downloading a PDF.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { pdfText } from '../helpers/files';
import { checkPage, newContext } from './helpers';

/** The browser and the server a journey runs against. */
export interface Site {
  browser: Browser;
  url: string;
}

// ---------------------------------------------------------------------------------------
// Pages, and their checks
// ---------------------------------------------------------------------------------------

/** Pages opened without JavaScript, and what went wrong in each page (script errors, missing assets, server errors). */
const withoutScript = new WeakSet<Page>();
const problems = new WeakMap<Page, string[]>();

/** A new page in its own context (its own cookies), `width` px wide, paths relative to the site. */
export async function open(site: Site, width: number, js: boolean): Promise<Page> {
  const context = await newContext(site.browser, width, { javaScriptEnabled: js, baseURL: site.url });
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

export function isWithoutScript(page: Page): boolean {
  return withoutScript.has(page);
}

/** Script errors, server errors and missing assets seen by the page so far. */
export function problemsOf(page: Page): string[] {
  return problems.get(page) ?? [];
}

/**
 * One JavaScript-enabled page per browser and width that shows again the markup of pages seen
 * without JavaScript, its scripts refused (closed with the browser).
 */
interface Mirror {
  page: Page;
  /** The markup to serve to the mirror's next navigation. */
  html: string;
}
const mirrors = new WeakMap<Browser, Map<number, Promise<Mirror>>>();

async function newMirror(browser: Browser, width: number): Promise<Mirror> {
  const context = await newContext(browser, width);
  const mirror: Mirror = { page: await context.newPage(), html: '' };
  await mirror.page.route('**/*', (route) => {
    const req = route.request();
    if (req.isNavigationRequest() && req.frame() === mirror.page.mainFrame()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: mirror.html });
    if (req.resourceType() === 'script') return route.abort();
    return route.continue();
  });
  return mirror;
}

/**
 * axe (and no horizontal scrolling) on the page as it is now. A page seen without JavaScript is
 * loaded again from its own markup in a page that refuses every script, so that axe checks what
 * a citizen without JavaScript gets (all conditional fields shown, plain upload forms).
 */
export async function check(page: Page): Promise<void> {
  if (!withoutScript.has(page)) return checkPage(page);
  const width = page.viewportSize()?.width ?? 1280;
  const browser = page.context().browser()!;
  let byWidth = mirrors.get(browser);
  if (!byWidth) mirrors.set(browser, (byWidth = new Map()));
  let pending = byWidth.get(width);
  if (!pending) byWidth.set(width, (pending = newMirror(browser, width)));
  const mirror = await pending;
  mirror.html = await page.content();
  try {
    // (without the fragment: a link to a field must not make it a same-document move)
    await mirror.page.goto(page.url().replace(/#.*$/, ''));
    await checkPage(mirror.page);
  } catch (err) {
    throw new Error(`(page seen without JavaScript) ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

export async function login(page: Page, user: string, password = 'demo1234') {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  // exact: the identity login, when configured, is a button named “Đăng nhập bằng tài khoản định danh điện tử”
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** A date n days ago in Vietnam, as the form takes it (27/03/2019). */
export function daysAgo(n: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() - n * 86_400_000));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The value cell of a summary list row, by its key. */
export function summaryValue(scope: Page | Locator, key: string): Locator {
  const page = 'mainFrame' in scope ? scope : scope.page();
  const term = page.locator('dt', { hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`) });
  return scope.locator('.govuk-summary-list__row').filter({ has: term }).locator('.govuk-summary-list__value');
}

/** The text of a page's <main>. */
export async function mainText(page: Page): Promise<string> {
  return (await page.getByRole('main').textContent()) ?? '';
}

/**
 * Clicks a link that downloads a PDF; returns its suggested file name and its text as pdftotext
 * reads it. The click must go through at once: its own error says what is in the way.
 */
export async function downloadPdf(link: Locator): Promise<{ fileName: string; text: string }> {
  const downloading = link.page().waitForEvent('download');
  downloading.catch(() => undefined); // awaited below; the click's failure is the one to report
  await link.click({ timeout: 5_000 });
  const download = await downloading;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return { fileName: download.suggestedFilename(), text: pdfText(Buffer.concat(chunks)) };
}

// ---------------------------------------------------------------------------------------
// The citizen's steps of an online submission
// ---------------------------------------------------------------------------------------

/** Picks a province, asks the server for its communes (a submit, with or without JavaScript) and picks the commune. */
export async function chooseAddress(page: Page, group: string, commune: string, detail: string) {
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
export async function slotOf(page: Page, name: RegExp): Promise<{ slot: Locator; index: number }> {
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
export async function attach(page: Page, name: RegExp, paths: string[]): Promise<number> {
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

/** From the procedure page to the tờ khai: "Nộp hồ sơ trực tuyến", then "Bắt đầu". */
export async function startOnline(page: Page, code: string, name: string, formTitle: string) {
  await page.goto(`/thu-tuc/${code}`);
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
export async function saveAndContinue(page: Page) {
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
export async function toReview(page: Page) {
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại trước khi nộp' }).waitFor();
  assert.match(await mainText(page), /Bước 3 trên 3: Kiểm tra và nộp/);
  await check(page);
}

/** "Nộp hồ sơ" on the review page; returns the dossier code the confirmation shows. */
export async function submit(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
  const code = ((await page.locator('.govuk-panel__body strong').textContent()) ?? '').trim();
  assert.match(code, /^[0-9A-Z.]+-\d{6}-\d{4}$/, `a dossier code on the confirmation (got “${code}”)`);
  assert.equal(decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? ''), code);
  assert.match(await mainText(page), /Ủy ban nhân dân phường Lương Văn Tri/);
  await check(page);
  return code;
}

/** A dossier a journey submitted, and what the tests after it look for. */
export interface SubmittedDossier {
  code: string;
  procedure: string;
  /** Names that only the applicant and the officers may see. */
  personal: string[];
  /** The components with files, as the desk lists them. */
  components: string[];
  /** Their first words on the receipt's table, where long names wrap onto further lines. */
  onReceipt: string[];
}

/**
 * The citizen "congdan" registers a birth online at `width`, with or without JavaScript: the
 * tờ khai (the father's part shown on "Có" with JavaScript, always there without), Giấy chứng
 * sinh (a PDF) and Giấy tờ tùy thân (a photo), the review, the submission. The child is
 * Nguyễn Minh Khang with JavaScript, Lương Bảo Ngọc without.
 */
export async function registerBirth(site: Site, width: number, js: boolean, files: { gcs: string; idPhoto: string }): Promise<SubmittedDossier> {
  const page = await open(site, width, js);
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
  assert.match(attached, new RegExp(`Giấy chứng sinh[\\s\\S]*${escapeRegExp(path.basename(files.gcs))}`));
  assert.match(attached, new RegExp(`Giấy tờ tùy thân[\\s\\S]*${escapeRegExp(path.basename(files.idPhoto))}`));

  const code = await submit(page);
  assert.match(await mainText(page), /“Đăng ký khai sinh”/);
  assert.deepEqual(problemsOf(page), []);
  await page.context().close();
  return { code, procedure: 'Đăng ký khai sinh', personal: ['Nguyễn Văn An', child, mother], components: ['Giấy chứng sinh', 'Giấy tờ tùy thân'], onReceipt: ['Giấy chứng sinh', 'Giấy tờ tùy thân'] };
}

// ---------------------------------------------------------------------------------------
// Steps on the dossier's pages, the officer's and the applicant's
// ---------------------------------------------------------------------------------------

/** Whether the element has the document's focus. */
export async function isFocused(el: Locator): Promise<boolean> {
  return el.evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement);
}

/**
 * An officer's way to a dossier: "Quản lý", "Hồ sơ cần xử lý" (the queue, titled by role), the
 * dossier's code; with `search`, the code is looked up with the queue's search form first. Each page checked.
 */
export async function openFromQueue(page: Page, code: string, queueTitle: string, opts: { search?: boolean } = {}): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quản lý' }).click();
  await page.getByRole('link', { name: 'Hồ sơ cần xử lý' }).waitFor();
  await check(page);
  await page.getByRole('link', { name: 'Hồ sơ cần xử lý' }).click();
  await page.getByRole('heading', { level: 1, name: queueTitle }).waitFor();
  await check(page);
  if (opts.search) {
    await page.getByRole('search').getByLabel(/^Tìm theo mã hồ sơ/).fill(code);
    await page.getByRole('search').getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === code);
    assert.equal(await page.getByRole('table').getByRole('row').count(), 2, 'the heading row and the one dossier found');
    await check(page);
  }
  await page.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
  await check(page);
}

/** The applicant's way to a dossier: "Hồ sơ của tôi", then the procedure's link on the dossier's card; each page checked. */
export async function openMyDossier(page: Page, code: string, procedure: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
  await check(page);
  await page.getByRole('listitem').filter({ hasText: code }).getByRole('link', { name: procedure }).click();
  await page.getByRole('heading', { level: 1, name: procedure }).waitFor();
  assert.equal(((await summaryValue(page, 'Mã hồ sơ').textContent()) ?? '').trim(), code);
  await check(page);
}
