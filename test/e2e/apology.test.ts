// The apology for a late dossier (Mẫu 04, TT 01/2018/TT-VPCP) in Chromium, through the real
// pages: the citizen registers a birth online on a 360 px phone; the commune's desk receives it
// and hands it to the commune. To make it late without waiting, the server is stopped, the
// dossier's due moment is set to yesterday at 17:00 with one update in its embedded database
// (PGlite belongs to one process at a time) and the server starts again on the same data. The
// commune's leader (1280 px) opens the dossier from the queue, finds it late and follows the
// page's link to the apology form, though it is the specialist's step. The leader sends the form empty (the error
// summary names each field and leads to it), then gives a reason, an explanation and a working
// day at least a week ahead, skipping any day off the form names; the officer's "Văn bản" list
// has Mẫu 04, read back with pdftotext. The citizen, on a phone without JavaScript, sees the new
// appointment and downloads Mẫu 04; the public tracking page shows the new date and no personal
// name. The leader's lateness page opens too. Every page visited passes axe.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { openDatabase } from '../../src/platform/db/connect';
import { samplePdf } from '../helpers/files';
import { check, downloadPdf, escapeRegExp, isFocused, login, mainText, open, openFromQueue, openMyDossier, problemsOf, registerBirth, summaryValue, type Site, type SubmittedDossier } from './flows';
import { launchBrowser, startServer, type Server } from './helpers';

