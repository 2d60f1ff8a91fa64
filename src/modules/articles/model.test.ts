import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoArticles } from '../../../seed/articles';
import {
  type ArticleForm,
  articleState,
  checkArticle,
  formatPublishAt,
  isAllowedLink,
  isValidSlug,
  isVisible,
  pageCount,
  parsePublishAt,
  renderMarkdown,
  slugify,
  splitCodes,
} from './model';
import { pageNumbers } from '../../web/components';

function form(over: Partial<ArticleForm> = {}): ArticleForm {
  return { title: 'Hướng dẫn đăng ký tài khoản', slug: '', category: 'huong_dan', summary: '', body: 'Nội dung.', publishAt: '', procedureCodes: '', ...over };
}

function messages(f: ArticleForm): Record<string, string> {
  return Object.fromEntries(checkArticle(f).errors.map((e) => [e.field, e.message]));
}

describe('slugs', () => {
  test('a Vietnamese title becomes an ASCII slug without diacritics, đ as d', () => {
    assert.equal(slugify('Hướng dẫn đăng ký tài khoản'), 'huong-dan-dang-ky-tai-khoan');
    assert.equal(slugify('ĐĂNG KÝ KẾT HÔN — Đồng Đăng'), 'dang-ky-ket-hon-dong-dang');
    assert.equal(slugify('  Hỏi đáp: lệ phí 2025?  '), 'hoi-dap-le-phi-2025');
    assert.equal(slugify('Thủ tục “một cửa” (mới) & nhanh!!!'), 'thu-tuc-mot-cua-moi-nhanh');
  });

  test('every Vietnamese vowel with every tone loses its marks', () => {
    const vowels = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
    assert.equal(slugify(vowels), 'aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyy');
    assert.equal(slugify(vowels.toUpperCase()), slugify(vowels));
  });

  test('a slug is at most 150 characters and never ends with a hyphen', () => {
    const s = slugify('Thủ tục '.repeat(40));
    assert.ok(s.length <= 150);
    assert.ok(isValidSlug(s), s);
  });

  test('only lowercase ASCII letters, digits and single inner hyphens make a valid slug', () => {
    for (const ok of ['ab', 'huong-dan', 'tin-tuc-2025', '1-2-3']) assert.ok(isValidSlug(ok), ok);
    for (const bad of ['a', 'Huong-dan', 'hướng-dẫn', '-dau', 'cuoi-', 'hai--gach', 'co khoang', 'a/b', 'x'.repeat(151)]) assert.ok(!isValidSlug(bad), bad);
  });
});

describe('publish time', () => {
  test('dd/MM/yyyy HH:mm is read in Vietnam time (UTC+7)', () => {
    assert.equal(parsePublishAt('05/03/2026 08:30')?.toISOString(), '2026-03-05T01:30:00.000Z');
    assert.equal(parsePublishAt('01/01/2026 03:00')?.toISOString(), '2025-12-31T20:00:00.000Z');
    assert.equal(parsePublishAt(' 5/3/2026 8:30 ')?.toISOString(), '2026-03-05T01:30:00.000Z');
  });

  test('dates that are not on the calendar and other shapes are refused', () => {
    for (const bad of ['31/02/2026 08:00', '29/02/2025 08:00', '01/13/2026 08:00', '01/01/2026 24:00', '01/01/2026 08:60', '2026-03-05 08:30', '05/03/2026', '05/03/2026 8h30', '']) {
      assert.equal(parsePublishAt(bad), null, bad);
    }
    assert.ok(parsePublishAt('29/02/2028 08:00'));
  });

  test('a moment prints back as the text that reads as it', () => {
    const at = new Date('2026-03-05T01:30:00Z');
    assert.equal(formatPublishAt(at), '05/03/2026 08:30');
    assert.equal(parsePublishAt(formatPublishAt(at))?.getTime(), at.getTime());
  });
});

describe('visibility', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  test('a published article is visible once its time has come, not before', () => {
    assert.ok(isVisible({ status: 'published', publishAt: new Date('2026-01-09T00:00:00Z') }, now));
    assert.ok(isVisible({ status: 'published', publishAt: now }, now));
    assert.ok(!isVisible({ status: 'published', publishAt: new Date('2026-01-10T00:00:01Z') }, now));
    assert.equal(articleState({ status: 'published', publishAt: new Date('2026-02-01T00:00:00Z') }, now), 'scheduled');
  });

  test('a draft is never visible, whatever its publish time', () => {
    assert.ok(!isVisible({ status: 'draft', publishAt: new Date('2020-01-01T00:00:00Z') }, now));
    assert.equal(articleState({ status: 'draft', publishAt: null }, now), 'draft');
  });
});

