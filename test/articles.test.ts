// Guidance articles through the HTTP interface: the administrator writes, previews,
// publishes and unpublishes; citizens see only what is published and due.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { articlesForProcedure } from '../src/modules/articles';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let admin: Client;
const anon = () => new Client(t.app);

// Procedures of our own, with codes no real catalogue uses, so the test does not depend on the catalogue's demo data.
const PUBLISHED_CODE = '9.990001';
const DRAFT_CODE = '9.990002';
const procedureIds: Record<string, string> = {};

const GUIDE = '/huong-dan/huong-dan-dang-ky-tai-khoan-va-su-dung-dich-vu-cong-truc-tuyen';

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  admin = new Client(t.app);
  await admin.login('quantri');
  await sql`insert into fields (code, name) values ('thu-nghiem-bai-viet', 'Thử nghiệm bài viết') on conflict do nothing`.execute(t.database.db);
  for (const [code, status] of [
    [PUBLISHED_CODE, 'published'],
    [DRAFT_CODE, 'draft'],
  ] as const) {
    const r = await sql<{ id: string }>`
      insert into procedures (code, name, field_code, tier, legacy_level, online_level, status, record, search_text)
      values (${code}, ${`Thủ tục thử nghiệm ${code}`}, 'thu-nghiem-bai-viet', 'xa', 3, 'mot_phan', ${status}, '{}'::jsonb, ${code})
      returning id`.execute(t.database.db);
    procedureIds[code] = r.rows[0]!.id;
  }
});
after(() => t.close());

function form(over: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Hướng dẫn nộp hồ sơ qua bưu điện',
    slug: '',
    category: 'huong_dan',
    summary: 'Gửi hồ sơ và nhận kết quả qua bưu chính công ích.',
    body: '## Các bước\n\n1. Chuẩn bị hồ sơ.\n2. Gửi tại bưu cục.',
    publishAt: '',
    procedureCodes: '',
    action: 'save',
    ...over,
  };
}

/** Creates an article through the form; returns its admin URL. */
async function create(over: Record<string, string> = {}): Promise<string> {
  await admin.get('/quan-tri/bai-viet/moi');
  const res = await admin.post('/quan-tri/bai-viet/moi', form(over));
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const location = String(res.headers.location);
  assert.match(location, /^\/quan-tri\/bai-viet\/[0-9a-f-]{36}$/);
  return location;
}

async function publish(adminUrl: string) {
  await admin.get(adminUrl);
  return admin.post(`${adminUrl}/xuat-ban`, {});
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('auditLog').select('action').where('entityId', '=', entityId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

const idOf = (adminUrl: string) => adminUrl.split('/').pop()!;

describe('public pages', () => {
  test('the list shows the published demo articles, newest first, and not the draft', async () => {
    const res = await anon().get('/huong-dan');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến/);
    assert.match(res.body, /Hỏi đáp về nộp hồ sơ và nhận kết quả trực tuyến/);
    assert.doesNotMatch(res.body, /Hướng dẫn thanh toán phí, lệ phí trực tuyến/);
    assert.ok(res.body.indexOf('Hỏi đáp về nộp hồ sơ') < res.body.indexOf('Hướng dẫn đăng ký tài khoản và sử dụng'), 'newest first');
    assert.match(res.body, /01\/08\/2025/, 'dates as dd/MM/yyyy');
  });

  test('the category filter shows one category only and marks the current one', async () => {
    const res = await anon().get('/huong-dan?loai=hoi_dap');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Hỏi đáp về nộp hồ sơ/);
    assert.doesNotMatch(res.body, /Hướng dẫn đăng ký khai sinh trực tuyến/);
    assert.match(res.body, /<strong aria-current="page">Hỏi đáp<\/strong>/);
  });

  test('an unknown category or page number is refused with a Vietnamese message', async () => {
    const bad = await anon().get('/huong-dan?loai=quang_cao');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Loại bài viết phải là huong_dan, tin_tuc hoặc hoi_dap/);
    const page = await anon().get('/huong-dan?trang=0');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Số trang phải là số nguyên/);
  });

  test('the citizen guide opens with its Markdown rendered, and the main navigation links to the guides', async () => {
    const res = await anon().get(GUIDE);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Hướng dẫn đăng ký tài khoản và sử dụng dịch vụ công trực tuyến<\/h1>/);
    assert.match(res.body, /<h2 class="govuk-heading-m">4. Toàn trình hay một phần: có phải đến cơ quan không\?<\/h2>/);
    assert.match(res.body, /Nghị định 42\/2022\/NĐ-CP/);
    assert.match(res.body, /<a href="\/dang-ky" class="govuk-link">Đăng ký<\/a>/);
    assert.match(res.body, /rel="nofollow noopener"/);
    assert.match(res.body, /Đăng ngày 15\/07\/2025/);
    assert.match(res.body, /href="\/huong-dan" aria-current="page"/, 'the navigation link "Hướng dẫn" is current');
  });

  test('a draft, an unknown address and a future article all answer the same 404 page', async () => {
    const draft = await t.database.db.selectFrom('articles').select('slug').where('status', '=', 'draft').executeTakeFirstOrThrow();
    const unknown = await anon().get('/huong-dan/khong-co-bai-nay');
    const hidden = await anon().get(`/huong-dan/${draft.slug}`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(hidden.statusCode, 404);
    assert.equal(hidden.body, unknown.body);
    assert.match(unknown.body, /Không tìm thấy bài viết này/);
  });
});

