// Guidance articles in the browser: a citizen reads the guide on a phone; the
// administrator writes, previews and publishes an article. axe-core on every page.
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

async function login(page: Page, user: string) {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu').fill('demo1234');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Trang làm việc' }).waitFor();
}

describe('guidance articles', () => {
  test('a citizen on a 360 px phone opens the guides from the menu, reads the account guide and filters the Q&A', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hướng dẫn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hướng dẫn, tin tức và hỏi đáp' }).waitFor();
    await checkPage(page);

    await page.getByRole('link', { name: 'Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến' }).waitFor();
    await page.getByRole('heading', { name: '4. Toàn trình hay một phần: có phải đến cơ quan không?' }).waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /Nghị định 42\/2022\/NĐ-CP/);
    assert.match(main, /mã hồ sơ/);
    assert.match(main, /bưu chính công ích/);
    assert.match(main, /Đăng ngày 15\/07\/2025/);
    await checkPage(page);

    await page.getByRole('link', { name: 'Hỏi đáp', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Hỏi đáp' }).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: 'Hỏi đáp về nộp hồ sơ và nhận kết quả trực tuyến' }).click();
    await page.getByRole('heading', { name: 'Tôi không nhớ mật khẩu thì làm thế nào?' }).waitFor();
    await checkPage(page);

    const missing = await page.goto(`${server.url}/huong-dan/huong-dan-thanh-toan-phi-le-phi-truc-tuyen`);
    assert.equal(missing?.status(), 404, 'the demo draft is not public');
    await checkPage(page);
    await context.close();
  });

  for (const width of [360, 1280]) {
    test(`the administrator writes, previews and publishes an article at ${width} px`, async () => {
      const context = await newContext(browser, width);
      const page = await context.newPage();
      await login(page, 'quantri');
      await page.getByRole('link', { name: 'Bài viết hướng dẫn' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bài viết hướng dẫn' }).waitFor();
      await checkPage(page);

      await page.getByRole('button', { name: 'Viết bài mới' }).click();
      await page.getByRole('heading', { level: 1, name: 'Viết bài mới' }).waitFor();
      await checkPage(page);

      // a mistake first: the summary names it and the typed text stays
      await page.getByLabel('Nội dung', { exact: true }).fill('Nội dung tạm.');
      await page.getByLabel('Thời điểm đăng (không bắt buộc)').fill('ngày mai');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByText('Có lỗi cần sửa').waitFor();
      await page.getByRole('link', { name: 'Nhập tiêu đề bài viết' }).waitFor();
      await page.getByRole('link', { name: 'Thời điểm đăng phải có dạng dd/MM/yyyy HH:mm' }).waitFor();
      assert.equal(await page.getByLabel('Nội dung', { exact: true }).inputValue(), 'Nội dung tạm.');
      await checkPage(page);

      const title = `Lịch tiếp công dân tháng này (${width})`;
      await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
      await page.getByLabel('Tin tức', { exact: true }).check();
      await page.getByLabel('Tóm tắt (không bắt buộc)').fill('Lịch tiếp công dân của lãnh đạo tỉnh.');
      await page.getByLabel('Nội dung', { exact: true }).fill('## Thời gian\n\nSáng **thứ Năm** hằng tuần.\n\n<script>alert(1)</script>');
      await page.getByLabel('Thời điểm đăng (không bắt buộc)').fill('');
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.getByRole('heading', { name: 'Xem trước' }).waitFor();
      await page.getByRole('heading', { name: 'Thời gian' }).waitFor();
      assert.match((await page.locator('.govuk-inset-text').textContent()) ?? '', /<script>alert\(1\)<\/script>/, 'raw HTML shows as text');
      await checkPage(page);

      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByText(`Đã lưu bài viết “${title}” (bản nháp)`).waitFor();
      await page.getByText('Bản nháp', { exact: true }).waitFor();
      await checkPage(page);

      await page.getByRole('button', { name: 'Xuất bản' }).click();
      await page.getByText(`Đã xuất bản bài viết “${title}”. Bài viết đã hiện trên cổng.`).waitFor();
      await checkPage(page);

      const slug = `lich-tiep-cong-dan-thang-nay-${width}`;
      await page.getByRole('link', { name: `/huong-dan/${slug}` }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.match((await page.locator('main').textContent()) ?? '', /Sáng thứ Năm hằng tuần/);
      await checkPage(page);

      await page.goto(`${server.url}/huong-dan?loai=tin_tuc`);
      await page.getByRole('link', { name: title }).waitFor();
      await context.close();
    });
  }
});