describe('the article form', () => {
  test('a good form gives the values, with the slug made from the title', () => {
    const { errors, value } = checkArticle(form({ summary: '  Tóm   tắt ', publishAt: '05/03/2026 08:30', procedureCodes: '1.001193\n\n2.000815, 1.001193' }));
    assert.deepEqual(errors, []);
    assert.equal(value?.slug, 'huong-dan-dang-ky-tai-khoan');
    assert.equal(value?.summary, 'Tóm tắt');
    assert.equal(value?.publishAt?.toISOString(), '2026-03-05T01:30:00.000Z');
    assert.deepEqual(value?.procedureCodes, ['1.001193', '2.000815']);
  });

  test('an empty form names every missing field in Vietnamese', () => {
    const m = messages({ title: '', slug: '', category: '', summary: '', body: '', publishAt: '', procedureCodes: '' });
    assert.equal(m.title, 'Nhập tiêu đề bài viết');
    assert.equal(m.category, 'Chọn loại bài viết');
    assert.equal(m.body, 'Nhập nội dung bài viết');
  });

  test('a typed slug must be lowercase ASCII with hyphens', () => {
    assert.equal(messages(form({ slug: 'Hướng dẫn' })).slug, 'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
    assert.equal(checkArticle(form({ slug: 'duong-dan-rieng' })).value?.slug, 'duong-dan-rieng');
  });

  test('a title with no letters or digits cannot make a slug', () => {
    assert.match(messages(form({ title: '!!! ??? ...' })).slug ?? '', /Nhập đường dẫn/);
  });

  test('the publish time must be dd/MM/yyyy HH:mm and exist', () => {
    assert.equal(messages(form({ publishAt: '2026-03-05' })).publishAt, 'Thời điểm đăng phải có dạng dd/MM/yyyy HH:mm');
    assert.match(messages(form({ publishAt: '30/02/2026 08:00' })).publishAt ?? '', /không có thật/);
  });

  test('procedure codes must look like national codes', () => {
    assert.match(messages(form({ procedureCodes: '1.001193\nkhai-sinh' })).procedureCodes ?? '', /Mã thủ tục “khai-sinh” không đúng dạng/);
    assert.deepEqual(splitCodes(' 1.001193 ;2.000815\r\n\r\n'), ['1.001193', '2.000815']);
  });

  test('limits on length are enforced with the field named', () => {
    assert.match(messages(form({ title: 'ab' })).title ?? '', /Tiêu đề bài viết phải có từ 3 đến 300 ký tự/);
    assert.match(messages(form({ summary: 'x'.repeat(501) })).summary ?? '', /Tóm tắt không được dài quá 500/);
    assert.match(messages(form({ body: 'x'.repeat(100_001) })).body ?? '', /Nội dung bài viết không được dài quá/);
  });

  test('every demo article passes the same checks as the form', () => {
    for (const { status: _s, ...a } of demoArticles) assert.deepEqual(checkArticle(a).errors, [], a.title);
    assert.ok(demoArticles.filter((a) => a.status === 'published').length >= 4);
    assert.ok(demoArticles.some((a) => a.status === 'draft'));
  });
});

describe('markdown is sanitised on output', () => {
  test('raw HTML is escaped, not run', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nchữ <b onclick="x()">đậm</b>');
    assert.doesNotMatch(html, /<script|<img|<b /i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  test('javascript:, data: and vbscript: links do not become links, however they are written', () => {
    for (const md of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](<javascript:alert(1)>)',
      '[x](data:text/html,<script>alert(1)</script>)',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](vbscript:msgbox(1))',
      '[x](file:///etc/passwd)',
      '<javascript:alert(1)>',
      '[r]\n\n[r]: javascript:alert(1)',
      '![x](javascript:alert(1))',
      '![x](data:image/png;base64,AAAA)',
    ]) {
      const html = renderMarkdown(md);
      assert.doesNotMatch(html, /<a |<img /, md);
      assert.doesNotMatch(html, /href=|src=/, md);
    }
  });

  test('http(s), mailto, site and in-page links work; external ones get rel="nofollow noopener"', () => {
    const html = renderMarkdown('[a](https://dichvucong.gov.vn) [b](mailto:hotro@vidu.vn) [c](/thu-tuc/1.001193) [d](#buoc-2) [e](//evil.example/x)');
    assert.match(html, /<a href="https:\/\/dichvucong.gov.vn" class="govuk-link" rel="nofollow noopener">a<\/a>/);
    assert.match(html, /<a href="mailto:hotro@vidu.vn" class="govuk-link">b<\/a>/);
    assert.match(html, /<a href="\/thu-tuc\/1.001193" class="govuk-link">c<\/a>/);
    assert.match(html, /<a href="#buoc-2" class="govuk-link">d<\/a>/);
    assert.doesNotMatch(html, /evil\.example"/);
  });

  test('bare addresses are not turned into links (linkify off)', () => {
    assert.doesNotMatch(renderMarkdown('Xem www.vidu.vn hoặc https://vidu.vn'), /<a /);
  });

  test('the link rule accepts only the allowed kinds', () => {
    for (const ok of ['http://a.vn', 'https://a.vn/x?y=1', 'mailto:a@b.vn', '/huong-dan', '#muc']) assert.ok(isAllowedLink(ok), ok);
    for (const bad of ['javascript:x', 'data:text/html,x', '//a.vn', '/\\a.vn', 'huong-dan', 'ftp://a.vn', 'tel:0912345678', 'https://']) assert.ok(!isAllowedLink(bad), bad);
  });

  test('the output carries the look of the site: headings below the page title, lists, tables without style attributes', () => {
    const html = renderMarkdown('# Một\n\n## Hai\n\n- a\n- b\n\n| A | B |\n|---|--:|\n| 1 | 2 |');
    assert.match(html, /<h2 class="govuk-heading-m">Một<\/h2>/);
    assert.doesNotMatch(html, /<h1/);
    assert.match(html, /<ul class="govuk-list govuk-list--bullet">/);
    assert.match(html, /<div class="mc-table-scroll" role="region" aria-label="Bảng" tabindex="0"><table class="govuk-table">/);
    assert.match(html, /govuk-table__cell--numeric/);
    assert.doesNotMatch(html, /style=/);
  });
});

describe('pagination', () => {
  test('shows the first, the last and the neighbours of the current page, with gaps', () => {
    assert.equal(pageCount(0), 1);
    assert.equal(pageCount(41), 3);
    assert.deepEqual(pageNumbers(1, 1), [1]);
    assert.deepEqual(pageNumbers(5, 10), [1, null, 4, 5, 6, null, 10]);
    assert.deepEqual(pageNumbers(2, 3), [1, 2, 3]);
  });
});