describe('administration', () => {
  test('the administrator creates a draft, publishes it, and unpublishes it, each step audited', async () => {
    const url = await create({ title: 'Hướng dẫn nộp hồ sơ qua bưu điện' });
    const edit = await admin.get(url);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Đã lưu bài viết “Hướng dẫn nộp hồ sơ qua bưu điện” \(bản nháp\)/);
    assert.match(edit.body, /Bản nháp/);
    assert.match(edit.body, /value="huong-dan-nop-ho-so-qua-buu-dien"/, 'slug made from the title');

    const publicUrl = '/huong-dan/huong-dan-nop-ho-so-qua-buu-dien';
    assert.equal((await anon().get(publicUrl)).statusCode, 404, 'a draft is not public');

    const published = await publish(url);
    assert.equal(published.statusCode, 303);
    const afterPublish = await admin.get(url);
    assert.match(afterPublish.body, /Đã xuất bản bài viết “Hướng dẫn nộp hồ sơ qua bưu điện”. Bài viết đã hiện trên cổng./);
    assert.match(afterPublish.body, /govuk-tag--green">Đã đăng/);
    const page = await anon().get(publicUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<ol class="govuk-list govuk-list--number">/);
    assert.match((await anon().get('/huong-dan')).body, /Hướng dẫn nộp hồ sơ qua bưu điện/);

    const list = await admin.get('/quan-tri/bai-viet');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Hướng dẫn nộp hồ sơ qua bưu điện/);
    assert.match(list.body, /govuk-tag--grey">Bản nháp/, 'the demo draft is listed with its state');

    const off = await admin.post(`${url}/ngung-dang`, {});
    assert.equal(off.statusCode, 303);
    assert.match((await admin.get(url)).body, /Đã ngừng đăng bài viết/);
    assert.equal((await anon().get(publicUrl)).statusCode, 404);

    assert.deepEqual(await auditActions(idOf(url)), ['article.created', 'article.published', 'article.unpublished']);
  });

  test('every mistake is shown at once, naming the field in Vietnamese, with the typed values kept', async () => {
    await admin.get('/quan-tri/bai-viet/moi');
    const before = await t.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await admin.post(
      '/quan-tri/bai-viet/moi',
      form({ title: '', slug: 'Đường Dẫn', category: 'quang_cao', summary: 'Tóm tắt <giữ lại>', body: '', publishAt: '2026-03-05 08:00', procedureCodes: '1.001193\nkhai-sinh' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Có lỗi cần sửa/);
    for (const [field, message] of [
      ['title', 'Nhập tiêu đề bài viết'],
      ['slug', 'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang'],
      ['category', 'Chọn loại bài viết'],
      ['body', 'Nhập nội dung bài viết'],
      ['publishAt', 'Thời điểm đăng phải có dạng dd\\/MM\\/yyyy HH:mm'],
      ['procedureCodes', 'Mã thủ tục “khai-sinh” không đúng dạng'],
    ]) {
      assert.match(res.body, new RegExp(`href="#f-${field}"[^>]*>${message}`), field);
      assert.match(res.body, new RegExp(`id="f-${field}"`), `the summary's link target exists for ${field}`);
    }
    assert.match(res.body, /value="Đường Dẫn"/);
    assert.match(res.body, /value="2026-03-05 08:00"/);
    assert.match(res.body, />Tóm tắt &lt;giữ lại><\/textarea>/, 'textarea values kept and escaped');
    const afterCount = await t.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n), 'nothing saved');
  });

  test('a slug already used and a procedure code not in the catalogue are refused', async () => {
    await admin.get('/quan-tri/bai-viet/moi');
    const res = await admin.post('/quan-tri/bai-viet/moi', form({ slug: 'hoi-dap-nop-ho-so-truc-tuyen', procedureCodes: `${PUBLISHED_CODE}\n9.990999` }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Đường dẫn này đã được dùng cho bài viết khác/);
    assert.match(res.body, /Không tìm thấy thủ tục có mã 9\.990999/);
    assert.doesNotMatch(res.body, new RegExp(`mã ${PUBLISHED_CODE.replace('.', '\\.')}`));
  });

  test('editing changes the article and its procedure links; the page shows published procedures only', async () => {
    const url = await create({ title: 'Bài để sửa', slug: 'bai-de-sua' });
    await admin.get(url);
    const res = await admin.post(url, form({ title: 'Bài đã sửa', slug: 'bai-da-sua', category: 'hoi_dap', procedureCodes: `${PUBLISHED_CODE}\n${DRAFT_CODE}`, publishAt: '01/01/2025 08:00' }));
    assert.equal(res.statusCode, 303);
    const edit = await admin.get(url);
    assert.match(edit.body, /Đã lưu các thay đổi của bài viết “Bài đã sửa”/);
    assert.match(edit.body, new RegExp(`>${PUBLISHED_CODE}\n${DRAFT_CODE}</textarea>`));
    assert.match(edit.body, /value="01\/01\/2025 08:00"/);
    await publish(url);

    const page = await anon().get('/huong-dan/bai-da-sua');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Thủ tục liên quan/);
    assert.match(page.body, new RegExp(`href="/thu-tuc/${PUBLISHED_CODE}"`));
    assert.doesNotMatch(page.body, new RegExp(DRAFT_CODE), 'a draft procedure is not shown to citizens');
    assert.equal((await anon().get('/huong-dan/bai-de-sua')).statusCode, 404, 'the old address is gone');

    const deps = { db: t.database.db };
    const linked = await articlesForProcedure(deps, procedureIds[PUBLISHED_CODE]!);
    assert.deepEqual(
      linked.filter((a) => a.slug === 'bai-da-sua'),
      [{ slug: 'bai-da-sua', title: 'Bài đã sửa', category: 'hoi_dap' }],
    );
    const detail = (await t.database.db.selectFrom('auditLog').select('detail').where('entityId', '=', idOf(url)).where('action', '=', 'article.updated').executeTakeFirstOrThrow()).detail as { changed: string[] };
    assert.deepEqual([...detail.changed].sort(), ['category', 'procedureCodes', 'publishAt', 'slug', 'title']);

    await admin.get(url);
    await admin.post(`${url}/ngung-dang`, {});
    assert.deepEqual(
      (await articlesForProcedure(deps, procedureIds[PUBLISHED_CODE]!)).filter((a) => a.slug === 'bai-da-sua'),
      [],
      'an unpublished article is no longer offered on the procedure page',
    );
  });

  test('a published article keeps a publish time: clearing it is refused', async () => {
    const url = await create({ title: 'Bài cần giữ thời điểm đăng' });
    await publish(url);
    await admin.get(url);
    const res = await admin.post(url, form({ title: 'Bài cần giữ thời điểm đăng', publishAt: '' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Nhập thời điểm đăng \(dd\/MM\/yyyy HH:mm\): bài viết này đang được đăng công khai/);
    assert.match(res.body, /Đã đăng/, 'the status panel is still shown');
  });

  test('an article published for a future time stays hidden until then', async () => {
    const url = await create({ title: 'Thông báo nghỉ lễ sắp tới', slug: 'thong-bao-nghi-le', category: 'tin_tuc', publishAt: '01/01/2099 08:00' });
    const res = await publish(url);
    assert.equal(res.statusCode, 303);
    const edit = await admin.get(url);
    assert.match(edit.body, /Bài viết sẽ hiện trên cổng từ 08:00 01\/01\/2099/);
    assert.match(edit.body, /Chờ đến giờ đăng/);
    assert.equal((await anon().get('/huong-dan/thong-bao-nghi-le')).statusCode, 404);
    assert.doesNotMatch((await anon().get('/huong-dan?loai=tin_tuc')).body, /Thông báo nghỉ lễ sắp tới/);
    assert.doesNotMatch((await anon().get('/api/v1/articles')).body, /thong-bao-nghi-le/);

    // when the time comes, it appears without anyone touching it
    await t.database.db.updateTable('articles').set({ publishAt: new Date(Date.now() - 60_000) }).where('slug', '=', 'thong-bao-nghi-le').execute();
    assert.equal((await anon().get('/huong-dan/thong-bao-nghi-le')).statusCode, 200);
  });

  test('the preview renders the Markdown, escapes hostile input and saves nothing', async () => {
    const url = await create({ title: 'Bài có nội dung lạ' });
    await admin.get(url);
    const hostile = '**Đậm**\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[bấm](javascript:alert(1)) [dữ liệu](data:text/html,<b>x</b>)';
    const res = await admin.post(url, form({ title: 'Bài có nội dung lạ', body: hostile, action: 'preview' }));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h2 class="govuk-heading-m" id="xem-truoc">/);
    assert.match(res.body, /<strong>Đậm<\/strong>/);
    assert.doesNotMatch(res.body, /<script>alert|<img src=x|href="javascript|href="data/);
    assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const stored = await t.database.db.selectFrom('articles').select('bodyMd').where('id', '=', idOf(url)).executeTakeFirstOrThrow();
    assert.doesNotMatch(stored.bodyMd, /script/, 'preview saved nothing');

    // saved and published, the same input is just as harmless on the public page
    await admin.post(url, form({ title: 'Bài có nội dung lạ', slug: 'bai-co-noi-dung-la', body: hostile }));
    await publish(url);
    const page = await anon().get('/huong-dan/bai-co-noi-dung-la');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x|onerror=alert\(1\)>|href="javascript|href="data/);
    assert.match(page.body, /\[bấm\]\(javascript:alert\(1\)\)/);
  });

  test('the preview works on the new-article page too', async () => {
    await admin.get('/quan-tri/bai-viet/moi');
    const res = await admin.post('/quan-tri/bai-viet/moi', form({ title: 'Chưa lưu', body: '- một\n- hai', action: 'preview' }));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<ul class="govuk-list govuk-list--bullet">/);
    assert.equal(await t.database.db.selectFrom('articles').select('id').where('title', '=', 'Chưa lưu').executeTakeFirst(), undefined);
  });

  test('an unknown or malformed article id is a 404 for the administrator', async () => {
    assert.equal((await admin.get('/quan-tri/bai-viet/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await admin.get('/quan-tri/bai-viet/khong-phai-uuid')).statusCode, 404);
    await admin.get('/quan-tri/bai-viet');
    assert.equal((await admin.post('/quan-tri/bai-viet/khong-phai-uuid/xuat-ban', {})).statusCode, 404);
  });

  test('a form posted without its CSRF token changes nothing', async () => {
    await admin.get('/quan-tri/bai-viet/moi');
    const res = await admin.post('/quan-tri/bai-viet/moi', { ...form({ title: 'Không có mã bảo vệ' }), _csrf: null });
    assert.equal(res.statusCode, 403);
    assert.equal(await t.database.db.selectFrom('articles').select('id').where('title', '=', 'Không có mã bảo vệ').executeTakeFirst(), undefined);
  });

  test('the back office links the administrator to the articles', async () => {
    assert.match((await admin.get('/quan-ly')).body, /href="\/quan-tri\/bai-viet"/);
  });
});

describe('who may write', () => {
  test('every other role is refused the admin pages and cannot create or publish', async () => {
    const draft = await t.database.db.selectFrom('articles').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    for (const user of ['congdan', 'doanhnghiep', 'motcua', 'chuyenvien', 'lanhdao', 'kiemtra']) {
      const c = new Client(t.app);
      await c.login(user);
      assert.equal((await c.get('/quan-tri/bai-viet')).statusCode, 403, user);
      assert.equal((await c.get('/quan-tri/bai-viet/moi')).statusCode, 403, user);
      assert.equal((await c.post('/quan-tri/bai-viet/moi', form({ title: `Bài của ${user}` }))).statusCode, 403, user);
      assert.equal((await c.post(`/quan-tri/bai-viet/${draft.id}/xuat-ban`, {})).statusCode, 403, user);
      assert.doesNotMatch((await c.get('/quan-ly')).body, /quan-tri\/bai-viet/, user);
    }
    assert.equal(await t.database.db.selectFrom('articles').select('id').where('title', 'like', 'Bài của %').executeTakeFirst(), undefined);
    assert.equal((await t.database.db.selectFrom('articles').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()).status, 'draft');
  });

  test('an anonymous visitor is sent to the login page', async () => {
    const res = await anon().get('/quan-tri/bai-viet');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/dang-nhap?tiep=%2Fquan-tri%2Fbai-viet');
  });
});

describe('JSON API', () => {
  test('lists published articles by category with the total and page', async () => {
    const res = await anon().get('/api/v1/articles?category=hoi_dap');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { items: { slug: string; category: string; publishedAt: string; url: string }[]; total: number; page: number; pageSize: number };
    assert.equal(body.page, 1);
    assert.equal(body.pageSize, 20);
    assert.ok(body.items.length >= 1);
    assert.equal(body.total, body.items.length);
    assert.ok(body.items.every((a) => a.category === 'hoi_dap'));
    const faq = body.items.find((a) => a.slug === 'hoi-dap-nop-ho-so-truc-tuyen');
    assert.equal(faq?.url, '/huong-dan/hoi-dap-nop-ho-so-truc-tuyen');
    assert.equal(faq?.publishedAt, '2025-08-01T01:00:00.000Z');
  });

  test('one article comes with its HTML; drafts are 404', async () => {
    const res = await anon().get('/api/v1/articles/hoi-dap-nop-ho-so-truc-tuyen');
    assert.equal(res.statusCode, 200);
    assert.match(res.json().bodyHtml, /<h3 class="govuk-heading-s">/);
    const draft = await t.database.db.selectFrom('articles').select('slug').where('status', '=', 'draft').executeTakeFirstOrThrow();
    const missing = await anon().get(`/api/v1/articles/${draft.slug}`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');
  });

  test('a bad category answers 400 naming the field', async () => {
    const res = await anon().get('/api/v1/articles?category=x');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'category');
    assert.match(res.json().error.message, /Loại bài viết/);
  });

  test('is described in the OpenAPI document', async () => {
    const doc = (await anon().get('/api/docs/json')).json() as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/api/v1/articles']);
    assert.ok(doc.paths['/api/v1/articles/{slug}']);
  });
});

describe('pagination', () => {
  test('20 articles per page, with links to the other pages', async () => {
    const author = await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'quantri').executeTakeFirstOrThrow();
    const base = Date.parse('2024-01-01T00:00:00Z');
    await t.database.db
      .insertInto('articles')
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          slug: `tin-cu-so-${i + 1}`,
          title: `Tin cũ số ${i + 1}`,
          category: 'tin_tuc' as const,
          summary: null,
          bodyMd: 'Nội dung.',
          status: 'published' as const,
          publishAt: new Date(base + i * 86_400_000),
          authorId: author.id,
        })),
      )
      .execute();
    const total = (await anon().get('/api/v1/articles?category=tin_tuc')).json().total as number;
    assert.ok(total > 20);
    const first = await anon().get('/huong-dan?loai=tin_tuc');
    assert.equal(first.body.match(/class="mc-card"/g)?.length, 20);
    assert.match(first.body, /href="\/huong-dan\?loai=tin_tuc&(amp;)?trang=2" rel="next"/);
    const second = await anon().get('/huong-dan?loai=tin_tuc&trang=2');
    assert.equal(second.statusCode, 200);
    assert.equal(second.body.match(/class="mc-card"/g)?.length, total - 20);
    assert.match(second.body, /Tin cũ số 1</, 'the oldest is on the last page');
    assert.match(second.body, /rel="prev"/);
    const beyond = await anon().get('/huong-dan?loai=tin_tuc&trang=9');
    assert.equal(beyond.statusCode, 200);
    assert.match(beyond.body, /Trang này không có bài viết/);
  });
});
