// The e-form script (public/build/forms.js, from src/web/client/forms.ts) in Chromium at 360 px:
// conditional fields hide and show, and a wrong answer gets its Vietnamese error beside the field
// without a reload, cleared once fixed. The pages are the demo forms as FormFields renders them,
// inside the real Layout, served with the app's script policy (no inline scripts) by a small
// server of the test's own, since the submission pages are not built yet.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildCss } from '../../scripts/build-css';
import { buildJs } from '../../scripts/build-js';
import { khaiSinh, thuongTru, type FormDefinition } from '../../src/modules/forms';
import { FormFields } from '../../src/modules/forms/render';
import type { PageContext } from '../../src/platform/http/context';
import { EformDefinitionScript } from '../../src/web/client-data';
import { Layout } from '../../src/web/layout';
import { checkPage, launchBrowser, newContext } from './helpers';

const BUILD = path.resolve(import.meta.dirname, '../../public/build');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'";

async function formPage(def: FormDefinition, script: string): Promise<string> {
  const ctx: PageContext = {
    actor: null,
    path: '/',
    siteName: 'Cổng Dịch vụ công (thử)',
    flash: undefined,
    assets: { css: '/static/build/app.css', js: { forms: script, uploads: '/static/build/uploads.js', 'form-editor': '/static/build/form-editor.js', 'report-progress': '/static/build/report-progress.js' } },
    csrfToken: () => 'csrf',
  };
  const body = [
    `<h1 class="govuk-heading-l">${def.title}</h1>`,
    '<form method="post" action="/gui" novalidate data-eform>',
    String(await FormFields({ def, values: {}, errors: [], today: '2026-03-15' })),
    '<button type="submit" class="govuk-button" data-module="govuk-button">Tiếp tục</button>',
    '</form>',
    String(await EformDefinitionScript({ def })),
  ].join('');
  return '<!doctype html>' + String(await Layout({ ctx, title: def.title, scripts: ['forms'], children: body }));
}

let server: Server;
let base: string;
let browser: Browser;

