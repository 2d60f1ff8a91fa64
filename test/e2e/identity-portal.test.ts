// Issue 9 in Chromium: a citizen logs in with the national electronic identity on the identity
// simulator's own page (a demo citizen chosen there, no password), comes back logged in, and
// finds the tờ khai of Đăng ký khai sinh prefilled with the verified name, ID number and phone,
// each marked as verified. A first dossier goes in with uploaded files; a second one is offered
// the identity document given with the first and takes it again (no new upload). The desk
// receives both and sees the reuse; the national-portal simulator receives every public event
// of both dossiers, each once and in order. The app, the identity-provider simulator
// (oidc-provider) and the national-portal simulator each run as their own process; at the end
// the app is stopped and its database read to compare with what the portal received.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { openDatabase } from '../../src/platform/db/connect';
import { samplePdf } from '../helpers/files';
import { freePort, startIdentitySimulator, startNationalPortalSimulator, until, type Simulator } from '../helpers/simulators';
import { attach, check, chooseAddress, daysAgo, login, mainText, open, openFromQueue, problemsOf, slotOf, summaryValue, type Site } from './flows';
import { launchBrowser, startServer, type Server } from './helpers';

/** Hoàng Thị Mai on the simulator: a level 2 identity with no account on the portal yet. */
const MAI = { name: 'Hoàng Thị Mai', idNumber: '020195004567', phone: '0987654321' };
const ID_SLOT = /^Giấy tờ tùy thân/;
const BIRTH_SLOT = /^Giấy chứng sinh/;

