// The leaders' dashboard and the public statistics in a browser, at 360 px and at desktop width:
// the real server as `npm start` runs it (demo data with a year of dossiers), signed in as the
// commune's chairman. The charts are drawn (SVG visible, inside the page's width), the page does
// not scroll sideways, and axe-core (WCAG 2.1 A and AA) finds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { check, login, mainText, open, problemsOf, type Site } from './flows';
import { launchBrowser, startServer, type Server } from './helpers';

let server: Server;
let browser: Browser;
let site: Site;

before(async () => {
  // the generated year of dossiers, so that the charts have figures to show
  server = await startServer({ DEMO_HISTORY: 'true' });
  browser = await launchBrowser();
  site = { browser, url: server.url };
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every chart on the page is visible and drawn within the viewport's width; returns how many. */
async function chartsDrawn(page: Page): Promise<number> {
  const charts = page.locator('svg.mc-chart__svg');
  await charts.first().waitFor({ state: 'visible' });
  const width = page.viewportSize()!.width;
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const chart = charts.nth(i);
    await chart.scrollIntoViewIfNeeded();
    assert.ok(await chart.isVisible(), `chart ${i} visible`);
    const box = (await chart.boundingBox())!;
    assert.ok(box.width > 200 && box.height > 40, `chart ${i} has a size (${box.width}×${box.height})`);
    assert.ok(box.x >= 0 && box.x + box.width <= width, `chart ${i} fits in ${width}px (x ${box.x}, width ${box.width})`);
    assert.ok((await chart.getAttribute('aria-label'))!.length > 20, `chart ${i} is named`);
  }
  return n;
}

for (const width of [360, 1280]) {
  describe(`dashboard at ${width}px`, () => {
    test('the leader opens the reports from their home page: figures, charts and tables, axe-clean, no sideways scroll', async () => {
      const page = await open(site, width, true);
      await login(page, 'chutichxa');
      await page.goto('/quan-ly');
      await page.getByRole('link', { name: /Báo cáo, thống kê/ }).click();
      await page.getByRole('heading', { name: 'Báo cáo, thống kê', level: 1 }).waitFor();
      // the year is a long report: the first visit may find it being built in the background;
      // the progress page is checked too, and reloads itself when the figures are ready
      if (/Đang lập báo cáo/.test(await mainText(page))) {
        await check(page);
        await page.locator('svg.mc-chart__svg').first().waitFor({ state: 'visible', timeout: 60_000 });
      }
      assert.match(await mainText(page), /Ủy ban nhân dân phường Lương Văn Tri/);
      assert.equal(await chartsDrawn(page), 4, 'by month, on time, overdue, QĐ 766 groups');
      for (const caption of ['Hồ sơ tiếp nhận theo tháng và kênh nộp (số hồ sơ)', 'Tỷ lệ giải quyết đúng hạn theo đơn vị chủ trì', 'Điểm đề xuất theo nhóm chỉ số QĐ 766/QĐ-TTg']) {
        await page.getByRole('table', { name: caption }).waitFor();
      }
      await check(page);

      // this quarter: the form keeps the choice, the charts are drawn again
      await page.getByLabel('Quý này').check();
      await page.getByRole('button', { name: 'Xem' }).click();
      await page.waitForURL(/ky=quy/);
      assert.ok(await page.getByLabel('Quý này').isChecked());
      assert.ok((await chartsDrawn(page)) >= 3);
      await check(page);

      // a key figure opens the list of dossiers behind it
      const received = page.locator('[data-kpi="received"] .mc-kpi__value a');
      const count = (await received.textContent())!.trim();
      await received.click();
      await page.getByRole('heading', { name: `Hồ sơ tiếp nhận trong kỳ: ${count}` }).waitFor();
      await check(page);
      assert.deepEqual(problemsOf(page), []);
      await page.context().close();
    });

    test('the public statistics page shows its charts and its table to anyone, axe-clean', async () => {
      const page = await open(site, width, true);
      await page.goto('/');
      await page.getByRole('link', { name: 'Tình hình giải quyết hồ sơ theo cơ quan, đơn vị' }).click();
      await page.getByRole('heading', { name: 'Tình hình giải quyết hồ sơ', level: 1 }).waitFor();
      assert.equal(await chartsDrawn(page), 2);
      await page.getByRole('table', { name: /Theo cơ quan, đơn vị/ }).waitFor();
      await check(page);
      assert.deepEqual(problemsOf(page), []);
      await page.context().close();
    });
  });
}
