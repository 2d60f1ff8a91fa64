// The back office in Chromium, through the real pages and their buttons: a birth registration
// (1.001193) submitted online goes back to the citizen once for completion (Mẫu 02), is received
// (Mẫu 01) and handed to the commune, where the specialist asks once for a supplement, consults
// the commune police (liên thông), drafts the result, has it sent back by the leader and then
// approved; the citizen downloads the result and confirms receipt online, and the desk's Mẫu 05
// lists every handover. Another dossier is refused at the desk (Mẫu 03). Officers work at
// 1280 px with JavaScript, some moves from the keyboard alone; the citizen follows on a 360 px
// phone without JavaScript. Every page visited passes axe, and every form downloaded is read
// back with pdftotext.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { samplePdf } from '../helpers/files';
import { check, downloadPdf, isFocused, login, mainText, open, openFromQueue, problemsOf, registerBirth, summaryValue, type Site } from './flows';
import { launchBrowser, startServer, type Server } from './helpers';

let server: Server;
let browser: Browser;
let site: Site;
let dir: string;
const files = { gcs: '', idPhoto: '', gcsClear: '', idBack: '' };

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-backoffice-'));
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  files.gcs = write('giay-chung-sinh.pdf', samplePdf('Giay chung sinh'));
  files.idPhoto = write('can-cuoc.png', await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 210, g: 190, b: 160 } } }).png().toBuffer());
  files.gcsClear = write('giay-chung-sinh-ro.pdf', samplePdf('Giay chung sinh ro net'));
  files.idBack = write('can-cuoc-mat-sau.pdf', samplePdf('Can cuoc mat sau'));
  server = await startServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  browser = await launchBrowser();
  site = { browser, url: server.url };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// The people, each signed in once in their own browser context
// ---------------------------------------------------------------------------------------

const OFFICER_WIDTH = 1280;
const PHONE_WIDTH = 360;
const people = new Map<string, Page>();

/** An officer (1280 px, JavaScript on) or the citizen (360 px, no JavaScript), signed in. */
async function as(user: 'congdan' | 'motcuaxa' | 'tuphapxa' | 'conganxa' | 'chutichxa'): Promise<Page> {
  let page = people.get(user);
  if (!page) {
    page = user === 'congdan' ? await open(site, PHONE_WIDTH, false) : await open(site, OFFICER_WIDTH, true);
    // a missing button fails in seconds, not at the test's end
    page.setDefaultTimeout(10_000);
    await login(page, user);
    people.set(user, page);
  }
  return page;
}

after(() => {
  for (const [user, page] of people) assert.deepEqual(problemsOf(page), [], `what went wrong in ${user}’s pages`);
});

// ---------------------------------------------------------------------------------------
// Steps on the officers' pages
// ---------------------------------------------------------------------------------------

async function stateOn(page: Page): Promise<string> {
  return ((await summaryValue(page, 'Tình trạng').textContent()) ?? '').trim();
}

/** The "Thao tác" section of the officer's page. */
function actions(page: Page): Locator {
  return page.getByRole('region', { name: 'Thao tác' });
}

/** Clicks a button of a move and waits for the page to come back with the flash message. */
async function move(page: Page, button: Locator, flash = 'Đã cập nhật hồ sơ.'): Promise<void> {
  await button.click();
  await page.getByRole('alert').filter({ hasText: flash }).waitFor();
  await check(page);
}

/** Whether the element looks different with the keyboard's focus on it than without (GOV.UK: yellow, with a dark bar). */
async function focusShows(page: Page, el: Locator): Promise<boolean> {
  const look = () => el.evaluate((e) => {
    const st = (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(e);
    return [st.backgroundColor, st.color, st.outlineStyle, st.outlineColor, st.boxShadow].join(' | ');
  });
  const focused = await look();
  await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur(): void } } }).document.activeElement.blur());
  const unfocused = await look();
  await el.focus();
  return focused !== unfocused;
}

