// Toàn trình in Chromium (issue 10): a citizen never visits an office. The citizen finds Đăng ký
// khai sinh in the catalogue (a toàn trình procedure), fills the e-form asking for two copies
// (a fee of 2 × 8.000 ₫), attaches the birth certificate, pays at the VNPay simulator's own pages
// (a bank chosen, success); the desk receives, the specialist processes (with the commune
// police), the leader approves and the result is signed; the citizen downloads the signed PDF,
// reads its QR code (pdftoppm renders the page, jsQR decodes the pixels), opens the link and
// uploads the PDF to the verification page: valid, and one changed byte is not. Then the same
// with the result by post: the citizen chooses delivery by post before paying and pays the fee
// with the postage, the desk returns the result by post, the postal simulator delivers (its
// signed webhooks) and the citizen's timeline shows each step up to delivered. The app, the
// VNPay simulator and the postal simulator each run as their own process.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import jsQR from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { samplePdf } from '../helpers/files';
import { freePort, startPostalSimulator, startVnpaySimulator, until, type Simulator, vnpayEnv, postalEnv } from '../helpers/simulators';
import { attach, check, chooseAddress, daysAgo, login, mainText, open, openFromQueue, problemsOf, summaryValue, type Site } from './flows';
import { launchBrowser, startServer, type Server } from './helpers';

