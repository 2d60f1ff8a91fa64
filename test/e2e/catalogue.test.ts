import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkPage, launchBrowser, newContext, startServer, type Server } from './helpers';

let server: Server;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [width, js] of [
  [360, true],
  [360, false],
  [1280, true],
] as const) {
  test(`a citizen searches without diacritics, opens the procedure and downloads its template (${width}px, JavaScript ${js ? 'on' : 'off'})`, async () => {
    const context = await newContext(browser, width, { javaScriptEnabled: js });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
    const first = page.locator('.mc-card__link').first();
    assert.equal((await first.textContent())?.trim(), 'Đăng ký khai sinh');
    if (js) await checkPage(page);
    await first.click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    if (js) await checkPage(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải mẫu/ }).first().click()]);
    const file = await download.path();
    assert.ok(file);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await context.close();
  });
}

test('the procedure list with filters and the working calendar pass axe at 360px', async () => {
  const context = await newContext(browser, 360);
  const page = await context.newPage();
  await page.goto(`${server.url}/thu-tuc?cap=xa&mucdo=toan_trinh`);
  await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
  await checkPage(page);
  await page.goto(`${server.url}/lich-lam-viec?nam=2026`);
  await page.getByRole('heading', { name: 'Lịch làm việc năm 2026' }).waitFor();
  await checkPage(page);
  await context.close();
});

test('an administrator opens the catalogue administration and a procedure editor, which pass axe', async () => {
  const context = await newContext(browser, 1280);
  const page = await context.newPage();
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc thư điện tử').fill('quantri');
  await page.getByLabel('Mật khẩu').fill('demo1234');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.goto(`${server.url}/quan-tri/thu-tuc`);
  await page.getByRole('heading', { name: 'Quản lý danh mục thủ tục' }).waitFor();
  await checkPage(page);
  await page.goto(`${server.url}/quan-tri/thu-tuc/1.001193`);
  await page.getByRole('heading', { name: 'Sửa thủ tục 1.001193' }).waitFor();
  await checkPage(page);
  await page.goto(`${server.url}/quan-tri/lich?nam=2026`);
  await checkPage(page);
  await context.close();
});
