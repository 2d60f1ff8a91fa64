// HTTP for the yearly review under /quan-tri/ra-soat: the start page and opening a year, the
// province's progress page, and one unit's list with one POST for every move (the form names
// its move in _action and carries the version the person saw).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import { CONDITIONS, type ItemDecision, itemField, type ListAction, LIST_ACTIONS, PROPOSALS, type Proposal } from './model';
import { IndexPage, ListPage, listPath, ProgressPage, reviewPath } from './pages';
import * as service from './service';

const FILL = { access: { action: 'review.fill' } } as const;
const MANAGE = { access: { action: 'review.manage' } } as const;
const YearParams = Type.Object({ year: Type.String({ pattern: '^\\d{4}$', 'x-message': 'Năm rà soát không hợp lệ' }) });
const ListParams = Type.Object({
  year: Type.String({ pattern: '^\\d{4}$', 'x-message': 'Năm rà soát không hợp lệ' }),
  unit: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', 'x-message': 'Mã đơn vị không hợp lệ' }),
});

type Body = Record<string, string | string[] | undefined>;

function one(body: Body | undefined, name: string): string | undefined {
  const v = body?.[name];
  return Array.isArray(v) ? v[0] : v;
}

function all(body: Body | undefined, name: string): string[] {
  const v = body?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The decisions of the items the form sent (each item's code is in a hidden "item" field). */
export function decisionsFrom(body: Body | undefined): Map<string, ItemDecision> {
  const out = new Map<string, ItemDecision>();
  for (const code of all(body, 'item').slice(0, 500)) {
    const proposal = one(body, itemField.proposal(code));
    const flags = Object.fromEntries(CONDITIONS.map((c) => [c.key, one(body, itemField.condition(code, c.key)) === '1'])) as Pick<ItemDecision, (typeof CONDITIONS)[number]['key']>;
    out.set(code, {
      ...flags,
      proposal: PROPOSALS.includes(proposal as Proposal) ? (proposal as Proposal) : null,
      reasonCode: one(body, itemField.reason(code)) || null,
      explanation: (one(body, itemField.explanation(code)) ?? '').slice(0, 5000) || null,
    });
  }
  return out;
}

export async function reviewRoutes(app: FastifyInstance, deps: AppDeps) {
  const showIndex = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], year = '') => {
    const o = await service.overview(deps, request.actor!);
    return reply.code(errors.length ? 400 : 200).html(<IndexPage ctx={deps.page(request, reply)} o={o} errors={errors} year={year || String(o.currentYear)} />);
  };

  const showList = async (request: FastifyRequest, reply: FastifyReply, year: number, unit: string, errors: FieldError[] = [], status = 200, posted?: Map<string, ItemDecision>, revisionReason?: string) => {
    const v = await service.listView(deps, request.actor!, year, unit);
    return reply.code(status).html(<ListPage ctx={deps.page(request, reply)} v={v} errors={errors} posted={posted} revisionReason={revisionReason} />);
  };

  app.get('/quan-tri/ra-soat', { config: FILL }, async (request, reply) => showIndex(request, reply));

  app.post<{ Body: { year?: string } }>('/quan-tri/ra-soat', { config: MANAGE }, async (request, reply) => {
    const yearText = one(request.body as Body, 'year') ?? '';
    try {
      const r = await service.openReview(deps, request.actor!, yearText);
      request.session.flash = `Đã mở rà soát năm ${r.year}: ${r.lists} đơn vị, ${r.items} mục thủ tục.`;
      return reply.redirect(reviewPath(r.year), 303);
    } catch (err) {
      if (err instanceof ValidationError) return showIndex(request, reply, err.errors, yearText.slice(0, 10));
      if (err instanceof AppError && err.status === 409) {
        const o = await service.overview(deps, request.actor!);
        return reply.code(409).html(<IndexPage ctx={deps.page(request, reply)} o={o} errors={[{ field: err.field ?? 'year', message: err.message }]} year={yearText.slice(0, 10)} />);
      }
      throw err;
    }
  });

  app.get<{ Params: { year: string } }>('/quan-tri/ra-soat/:year', { config: MANAGE, schema: { params: YearParams } }, async (request, reply) => {
    const p = await service.progress(deps, request.actor!, Number(request.params.year));
    return reply.html(<ProgressPage ctx={deps.page(request, reply)} p={p} />);
  });

  app.get<{ Params: { year: string; unit: string } }>('/quan-tri/ra-soat/:year/:unit', { config: FILL, schema: { params: ListParams } }, async (request, reply) =>
    showList(request, reply, Number(request.params.year), request.params.unit),
  );

  app.post<{ Params: { year: string; unit: string } }>('/quan-tri/ra-soat/:year/:unit', { config: FILL, schema: { params: ListParams } }, async (request, reply) => {
    const year = Number(request.params.year);
    const { unit } = request.params;
    const body = request.body as Body | undefined;
    const action = one(body, '_action') as ListAction | undefined;
    const version = Number(one(body, 'version') ?? 'x');
    const posted = action === 'save' || action === 'submit' ? decisionsFrom(body) : undefined;
    const reason = (one(body, 'revisionReason') ?? '').slice(0, 5000);
    try {
      if (!action || !LIST_ACTIONS.includes(action)) throw new ValidationError([{ field: '_action', message: 'Thao tác không hợp lệ; hãy dùng các nút trên trang.' }]);
      if (!Number.isInteger(version)) throw new ValidationError([{ field: 'version', message: 'Thiếu phiên bản danh sách; hãy tải lại trang.' }]);
      let flash: string;
      switch (action) {
        case 'save':
        case 'submit':
          await service.saveList(deps, request.actor!, year, unit, version, posted!, action === 'submit');
          flash = action === 'submit' ? 'Đã gửi danh sách về Văn phòng UBND tỉnh.' : 'Đã lưu danh sách.';
          break;
        case 'requestRevision':
          await service.requestRevision(deps, request.actor!, year, unit, version, reason, all(body, 'flag'));
          flash = 'Đã yêu cầu đơn vị rà soát lại.';
          break;
        case 'approve': {
          const r = await service.approve(deps, request.actor!, year, unit, version);
          flash = `Đã phê duyệt danh sách; cập nhật ${r.written.length} thủ tục vào danh mục${r.pending.length ? `, ${r.pending.length} thủ tục chờ danh sách của các đơn vị khác cùng thực hiện` : ''}.`;
          break;
        }
      }
      request.session.flash = flash;
      return reply.redirect(listPath(year, unit), 303);
    } catch (err) {
      if (err instanceof ValidationError) return showList(request, reply, year, unit, err.errors, 400, posted, reason);
      if (err instanceof AppError && err.status === 409) return showList(request, reply, year, unit, [{ field: err.field ?? 'version', message: err.message }], 409, posted, reason);
      throw err;
    }
  });
}