/** A move made from the keyboard only: the button takes the focus and Enter presses it; the page comes back with the flash message. */
async function moveByKeyboard(page: Page, button: Locator, flash = 'Đã cập nhật hồ sơ.'): Promise<void> {
  await button.focus();
  assert.ok(await isFocused(button), 'the button takes the focus');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').filter({ hasText: flash }).waitFor();
  await check(page);
}

/** Opens a collapsed form ("details") by its summary. */
async function expand(page: Page, title: string | RegExp): Promise<Locator> {
  const details = actions(page).locator('details').filter({ has: page.locator('summary', { hasText: title }) });
  await details.locator('summary').click();
  assert.equal(await details.getAttribute('open'), '', `“${String(title)}” opens`);
  return details;
}

/** The request item of a component (a group named by it): its checkbox, its reason and the explanation to the applicant. */
function requestItem(form: Locator, component: string): Locator {
  return form.getByRole('group', { name: new RegExp(`^${component}`) });
}

async function markItem(form: Locator, component: string, reason: string, explanation: string): Promise<void> {
  const item = requestItem(form, component);
  await item.getByRole('checkbox').check();
  await item.getByLabel(/^Lý do/).selectOption({ label: reason });
  await item.getByLabel(/^Giải thích/).fill(explanation);
}

/** A link of the "Văn bản" list, downloaded and read. */
async function readDocument(page: Page, name: RegExp): Promise<string> {
  const list = page.getByRole('region', { name: 'Văn bản', exact: true });
  const { fileName, text } = await downloadPdf(list.getByRole('link', { name }));
  assert.match(fileName, /\.pdf$/);
  return text;
}

// ---------------------------------------------------------------------------------------
// Steps on the citizen's pages
// ---------------------------------------------------------------------------------------

/** "Hồ sơ của tôi", the dossier's card (its state), then the dossier's own page. */
async function myDossier(page: Page, code: string, state: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
  await check(page);
  const card = page.getByRole('listitem').filter({ hasText: code });
  assert.match((await card.textContent()) ?? '', new RegExp(state));
  await card.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
  assert.equal(((await summaryValue(page, 'Mã hồ sơ').textContent()) ?? '').trim(), code);
  assert.equal(await stateOn(page), state);
  await check(page);
}

/**
 * The request on the citizen's page lists exactly the one item asked for, with its reason; a new
 * file goes to it (without JavaScript: a plain form and a redirect), then "Gửi hồ sơ bổ sung".
 */