const OFFICER_WIDTH = 1280;
const PHONE_WIDTH = 360;
const SERVER_ENV = { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' };

let server: Server;
let browser: Browser;
let site: Site;
/** The server's data directory, kept across its restart. */
let dataDir: string;
let dir: string;
const files = { gcs: '', idPhoto: '' };

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-apology-'));
  files.gcs = path.join(dir, 'giay-chung-sinh.pdf');
  writeFileSync(files.gcs, samplePdf('Giay chung sinh'));
  files.idPhoto = path.join(dir, 'can-cuoc.png');
  writeFileSync(files.idPhoto, await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 210, g: 190, b: 160 } } }).png().toBuffer());
  dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-apology-data-'));
  server = await startServer({ ...SERVER_ENV, DATA_DIR: dataDir });
  browser = await launchBrowser();
  site = { browser, url: server.url };
});
after(async () => {
  try {
    await leaveAll();
  } finally {
    await browser?.close();
    await server?.stop();
    for (const d of [dir, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// The people, each signed in once in their own browser context
// ---------------------------------------------------------------------------------------

const people = new Map<string, Page>();

/** An officer (1280 px, JavaScript on) or the citizen (360 px, no JavaScript), signed in. */
async function as(user: 'congdan' | 'motcuaxa' | 'chutichxa'): Promise<Page> {
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

/** Closes everyone's context, after checking what went wrong in their pages. */
async function leaveAll(): Promise<void> {
  for (const [user, page] of people) {
    assert.deepEqual(problemsOf(page), [], `what went wrong in ${user}’s pages`);
    await page.context().close();
  }
  people.clear();
}

// ---------------------------------------------------------------------------------------
// Small steps
// ---------------------------------------------------------------------------------------

const text = async (loc: { textContent(): Promise<string | null> }) => ((await loc.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** A day of the calendar in Vietnam, `offset` days from today: 'YYYY-MM-DD', 'dd/MM/yyyy' and its weekday (0 = Sunday). */
function vietnamDay(offset: number): { ymd: string; text: string; weekday: number } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + offset));
  const ymd = day.toISOString().slice(0, 10);
  return { ymd, text: `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}/${ymd.slice(0, 4)}`, weekday: day.getUTCDay() };
}

/** Clicks a button that posts a form and waits for the next page to load (the redirect's target, or the form again). */
async function post(page: Page, name: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.getByRole('button', { name, exact: true }).click();
  await loaded;
}

/** The officer page's link to the apology form. */
function apologyLink(page: Page) {
  return page.getByRole('link', { name: 'Hồ sơ sẽ trễ hạn: lập phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)' });
}

async function stateOn(page: Page): Promise<string> {
  return text(summaryValue(page, 'Tình trạng'));
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

describe('a late dossier: the leader apologises and sets a new appointment (Mẫu 04), in the browser', () => {
  let dossier: SubmittedDossier | undefined;
  let code = '';
  /** The due moment made late: yesterday at 17:00 in Vietnam. */
  const missed = vietnamDay(-1);
  /** The new appointment, once the form accepted it (dd/MM/yyyy). */
  let newDay = '';
  const explanation = 'Công an phường chưa gửi kết quả xác minh nơi cư trú của bà Lương Thị Hoa; đã đôn đốc, dự kiến có trong tuần tới.';

  test('the citizen submits online on a phone', async () => {
    dossier = await registerBirth(site, PHONE_WIDTH, true, files);
    code = dossier.code;
  });

  test('the desk receives the dossier and hands it to the commune, through the pages', async () => {
    assert.ok(code, 'no dossier was submitted by the test above');
    const desk = await as('motcuaxa');
    await openFromQueue(desk, code, 'Hồ sơ tại bộ phận một cửa');
    const actions = desk.getByRole('region', { name: 'Thao tác' });
    await actions.getByRole('button', { name: 'Tiếp nhận hồ sơ và in giấy hẹn' }).click();
    await desk.getByRole('alert').filter({ hasText: `Đã tiếp nhận hồ sơ ${code}.` }).waitFor();
    await check(desk);
    assert.equal(await stateOn(desk), 'Đã tiếp nhận');
    await actions.getByRole('button', { name: 'Chuyển cơ quan giải quyết' }).click();
    await desk.getByRole('alert').filter({ hasText: 'Đã cập nhật hồ sơ.' }).waitFor();
    await check(desk);
    assert.equal(await stateOn(desk), 'Đang giải quyết');
    assert.match(await text(summaryValue(desk, 'Hẹn trả kết quả')), /^(Trong hạn|Sắp đến hạn) · \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/, 'not late yet');
  });

  test('the dossier is made late: its due moment set to yesterday at 17:00 in the server’s database', async () => {
    assert.ok(code, 'no dossier was handed over by the tests above');
    // the pages open so far belong to the server that stops; PGlite is one process's at a time
    await leaveAll();
    await server.stop();
    const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
    try {
      const r = await database.db.updateTable('dossiers').set({ dueAt: new Date(`${missed.ymd}T17:00:00+07:00`) }).where('code', '=', code).executeTakeFirst();
      assert.equal(Number(r.numUpdatedRows), 1);
    } finally {
      await database.close();
    }
    server = await startServer({ ...SERVER_ENV, DATA_DIR: dataDir });
    site = { browser, url: server.url };
  });

  // the link is there even when the leader has no move of their own at this step (the specialist's)
  test('the leader finds it late on their page, which links to the apology form', async () => {
    assert.ok(code, 'no dossier was made late by the tests above');
    const leader = await as('chutichxa');
    await openFromQueue(leader, code, 'Hồ sơ chờ phê duyệt và đang giải quyết');
    assert.equal(await stateOn(leader), 'Đang giải quyết');
    assert.equal(await text(summaryValue(leader, 'Hẹn trả kết quả')), `Quá hạn · 17:00 ${missed.text}`);
    assert.equal(await apologyLink(leader).count(), 1, 'the apology link is on the page');
  });

  test('the leader sends the apology form empty, then fills it; Mẫu 04 carries the new date', async () => {
    assert.ok(code, 'no dossier was made late by the tests above');
    const leader = await as('chutichxa');
    await openFromQueue(leader, code, 'Hồ sơ chờ phê duyệt và đang giải quyết');
    assert.equal(await text(summaryValue(leader, 'Hẹn trả kết quả')), `Quá hạn · 17:00 ${missed.text}`);
    await apologyLink(leader).click();
    await leader.getByRole('heading', { level: 1, name: 'Xin lỗi và hẹn lại ngày trả kết quả' }).waitFor();
    assert.equal(new URL(leader.url()).pathname, `/mot-cua/ho-so/${encodeURIComponent(code)}/xin-loi`);
    assert.equal(await text(summaryValue(leader, 'Hẹn trả kết quả hiện tại')), `Quá hạn · 17:00 ${missed.text}`);
    assert.equal(await text(summaryValue(leader, 'Số lần đã hẹn lại')), '0');
    assert.equal(await text(summaryValue(leader, 'Đơn vị xin lỗi')), 'Ủy ban nhân dân phường Lương Văn Tri');
    await check(leader);

    // sent empty: refused, and the error summary names each field and leads to it
    await post(leader, 'Lập phiếu xin lỗi và báo người nộp');
    const summary = leader.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await summary.waitFor();
    assert.match(await leader.title(), /^Lỗi: /);
    const messages = (await summary.getByRole('link').allTextContents()).map((m) => m.trim());
    assert.deepEqual(messages, ['Chọn lý do trong danh sách', 'Giải thích cho người nộp bằng lời dễ hiểu (ít nhất 10 ký tự)', 'Nhập ngày hẹn trả kết quả mới']);
    await check(leader);
    await summary.getByRole('link', { name: 'Giải thích cho người nộp bằng lời dễ hiểu (ít nhất 10 ký tự)' }).click();
    const explanationField = leader.getByLabel('Giải thích cho người nộp');
    assert.ok(await isFocused(explanationField), 'the error’s link leads to the explanation');
    // each field shows its own error too
    assert.match(await text(leader.locator('.govuk-form-group--error').filter({ has: leader.getByLabel('Lý do chậm trả kết quả') })), /Lỗi: Chọn lý do trong danh sách/);
    assert.match(await text(leader.locator('.govuk-form-group--error').filter({ has: leader.getByLabel('Ngày hẹn trả kết quả mới') })), /Lỗi: Nhập ngày hẹn trả kết quả mới/);

    await leader.getByLabel('Lý do chậm trả kết quả').selectOption({ label: 'Cơ quan phối hợp trả lời chậm' });
    await explanationField.fill(explanation);
    // next Monday a week on, or the next working day after it when the calendar has a holiday there
    const today = vietnamDay(0);
    let offset = ((8 - today.weekday) % 7 || 7) + 7;
    for (let tries = 0; ; tries++) {
      assert.ok(tries < 15, 'a working day within 15 days of the first pick');
      const day = vietnamDay(offset);
      if (day.weekday === 0 || day.weekday === 6) {
        offset++;
        continue;
      }
      await leader.getByLabel('Ngày hẹn trả kết quả mới').fill(day.text);
      await post(leader, 'Lập phiếu xin lỗi và báo người nộp');
      const errors = leader.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
      if ((await errors.count()) === 0) {
        newDay = day.text;
        break;
      }
      assert.match(await text(errors), new RegExp(`Ngày ${escapeRegExp(day.text)} là ngày nghỉ`), 'the only error left is a day off');
      // the day off is named, and what was typed is kept
      await check(leader);
      assert.equal(await leader.getByLabel('Lý do chậm trả kết quả').locator('option:checked').textContent(), 'Cơ quan phối hợp trả lời chậm');
      assert.equal(await leader.getByLabel('Giải thích cho người nộp').inputValue(), explanation);
      offset++;
    }

    // back on the dossier's page, with the flash
    await leader.getByRole('alert').filter({ hasText: `Đã lập phiếu xin lỗi (Mẫu 04) và hẹn lại trả kết quả 17:00 ngày ${newDay}; người nộp đã được thông báo.` }).waitFor();
    await leader.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await check(leader);
    assert.equal(await stateOn(leader), 'Đang giải quyết', 'the apology does not move the dossier');
    assert.equal(await text(summaryValue(leader, 'Hẹn trả kết quả')), `Trong hạn · 17:00 ${newDay}`);

    const list = leader.getByRole('region', { name: 'Văn bản', exact: true });
    const { fileName, text: mau04 } = await downloadPdf(list.getByRole('link', { name: /^Phiếu xin lỗi và hẹn lại ngày trả kết quả \(Mẫu 04\)/ }));
    assert.match(fileName, /\.pdf$/);
    assert.match(mau04, /PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ/);
    assert.match(mau04, /Mẫu số 04/);
    assert.ok(mau04.includes(code), `Mẫu 04 carries ${code}`);
    const flat = mau04.replace(/\s+/g, ' ');
    assert.match(flat, new RegExp(`Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày ${escapeRegExp(missed.text)}`), 'the appointment missed');
    assert.match(flat, new RegExp(`Thời gian hẹn trả kết quả mới: 17 giờ 00 phút, ngày ${escapeRegExp(newDay)}`), 'the new appointment');
    assert.match(flat, /Cơ quan phối hợp trả lời chậm/);
    assert.match(flat, /Lộc Thị Hoa/, 'signed by the leader');
  });

  test('the lateness page opens for the leader from “Quản lý”', async () => {
    const leader = await as('chutichxa');
    await leader.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quản lý' }).click();
    await leader.getByRole('link', { name: 'Hồ sơ, bước xử lý trễ hạn theo đơn vị' }).click();
    await leader.getByRole('heading', { level: 1, name: 'Hồ sơ trễ hạn theo đơn vị' }).waitFor();
    assert.equal(new URL(leader.url()).pathname, '/mot-cua/tre-han');
    assert.match(await mainText(leader), /Ủy ban nhân dân phường Lương Văn Tri và các đơn vị trực thuộc/);
    await leader.getByRole('heading', { level: 2, name: /^Từ ngày \d{2}\/\d{2}\/\d{4} đến ngày \d{2}\/\d{2}\/\d{4}$/ }).waitFor();
    await check(leader);
  });

  test('the citizen, without JavaScript, sees the new appointment and downloads Mẫu 04', async () => {
    assert.ok(newDay, 'no apology was issued by the tests above');
    const citizen = await as('congdan');
    await openMyDossier(citizen, code, 'Đăng ký khai sinh');
    assert.equal(await stateOn(citizen), 'Đang giải quyết');
    assert.equal(await text(summaryValue(citizen, 'Hẹn trả kết quả')), `17:00 ${newDay}`);
    const history = await text(citizen.getByRole('region', { name: 'Quá trình giải quyết' }));
    assert.ok(history.includes(`Ủy ban nhân dân phường Lương Văn Tri xin lỗi ông/bà vì không trả được kết quả đúng hẹn (hẹn ngày ${missed.text}). Lý do: Cơ quan phối hợp trả lời chậm. Hẹn trả kết quả mới: 17:00 ngày ${newDay}.`), `the apology in the history: ${history}`);
    const documents = citizen.getByRole('region', { name: 'Văn bản của hồ sơ', exact: true });
    const { fileName, text: mau04 } = await downloadPdf(documents.getByRole('link', { name: /^Phiếu xin lỗi và hẹn lại ngày trả kết quả \(Mẫu 04\)/ }));
    assert.match(fileName, /\.pdf$/);
    assert.match(mau04, /PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ/);
    assert.ok(mau04.includes(code), `Mẫu 04 carries ${code}`);
    assert.ok(mau04.replace(/\s+/g, ' ').includes(`Thời gian hẹn trả kết quả mới: 17 giờ 00 phút, ngày ${newDay}`));
  });

  test('the tracking page, for anyone with the code, shows the new date and no personal name', async () => {
    assert.ok(newDay, 'no apology was issued by the tests above');
    const visitor = await open(site, PHONE_WIDTH, false);
    try {
      await visitor.goto('/');
      await visitor.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
      await visitor.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
      await check(visitor);
      await visitor.getByLabel('Mã hồ sơ').fill(code);
      await visitor.getByRole('button', { name: 'Tra cứu' }).click();
      const result = visitor.getByRole('region', { name: `Hồ sơ ${code}` });
      await result.waitFor();
      await check(visitor);
      assert.equal(await text(summaryValue(result, 'Tình trạng')), 'Đang giải quyết');
      assert.equal(await text(summaryValue(result, 'Hẹn trả kết quả')), `17:00 ${newDay}`);
      const shown = await text(result);
      assert.ok(shown.includes(`Hẹn trả kết quả mới: 17:00 ngày ${newDay}.`), 'the apology in the history');
      assert.ok(!shown.includes('Công an phường chưa gửi kết quả xác minh'), 'the leader’s explanation is for the applicant only');
      const page = await mainText(visitor);
      for (const name of dossier!.personal) assert.ok(!page.includes(name), `“${name}” is not shown to anyone with the code`);
      assert.equal(await summaryValue(result, 'Người nộp').count(), 0);
      assert.deepEqual(problemsOf(visitor), []);
    } finally {
      await visitor.context().close();
    }
  });
});