let server: Server;
let browser: Browser;
let site: Site;
let dir: string;
let vnpay: Simulator & { tmnCode: string; hashSecret: string };
let postal: Simulator & { apiKey: string; secret: string; webhookSecret: string };
const files = { gcs: '', idPhoto: '' };
/** Two copies of the birth certificate: 2 × 8.000 ₫ (the copy fee of civil status extracts). */
const FEE = '16.000\u00a0₫';
/** The fee and the postage within the province, up to 100 g, on the simulator's table (13.000 ₫). */
const FEE_AND_POSTAGE = '29.000\u00a0₫';

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-toan-trinh-'));
  files.gcs = path.join(dir, 'giay-chung-sinh.pdf');
  writeFileSync(files.gcs, samplePdf('Giay chung sinh'));
  files.idPhoto = path.join(dir, 'can-cuoc.png');
  writeFileSync(files.idPhoto, await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 210, g: 190, b: 160 } } }).png().toBuffer());
  // the app's address first: the gateway sends the browser back to it, the QR code links to it
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  [vnpay, postal] = await Promise.all([
    startVnpaySimulator({ VNPAY_IPN_URL: `${url}/api/v1/payments/vnpay/ipn`, IPN_RETRY_MS: '500' }),
    startPostalSimulator(`${url}/api/v1/postal/webhook`),
  ]);
  server = await startServer({
    PORT: String(port),
    PUBLIC_URL: url,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...vnpayEnv(vnpay),
    ...postalEnv(postal),
  });
  assert.equal(server.url, url);
  browser = await launchBrowser();
  site = { browser, url };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await Promise.all([vnpay?.stop(), postal?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// The people, each signed in once in their own browser context
// ---------------------------------------------------------------------------------------

const people = new Map<string, Page>();

/** The citizen on a 360 px phone, the officers at 1280 px; all with JavaScript. */
async function as(user: 'congdan' | 'motcuaxa' | 'tuphapxa' | 'conganxa' | 'chutichxa'): Promise<Page> {
  let page = people.get(user);
  if (!page) {
    page = await open(site, user === 'congdan' ? 360 : 1280, true);
    page.setDefaultTimeout(10_000);
    await login(page, user);
    people.set(user, page);
  }
  return page;
}

after(() => {
  for (const [user, page] of people) assert.deepEqual(problemsOf(page), [], `what went wrong in ${user}’s pages`);
});

function actions(page: Page): Locator {
  return page.getByRole('region', { name: 'Thao tác' });
}

async function move(page: Page, button: Locator, flash = 'Đã cập nhật hồ sơ.'): Promise<void> {
  await button.click();
  await page.getByRole('alert').filter({ hasText: flash }).waitFor();
}

async function stateOn(page: Page): Promise<string> {
  return ((await summaryValue(page, 'Tình trạng').textContent()) ?? '').trim();
}

// ---------------------------------------------------------------------------------------
// The citizen's steps
// ---------------------------------------------------------------------------------------

/** From the home page: the search finds Đăng ký khai sinh, marked toàn trình. */
async function findInCatalogue(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
  const first = page.locator('.mc-card__link').first();
  assert.equal((await first.textContent())?.trim(), 'Đăng ký khai sinh');
  await first.click();
  await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
  assert.match(await mainText(page), /Toàn trình/);
  assert.match(await mainText(page), /không cần đến cơ quan/);
  await check(page);
}

/** "Nộp hồ sơ trực tuyến" on the procedure page, the e-form with two copies asked for, the two files, the review, the submission; the code. */
async function submitOnline(page: Page, child: string): Promise<string> {
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByText('Giấy tờ cần chuẩn bị').waitFor();
  await page.getByRole('button', { name: /^Bắt đầu/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Tờ khai đăng ký khai sinh' }).waitFor();
  await page.getByLabel('Nơi tiếp nhận hồ sơ').selectOption({ label: 'Ủy ban nhân dân phường Lương Văn Tri' });
  await page.getByRole('group', { name: 'Quan hệ với người được khai sinh' }).getByLabel('Cha', { exact: true }).check();
  await page.getByLabel('Họ, chữ đệm, tên người được khai sinh').fill(child);
  await page.getByRole('group', { name: 'Giới tính' }).getByLabel('Nữ', { exact: true }).check();
  await page.getByLabel('Ngày sinh', { exact: true }).fill(daysAgo(4));
  await page.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa tỉnh Lạng Sơn');
  await page.getByLabel('Quê quán').fill('Xã Đình Lập, tỉnh Lạng Sơn');
  await page.getByLabel('Dân tộc của người được khai sinh').fill('Tày');
  await page.getByLabel('Họ, chữ đệm, tên người mẹ').fill('Lương Thị Hoa');
  await page.getByLabel('Năm sinh của người mẹ').fill('1995');
  await page.getByLabel('Dân tộc của người mẹ').fill('Nùng');
  await page.getByRole('group', { name: 'Có khai thông tin người cha không?' }).getByLabel('Không', { exact: true }).check();
  await chooseAddress(page, 'Nơi cư trú của người mẹ', 'Phường Lương Văn Tri', 'Số 12 đường Trần Đăng Ninh');
  // two copies of the certificate: the fee that is paid online
  await page.getByRole('group', { name: 'Đề nghị cấp bản sao Giấy khai sinh?' }).getByLabel('Có', { exact: true }).check();
  await page.getByLabel('Số bản sao').fill('2');
  await check(page);
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đính kèm giấy tờ' }).waitFor();
  await attach(page, /^Giấy chứng sinh/, [files.gcs]);
  await attach(page, /^Giấy tờ tùy thân/, [files.idPhoto]);
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại trước khi nộp' }).waitFor();
  assert.equal((await summaryValue(page, 'Số bản sao').textContent())?.trim(), '2');
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
  const code = ((await page.locator('.govuk-panel__body strong').textContent()) ?? '').trim();
  assert.match(code, /^[0-9A-Z.]+-\d{6}-\d{4}$/);
  await check(page);
  return code;
}

async function myDossier(page: Page, code: string): Promise<void> {
  await page.goto(`/ho-so-cua-toi/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
  assert.equal(((await summaryValue(page, 'Mã hồ sơ').textContent()) ?? '').trim(), code);
}

/** From the dossier page: the amount shown before paying, the gateway's page, a bank chosen, success; back on the portal. */
async function payAtGateway(page: Page, code: string, amount: string): Promise<void> {
  await myDossier(page, code);
  const panel = page.getByRole('region', { name: 'Nộp phí trực tuyến' });
  assert.match((await panel.textContent()) ?? '', new RegExp(`Số tiền phải nộp: ${amount}`));
  await panel.getByRole('link', { name: 'Nộp phí trực tuyến' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nộp phí trực tuyến' }).waitFor();
  await check(page);
  await page.getByRole('button', { name: `Thanh toán ${amount} qua VNPAY` }).click();
  // the simulator's own pages, as the real gateway's
  await page.waitForURL((u) => u.href.startsWith(`${vnpay.url}/paymentv2/vpcpay.html`));
  await page.getByRole('heading', { level: 1, name: 'Thanh toán trực tuyến' }).waitFor();
  assert.ok(((await page.locator('dl').textContent()) ?? '').includes(`Nop phi ho so ${code}`));
  await page.getByLabel('Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)').check();
  await page.getByRole('button', { name: 'Thanh toán thành công' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${site.url}/thanh-toan/vnpay/ket-qua`));
  await page.getByRole('heading', { level: 1, name: 'Nộp phí thành công' }).waitFor();
  assert.equal(((await summaryValue(page, 'Số tiền').textContent()) ?? '').trim(), amount);
  assert.equal(((await summaryValue(page, 'Tình trạng').textContent()) ?? '').trim(), 'Đã thanh toán');
  await check(page);
}

// ---------------------------------------------------------------------------------------
// The back office: received, processed with the commune police, approved and signed
// ---------------------------------------------------------------------------------------

async function throughBackOffice(code: string): Promise<void> {
  const desk = await as('motcuaxa');
  await openFromQueue(desk, code, 'Hồ sơ tại bộ phận một cửa');
  await move(desk, actions(desk).getByRole('button', { name: 'Tiếp nhận hồ sơ và in giấy hẹn' }), `Đã tiếp nhận hồ sơ ${code}.`);
  await move(desk, actions(desk).getByRole('button', { name: 'Chuyển cơ quan giải quyết' }));
  assert.equal(await stateOn(desk), 'Đang giải quyết');

  const specialist = await as('tuphapxa');
  await openFromQueue(specialist, code, 'Hồ sơ đang giải quyết tại đơn vị');
  await move(specialist, actions(specialist).getByRole('button', { name: 'Nhận xử lý hồ sơ này' }));
  await move(specialist, actions(specialist).getByRole('button', { name: 'Gửi lấy ý kiến: Công an cấp xã đăng ký thường trú cho trẻ (liên thông)' }));
  const police = await as('conganxa');
  await openFromQueue(police, code, 'Hồ sơ đang giải quyết tại đơn vị');
  await actions(police).getByLabel('Ý kiến, kết quả phối hợp').fill('Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.');
  await move(police, actions(police).getByRole('button', { name: 'Gửi ý kiến cho cơ quan chủ trì' }));

  await specialist.reload();
  const draft = path.join(dir, `giay-khai-sinh-${code}.pdf`);
  writeFileSync(draft, samplePdf(`Giay khai sinh ${code}`));
  const details = actions(specialist).locator('details').filter({ has: specialist.locator('summary', { hasText: 'Trình lãnh đạo phê duyệt' }) });
  await details.locator('summary').click();
  await details.getByLabel('Dự thảo kết quả giải quyết (tệp PDF)').setInputFiles(draft);
  await move(specialist, details.getByRole('button', { name: 'Trình ký kết quả' }));
  assert.equal(await stateOn(specialist), 'Đang trình lãnh đạo ký');

  const leader = await as('chutichxa');
  await openFromQueue(leader, code, 'Hồ sơ chờ phê duyệt và đang giải quyết');
  await move(leader, actions(leader).getByRole('button', { name: 'Phê duyệt kết quả' }));
  assert.equal(await stateOn(leader), 'Đã có kết quả, chờ trả');
  await check(leader);
}

// ---------------------------------------------------------------------------------------
// The signed result and its QR code
// ---------------------------------------------------------------------------------------

async function downloadBytes(link: Locator): Promise<{ fileName: string; bytes: Buffer }> {
  const downloading = link.page().waitForEvent('download');
  downloading.catch(() => undefined);
  await link.click({ timeout: 5_000 });
  const download = await downloading;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return { fileName: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** Renders the first page (pdftoppm, 150 dpi) and decodes the QR code in it (jsQR over sharp's raw pixels). */
async function qrOf(pdf: Buffer): Promise<string> {
  const file = path.join(dir, 'qr-source.pdf');
  writeFileSync(file, pdf);
  const prefix = path.join(dir, 'qr-page');
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const { data, info } = await sharp(readFileSync(`${prefix}.png`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  assert.ok(found, 'a QR code on the first page of the result');
  return found.data;
}

async function uploadForCheck(page: Page, bytes: Buffer, name: string): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  await page.goto('/xac-thuc#kiem-tra-tep');
  await page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles(file);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const heading = page.getByRole('heading', { level: 2, name: /^Kết quả kiểm tra:/ });
  await heading.waitFor();
  await check(page);
  return ((await heading.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------
// The journeys
// ---------------------------------------------------------------------------------------

describe('toàn trình with the result online: find, fill, attach, pay, processed, signed, downloaded, verified by QR', () => {
  let code: string;

  test('the citizen finds the procedure, submits it online with two copies and pays 16.000 ₫ at the gateway', async () => {
    const citizen = await as('congdan');
    await findInCatalogue(citizen);
    code = await submitOnline(citizen, 'Nguyễn Minh Khang');
    await payAtGateway(citizen, code, FEE);
    await myDossier(citizen, code);
    assert.match(await mainText(citizen), /Tải biên lai điện tử số BL\d{2}-\d{6}/);
    await check(citizen);
  });

  test('the desk receives it, the specialist processes it with the commune police, the leader approves and signs', async () => {
    await throughBackOffice(code);
  });

  test('the citizen downloads the signed result, reads its QR code, and the verification page says it is valid', async () => {
    const citizen = await as('congdan');
    await myDossier(citizen, code);
    const region = citizen.getByRole('region', { name: 'Kết quả giải quyết', exact: true });
    const { fileName, bytes } = await downloadBytes(region.getByRole('link', { name: 'Tải kết quả giải quyết (PDF)' }));
    assert.match(fileName, /\.pdf$/);
    const saved = path.join(dir, 'ket-qua-tai-ve.pdf');
    writeFileSync(saved, bytes);
    assert.match(execFileSync('pdfsig', [saved]).toString('utf8'), /Signature is Valid/, 'the PDF is signed (PAdES), as pdfsig reads it');

    const link = await qrOf(bytes);
    assert.match(link, new RegExp(`^${site.url}/xac-thuc/[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$`));
    await citizen.goto(link);
    await citizen.getByRole('heading', { level: 1, name: 'Xác thực văn bản điện tử' }).waitFor();
    assert.equal(((await summaryValue(citizen, 'Tình trạng').textContent()) ?? '').trim(), 'Còn hiệu lực');
    assert.equal(((await summaryValue(citizen, 'Cơ quan ban hành').textContent()) ?? '').trim(), 'Ủy ban nhân dân phường Lương Văn Tri');
    assert.match((await summaryValue(citizen, 'Thủ tục hành chính').textContent()) ?? '', /1\.001193 – Đăng ký khai sinh/);
    assert.doesNotMatch(await mainText(citizen), /Nguyễn Minh Khang/, 'nothing personal on the public page');
    await check(citizen);

    assert.equal(await uploadForCheck(citizen, bytes, 'ket-qua.pdf'), 'Kết quả kiểm tra: Văn bản hợp lệ');
    const changed = Buffer.from(bytes);
    const at = changed.indexOf('/MediaBox');
    assert.ok(at > 0 && at < changed.indexOf('/ByteRange'), 'a byte inside the signed range');
    changed[changed.indexOf('8', at)] = '7'.charCodeAt(0);
    assert.equal(await uploadForCheck(citizen, changed, 'ket-qua-da-sua.pdf'), 'Kết quả kiểm tra: Văn bản đã bị thay đổi sau khi ký');
  });
});

describe('toàn trình with the result by post: delivery chosen before paying, fee and postage paid, posted, delivered', () => {
  let code: string;

  test('the citizen submits, chooses delivery by post and pays the fee with the postage', async () => {
    const citizen = await as('congdan');
    await citizen.goto('/thu-tuc/1.001193');
    await citizen.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    code = await submitOnline(citizen, 'Lương Bảo Ngọc');
    await myDossier(citizen, code);
    await citizen.getByRole('region', { name: 'Nhận kết quả qua bưu chính' }).getByRole('link', { name: 'Đăng ký nhận kết quả qua bưu chính' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Nhận kết quả qua bưu chính' }).waitFor();
    await check(citizen);
    await citizen.getByLabel('Tỉnh, thành phố').selectOption({ label: 'tỉnh Lạng Sơn' });
    await citizen.getByLabel('Xã, phường').selectOption({ label: 'phường Lương Văn Tri' });
    await citizen.getByLabel('Địa chỉ chi tiết').fill('Số 12 đường Bà Triệu, khối 4');
    await citizen.getByLabel('Họ và tên người nhận').fill('Nguyễn Văn An');
    await citizen.getByLabel('Số điện thoại người nhận').fill('0912345678');
    await citizen.getByRole('button', { name: 'Lưu địa chỉ và xem cước phí' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    assert.match((await citizen.getByRole('region', { name: 'Nhận kết quả qua bưu chính' }).textContent()) ?? '', /13\.000\s₫/);
    await payAtGateway(citizen, code, FEE_AND_POSTAGE);
  });

  test('processed and signed as before; the desk returns the result by post', async () => {
    await throughBackOffice(code);
    const desk = await as('motcuaxa');
    await desk.goto(`/mot-cua/ho-so/${encodeURIComponent(code)}/buu-chinh`);
    await desk.getByRole('heading', { level: 1, name: `Bưu chính: hồ sơ ${code}` }).waitFor();
    await check(desk);
    await desk.getByRole('button', { name: 'Trả kết quả qua bưu chính' }).click();
    await desk.getByRole('alert').filter({ hasText: 'Đã cập nhật hồ sơ.' }).waitFor();
    assert.equal(await stateOn(desk), 'Đã trả kết quả');
  });

  test('the postal service delivers, its signed webhooks reach the portal, and the citizen’s timeline shows each step', async () => {
    interface SimState {
      shipments: { trackingNumber: string; reference: string; status: string }[];
      pendingWebhooks: number;
    }
    const state = async () => (await (await fetch(`${postal.url}/__sim/state`)).json()) as SimState;
    let tracking = '';
    await until(async () => {
      tracking = (await state()).shipments.find((s) => s.reference === code)?.trackingNumber ?? '';
      return tracking !== '';
    }, 20_000, 'the order placed at the postal service');
    // the postal service moves the parcel on, step by step, as its own page does
    for (let i = 0; i < 4; i++) {
      assert.equal((await fetch(`${postal.url}/__sim/shipments/${tracking}/advance`, { method: 'POST' })).status < 400, true);
    }
    assert.equal((await state()).shipments.find((s) => s.reference === code)?.status, 'delivered');
    const citizen = await as('congdan');
    await until(async () => {
      await myDossier(citizen, code);
      return (await mainText(citizen)).includes('Đã phát thành công kết quả cho người nhận');
    }, 20_000, 'the delivery on the citizen’s page');
    const text = await mainText(citizen);
    for (const line of [
      'Đã trả kết quả qua bưu chính',
      `Đã gửi yêu cầu chuyển phát kết quả qua bưu chính công ích (số hiệu bưu gửi ${tracking})`,
      `Bưu điện đã nhận bưu gửi kết quả (số hiệu bưu gửi ${tracking})`,
      'Đang vận chuyển kết quả',
      'Bưu tá đang phát kết quả',
      `Đã phát thành công kết quả cho người nhận (số hiệu bưu gửi ${tracking})`,
    ]) {
      assert.ok(text.includes(line), `the timeline shows “${line}”`);
    }
    assert.equal(((await summaryValue(citizen, 'Tình trạng bưu gửi').textContent()) ?? '').trim(), 'Đã phát thành công');
    await check(citizen);
  });
});
