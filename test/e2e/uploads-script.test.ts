// The upload script (public/build/uploads.js, from src/web/client/uploads.ts) in Chromium at
// 360 px, against the real app listening on a port: a file chosen goes by tus, with a progress
// bar, and appears in the slot's list without a reload; a refused file shows the server's
// Vietnamese message at its slot; without JavaScript the same form posts and the files are kept.
// The page is a stand-in for the files step of modules/submission: the attachment slots inside
// the real Layout, served by the app with its security headers.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildCss } from '../../scripts/build-css';
import { buildJs } from '../../scripts/build-js';
import { AttachmentSlots, draftAttachments, filesOfDraft, takeAttachmentErrors } from '../../src/modules/attachments';
import { siteInfo } from '../../src/platform/http';
import { pageContext } from '../../src/platform/http/context';
import { Layout } from '../../src/web/layout';
import { type AttachmentsApp, pdf, photo, startAttachmentsApp } from '../helpers/attachments-app';
import { checkPage, launchBrowser, newContext } from './helpers';

const BUILD = path.resolve(import.meta.dirname, '../../public/build');

let t: AttachmentsApp;
let browser: Browser;
let citizenId: string;

before(async () => {
  if (!existsSync(path.join(BUILD, 'app.css'))) await buildCss({ quiet: true });
  await buildJs({ quiet: true });
  t = await startAttachmentsApp({}, (app, config) => {
    const site = siteInfo(config);
    app.get<{ Params: { draftId: string } }>('/thu-nghiem/tep/:draftId', { config: { access: 'signed-in' } }, async (request, reply) => {
      const ctx = pageContext(request, reply, site);
      const { components, files } = await draftAttachments({ db: t.db }, request.actor!, request.params.draftId);
      const slots = String(await AttachmentSlots({ draftId: request.params.draftId, components, files, csrfToken: ctx.csrfToken, errors: takeAttachmentErrors(request) }));
      const body = `<h1 class="govuk-heading-l">Đính kèm giấy tờ</h1>${slots}`;
      return reply.type('text/html; charset=utf-8').send('<!doctype html>' + String(await Layout({ ctx, title: 'Đính kèm giấy tờ', scripts: ['uploads'], children: body })));
    });
  });
  citizenId = (await t.db.selectFrom('accounts').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()).id;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function newDraft(): Promise<string> {
  return (await t.db.insertInto('drafts').values({ accountId: citizenId, procedureCode: '1.001193' }).returning('id').executeTakeFirstOrThrow()).id;
}

async function openAsCitizen(draftId: string, javaScriptEnabled = true): Promise<{ page: Page; errors: string[]; tus: string[] }> {
  const context = await newContext(browser, 360, { javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  const tus: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('request', (req) => {
    if (req.url().includes('/tai-len/')) tus.push(req.method());
  });
  await page.goto(`${t.base}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc thư điện tử').fill('congdan');
  await page.getByLabel('Mật khẩu').fill('demo1234');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
  await page.goto(`${t.base}/thu-nghiem/tep/${draftId}`);
  return { page, errors, tus };
}

const slot = (page: Page, index: number) => page.locator(`[data-attachment-slot][data-component-index="${index}"]`);

describe('upload script at 360px', () => {
  test('chosen photos go by tus with a progress bar and appear in the list without a reload', async () => {
    const draftId = await newDraft();
    const { page, errors, tus } = await openAsCitizen(draftId);
    await checkPage(page);
    const gcs = slot(page, 1);
    await gcs.locator('input[type="file"]').setInputFiles([
      { name: 'trang-1.jpg', mimeType: 'image/jpeg', buffer: await photo(1200, 1600, 'jpeg') },
      { name: 'trang-2.png', mimeType: 'image/png', buffer: await photo(1200, 1600, 'png') },
    ]);
    const url = page.url();
    await gcs.getByRole('button', { name: /Tải lên/ }).click();
    await gcs.locator('[data-upload-status]').filter({ hasText: 'Đã tải lên 2 tệp.' }).waitFor();
    assert.equal(page.url(), url, 'no page load');
    assert.deepEqual(await gcs.locator('[data-attachment-list] li a').allTextContents(), ['trang-1.jpg', 'trang-2.png']);
    assert.equal(await gcs.locator('progress').getAttribute('value'), '100');
    assert.ok(tus.includes('POST') && tus.includes('PATCH'), `tus requests: ${tus.join(', ')}`);
    assert.deepEqual(
      (await filesOfDraft(t.db, draftId)).map((f) => [f.componentIndex, f.fileName]),
      [
        [1, 'trang-1.jpg'],
        [1, 'trang-2.png'],
      ],
    );
    // the remove button the script added works as the server-rendered one does
    await gcs.getByRole('button', { name: 'Xóa tệp trang-1.jpg' }).click();
    await page.waitForLoadState();
    assert.deepEqual((await filesOfDraft(t.db, draftId)).map((f) => f.fileName), ['trang-2.png']);
    assert.deepEqual(errors, []);
  });

  test('a refused file shows the server’s message at its slot', async () => {
    const draftId = await newDraft();
    const { page, errors } = await openAsCitizen(draftId);
    const gcs = slot(page, 1);
    await gcs.locator('input[type="file"]').setInputFiles([{ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') }]);
    await gcs.getByRole('button', { name: /Tải lên/ }).click();
    const message = gcs.locator('.govuk-error-message');
    await message.waitFor();
    assert.match((await message.textContent())!, /^Tệp “to-khai\.pdf” cho thành phần “Giấy chứng sinh.*” không phải PDF, JPG hoặc PNG\.$/);
    assert.equal(await gcs.locator('input[type="file"]').getAttribute('aria-describedby'), 'f-files-1-hint f-files-1-error');
    await checkPage(page);
    assert.deepEqual(await filesOfDraft(t.db, draftId), []);
    assert.deepEqual(errors, []);
  });

  test('without JavaScript the same form posts the files and they are kept', async () => {
    const draftId = await newDraft();
    const { page } = await openAsCitizen(draftId, false);
    const gcs = slot(page, 1);
    await gcs.locator('input[type="file"]').setInputFiles([{ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: await pdf('Giấy chứng sinh') }]);
    await gcs.getByRole('button', { name: /Tải lên/ }).click();
    await page.waitForURL((url) => url.pathname === `/nop-ho-so/ho-so-nhap/${draftId}/tep`);
    assert.deepEqual((await filesOfDraft(t.db, draftId)).map((f) => f.fileName), ['giay-chung-sinh.pdf']);
  });
});
