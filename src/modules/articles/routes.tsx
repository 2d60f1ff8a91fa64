import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { ValidationError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import { type ArticleForm, CATEGORIES, type Category, formatPublishAt, isVisible, renderMarkdown } from './model';
import { ADMIN_PATH, AdminListPage, ArticleFormPage, ArticleListPage, ArticlePage, articleUrl, PUBLIC_PATH } from './pages';
import * as service from './service';

const categoryMessage = 'Loại bài viết phải là huong_dan, tin_tuc hoặc hoi_dap';
const CategoryParam = Type.Union(
  CATEGORIES.map((c) => Type.Literal(c)),
  { 'x-message': categoryMessage },
);
const PageParam = Type.Integer({ minimum: 1, maximum: 10_000, 'x-message': 'Số trang phải là số nguyên từ 1 đến 10000' });

const PublicListQuery = Type.Object({ loai: Type.Optional(CategoryParam), trang: Type.Optional(PageParam) });
const AdminListQuery = Type.Object({ trang: Type.Optional(PageParam) });
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

const text = (title: string, maxLength: number) => Type.Optional(Type.String({ title, maxLength }));
/** Bounds generous enough that the service's own checks, with their clearer messages, come first. */
const FormBody = Type.Object({
  title: text('Tiêu đề', 1_000),
  slug: text('Đường dẫn', 1_000),
  category: text('Loại bài viết', 50),
  summary: text('Tóm tắt', 5_000),
  body: text('Nội dung', 300_000),
  publishAt: text('Thời điểm đăng', 100),
  procedureCodes: text('Mã thủ tục liên quan', 20_000),
  action: text('Thao tác', 20),
  _csrf: text('Mã bảo vệ', 200),
});
type FormBodyT = { [K in keyof ArticleForm]?: string } & { action?: string };

function formValues(body: FormBodyT): ArticleForm {
  return {
    title: body.title ?? '',
    slug: body.slug ?? '',
    category: body.category ?? '',
    summary: body.summary ?? '',
    body: body.body ?? '',
    publishAt: body.publishAt ?? '',
    procedureCodes: body.procedureCodes ?? '',
  };
}

// --- JSON API ----------------------------------------------------------------------

const ApiListQuery = Type.Object({ category: Type.Optional(CategoryParam), page: Type.Optional(PageParam) });
const ApiItem = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  category: Type.String({ enum: [...CATEGORIES] }),
  summary: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String({ format: 'date-time' }),
  url: Type.String({ description: 'Địa chỉ bài viết trên cổng' }),
});
const ApiList = Type.Object({ items: Type.Array(ApiItem), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
const ApiArticle = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  category: Type.String({ enum: [...CATEGORIES] }),
  summary: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String({ format: 'date-time' }),
  url: Type.String(),
  bodyHtml: Type.String({ description: 'Nội dung đã chuyển từ Markdown sang HTML an toàn' }),
  procedures: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});
const ApiError = Type.Object({ error: Type.Object({ code: Type.String(), field: Type.Union([Type.String(), Type.Null()]), message: Type.String() }) });

function apiItem(a: { slug: string; title: string; category: Category; summary: string | null; publishAt: Date | null }) {
  return { slug: a.slug, title: a.title, category: a.category, summary: a.summary, publishedAt: (a.publishAt as Date).toISOString(), url: articleUrl(a.slug) };
}

