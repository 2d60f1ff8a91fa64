import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

async function login(page: Page, user: string, password = 'demo1234') {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

for (const width of [360, 1280]) {
  describe(`citizen journey at ${width}px`, () => {
    test('opens the home page, registers, logs out and logs back in, and every page passes axe', async () => {
      const context = await newContext(browser, width);
      const page = await context.newPage();
      await page.goto(server.url);
      assert.equal(await page.locator('h1').textContent(), 'Dịch vụ công trực tuyến');
      await checkPage(page);

      await page.getByRole('link', { name: 'Đăng ký', exact: true }).click();
      await checkPage(page);
      // first with mistakes: the error summary lists them and links to the fields
      await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Hà Thị Thu');
      await page.getByLabel('Số điện thoại hoặc thư điện tử').fill('091');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.getByText('Có lỗi cần sửa').waitFor();
      assert.equal(await page.getByLabel('Họ và tên (hoặc tên tổ chức)').inputValue(), 'Hà Thị Thu', 'typed values are kept');
      await checkPage(page);

      const phone = `09${width}${String(Date.now()).slice(-5)}`.slice(0, 10);
      await page.getByLabel('Số điện thoại hoặc thư điện tử').fill(phone);
      await page.getByLabel('Mật khẩu', { exact: true }).fill('hoa-dao-xu-lang');
      await page.getByLabel('Nhập lại mật khẩu').fill('hoa-dao-xu-lang');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.getByText('Đăng ký tài khoản thành công').waitFor();
      assert.match(await page.locator('main').textContent() ?? '', /Hà Thị Thu/);
      await checkPage(page);

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByText('Bạn đã đăng xuất.').waitFor();
      await checkPage(page);

      await login(page, phone, 'hoa-dao-xu-lang');
      await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByText('Bạn đã đăng xuất.').waitFor();
      await context.close();
    });
  });
}

describe('officers', () => {
  test('a counter officer logs in to the back office and out again', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await login(page, 'motcua');
    await page.getByRole('heading', { name: 'Trang làm việc' }).waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /Trung tâm Phục vụ hành chính công/);
    await checkPage(page);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    await context.close();
  });

  test('the administrator views the organisation on a date before the 2025 reform, at 360px', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await login(page, 'quantri');
    await page.goto(`${server.url}/quan-tri/to-chuc?ngay=2025-06-30`);
    await page.getByText('Ủy ban nhân dân huyện Đình Lập').first().waitFor();
    await checkPage(page);
    await context.close();
  });

  test('the auditor opens the audit log, which shows the sign-ins', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await login(page, 'kiemtra');
    await page.goto(`${server.url}/kiem-tra/nhat-ky`);
    await page.getByText('Chuỗi băm toàn vẹn').waitFor();
    assert.match((await page.locator('table').textContent()) ?? '', /account\.login/);
    await checkPage(page);
    await context.close();
  });
});

describe('without JavaScript', () => {
  test('login, the agency list and the 404 page work and pass axe with JavaScript off', async () => {
    const context = await newContext(browser, 360, { javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, 'congdan');
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.goto(`${server.url}/co-quan`);
    await page.getByRole('heading', { name: 'Cơ quan giải quyết thủ tục hành chính' }).waitFor();
    await page.goto(`${server.url}/khong-co-trang-nay`);
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await context.close();
    // axe needs JavaScript in the page, so these pages are checked again with it on
    const withJs = await newContext(browser, 360);
    const p2 = await withJs.newPage();
    for (const url of ['/co-quan', '/co-quan/so-tu-phap', '/khong-co-trang-nay', '/dang-nhap']) {
      await p2.goto(`${server.url}${url}`);
      await checkPage(p2);
    }
    await withJs.close();
  });
});
