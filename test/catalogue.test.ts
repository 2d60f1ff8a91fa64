import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword, insertAccount } from '../src/modules/accounts';
import { blankProcedure } from '../src/modules/catalogue';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  admin = new Client(t.app);
  await admin.login('quantri');
});
after(() => t.close());

const api = async (url: string) => t.app.inject({ url });

describe('search', () => {
  for (const q of ['dang ky khai sinh', 'khai sinh', 'đăng kí khai sinh', 'ĐĂNG KÝ KHAI SINH', 'dang ki khai xinh']) {
    test(`“${q}” finds Đăng ký khai sinh first`, async () => {
      const res = await api(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.ok(body.total >= 1, JSON.stringify(body));
      assert.equal(body.items[0].code, '1.001193', JSON.stringify(body.items.slice(0, 3)));
      assert.equal(body.items[0].name, 'Đăng ký khai sinh');
      for (const k of ['code', 'name', 'field', 'tier', 'onlineLevel', 'legacyLevel']) assert.ok(k in body.items[0], k);
    });
  }

  test('a national code finds its procedure', async () => {
    const body = (await api('/api/v1/procedures?q=2.000815')).json();
    assert.equal(body.items[0].code, '2.000815');
  });

  test('filters by tier, field and level narrow the list, and pages are counted', async () => {
    const all = (await api('/api/v1/procedures')).json();
    assert.ok(all.total >= 40, `total ${all.total}`);
    assert.equal(all.items.length, 20);
    const page3 = (await api('/api/v1/procedures?page=3')).json();
    assert.equal(page3.page, 3);
    const xa = (await api('/api/v1/procedures?tier=xa')).json();
    assert.ok(xa.total > 0 && xa.total < all.total);
    assert.ok(xa.items.every((i: { tier: string }) => i.tier === 'xa'));
    const hoTich = (await api('/api/v1/procedures?field=ho-tich&level=toan_trinh')).json();
    assert.ok(hoTich.items.length > 0);
    assert.ok(hoTich.items.every((i: { fieldCode: string; onlineLevel: string }) => i.fieldCode === 'ho-tich' && i.onlineLevel === 'toan_trinh'));
  });

  test('an agency filter lists the procedures of a department, and commune procedures for a commune', async () => {
    const so = (await api('/api/v1/procedures?agency=so-tu-phap')).json();
    assert.ok(so.total > 0);
    const xa = (await api('/api/v1/procedures?agency=xa-dinh-lap&q=khai+sinh')).json();
    assert.ok(xa.items.some((i: { code: string }) => i.code === '1.001193'));
  });

  test('a 5,000-character search is refused with a Vietnamese message naming q, and SQL in it is just text', async () => {
    const long = await api(`/api/v1/procedures?q=${'a'.repeat(5000)}`);
    assert.equal(long.statusCode, 400);
    assert.equal(long.json().error.field, 'q');
    assert.match(long.json().error.message, /không được dài quá 200 ký tự/);
    const page = await api(`/thu-tuc?q=${'a'.repeat(5000)}`);
    assert.equal(page.statusCode, 400);
    for (const q of ["'; drop table procedures; --", '" or 1=1 --', '\\', ')(*&^%$#@!', '<script>']) {
      const res = await api(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, q);
    }
    assert.ok((await api('/api/v1/procedures?q=khai+sinh')).json().total > 0, 'the table is still there');
  });

  test('bad filter values answer 400 naming the parameter', async () => {
    for (const [q, field] of [
      ['tier=huyen2', 'tier'],
      ['level=muc4', 'level'],
      ['page=0', 'page'],
      ['field=Hộ tịch', 'field'],
    ]) {
      const res = await api(`/api/v1/procedures?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().error.field, field, q);
    }
  });
});

describe('public record', () => {
  test('GET /api/v1/procedures/{code} answers the whole public record', async () => {
    const res = await api('/api/v1/procedures/1.001193');
    assert.equal(res.statusCode, 200);
    const p = res.json();
    for (const k of ['code', 'name', 'field', 'tierHistory', 'steps', 'channels', 'components', 'processingTime', 'fees', 'applicants', 'agencies', 'results', 'legalBasis', 'onlineLevel', 'legacyLevel', 'templates']) assert.ok(k in p, k);
    assert.ok(p.templates.length > 0);
  });

  test('an unknown or malformed code answers 404 / 400', async () => {
    assert.equal((await api('/api/v1/procedures/9.999999')).statusCode, 404);
    assert.equal((await api('/api/v1/procedures/abc')).statusCode, 400);
    assert.equal((await api('/thu-tuc/9.999999')).statusCode, 404);
  });

  test('the procedure page shows every section and a template that downloads as a PDF', async () => {
    const res = await api('/thu-tuc/1.001193');
    assert.equal(res.statusCode, 200);
    for (const h of ['Trình tự thực hiện', 'Cách thức thực hiện', 'Thành phần hồ sơ', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Đối tượng thực hiện', 'Cơ quan thực hiện', 'Kết quả thực hiện', 'Căn cứ pháp lý']) {
      assert.match(res.body, new RegExp(h), h);
    }
    // its related procedures (those published), in the record's order, and the way to submit online
    const related = /Thủ tục liên quan[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '';
    const published = await t.database.db.selectFrom('procedures').select('code').where('code', 'in', ['1.000689', '1.004884', '1.004222']).where('status', '=', 'published').execute();
    assert.ok(published.length > 0);
    assert.deepEqual(
      [...related.matchAll(/href="\/thu-tuc\/([\d.]+)"/g)].map((m) => m[1]),
      ['1.000689', '1.004884', '1.004222'].filter((c) => published.some((p) => p.code === c)),
    );
    assert.match(res.body, /href="\/nop-ho-so\/1\.001193"/);
    const link = /href="(\/thu-tuc\/1\.001193\/mau\/[0-9a-f-]+)"/.exec(res.body)?.[1];
    assert.ok(link, 'a template link');
    const file = await api(link);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /attachment/);
    assert.equal(file.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('an agency page lists the procedures that agency handles', async () => {
    const res = await api('/co-quan/so-tu-phap');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Thủ tục hành chính \(\d+\)/);
    assert.match(res.body, /href="\/thu-tuc\/2\.000635"/);
    const xa = await api('/co-quan/xa-dinh-lap');
    assert.match(xa.body, /href="\/thu-tuc\/1\.001193"/, 'commune procedures appear on every commune page');
    assert.match(xa.body, /href="\/thu-tuc\?coquan=xa-dinh-lap"/, 'and a link to all of them');
  });

  test('fields and agencies are listed', async () => {
    const fields = (await api('/api/v1/fields')).json();
    assert.ok(fields.items.length >= 10);
    const agencies = (await api('/api/v1/agencies')).json();
    assert.ok(agencies.items.some((a: { code: string }) => a.code === 'so-tu-phap'));
    assert.ok(!agencies.items.some((a: { code: string }) => a.code === 'huyen-dinh-lap'), 'dissolved districts are not current agencies');
  });

  test('the home page puts search first and lists the most used procedures', async () => {
    const res = await api('/');
    assert.ok(res.body.indexOf('name="q"') < res.body.indexOf('mc-card-list'));
    assert.match(res.body, /href="\/thu-tuc\/\d\.\d{6}"/);
  });
});

function newRecord(code: string) {
  return {
    ...blankProcedure(),
    code,
    name: 'Thủ tục thử nghiệm cấp giấy xác nhận',
    field: { code: 'ho-tich', name: 'Hộ tịch' },
    steps: ['Nộp hồ sơ', 'Nhận kết quả'],
    results: ['Giấy xác nhận'],
    legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
    ineligibleReason: 'Phải nộp bản chính giấy tờ tại Bộ phận Một cửa',
    agencies: { competent: [{ unitCode: 'so-tu-phap' }], authorised: [], cooperating: [] },
  };
}

describe('administration', () => {
  test('an administrator creates a procedure; it stays a draft until published, then the public sees it', async () => {
    await admin.get('/quan-tri/thu-tuc/moi');
    const res = await admin.post('/quan-tri/thu-tuc/moi', { record: JSON.stringify(newRecord('9.000001')), summary: 'Tạo thử' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    assert.equal((await api('/thu-tuc/9.000001')).statusCode, 404, 'drafts are not public');
    const edit = await admin.get('/quan-tri/thu-tuc/9.000001');
    assert.match(edit.body, /Tạo thử/);
    const pub = await admin.post('/quan-tri/thu-tuc/9.000001/cong-bo', {});
    assert.equal(pub.statusCode, 303);
    assert.equal((await api('/thu-tuc/9.000001')).statusCode, 200);
    await admin.get('/quan-tri/thu-tuc/9.000001');
    await admin.post('/quan-tri/thu-tuc/9.000001/ngung-cong-bo', {});
    assert.equal((await api('/thu-tuc/9.000001')).statusCode, 404);
    const versions = await t.database.db.selectFrom('procedureVersions as v').innerJoin('procedures as p', 'p.id', 'v.procedureId').select(['v.version', 'v.summary', 'v.changedBy']).where('p.code', '=', '9.000001').orderBy('v.version').execute();
    assert.deepEqual(versions.map((v) => v.summary), ['Tạo thử', 'Công bố', 'Ngừng công bố']);
    assert.ok(versions.every((v) => v.changedBy !== null));
  });

  test('every invalid field is named in Vietnamese and nothing is saved', async () => {
    await admin.get('/quan-tri/thu-tuc/moi');
    const bad = { ...newRecord('1.23'), name: '', processingTime: { amount: -1, unit: 'weeks' }, fees: [{ type: 'fixed', kind: 'le_phi', label: 'x', setByProvince: false, amount: 1.5 }] };
    const res = await admin.post('/quan-tri/thu-tuc/moi', { record: JSON.stringify(bad) });
    assert.equal(res.statusCode, 400);
    for (const s of ['code', 'name', 'processingTime', 'fees\\[0\\]']) assert.match(res.body, new RegExp(s), s);
    assert.match(res.body, /Mã thủ tục phải có dạng d\.dddddd/);
    const broken = await admin.post('/quan-tri/thu-tuc/moi', { record: '{"code": ' });
    assert.equal(broken.statusCode, 400);
    assert.match(broken.body, /không phải JSON hợp lệ/);
    assert.match(broken.body, /\{&#34;code&#34;: |\{"code": /, 'what was typed is kept');
  });

  test('a duplicate code and an unknown agency are refused with clear messages', async () => {
    await admin.get('/quan-tri/thu-tuc/moi');
    const dup = await admin.post('/quan-tri/thu-tuc/moi', { record: JSON.stringify(newRecord('1.001193')) });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /Mã thủ tục 1\.001193 đã có trong danh mục/);
    const unknown = { ...newRecord('9.000002'), agencies: { competent: [{ unitCode: 'so-khong-co' }], authorised: [], cooperating: [] } };
    const res = await admin.post('/quan-tri/thu-tuc/moi', { record: JSON.stringify(unknown) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Không tìm thấy cơ quan có mã “so-khong-co”/);
    assert.equal(await t.database.db.selectFrom('procedures').select('id').where('code', '=', '9.000002').executeTakeFirst(), undefined);
  });

  test('two administrators editing the same version: the second is told to reload', async () => {
    const page = await admin.get('/quan-tri/thu-tuc/1.000894');
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];
    assert.ok(version);
    const record = (await api('/api/v1/procedures/1.000894')).json();
    const { templates: _t, tier: _tier, updatedAt: _u, ...clean } = record;
    const first = await admin.post('/quan-tri/thu-tuc/1.000894', { record: JSON.stringify({ ...clean, conditions: [...clean.conditions, 'Điều kiện thêm A'] }), version });
    assert.equal(first.statusCode, 303);
    await admin.get('/quan-tri/thu-tuc/1.000894');
    const second = await admin.post('/quan-tri/thu-tuc/1.000894', { record: JSON.stringify({ ...clean, conditions: [...clean.conditions, 'Điều kiện thêm B'] }), version });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /vừa được người khác sửa/);
  });

  test('a template must be a real document: a renamed program, an empty file and a wrong component are refused', async () => {
    const boundary = '----mc';
    const upload = async (fileName: string, bytes: Buffer, componentCode = '') => {
      await admin.get('/quan-tri/thu-tuc/2.000815');
      const parts = [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.lastCsrf}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="componentCode"\r\n\r\n${componentCode}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ];
      const payload = Buffer.concat([Buffer.from(parts.join('')), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return t.app.inject({
        method: 'POST',
        url: '/quan-tri/thu-tuc/2.000815/mau',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: `mc_sid=${admin.cookie('mc_sid')}` },
      });
    };
    const exe = await upload('mau.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]));
    assert.equal(exe.statusCode, 400);
    assert.match(exe.body, /kiểm tra theo nội dung tệp/);
    const empty = await upload('rong.pdf', Buffer.alloc(0));
    assert.equal(empty.statusCode, 400);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const wrong = await upload('mau.pdf', pdf, 'KHONG-CO');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /không có thành phần hồ sơ mã/);
    const ok = await upload('../../etc/Mẫu chứng thực.pdf', pdf);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    const row = await t.database.db.selectFrom('procedureTemplates').select('fileName').where('fileName', 'like', '%chứng thực%').executeTakeFirstOrThrow();
    assert.equal(row.fileName, 'Mẫu chứng thực.pdf', 'folders are stripped from the name');
  });

  test('each saved version can be opened, with the sections that changed since the one before', async () => {
    const page = await admin.get('/quan-tri/thu-tuc/1.000894');
    const links = [...page.body.matchAll(/href="(\/quan-tri\/thu-tuc\/1\.000894\/phien-ban\/(\d+))"/g)];
    assert.ok(links.length >= 2);
    const latest = await admin.get(links[0]![1]!);
    assert.equal(latest.statusCode, 200);
    assert.match(latest.body, /Mục thay đổi so với phiên bản/);
    assert.match(latest.body, /conditions/);
    assert.equal((await admin.get('/quan-tri/thu-tuc/1.000894/phien-ban/999')).statusCode, 404);
  });

  test('an administrator of one department cannot change another department’s procedure', async () => {
    const unit = await t.database.db.selectFrom('units').select('id').where('code', '=', 'so-y-te').executeTakeFirstOrThrow();
    await insertAccount(t.database.db, { username: 'quantri-yte', fullName: 'Quản trị Sở Y tế', email: null, phone: null, role: 'admin', unitId: unit.id, passwordHash: await hashPassword('demo1234') });
    const c = new Client(t.app);
    await c.login('quantri-yte');
    await c.get('/quan-tri/thu-tuc/2.000635');
    const res = await c.post('/quan-tri/thu-tuc/2.000635/ngung-cong-bo', {});
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Chỉ quản trị của cơ quan chủ quản/);
    assert.equal((await api('/thu-tuc/2.000635')).statusCode, 200, 'still published');
  });

  test('a counter officer cannot reach the catalogue administration', async () => {
    const c = new Client(t.app);
    await c.login('motcua');
    assert.equal((await c.get('/quan-tri/thu-tuc')).statusCode, 403);
  });
});

describe('import and export', () => {
  const boundary = '----mcimport';
  async function importFile(fileName: string, bytes: Buffer) {
    await admin.get('/quan-tri/thu-tuc/nhap');
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.lastCsrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    return t.app.inject({
      method: 'POST',
      url: '/quan-tri/thu-tuc/nhap',
      payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: `mc_sid=${admin.cookie('mc_sid')}` },
    });
  }
  const snapshot = async () =>
    (await t.database.db.selectFrom('procedures').select(['code', 'record', 'version']).orderBy('code').execute()).map((r) => ({ code: r.code, record: JSON.stringify(r.record), version: r.version }));

  test('the exported workbook imports back unchanged (round trip), as a new version of each procedure', async () => {
    const xlsx = await admin.get('/quan-tri/thu-tuc/xuat.xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-disposition']), /\.xlsx"/);
    const before = await snapshot();
    const res = await importFile('danh-muc.xlsx', xlsx.rawPayload);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    const after = await snapshot();
    assert.deepEqual(after.map((r) => [r.code, r.record]), before.map((r) => [r.code, r.record]), 'every record is identical after the round trip');
    assert.ok(after.every((r, i) => r.version === before[i]!.version + 1));
  });

  test('the CSV export imports back unchanged too', async () => {
    const csv = await admin.get('/quan-tri/thu-tuc/xuat.csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM for Excel');
    const before = await snapshot();
    const res = await importFile('danh-muc.csv', csv.rawPayload);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    assert.deepEqual((await snapshot()).map((r) => r.record), before.map((r) => r.record));
  });

  test('a broken workbook is refused whole, with its row errors shown, and nothing changes', async () => {
    const csv = (await admin.get('/quan-tri/thu-tuc/xuat.csv')).rawPayload.toString('utf8');
    const lines = csv.split('\r\n');
    // break the second procedure's code and duplicate the third one's row
    const broken = [lines[0], lines[1], lines[2]!.replace(/^([^,]*),(\d\.\d{6})/, '$1,1.23'), lines[3], lines[3], ...lines.slice(4)].join('\r\n');
    const before = await snapshot();
    const res = await importFile('hong.csv', Buffer.from(broken));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /chưa có thay đổi nào được áp dụng/);
    assert.match(res.body, /Các dòng lỗi/);
    assert.match(res.body, /Mã thủ tục phải có dạng d\.dddddd/);
    assert.deepEqual(await snapshot(), before);
  });

  test('a file that is neither a workbook nor UTF-8 CSV is refused with a clear message', async () => {
    const res = await importFile('anh.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
    assert.equal(res.statusCode, 400);
    const latin1 = await importFile('cu.csv', Buffer.from([0x4d, 0xe3, 0x20, 0x74, 0x68, 0xf1]));
    assert.equal(latin1.statusCode, 400);
    assert.match(latin1.body, /UTF-8|tiêu đề|Mã thủ tục/);
  });
});