let server: Server;
let browser: Browser;
let site: Site;
let dir: string;
let dataDir: string;
let idp: Simulator & { clientId: string; clientSecret: string };
let portal: Simulator & { clientId: string; secret: string };
const files = { gcs1: '', gcs2: '', idScan: '' };
const pages: Page[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-identity-'));
  dataDir = path.join(dir, 'data');
  files.gcs1 = path.join(dir, 'giay-chung-sinh-1.pdf');
  writeFileSync(files.gcs1, samplePdf('Giay chung sinh 1'));
  files.gcs2 = path.join(dir, 'giay-chung-sinh-2.pdf');
  writeFileSync(files.gcs2, samplePdf('Giay chung sinh 2'));
  // a PDF scan keeps its name in the dossier (photos of a component are merged into one PDF)
  files.idScan = path.join(dir, 'can-cuoc-mai.pdf');
  writeFileSync(files.idScan, samplePdf('Can cuoc Hoang Thi Mai'));
  // the app's address first: the identity provider sends the browser back to it
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  [idp, portal] = await Promise.all([startIdentitySimulator(`${url}/dang-nhap/dinh-danh/callback`), startNationalPortalSimulator(url)]);
  server = await startServer({
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    IDENTITY_ISSUER: idp.url,
    IDENTITY_CLIENT_ID: idp.clientId,
    IDENTITY_CLIENT_SECRET: idp.clientSecret,
    NATIONAL_PORTAL_URL: portal.url,
    NATIONAL_PORTAL_CLIENT_ID: portal.clientId,
    NATIONAL_PORTAL_SECRET: portal.secret,
  });
  browser = await launchBrowser();
  site = { browser, url };
});
after(async () => {
  // read before the browser closes; asserted once everything is stopped
  const problems = pages.map((page) => ({ url: page.url(), problems: problemsOf(page) }));
  await browser?.close();
  await server?.stop();
  await Promise.all([idp?.stop(), portal?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  for (const p of problems) assert.deepEqual(p.problems, [], `what went wrong in ${p.url}`);
});

let citizen: Page;
const codes: string[] = [];

/** Procedure page → "Nộp hồ sơ trực tuyến" → "Bắt đầu": the tờ khai. */
async function startKhaiSinh(page: Page): Promise<void> {
  await page.goto('/thu-tuc/1.001193');
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByText('Giấy tờ cần chuẩn bị').waitFor();
  await page.getByRole('button', { name: /^Bắt đầu/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Tờ khai đăng ký khai sinh' }).waitFor();
}

/** The applicant's fields: prefilled with the verified identity, each marked as verified. */
async function assertPrefilledVerified(page: Page): Promise<void> {
  const fields: [string, string][] = [
    ['Họ, chữ đệm, tên người yêu cầu', MAI.name],
    ['Số định danh cá nhân của người yêu cầu', MAI.idNumber],
    ['Số điện thoại', MAI.phone],
  ];
  for (const [label, value] of fields) {
    const input = page.getByLabel(label, { exact: true });
    assert.equal(await input.inputValue(), value, `${label} prefilled`);
    const group = page.locator('.govuk-form-group').filter({ has: input });
    assert.match((await group.textContent()) ?? '', /Đã xác thực qua tài khoản định danh điện tử/, `${label} marked as verified`);
  }
}

/** The child's part of the tờ khai, the mother living where the requester lives. */
async function fillChild(page: Page, child: string): Promise<void> {
  await page.getByLabel('Nơi tiếp nhận hồ sơ').selectOption({ label: 'Ủy ban nhân dân phường Lương Văn Tri' });
  await chooseAddress(page, 'Nơi cư trú của người yêu cầu', 'Phường Lương Văn Tri', 'Số 8 ngõ 3 đường Bà Triệu');
  await page.getByRole('group', { name: 'Quan hệ với người được khai sinh' }).getByLabel('Mẹ', { exact: true }).check();
  await page.getByLabel('Họ, chữ đệm, tên người được khai sinh').fill(child);
  await page.getByRole('group', { name: 'Giới tính' }).getByLabel('Nam', { exact: true }).check();
  await page.getByLabel('Ngày sinh', { exact: true }).fill(daysAgo(3));
  await page.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa tỉnh Lạng Sơn');
  await page.getByLabel('Quê quán').fill('Xã Hoàng Đồng, tỉnh Lạng Sơn');
  await page.getByLabel('Dân tộc của người được khai sinh').fill('Tày');
  await page.getByLabel('Họ, chữ đệm, tên người mẹ').fill(MAI.name);
  await page.getByLabel('Năm sinh của người mẹ').fill('1995');
  await page.getByLabel('Dân tộc của người mẹ').fill('Tày');
  await page.getByRole('group', { name: 'Có khai thông tin người cha không?' }).getByLabel('Không', { exact: true }).check();
  await chooseAddress(page, 'Nơi cư trú của người mẹ', 'Phường Lương Văn Tri', 'Số 8 ngõ 3 đường Bà Triệu');
  await page.getByRole('group', { name: 'Đề nghị cấp bản sao Giấy khai sinh?' }).getByLabel('Không', { exact: true }).check();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đính kèm giấy tờ' }).waitFor();
}

/** From the files step: continue, review, submit; the dossier's code. */
async function submit(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại trước khi nộp' }).waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
  const code = ((await page.locator('.govuk-panel__body strong').textContent()) ?? '').trim();
  assert.match(code, /^[0-9A-Z.]+-\d{6}-\d{4}$/);
  return code;
}

function reuseOffers(slot: Locator): Locator {
  return slot.locator('details.mc-reuse li');
}

// ---- the national-portal simulator ----
interface Received {
  idempotencyKey: string;
  sequence: number;
  body: { dossier?: { code: string }; event?: { type: string } };
}
interface Inbox {
  events: Received[];
  duplicates: number;
  refused: { path: string; code: string }[];
}
async function inbox(): Promise<Inbox> {
  return (await fetch(`${portal.url}/_inbox`)).json() as Promise<Inbox>;
}
const receivedFor = (box: Inbox, code: string) => box.events.filter((e) => e.body.dossier?.code === code);

describe('national identity login, verified prefill, a reused document, and the national portal told of every step', () => {
  test('the citizen logs in on the identity simulator’s own page and comes back logged in, the attributes shown as verified', async () => {
    citizen = await open(site, 360, true);
    citizen.setDefaultTimeout(10_000);
    pages.push(citizen);
    await citizen.goto('/dang-nhap');
    await check(citizen);
    await citizen.getByRole('button', { name: 'Đăng nhập bằng tài khoản định danh điện tử' }).click();
    await citizen.waitForURL((u) => u.href.startsWith(`${idp.url}/giao-dien/`));
    await citizen.getByRole('heading', { level: 1, name: 'Hệ thống định danh điện tử (mô phỏng)' }).waitFor();
    await citizen.getByRole('button', { name: MAI.name, exact: true }).click();
    await citizen.waitForURL(`${site.url}/tai-khoan`);
    await citizen.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await citizen.getByRole('heading', { level: 2, name: 'Thông tin đã xác thực qua tài khoản định danh điện tử' }).waitFor();
    const text = await mainText(citizen);
    for (const v of [MAI.name, MAI.idNumber, '02/03/1995', MAI.phone, 'Đã xác thực']) assert.ok(text.includes(v), `the account page shows “${v}” as verified`);
    await check(citizen);
  });

  test('the tờ khai comes prefilled with the verified data; the first dossier goes in with uploaded files', async () => {
    await startKhaiSinh(citizen);
    await assertPrefilledVerified(citizen);
    await check(citizen);
    await fillChild(citizen, 'Hoàng Minh Đức');
    const { slot } = await slotOf(citizen, ID_SLOT);
    assert.equal(await reuseOffers(slot).count(), 0, 'nothing to reuse yet');
    await attach(citizen, BIRTH_SLOT, [files.gcs1]);
    await attach(citizen, ID_SLOT, [files.idScan]);
    codes.push(await submit(citizen));
    await check(citizen);
  });

  test('the second dossier is offered the identity document given before, takes it again without an upload, and goes in', async () => {
    await startKhaiSinh(citizen);
    await assertPrefilledVerified(citizen);
    await fillChild(citizen, 'Hoàng Minh Anh');
    const { slot } = await slotOf(citizen, ID_SLOT);
    const offer = reuseOffers(slot).filter({ hasText: 'can-cuoc-mai.pdf' });
    assert.equal(await offer.count(), 1, 'the earlier identity document is offered');
    assert.ok(((await offer.textContent()) ?? '').includes(`hồ sơ ${codes[0]}`), 'with the dossier it was given in');
    await check(citizen);
    const uploads: string[] = [];
    const onRequest = (req: { url(): string; method(): string }) => {
      if (new URL(req.url()).pathname.startsWith('/tai-len/')) uploads.push(`${req.method()} ${req.url()}`);
    };
    citizen.on('request', onRequest);
    await offer.getByRole('button', { name: /^Dùng lại/ }).click();
    await citizen.getByRole('alert').filter({ hasText: 'Đã dùng lại tệp “can-cuoc-mai.pdf” đã có trong hệ thống.' }).waitFor();
    citizen.off('request', onRequest);
    assert.deepEqual(uploads, [], 'no upload for the reused document');
    const again = (await slotOf(citizen, ID_SLOT)).slot;
    await again.getByRole('list', { name: /^Tệp đã đính kèm cho thành phần/ }).getByRole('link', { name: 'can-cuoc-mai.pdf', exact: true }).waitFor();
    assert.equal(await reuseOffers(again).filter({ hasText: 'can-cuoc-mai.pdf' }).count(), 0, 'no longer offered once taken');
    await attach(citizen, BIRTH_SLOT, [files.gcs2]);
    codes.push(await submit(citizen));
  });

  test('the desk receives both dossiers and sees the identity document of the second one marked as reused', async () => {
    const desk = await open(site, 1280, true);
    desk.setDefaultTimeout(10_000);
    pages.push(desk);
    await login(desk, 'motcuaxa');
    for (const code of codes) {
      await openFromQueue(desk, code, 'Hồ sơ tại bộ phận một cửa');
      await desk.getByRole('region', { name: 'Thao tác' }).getByRole('button', { name: 'Tiếp nhận hồ sơ và in giấy hẹn' }).click();
      await desk.getByRole('alert').filter({ hasText: `Đã tiếp nhận hồ sơ ${code}.` }).waitFor();
      assert.equal(((await summaryValue(desk, 'Tình trạng').textContent()) ?? '').trim(), 'Đã tiếp nhận');
    }
    const papers = desk.getByRole('region', { name: 'Giấy tờ của hồ sơ' });
    const reused = papers.getByRole('listitem').filter({ hasText: 'can-cuoc-mai.pdf' });
    assert.match((await reused.textContent()) ?? '', new RegExp(`Dùng lại giấy tờ đã nộp trong hồ sơ ${codes[0]!.replace(/\./g, '\\.')}`));
    assert.doesNotMatch((await papers.getByRole('listitem').filter({ hasText: 'giay-chung-sinh-2.pdf' }).textContent()) ?? '', /Dùng lại/);
    await check(desk);
  });

  test('the national portal receives every public event of both dossiers, each once and in order', async () => {
    // submitted and accepted for each, at least; wait for them, then compare with the app's own record
    await until(async () => {
      const box = await inbox();
      return codes.every((c) => receivedFor(box, c).some((e) => e.body.event?.type === 'accepted'));
    }, 30_000, 'the events pushed to the national portal').catch(async (err: unknown) => {
      const box = await inbox();
      const seen = codes.map((c) => `${c}: ${receivedFor(box, c).map((e) => e.body.event?.type).join(', ')}`);
      throw new Error(`${String(err)}\nreceived ${box.events.length} events; ${seen.join('; ')}; refused ${JSON.stringify(box.refused)}\n${server.log().slice(-3000)}`);
    });
    const box = await inbox();
    assert.equal(box.duplicates, 0);
    assert.deepEqual(box.refused, []);

    // the app's record of each dossier's public events, read once the app has stopped
    await server.stop();
    const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
    try {
      const db = database.db;
      for (const code of codes) {
        const d = await db.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirstOrThrow();
        const rows = await db.selectFrom('dossierEvents').select(['id', 'type', 'isPublic']).where('dossierId', '=', d.id).orderBy('id').execute();
        const want = rows.filter((r) => r.isPublic || r.type === 'rated');
        const got = receivedFor(box, code);
        assert.deepEqual(
          got.map((e) => [e.idempotencyKey, e.sequence, e.body.event?.type]),
          want.map((r, i) => [`dossier-event-${r.id}`, i + 1, r.type]),
          `${code}: every public event once, in order`,
        );
        assert.deepEqual(want.map((r) => r.type).slice(0, 2), ['submitted', 'accepted']);
      }
      const pending = await db.selectFrom('nationalPortalOutbox').select('state').where('state', '<>', 'sent').where('kind', '=', 'dossier_event').execute();
      assert.deepEqual(pending, [], 'nothing of the dossiers left waiting');

      // the reuse is recorded on the second dossier: the same content, pointing at the first dossier's file
      const [first, second] = await Promise.all(
        codes.map((code) =>
          db
            .selectFrom('dossierFiles as f')
            .innerJoin('dossiers as d', 'd.id', 'f.dossierId')
            .select(['f.id', 'f.fileName', 'f.sha256', 'f.reusedFrom'])
            .where('d.code', '=', code)
            .where('f.fileName', '=', 'can-cuoc-mai.pdf')
            .executeTakeFirstOrThrow(),
        ),
      );
      assert.equal(first!.reusedFrom, null);
      assert.equal(second!.reusedFrom, first!.id);
      assert.equal(second!.sha256, first!.sha256);
    } finally {
      await database.close();
    }
  });
});
