import { formVersions } from '../forms/service';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, ValidationError } from '../../platform/errors';
import { fieldOf, fileOf, sniff } from '../../platform/http/uploads';
import { recordAudit } from '../../platform/audit';
import { BlobTooLarge } from '../../platform/storage';
import { AgencyPage, findUnitByCode, findUnitById, unitsOn } from '../org';
import { NotFoundError } from '../../platform/errors';
import { localDate } from '../../platform/format';
import { ProcedureNotFound } from './errors';
import { ONLINE_LEVELS, type OnlineLevel, type Tier, TIERS } from './model';
import { AdminEditPage, AdminListPage, ImportPage, ProcedureCards, ProcedureListPage, ProcedurePage, VersionPage } from './pages';
import { changedSections } from './describe';
import { ExchangeFormatError, fromCsv, fromWorkbook, toCsv, toWorkbook } from './exchange';
import { ImportRejected } from './errors';
import { articlesForProcedure } from '../articles';
import * as service from './service';
import * as store from './store';

const PAGE_SIZE = 20;
const Code = Type.String({ pattern: '^\\d\\.\\d{6}$', 'x-message': 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193' });
const Q = Type.String({ maxLength: 200, 'x-message': 'Từ khóa tìm kiếm không được dài quá 200 ký tự' });
const TierQ = Type.Union(TIERS.map((t) => Type.Literal(t)), { 'x-message': 'Cấp thực hiện phải là tinh, huyen hoặc xa' });
const LevelQ = Type.Union(ONLINE_LEVELS.map((l) => Type.Literal(l)), { 'x-message': 'Mức độ phải là toan_trinh, mot_phan hoặc none' });
const Slug = (name: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', 'x-message': `${name} chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang` });
const PageQ = Type.Integer({ minimum: 1, maximum: 10000, 'x-message': 'Số trang phải là số nguyên từ 1 trở lên' });

/** Template files a citizen may download: documents only, checked by content. */
const TEMPLATE_TYPES = new Map([
  ['pdf', 'application/pdf'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['cfb', 'application/msword'],
  ['odt', 'application/vnd.oasis.opendocument.text'],
]);

export async function catalogueRoutes(app: FastifyInstance, deps: AppDeps) {
  const allUnitNames = async () => {
    const names = new Map<string, string>();
    for (const u of await deps.db.selectFrom('units').select(['code', 'name']).execute()) names.set(u.code, u.name);
    return names;
  };

  // ---- public pages ----
  app.get<{ Querystring: { q?: string; cap?: Tier; linhvuc?: string; mucdo?: OnlineLevel; coquan?: string; trang?: number } }>(
    '/thu-tuc',
    {
      config: { access: 'public' },
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Q),
          cap: Type.Optional(Type.Union([TierQ, Type.Literal('')])),
          linhvuc: Type.Optional(Type.Union([Slug('Lĩnh vực'), Type.Literal('')])),
          mucdo: Type.Optional(Type.Union([LevelQ, Type.Literal('')])),
          coquan: Type.Optional(Slug('Cơ quan')),
          trang: Type.Optional(PageQ),
        }),
      },
    },
    async (request, reply) => {
      const f = request.query;
      const filters = { q: f.q || undefined, cap: f.cap || undefined, linhvuc: f.linhvuc || undefined, mucdo: f.mucdo || undefined, coquan: f.coquan, trang: f.trang ?? 1 };
      const [result, fields, agency] = await Promise.all([
        service.search(deps, { q: filters.q, tier: filters.cap, field: filters.linhvuc, level: filters.mucdo, agencyCode: filters.coquan, page: filters.trang, pageSize: PAGE_SIZE }),
        service.listFields(deps),
        filters.coquan ? findUnitByCode(deps, filters.coquan) : undefined,
      ]);
      return reply.html(
        <ProcedureListPage ctx={deps.page(request, reply)} filters={filters} items={result.items} total={result.total} pageSize={PAGE_SIZE} fields={fields} agencyName={agency?.name} />,
      );
    },
  );

  app.get<{ Params: { code: string } }>('/thu-tuc/:code', { config: { access: 'public' }, schema: { params: Type.Object({ code: Code }) } }, async (request, reply) => {
    const row = await service.publishedProcedure(deps, request.params.code);
    const [templates, names, related, forms] = await Promise.all([
      store.templates(deps.db, row.id),
      allUnitNames(),
      store.publishedNames(deps.db, row.record.relatedCodes),
      row.onlineLevel === 'none' ? [] : formVersions(deps, row.code),
    ]);
    const byCode = new Map(related.map((r) => [r.code, r]));
    return reply.html(
      <ProcedurePage
        ctx={deps.page(request, reply)}
        row={row}
        unitNames={names}
        templates={templates}
        related={row.record.relatedCodes.flatMap((c) => byCode.get(c) ?? [])}
        articles={await articlesForProcedure(deps, row.id)}
        submitOnline={forms.length > 0 ? `/nop-ho-so/${row.code}` : undefined}
      />,
    );
  });

  app.get<{ Params: { code: string; id: string } }>(
    '/thu-tuc/:code/mau/:id',
    { config: { access: 'public' }, schema: { params: Type.Object({ code: Code, id: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const row = await store.byCode(deps.db, request.params.code);
      const t = row ? await store.templateById(deps.db, row.id, request.params.id) : undefined;
      if (!row || !t) throw new ProcedureNotFound();
      const stream = await deps.blobs.get(t.sha256);
      return reply
        .header('content-type', t.contentType)
        .header('content-length', String(t.sizeBytes))
        .header('content-disposition', `attachment; filename="mau.${t.fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(t.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  // An agency's public page, with the procedures it handles (itself or as one of a kind).
  app.get<{ Params: { code: string } }>(
    '/co-quan/:code',
    { config: { access: 'public' }, schema: { params: Type.Object({ code: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const unit = await findUnitByCode(deps, request.params.code);
      if (!unit) throw new NotFoundError('Không tìm thấy cơ quan này.');
      const [parent, result] = await Promise.all([unit.parentId ? findUnitById(deps, unit.parentId) : undefined, service.search(deps, { agencyCode: unit.code, page: 1, pageSize: PAGE_SIZE })]);
      return reply.html(
        <AgencyPage ctx={deps.page(request, reply)} unit={unit} parent={parent}>
          <>
            <h2 class="govuk-heading-m" safe>{`Thủ tục hành chính (${result.total})`}</h2>
            {result.total === 0 ? <p class="govuk-body">Cơ quan này hiện không trực tiếp giải quyết thủ tục nào trong danh mục.</p> : <ProcedureCards items={result.items} />}
            {result.total > result.items.length ? (
              <p class="govuk-body">
                <a class="govuk-link" href={`/thu-tuc?coquan=${unit.code}`} safe>{`Xem tất cả ${result.total} thủ tục`}</a>
              </p>
            ) : (
              ''
            )}
          </>
        </AgencyPage>,
      );
    },
  );

  // ---- JSON API ----
  app.get<{ Querystring: { q?: string; tier?: Tier; field?: string; agency?: string; level?: OnlineLevel; page?: number } }>(
    '/api/v1/procedures',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Tìm thủ tục hành chính đã công bố (không dấu, chịu lỗi gõ); kết quả khớp nhất trước',
        tags: ['catalogue'],
        querystring: Type.Object({
          q: Type.Optional(Q),
          tier: Type.Optional(TierQ),
          field: Type.Optional(Slug('Lĩnh vực')),
          agency: Type.Optional(Slug('Cơ quan')),
          level: Type.Optional(LevelQ),
          page: Type.Optional(PageQ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const r = await service.search(deps, { q: q.q, tier: q.tier, field: q.field, level: q.level, agencyCode: q.agency, page, pageSize: PAGE_SIZE });
      return {
        items: r.items.map((h) => ({ code: h.code, name: h.name, field: h.fieldName, fieldCode: h.fieldCode, tier: h.tier, onlineLevel: h.onlineLevel, legacyLevel: h.legacyLevel })),
        total: r.total,
        page,
        pageSize: PAGE_SIZE,
      };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/procedures/:code',
    { config: { access: 'public' }, schema: { summary: 'Toàn bộ thông tin công khai của một thủ tục', tags: ['catalogue'], params: Type.Object({ code: Code }) } },
    async (request) => {
      const row = await service.publishedProcedure(deps, request.params.code);
      const templates = await store.templates(deps.db, row.id);
      return {
        ...row.record,
        tier: row.tier,
        updatedAt: row.updatedAt.toISOString(),
        templates: templates.map((t) => ({ fileName: t.fileName, componentCode: t.componentCode, contentType: t.contentType, size: t.sizeBytes, url: `/thu-tuc/${row.code}/mau/${t.id}` })),
      };
    },
  );

  app.get('/api/v1/fields', { config: { access: 'public' }, schema: { summary: 'Lĩnh vực có thủ tục đã công bố', tags: ['catalogue'] } }, async () => ({
    items: (await service.listFields(deps)).map((f) => ({ code: f.code, name: f.name, procedures: f.count })),
  }));

  app.get('/api/v1/agencies', { config: { access: 'public' }, schema: { summary: 'Cơ quan đang hoạt động', tags: ['catalogue'] } }, async () => ({
    items: (await unitsOn(deps, localDate(new Date()))).map((u) => ({ code: u.code, name: u.name, tier: u.tier, kind: u.kind })),
  }));

  // ---- administration ----
  const manage = { access: { action: 'catalogue.manage' } } as const;

  app.get<{ Querystring: { q?: string } }>('/quan-tri/thu-tuc', { config: manage, schema: { querystring: Type.Object({ q: Type.Optional(Q) }) } }, async (request, reply) => {
    const r = await service.search(deps, { q: request.query.q, page: 1, pageSize: 100 }, { includeDrafts: true });
    return reply.html(<AdminListPage ctx={deps.page(request, reply)} items={r.items} total={r.total} q={request.query.q} />);
  });

  const editPage = async (request: Parameters<typeof deps.page>[0], reply: Parameters<typeof deps.page>[1], code: string | undefined, json: string, errors: { field: string; message: string }[], status = 200) => {
    const row = code ? await service.procedureForAdmin(deps, request.actor!, code) : undefined;
    const [versions, templates] = row ? await Promise.all([service.versionsOf(deps, row.id), store.templates(deps.db, row.id)]) : [[], []];
    return reply
      .code(status)
      .html(<AdminEditPage ctx={deps.page(request, reply)} code={code} json={json} version={row?.version} status={row?.status} errors={errors} versions={versions} templates={templates} />);
  };

  app.get('/quan-tri/thu-tuc/moi', { config: manage }, async (request, reply) => editPage(request, reply, undefined, JSON.stringify(service.blankProcedure(), null, 2), []));

  app.get<{ Params: { code: string } }>('/quan-tri/thu-tuc/:code', { config: manage, schema: { params: Type.Object({ code: Code }) } }, async (request, reply) => {
    const row = await service.procedureForAdmin(deps, request.actor!, request.params.code);
    return editPage(request, reply, row.code, JSON.stringify(row.record, null, 2), []);
  });

  const saveHandler = (createOnly: boolean) => async (request: import('fastify').FastifyRequest<{ Body: { record?: string; version?: string; summary?: string }; Params: { code?: string } }>, reply: import('fastify').FastifyReply) => {
    const text = request.body.record ?? '';
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (err) {
      return editPage(request, reply, request.params.code, text, [{ field: '', message: `Nội dung không phải JSON hợp lệ (${(err as Error).message}).` }], 400);
    }
    if (!createOnly && (input as { code?: unknown })?.code !== request.params.code) {
      return editPage(request, reply, request.params.code, text, [{ field: 'code', message: 'Không được đổi mã thủ tục khi sửa; hãy thêm thủ tục mới.' }], 400);
    }
    const version = request.body.version ? Number(request.body.version) : undefined;
    try {
      const saved = await service.saveProcedure(deps, request.actor!, input, { createOnly, expectedVersion: version, summary: request.body.summary?.trim() || undefined });
      request.session.flash = `Đã lưu thủ tục ${saved.code} (phiên bản ${saved.version}).`;
      return reply.redirect(`/quan-tri/thu-tuc/${saved.code}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return editPage(request, reply, createOnly ? undefined : request.params.code, text, err.errors, 400);
      if (err instanceof AppError && err.status === 409) return editPage(request, reply, createOnly ? undefined : request.params.code, text, [{ field: err.field ?? '', message: err.message }], 409);
      throw err;
    }
  };
  const SaveBody = Type.Object({ record: Type.Optional(Type.String({ maxLength: 500_000 })), version: Type.Optional(Type.String({ maxLength: 10 })), summary: Type.Optional(Type.String({ maxLength: 300 })), _csrf: Type.Optional(Type.String()) });
  app.post('/quan-tri/thu-tuc/moi', { config: manage, schema: { body: SaveBody } }, saveHandler(true));
  app.post('/quan-tri/thu-tuc/:code', { config: manage, schema: { body: SaveBody, params: Type.Object({ code: Code }) } }, saveHandler(false));

  for (const [path, publish] of [['cong-bo', true], ['ngung-cong-bo', false]] as const) {
    app.post<{ Params: { code: string }; Body: { version?: string } }>(
      `/quan-tri/thu-tuc/:code/${path}`,
      { config: manage, schema: { params: Type.Object({ code: Code }), body: Type.Object({ version: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Type.Optional(Type.String()) }) } },
      async (request, reply) => {
        await service.setPublished(deps, request.actor!, request.params.code, publish, request.body.version ? Number(request.body.version) : undefined);
        request.session.flash = publish ? 'Đã công bố thủ tục.' : 'Đã ngừng công bố thủ tục.';
        return reply.redirect(`/quan-tri/thu-tuc/${request.params.code}`, 303);
      },
    );
  }

  app.post<{ Params: { code: string } }>('/quan-tri/thu-tuc/:code/mau', { config: manage, schema: { params: Type.Object({ code: Code }) } }, async (request, reply) => {
    const row = await service.procedureForAdmin(deps, request.actor!, request.params.code);
    const fail = (message: string) => editPage(request, reply, row.code, JSON.stringify(row.record, null, 2), [{ field: 'file', message }], 400);
    let file;
    try {
      file = await fileOf(request.body, 'file');
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return fail('Tệp mẫu không được lớn hơn 10 MB.');
      throw err;
    }
    if (!file || file.bytes.length === 0) return fail('Chọn tệp mẫu để tải lên (tệp không được rỗng).');
    const type = await sniff(file.bytes);
    const mime = type ? TEMPLATE_TYPES.get(type.ext) : undefined;
    if (!type || !mime) return fail('Tệp mẫu phải là tài liệu PDF, Word, Excel hoặc OpenDocument (kiểm tra theo nội dung tệp, không theo tên).');
    const componentCode = fieldOf(request.body, 'componentCode')?.trim() || null;
    if (componentCode && !row.record.components.some((c) => c.code === componentCode)) return fail(`Thủ tục không có thành phần hồ sơ mã “${componentCode}”.`);
    let blob;
    try {
      blob = await deps.blobs.put(file.bytes, { maxBytes: 10 * 1024 * 1024 });
    } catch (err) {
      if (err instanceof BlobTooLarge) return fail('Tệp mẫu không được lớn hơn 10 MB.');
      throw err;
    }
    await deps.db.transaction().execute(async (trx) => {
      const id = await store.insertTemplate(trx, { procedureId: row.id, componentCode, fileName: file.fileName, contentType: mime, sizeBytes: blob.size, sha256: blob.sha256, uploadedBy: request.actor!.id });
      await recordAudit(trx, request.actor!, { action: 'procedure.template_uploaded', entityType: 'procedure', entityId: row.code, detail: { templateId: id, sha256: blob.sha256, fileName: file.fileName } });
    });
    request.session.flash = `Đã tải lên mẫu ${file.fileName}.`;
    return reply.redirect(`/quan-tri/thu-tuc/${row.code}`, 303);
  });

  app.get<{ Params: { code: string; version: number } }>(
    '/quan-tri/thu-tuc/:code/phien-ban/:version',
    { config: manage, schema: { params: Type.Object({ code: Code, version: Type.Integer({ minimum: 1, maximum: 1_000_000, 'x-message': 'Số phiên bản phải là số nguyên dương' }) }) } },
    async (request, reply) => {
      const row = await service.procedureForAdmin(deps, request.actor!, request.params.code);
      const versions = await service.versionsOf(deps, row.id);
      const index = versions.findIndex((v) => v.version === request.params.version);
      const v = versions[index];
      if (!v) throw new ProcedureNotFound();
      const previous = versions[index + 1];
      return reply.html(
        <VersionPage ctx={deps.page(request, reply)} code={row.code} version={v} changed={changedSections(previous?.record as object | undefined, v.record as object)} previous={previous?.version} />,
      );
    },
  );

  // ---- whole-catalogue exchange ----
  const stamp = () => localDate(new Date()).replaceAll('-', '');
  app.get('/quan-tri/thu-tuc/xuat.xlsx', { config: manage }, async (_request, reply) => {
    const rows = await service.allProcedures(deps);
    const bytes = await toWorkbook(rows.map((r) => r.record));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="danh-muc-thu-tuc-${stamp()}.xlsx"`)
      .send(bytes);
  });

  app.get('/quan-tri/thu-tuc/xuat.csv', { config: manage }, async (_request, reply) => {
    const rows = await service.allProcedures(deps);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="danh-muc-thu-tuc-${stamp()}.csv"`)
      .send(toCsv(rows.map((r) => r.record)));
  });

  app.get('/quan-tri/thu-tuc/nhap', { config: manage }, async (request, reply) => reply.html(<ImportPage ctx={deps.page(request, reply)} problems={[]} />));

  app.post('/quan-tri/thu-tuc/nhap', { config: manage }, async (request, reply) => {
    const fail = (message: string, problems: { row: number; sheet: string; errors: { field: string; message: string }[] }[] = []) =>
      reply.code(400).html(<ImportPage ctx={deps.page(request, reply)} problems={problems} message={message} />);
    let file;
    try {
      file = await fileOf(request.body, 'file');
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return fail('Tệp không được lớn hơn 10 MB.');
      throw err;
    }
    if (!file || file.bytes.length === 0) return fail('Chọn tệp Excel (.xlsx) hoặc CSV để nhập (tệp không được rỗng).');
    try {
      // by content: an .xlsx is a ZIP archive; anything else must be UTF-8 text
      const isZip = file.bytes.subarray(0, 2).toString('latin1') === 'PK';
      const rows = isZip ? await fromWorkbook(file.bytes) : fromCsv(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
      const result = await service.importCatalogue(deps, request.actor!, rows);
      request.session.flash = `Đã nhập ${rows.length} dòng: thêm ${result.created} thủ tục, cập nhật ${result.updated} thủ tục.`;
      return reply.redirect('/quan-tri/thu-tuc', 303);
    } catch (err) {
      if (err instanceof ImportRejected) return fail(err.message, err.rows);
      if (err instanceof ExchangeFormatError) return fail(err.message);
      if (err instanceof TypeError && /encoded data was not valid/.test(err.message)) return fail('Tệp CSV phải được lưu với bảng mã UTF-8.');
      throw err;
    }
  });

  void ValidationError;
}