before(async () => {
  if (!existsSync(path.join(BUILD, 'app.css'))) await buildCss({ quiet: true });
  await buildJs({ quiet: true });
  const pages: Record<string, string> = {
    '/khai-sinh': await formPage(khaiSinh, '/static/build/forms.js'),
    '/thuong-tru': await formPage(thuongTru, '/static/build/forms.js'),
    // the same page whose script does not load: what a citizen without JavaScript gets
    '/khai-sinh-khong-script': await formPage(khaiSinh, '/static/build/khong-co.js'),
  };
  server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    const page = pages[url];
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      return res.end(page);
    }
    if (req.method === 'POST' && url === '/gui') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      return res.end('<!doctype html><html lang="vi"><title>Đã gửi</title><h1>Máy chủ đã nhận biểu mẫu</h1></html>');
    }
    const file = /^\/static\/build\/([a-z0-9-]+\.(css|js))$/.exec(url);
    if (file?.[1] && existsSync(path.join(BUILD, file[1]))) {
      res.writeHead(200, { 'content-type': file[2] === 'css' ? 'text/css' : 'text/javascript' });
      return res.end(readFileSync(path.join(BUILD, file[1])));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Errors the page reported (script errors, CSP refusals): each test expects none. */
const pageErrors = new WeakMap<Page, string[]>();

async function open(url: string): Promise<Page> {
  const context = await newContext(browser, 360);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico') && !url.includes('khong-script')) errors.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(base + url);
  return page;
}

function failures(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** The wrapper of the field with this id: what the script hides and marks in error. */
function wrapperOf(page: Page, id: string) {
  return page.locator(`.govuk-form-group:has(#${id})`).last();
}

describe('e-form script at 360px', () => {
  test('father fields hide when the father is not declared, and show when he is', async () => {
    const page = await open('/khai-sinh');
    const coCha = page.getByRole('group', { name: 'Có khai thông tin người cha không?' });
    const fatherName = page.getByLabel('Họ, chữ đệm, tên người cha');
    const fatherYear = page.getByLabel('Năm sinh của người cha');
    const fatherAddress = page.getByRole('group', { name: 'Nơi cư trú của người cha' });

    // nothing chosen yet: the condition does not hold
    await fatherName.waitFor({ state: 'hidden' });
    await coCha.getByLabel('Có', { exact: true }).check();
    await fatherName.waitFor({ state: 'visible' });
    assert.ok(await fatherYear.isVisible());
    assert.ok(await fatherAddress.isVisible());

    await coCha.getByLabel('Không', { exact: true }).check();
    await fatherName.waitFor({ state: 'hidden' });
    assert.ok(!(await fatherYear.isVisible()));
    assert.ok(!(await fatherAddress.isVisible()));
    // hidden with the hidden attribute, so out of the tab order and the accessibility tree
    assert.equal(await wrapperOf(page, 'f-fatherName').getAttribute('hidden'), '');
    await coCha.getByLabel('Không', { exact: true }).focus();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');
      assert.doesNotMatch(focused, /^f-father/, 'a hidden father field took the focus');
    }

    await coCha.getByLabel('Có', { exact: true }).check();
    await fatherName.waitFor({ state: 'visible' });
    // the copies question has its own condition
    const copies = page.getByLabel('Số bản sao');
    assert.ok(!(await copies.isVisible()));
    await page.getByRole('group', { name: 'Đề nghị cấp bản sao Giấy khai sinh?' }).getByLabel('Có', { exact: true }).check();
    await copies.waitFor({ state: 'visible' });
    await checkPage(page);
    assert.deepEqual(failures(page), []);
    await page.context().close();
  });

  test('a wrong ID number gets its error beside the field on leaving it, without a reload, and loses it once fixed', async () => {
    const page = await open('/thuong-tru');
    await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
    const id = page.locator('#f-idNumber');
    const message = page.locator('#f-idNumber-error');

    await id.fill('12345678901');
    assert.equal(await message.count(), 0, 'no error while typing the first time');
    await id.press('Tab');
    await message.waitFor();
    assert.equal((await message.textContent())?.trim(), 'Lỗi: Số định danh cá nhân phải gồm đúng 12 chữ số');
    assert.equal(await message.locator('.govuk-visually-hidden').textContent(), 'Lỗi:');
    assert.match((await id.getAttribute('aria-describedby')) ?? '', /(^| )f-idNumber-error( |$)/);
    assert.match((await id.getAttribute('class')) ?? '', /govuk-input--error/);
    assert.match((await wrapperOf(page, 'f-idNumber').getAttribute('class')) ?? '', /govuk-form-group--error/);
    // GOV.UK's order: label, error, then the control
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { nextElementSibling: { id: string } | null } | null } }).document.getElementById('f-idNumber-error')?.nextElementSibling?.id), 'f-idNumber');
    // the citizen has touched nothing else: no other field shouts
    assert.equal(await page.locator('.govuk-error-message').count(), 1);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument), true, 'the page was not reloaded');
    await checkPage(page);

    // fixing it clears the message as the twelfth digit is typed
    await id.click();
    await id.press('End');
    await id.pressSequentially('2');
    await message.waitFor({ state: 'detached' });
    assert.equal(await id.getAttribute('aria-describedby'), null);
    assert.doesNotMatch((await id.getAttribute('class')) ?? '', /--error/);
    assert.doesNotMatch((await wrapperOf(page, 'f-idNumber').getAttribute('class')) ?? '', /--error/);
    assert.equal(await page.locator('.govuk-error-message').count(), 0);
    assert.deepEqual(failures(page), []);
    await page.context().close();
  });

  test('inside a household member, conditions and errors work per item, and the form still posts with errors', async () => {
    const page = await open('/thuong-tru');
    // the head's fields depend on "is the declarant the head?"
    const head = page.getByLabel('Họ, chữ đệm và tên chủ hộ');
    await head.waitFor({ state: 'hidden' });
    await page.getByRole('group', { name: 'Người kê khai có phải là chủ hộ không?' }).getByLabel('Không', { exact: true }).check();
    await head.waitFor({ state: 'visible' });

    const member = page.getByRole('group', { name: 'Thành viên 1' });
    const detail = member.getByLabel('Ghi rõ quan hệ');
    await detail.waitFor({ state: 'hidden' });
    await member.getByLabel('Quan hệ với chủ hộ').selectOption('khac');
    await detail.waitFor({ state: 'visible' });

    const memberId = member.getByLabel('Số định danh cá nhân');
    await memberId.fill('0123');
    await memberId.blur();
    const message = page.locator('#f-members-0-idNumber-error');
    await message.waitFor();
    assert.equal((await message.textContent())?.trim(), 'Lỗi: Số định danh cá nhân phải gồm đúng 12 chữ số (thành viên 1)');
    await checkPage(page);

    // the server's word is final: the script does not stop the post
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Máy chủ đã nhận biểu mẫu' }).waitFor();
    assert.deepEqual(failures(page), []);
    await page.context().close();
  });

  test('without the script every field stays on the page, with its condition in words', async () => {
    const page = await open('/khai-sinh-khong-script');
    await page.getByRole('group', { name: 'Có khai thông tin người cha không?' }).getByLabel('Không', { exact: true }).check();
    assert.ok(await page.getByLabel('Họ, chữ đệm, tên người cha').isVisible());
    assert.ok(await page.getByText('(chỉ điền nếu “Có khai thông tin người cha không?” là “Có”)').first().isVisible());
    await page.context().close();
  });
});