export async function articleRoutes(app: FastifyInstance, deps: AppDeps) {
  const svc: service.ArticlesDeps = { db: deps.db };
  const admin = { access: { action: 'articles.manage' } } as const;

  // --- public pages --------------------------------------------------------------

  app.get<{ Querystring: { loai?: Category; trang?: number } }>(
    PUBLIC_PATH,
    { config: { access: 'public' }, schema: { querystring: PublicListQuery } },
    async (request, reply) => {
      const category = request.query.loai;
      const view = await service.listPublished(svc, { category, page: request.query.trang ?? 1 });
      return reply.html(<ArticleListPage ctx={deps.page(request, reply)} view={view} category={category} />);
    },
  );

  app.get<{ Params: { slug: string } }>(`${PUBLIC_PATH}/:slug`, { config: { access: 'public' }, schema: { params: SlugParams } }, async (request, reply) => {
    const view = await service.publicArticle(svc, request.params.slug);
    return reply.html(<ArticlePage ctx={deps.page(request, reply)} view={view} />);
  });

  // --- administration ------------------------------------------------------------

  app.get<{ Querystring: { trang?: number } }>(ADMIN_PATH, { config: admin, schema: { querystring: AdminListQuery } }, async (request, reply) => {
    const view = await service.listForAdmin(svc, request.actor!, request.query.trang ?? 1);
    return reply.html(<AdminListPage ctx={deps.page(request, reply)} view={view} now={new Date()} />);
  });

  const emptyForm: ArticleForm = { title: '', slug: '', category: 'huong_dan', summary: '', body: '', publishAt: '', procedureCodes: '' };

  app.get(`${ADMIN_PATH}/moi`, { config: admin }, async (request, reply) => {
    return reply.html(<ArticleFormPage ctx={deps.page(request, reply)} values={emptyForm} errors={[]} now={new Date()} />);
  });

  app.post<{ Body: FormBodyT }>(`${ADMIN_PATH}/moi`, { config: admin, schema: { body: FormBody } }, async (request, reply) => {
    const values = formValues(request.body);
    const now = new Date();
    if (request.body.action === 'preview') {
      return reply.html(<ArticleFormPage ctx={deps.page(request, reply)} values={values} errors={[]} preview={renderMarkdown(values.body)} now={now} />);
    }
    try {
      const article = await service.createArticle(svc, request.actor!, values);
      request.session.flash = `Đã lưu bài viết “${article.title}” (bản nháp). Bấm “Xuất bản” khi bài đã sẵn sàng.`;
      return reply.redirect(`${ADMIN_PATH}/${article.id}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).html(<ArticleFormPage ctx={deps.page(request, reply)} values={values} errors={err.errors} now={now} />);
    }
  });

  app.get<{ Params: { id: string } }>(`${ADMIN_PATH}/:id`, { config: admin, schema: { params: IdParams } }, async (request, reply) => {
    const { article, procedureCodes } = await service.articleForEdit(svc, request.actor!, request.params.id);
    const values: ArticleForm = {
      title: article.title,
      slug: article.slug,
      category: article.category,
      summary: article.summary ?? '',
      body: article.bodyMd,
      publishAt: article.publishAt ? formatPublishAt(article.publishAt) : '',
      procedureCodes: procedureCodes.join('\n'),
    };
    return reply.html(<ArticleFormPage ctx={deps.page(request, reply)} article={article} values={values} errors={[]} now={new Date()} />);
  });

  app.post<{ Params: { id: string }; Body: FormBodyT }>(
    `${ADMIN_PATH}/:id`,
    { config: admin, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const actor = request.actor!;
      const values = formValues(request.body);
      const now = new Date();
      const rerender = async (r: FastifyReply, errors: ValidationError['errors'], preview?: string) => {
        const { article } = await service.articleForEdit(svc, actor, request.params.id);
        return r.html(<ArticleFormPage ctx={deps.page(request, r)} article={article} values={values} errors={errors} preview={preview} now={now} />);
      };
      if (request.body.action === 'preview') return rerender(reply, [], renderMarkdown(values.body));
      try {
        const article = await service.updateArticle(svc, actor, request.params.id, values);
        request.session.flash = `Đã lưu các thay đổi của bài viết “${article.title}”.`;
        return reply.redirect(`${ADMIN_PATH}/${article.id}`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return rerender(reply.code(400), err.errors);
      }
    },
  );

  app.post<{ Params: { id: string } }>(`${ADMIN_PATH}/:id/xuat-ban`, { config: admin, schema: { params: IdParams } }, async (request, reply) => {
    const now = new Date();
    const article = await service.publishArticle(svc, request.actor!, request.params.id, now);
    request.session.flash =
      isVisible(article, now) || !article.publishAt
        ? `Đã xuất bản bài viết “${article.title}”. Bài viết đã hiện trên cổng.`
        : `Đã xuất bản bài viết “${article.title}”. Bài viết sẽ hiện trên cổng từ ${formatDateTime(article.publishAt)}.`;
    return reply.redirect(`${ADMIN_PATH}/${article.id}`, 303);
  });

  app.post<{ Params: { id: string } }>(`${ADMIN_PATH}/:id/ngung-dang`, { config: admin, schema: { params: IdParams } }, async (request, reply) => {
    const article = await service.unpublishArticle(svc, request.actor!, request.params.id);
    request.session.flash = `Đã ngừng đăng bài viết “${article.title}”. Bài viết không còn hiện trên cổng.`;
    return reply.redirect(`${ADMIN_PATH}/${article.id}`, 303);
  });

  // --- JSON API ------------------------------------------------------------------

  app.get<{ Querystring: { category?: Category; page?: number } }>(
    '/api/v1/articles',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Bài viết hướng dẫn, tin tức, hỏi đáp đã đăng (mới nhất trước, 20 bài mỗi trang)',
        tags: ['articles'],
        querystring: ApiListQuery,
        response: { 200: ApiList, 400: ApiError },
      },
    },
    async (request) => {
      const view = await service.listPublished(svc, { category: request.query.category, page: request.query.page ?? 1 });
      return { items: view.items.map(apiItem), total: view.total, page: view.page, pageSize: view.pageSize };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/api/v1/articles/:slug',
    {
      config: { access: 'public' },
      schema: { summary: 'Một bài viết đã đăng, nội dung dạng HTML', tags: ['articles'], params: SlugParams, response: { 200: ApiArticle, 404: ApiError } },
    },
    async (request) => {
      const { article, procedures } = await service.publicArticle(svc, request.params.slug);
      return { ...apiItem(article), bodyHtml: renderMarkdown(article.bodyMd), procedures };
    },
  );
}