async function answerRequest(page: Page, heading: string, item: RegExp, reason: string, file: string): Promise<void> {
  const request = page.getByRole('region', { name: heading });
  await request.waitFor();
  const items = request.getByRole('heading', { level: 3 });
  assert.equal(await items.count(), 1, 'exactly the item asked for');
  assert.match((await items.textContent()) ?? '', item);
  assert.match((await request.textContent()) ?? '', new RegExp(reason));
  assert.equal(await request.locator('input[type=file]').count(), 1, 'one upload, for that item only');
  // sending before adding the file is refused, and says which item is missing
  await request.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
  await page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' }).waitFor();
  assert.match((await page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' }).textContent()) ?? '', /Chưa đính kèm “Giấy/);
  await check(page);
  await request.getByLabel(/^Chọn tệp/).setInputFiles(file);
  await request.getByRole('button', { name: /^Tải lên/ }).click();
  await page.getByRole('alert').filter({ hasText: 'Đã đính kèm 1 tệp.' }).waitFor();
  await page.getByRole('region', { name: heading }).getByRole('link', { name: path.basename(file) }).waitFor();
  await check(page);
  await page.getByRole('region', { name: heading }).getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
  await page.getByRole('alert').filter({ hasText: 'Đã gửi hồ sơ bổ sung.' }).waitFor();
  assert.equal(await page.getByRole('region', { name: heading }).count(), 0, 'nothing more is asked');
  await check(page);
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

describe('a birth registration through the back office, in the browser', () => {
  let code = '';

  test('the citizen submits online on a phone, with JavaScript', async () => {
    code = (await registerBirth(site, PHONE_WIDTH, true, files)).code;
  });

  test('the desk asks for a clearer Giấy chứng sinh with a reason; Mẫu 02 names it', async () => {
    assert.ok(code, 'no dossier was submitted by the test above');
    const desk = await as('motcuaxa');
    await openFromQueue(desk, code, 'Hồ sơ tại bộ phận một cửa');
    assert.equal(await stateOn(desk), 'Đã nộp, chờ bộ phận một cửa kiểm tra');
    const title = 'Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)';
    const form = await expand(desk, title);
    // nothing marked: refused, and the error summary leads to the first item
    await form.getByRole('button', { name: 'Gửi yêu cầu bổ sung và in Mẫu 02' }).click();
    const summary = desk.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await summary.waitFor();
    await check(desk);
    await summary.getByRole('link', { name: /Đánh dấu ít nhất một thành phần/ }).click();
    const again = actions(desk).locator('details').filter({ has: desk.locator('summary', { hasText: title }) });
    assert.ok(await isFocused(again.getByRole('checkbox').first()), 'the error’s link leads to the first checkbox');
    // marked without a reason: the reason and the explanation are asked for, each linked
    await requestItem(again, 'Giấy chứng sinh').getByRole('checkbox').check();
    await again.getByRole('button', { name: 'Gửi yêu cầu bổ sung và in Mẫu 02' }).click();
    await summary.getByRole('link', { name: 'Chọn lý do trong danh sách' }).waitFor();
    await check(desk);
    await summary.getByRole('link', { name: 'Chọn lý do trong danh sách' }).click();
    assert.ok(await isFocused(requestItem(again, 'Giấy chứng sinh').getByLabel(/^Lý do/)), 'the error’s link leads to the item’s reason');
    assert.ok(await requestItem(again, 'Giấy chứng sinh').getByRole('checkbox').isChecked(), 'the mark is kept');
    await markItem(again, 'Giấy chứng sinh', 'Bản chụp, bản quét không rõ, không đọc được', 'Ảnh Giấy chứng sinh bị mờ, không đọc được số và ngày cấp.');
    await move(desk, again.getByRole('button', { name: 'Gửi yêu cầu bổ sung và in Mẫu 02' }));
    assert.equal(await stateOn(desk), 'Cần bổ sung, hoàn thiện hồ sơ');
    const mau02 = await readDocument(desk, /^Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ \(Mẫu 02\)/);
    assert.match(mau02, /PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ/);
    assert.ok(mau02.includes(code), `Mẫu 02 carries ${code}`);
    assert.match(mau02, /Ảnh Giấy chứng sinh bị mờ/);
  });

  test('the citizen, without JavaScript, sees exactly that item, uploads a clearer file and sends it back', async () => {
    const citizen = await as('congdan');
    await myDossier(citizen, code, 'Cần bổ sung, hoàn thiện hồ sơ');
    await answerRequest(citizen, 'Cần bổ sung, hoàn thiện hồ sơ', /^Giấy chứng sinh/, 'Ảnh Giấy chứng sinh bị mờ', files.gcsClear);
    assert.equal(await stateOn(citizen), 'Đã nộp, chờ bộ phận một cửa kiểm tra');
  });

  test('the desk sees both rounds, receives the dossier (Mẫu 01) and hands it over, from the keyboard', async () => {
    const desk = await as('motcuaxa');
    await openFromQueue(desk, code, 'Hồ sơ tại bộ phận một cửa');
    const papers = (await desk.getByRole('region', { name: 'Giấy tờ của hồ sơ' }).textContent()) ?? '';
    assert.match(papers, /Nộp lần đầu[\s\S]*giay-chung-sinh\.pdf[\s\S]*Bổ sung lần 1[\s\S]*giay-chung-sinh-ro\.pdf/);
    await moveByKeyboard(desk, actions(desk).getByRole('button', { name: 'Tiếp nhận hồ sơ và in giấy hẹn' }), `Đã tiếp nhận hồ sơ ${code}.`);
    assert.equal(await stateOn(desk), 'Đã tiếp nhận');
    const mau01 = await readDocument(desk, /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả \(Mẫu 01\)/);
    assert.match(mau01, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
    assert.ok(mau01.includes(code), `Mẫu 01 carries ${code}`);
    await moveByKeyboard(desk, actions(desk).getByRole('button', { name: 'Chuyển cơ quan giải quyết' }));
    assert.equal(await stateOn(desk), 'Đang giải quyết');
    assert.equal(((await summaryValue(desk, 'Bước hiện tại').textContent()) ?? '').trim(), 'Công chức tư pháp – hộ tịch thẩm định hồ sơ');
  });

  test('the specialist takes it and asks once for a supplement; the citizen answers without JavaScript', async () => {
    const specialist = await as('tuphapxa');
    await openFromQueue(specialist, code, 'Hồ sơ đang giải quyết tại đơn vị');
    await move(specialist, actions(specialist).getByRole('button', { name: 'Nhận xử lý hồ sơ này' }));
    const form = await expand(specialist, /^Yêu cầu người nộp bổ sung/);
    await markItem(form, 'Giấy tờ tùy thân', 'Cần giấy tờ để xác minh thông tin', 'Cần bản chụp mặt sau căn cước của người đi khai sinh để xác minh.');
    await move(specialist, form.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }));
    assert.equal(await stateOn(specialist), 'Cơ quan yêu cầu bổ sung hồ sơ');

    const citizen = await as('congdan');
    await myDossier(citizen, code, 'Cơ quan yêu cầu bổ sung hồ sơ');
    await answerRequest(citizen, 'Cơ quan giải quyết yêu cầu bổ sung', /^Giấy tờ tùy thân/, 'mặt sau căn cước', files.idBack);
    assert.equal(await stateOn(citizen), 'Đang giải quyết');

    await specialist.reload();
    assert.equal(await stateOn(specialist), 'Đang giải quyết');
    assert.match((await specialist.getByRole('region', { name: 'Giấy tờ của hồ sơ' }).textContent()) ?? '', /can-cuoc-mat-sau\.pdf/);
    assert.equal(await actions(specialist).getByText(/^Yêu cầu người nộp bổ sung/).count(), 0, 'no second supplement request is offered');
    await check(specialist);
  });

  test('the specialist consults the commune police, who answer with their opinion', async () => {
    const specialist = await as('tuphapxa');
    await move(specialist, actions(specialist).getByRole('button', { name: 'Gửi lấy ý kiến: Công an cấp xã đăng ký thường trú cho trẻ (liên thông)' }));
    assert.equal(await stateOn(specialist), 'Đang lấy ý kiến cơ quan liên quan');

    const police = await as('conganxa');
    await openFromQueue(police, code, 'Hồ sơ đang giải quyết tại đơn vị');
    await actions(police).getByLabel('Ý kiến, kết quả phối hợp').fill('Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.');
    await move(police, actions(police).getByRole('button', { name: 'Gửi ý kiến cho cơ quan chủ trì' }));
    assert.equal(await stateOn(police), 'Đang giải quyết');
    assert.match(await mainText(police), /Bạn không có thao tác nào với hồ sơ ở bước này/);

    await specialist.reload();
    assert.equal(((await summaryValue(specialist, 'Bước hiện tại').textContent()) ?? '').trim(), 'Công chức tư pháp – hộ tịch dự thảo Giấy khai sinh');
    assert.match((await specialist.getByRole('region', { name: 'Lịch sử' }).textContent()) ?? '', /Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ\./, 'the specialist reads the police’s opinion');
    await check(specialist);
  });

  test('the draft result goes to the leader, comes back with a reason, goes again and is approved', async () => {
    const specialist = await as('tuphapxa');
    const draft = path.join(dir, 'giay-khai-sinh.pdf');
    writeFileSync(draft, samplePdf(`Giay khai sinh ${code}`));
    const form = await expand(specialist, 'Trình lãnh đạo phê duyệt');
    await form.getByLabel('Dự thảo kết quả giải quyết (tệp PDF)').setInputFiles(draft);
    await move(specialist, form.getByRole('button', { name: 'Trình ký kết quả' }));
    assert.equal(await stateOn(specialist), 'Đang trình lãnh đạo ký');

    const leader = await as('chutichxa');
    await openFromQueue(leader, code, 'Hồ sơ chờ phê duyệt và đang giải quyết');
    const preview = await downloadPdf(actions(leader).getByRole('link', { name: 'Xem dự thảo kết quả (PDF)' }));
    assert.ok(preview.text.includes(code), 'the leader reads the draft');
    const sendBack = await expand(leader, 'Trả lại để hoàn thiện');
    await sendBack.getByLabel(/^Lý do trả lại/).selectOption({ label: 'Dự thảo kết quả có sai sót về nội dung' });
    // the explanation is for the specialist: the applicant does not read it
    await sendBack.getByLabel('Giải thích cho chuyên viên thụ lý').fill('Sai chính tả tên của mẹ trong dự thảo.');
    await move(leader, sendBack.getByRole('button', { name: 'Trả lại' }));
    assert.equal(await stateOn(leader), 'Đang giải quyết');

    await openFromQueue(specialist, code, 'Hồ sơ đang giải quyết tại đơn vị');
    assert.match((await specialist.getByRole('region', { name: 'Lịch sử' }).textContent()) ?? '', /Sai chính tả tên của mẹ trong dự thảo\./, 'the specialist reads why it came back');
    // the draft already attached is sent again
    await expand(specialist, 'Trình lãnh đạo phê duyệt');
    await move(specialist, actions(specialist).getByRole('button', { name: 'Trình ký kết quả' }));
    assert.equal(await stateOn(specialist), 'Đang trình lãnh đạo ký');

    await openFromQueue(leader, code, 'Hồ sơ chờ phê duyệt và đang giải quyết');
    await moveByKeyboard(leader, actions(leader).getByRole('button', { name: 'Phê duyệt kết quả' }));
    assert.equal(await stateOn(leader), 'Đã có kết quả, chờ trả');
    assert.match(((await summaryValue(leader, 'Số kết quả').textContent()) ?? '').trim(), /^\d+\/\d{4}\/KQ$/);
  });

  test('the citizen downloads the result and confirms receipt online; Mẫu 05 lists every handover', async () => {
    const citizen = await as('congdan');
    await myDossier(citizen, code, 'Đã có kết quả, chờ trả');
    const result = await downloadPdf(citizen.getByRole('region', { name: 'Kết quả giải quyết', exact: true }).getByRole('link', { name: 'Tải kết quả giải quyết (PDF)' }));
    assert.match(result.text, /Giay khai sinh/);
    assert.ok(result.text.includes(code), `the result carries ${code}`);
    await citizen.getByRole('button', { name: 'Xác nhận đã nhận kết quả trực tuyến' }).click();
    await citizen.getByRole('alert').filter({ hasText: 'Đã nhận kết quả trực tuyến.' }).waitFor();
    assert.equal(await stateOn(citizen), 'Đã trả kết quả');
    await check(citizen);
    // the result stays on the page to download again
    const again = await downloadPdf(citizen.getByRole('region', { name: 'Văn bản của hồ sơ', exact: true }).getByRole('link', { name: /^Kết quả giải quyết/ }));
    assert.ok(again.text.includes(code));

    const desk = await as('motcuaxa');
    await desk.goto(`/mot-cua/ho-so/${encodeURIComponent(code)}`);
    await desk.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    assert.equal(await stateOn(desk), 'Đã trả kết quả');
    await check(desk);
    const mau05 = await readDocument(desk, /^Phiếu kiểm soát quá trình giải quyết hồ sơ \(Mẫu 05\)/);
    assert.match(mau05, /PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ/);
    assert.ok(mau05.includes(code), `Mẫu 05 carries ${code}`);
    // (the step column wraps: match the start of each step's name)
    for (const step of ['Tiếp nhận hồ', 'thẩm định hồ', 'thường trú cho', 'Trả kết']) assert.match(mau05, new RegExp(step));
    assert.match(mau05, /Công an phường Lương Văn Tri/);
  });
});

describe('refusal at the desk, in the browser', () => {
  test('the desk refuses another dossier with a reason (Mẫu 03); the citizen reads it on the tracking page', async () => {
    const { code } = await registerBirth(site, PHONE_WIDTH, false, files);
    const desk = await as('motcuaxa');
    await openFromQueue(desk, code, 'Hồ sơ tại bộ phận một cửa', { search: true });
    // from the keyboard only: Enter opens the form, Tab goes from field to field, Enter sends
    const details = actions(desk).locator('details').filter({ has: desk.locator('summary', { hasText: 'Từ chối tiếp nhận (Mẫu 03)' }) });
    await details.locator('summary').focus();
    assert.ok(await focusShows(desk, details.locator('summary')), 'the focus shows on the summary');
    await desk.keyboard.press('Enter');
    assert.equal(await details.getAttribute('open'), '', 'Enter opens the form');
    await desk.keyboard.press('Tab');
    const reason = details.getByLabel(/^Lý do từ chối/);
    assert.ok(await isFocused(reason), 'Tab goes to the reason');
    await desk.keyboard.press('ArrowDown');
    assert.equal(await reason.locator('option:checked').textContent(), 'Không thuộc thẩm quyền giải quyết của cơ quan');
    await desk.keyboard.press('Tab');
    assert.ok(await isFocused(details.getByLabel(/^Giải thích/)), 'then to the explanation');
    await desk.keyboard.type('Trẻ sinh ra tại tỉnh khác, cha mẹ thường trú tại tỉnh khác.');
    await desk.keyboard.press('Tab');
    const refuse = details.getByRole('button', { name: 'Từ chối và in Mẫu 03' });
    assert.ok(await isFocused(refuse), 'then to the button');
    assert.ok(await focusShows(desk, refuse), 'the focus shows on the button');
    await desk.keyboard.press('Enter');
    await desk.getByRole('alert').filter({ hasText: 'Đã cập nhật hồ sơ.' }).waitFor();
    await check(desk);
    assert.equal(await stateOn(desk), 'Không được tiếp nhận');
    const mau03 = await readDocument(desk, /^Phiếu từ chối tiếp nhận giải quyết hồ sơ \(Mẫu 03\)/);
    assert.match(mau03, /PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ/);
    assert.ok(mau03.includes(code), `Mẫu 03 carries ${code}`);
    assert.match(mau03, /Trẻ sinh ra tại tỉnh khác/);

    const citizen = await as('congdan');
    await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await check(citizen);
    await citizen.getByLabel('Mã hồ sơ').fill(code);
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    const result = citizen.getByRole('region', { name: `Hồ sơ ${code}` });
    await result.waitFor();
    assert.equal(((await summaryValue(result, 'Tình trạng').textContent()) ?? '').trim(), 'Không được tiếp nhận');
    const history = (await result.textContent()) ?? '';
    assert.match(history, /Không thuộc thẩm quyền giải quyết/);
    assert.match(history, /Trẻ sinh ra tại tỉnh khác/);
    await check(citizen);
  });
});
