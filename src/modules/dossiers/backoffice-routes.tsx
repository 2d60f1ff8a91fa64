// HTTP for the back office: the officers' queue, a dossier's page and one POST for every move
// (the form names its move in _action and carries the version the officer saw), the standard
// forms as PDF; and the applicant's side of a request: add the files asked for and send them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { AppError, type FieldError, ValidationError } from '../../platform/errors';
import { formatDateTime } from '../../platform/format';
import { fieldOf, fileOf, filesOf } from '../../platform/http/uploads';
import { attachmentDeps, AttachmentRefused } from '../attachments';
import type { Procedure } from '../catalogue';
import * as backoffice from './backoffice';
import { DOC_SLUGS, OfficerDossierPage, officerPath, WorkQueuePage, type OfficerDossierView } from './backoffice-pages';
import { DossierNotFound } from './errors';
import { renderMau05 } from './forms';
import { accept } from './reception';
import { type Action, type DossierState, type RequestItem, type WorkflowStep, OUTCOME_LABELS, parallelGroup } from './model';
import { ApplicantDossierPage } from './applicant-pages';
import * as store from './store';
import { documentOpened } from './access-log';
import { apologyRefusal } from './deadlines';
import { representationOf } from './acting-for';
import { paymentPanelFor } from '../payments';
import { deliveryPanelFor } from '../delivery';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 60, 'x-message': 'Mã hồ sơ không hợp lệ' }) });
const OFFICE = { access: { action: 'dossier.work' } } as const;
const APPLICANT = { access: { action: 'applicant.dossiers' } } as const;
const UPLOAD_LIMITS = (maxFileBytes: number) => ({ limits: { files: 10, fileSize: maxFileBytes + 1 }, throwFileSizeLimit: false }) as never;

/** Values of a field sent once or several times (checkboxes), from a urlencoded or multipart body. */
function valuesOf(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'string' ? x : typeof (x as { value?: unknown })?.value === 'string' ? ((x as { value: string }).value) : '')).filter(Boolean);
}

/** Every plain field of the body, to show the form again as it was sent. */
function echo(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {})) {
    if (k === '_csrf') continue;
    const s = typeof v === 'string' ? v : typeof (v as { value?: unknown })?.value === 'string' ? (v as { value: string }).value : undefined;
    if (s !== undefined) out[k] = s;
  }
  for (const t of valuesOf(body, 'item')) out[`item:${t}`] = '1';
  return out;
}

export async function backofficeRoutes(app: FastifyInstance, deps: AppDeps) {
  const bo: backoffice.BackofficeDeps = { db: deps.db, jobs: deps.jobs, blobs: deps.blobs, publicUrl: deps.config.publicUrl, attachments: attachmentDeps(deps), signing: deps.signing };

  async function view(request: FastifyRequest, code: string): Promise<OfficerDossierView> {
    const d = await backoffice.dossierForOfficer(bo, request.actor!, code);
    const [record, files, requests, handovers, history, documents, actions] = await Promise.all([
      store.procedureRecord(deps.db, d.procedureId) as Promise<Procedure>,
      store.allFiles(deps.db, d.id),
      store.requestsOf(deps.db, d.id),
      store.handovers(deps.db, d.id),
      store.allEvents(deps.db, d.id),
      store.documentsOf(deps.db, d.id),
      backoffice.allowedActions(bo, request.actor!, d),
    ]);
    const workflow = (d.workflow ?? (await backoffice.workflowOf(bo, d.procedureCode))) as WorkflowStep[];
    return {
      dossier: d,
      components: record.components,
      workflow,
      files,
      requests: requests.map((r) => ({ ...r, items: r.items as RequestItem[] })),
      handovers,
      history: history.map((e) => ({ at: e.at, note: e.publicNote, type: e.type, detail: e.detail })),
      documents,
      actions,
      nextStep: d.stepIndex !== null ? workflow[parallelGroup(workflow, d.stepIndex)[1] + 1] : undefined,
      canApologise: apologyRefusal(request.actor!, d) === undefined,
      representation: (await representationOf(deps.db, d.id))?.line,
    };
  }

  async function showOfficer(request: FastifyRequest, reply: FastifyReply, code: string, errors: FieldError[] = [], values: Record<string, string> = {}) {
    const v = await view(request, code);
    return reply.code(errors.length > 0 ? 400 : 200).html(<OfficerDossierPage ctx={deps.page(request, reply)} v={v} errors={errors} values={values} now={new Date()} />);
  }

  // ---- the officers' queue ----
  app.get<{ Querystring: { q?: string; 'trang-thai'?: string; 'qua-han'?: string } }>(
    '/mot-cua/xu-ly',
    {
      config: OFFICE,
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100, 'x-message': 'Từ khóa tìm kiếm dài quá 100 ký tự' })),
          'trang-thai': Type.Optional(Type.String({ maxLength: 40, 'x-message': 'Tình trạng không hợp lệ' })),
          'qua-han': Type.Optional(Type.String({ maxLength: 1, 'x-message': 'Bộ lọc quá hạn không hợp lệ' })),
        }),
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const queues: Record<string, { title: string; states: DossierState[]; holderOnly: boolean }> = {
        counter: { title: 'Hồ sơ tại bộ phận một cửa', states: ['SUBMITTED', 'RECEIVED', 'RETURNED_FOR_COMPLETION', 'SUPPLEMENT_REQUESTED', 'RESULT_READY', 'REFUSED'], holderOnly: false },
        specialist: { title: 'Hồ sơ đang giải quyết tại đơn vị', states: ['IN_PROCESSING', 'CONSULTING', 'SUPPLEMENT_REQUESTED'], holderOnly: true },
        leader: { title: 'Hồ sơ chờ phê duyệt và đang giải quyết', states: ['AWAITING_APPROVAL', 'IN_PROCESSING', 'CONSULTING'], holderOnly: true },
      };
      const q = queues[actor.role];
      if (!q || !actor.unitId) return reply.code(403).html(<WorkQueuePage ctx={deps.page(request, reply)} title="Không có hàng đợi hồ sơ cho vai trò này" rows={[]} search="" now={new Date()} />);
      const wanted = request.query['trang-thai'];
      const state = q.states.find((st) => st === wanted);
      if (wanted && !state) throw new ValidationError([{ field: 'trang-thai', message: 'Tình trạng không có trong hàng đợi này' }]);
      const late = request.query['qua-han'] === '1';
      const scope = [...(await backoffice.officerScope(bo, actor))];
      const now = new Date();
      const rows = await store.workQueue(deps.db, scope, state ? [state] : q.states, { holderOnly: q.holderOnly, search: request.query.q, ...(late ? { dueBefore: now } : {}) });
      return reply.html(<WorkQueuePage ctx={deps.page(request, reply)} title={q.title} rows={rows} search={request.query.q ?? ''} now={now} filter={{ states: q.states, state, late }} />);
    },
  );

  // ---- one dossier ----
  app.get<{ Params: { code: string } }>('/mot-cua/ho-so/:code', { config: OFFICE, schema: { params: CodeParams } }, async (request, reply) => showOfficer(request, reply, request.params.code));

  app.post<{ Params: { code: string } }>(
    '/mot-cua/ho-so/:code/thao-tac',
    { config: { ...OFFICE, multipartOptions: UPLOAD_LIMITS(deps.config.uploads.maxFileBytes) }, schema: { params: CodeParams } },
    async (request, reply) => {
      const actor = request.actor!;
      const code = request.params.code;
      const body = request.body;
      const action = (fieldOf(body, '_action') ?? '') as Action;
      const version = Number(fieldOf(body, 'version') ?? 'x');
      const reason = (prefix: string) => ({ code: fieldOf(body, `${prefix}Code`) ?? '', explanation: fieldOf(body, `${prefix}Explanation`) ?? '' });
      const targets = valuesOf(body, 'item');
      const items = targets.map((t) => ({ target: t, reasonCode: fieldOf(body, `reason-${t}Code`) ?? '', explanation: fieldOf(body, `reason-${t}Explanation`) ?? '' }));
      try {
        if (!Number.isInteger(version)) throw new ValidationError([{ field: 'version', message: 'Thiếu phiên bản hồ sơ; hãy tải lại trang' }]);
        const messages: Partial<Record<Action, string>> = {};
        switch (action) {
          case 'accept':
            await accept({ ...bo }, actor, code, version);
            messages.accept = `Đã tiếp nhận hồ sơ ${code}.`;
            break;
          case 'requestCompletion':
          case 'requestSupplement':
            try {
              await (action === 'requestCompletion' ? backoffice.requestCompletion : backoffice.requestSupplement)(bo, actor, code, version, { items });
            } catch (err) {
              // items[i].reasonCode → the form's field of that item
              if (err instanceof ValidationError) {
                throw new ValidationError(err.errors.map((e) => {
                  const m = /^items\[(\d+)\]\.reason(Code|Explanation)$/.exec(e.field);
                  const t = m ? targets[Number(m[1])] : undefined;
                  return t ? { ...e, field: `reason-${t}${m![2]}` } : e;
                }));
              }
              throw err;
            }
            break;
          case 'rejectAtReception':
            await backoffice.rejectAtReception(bo, actor, code, version, reason('reason'));
            break;
          case 'cancel':
            await backoffice.cancel(bo, actor, code, version, reason('reason'));
            break;
          case 'startProcessing':
            await backoffice.startProcessing(bo, actor, code, version);
            break;
          case 'take':
            await backoffice.take(bo, actor, code, version);
            break;
          case 'forward':
          case 'consult':
            await backoffice.advance(bo, actor, code, version, action);
            break;
          case 'consulted':
            await backoffice.advance(bo, actor, code, version, 'consulted', { opinion: fieldOf(body, 'opinion') ?? '' });
            break;
          case 'sendForApproval': {
            const outcome = fieldOf(body, 'outcome') === 'refusal' ? 'refusal' : 'result';
            const file = await fileOf(body, 'resultFile');
            try {
              await backoffice.advance(bo, actor, code, version, 'sendForApproval', {
                outcome,
                ...(file ? { file: { fileName: file.fileName, size: file.bytes.length, source: { bytes: file.bytes } } } : {}),
                ...(fieldOf(body, 'generate') === '1' ? { generate: true } : {}),
                ...(outcome === 'refusal' ? { reason: reason('refusal') } : {}),
              });
            } catch (err) {
              if (err instanceof AttachmentRefused) throw new ValidationError([{ field: 'resultFile', message: err.message }]);
              if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => ({ ...e, field: e.field.replace(/^reason/, 'refusal') })));
              throw err;
            }
            break;
          }
          case 'sendBack':
            await backoffice.sendBack(bo, actor, code, version, reason('reason'));
            break;
          case 'approve':
          case 'refuse':
            await backoffice.decide(bo, actor, code, version, action);
            break;
          case 'supplementReceived':
            await backoffice.supplementReceived(bo, actor, code, version);
            break;
          case 'deliver':
            await backoffice.deliver(bo, actor, code, version, { channel: fieldOf(body, 'channel') === 'post' ? 'post' : 'counter', recipient: fieldOf(body, 'recipient') ?? '', idNumber: fieldOf(body, 'idNumber') ?? '' });
            break;
          default:
            throw new ValidationError([{ field: '_action', message: 'Thao tác không hợp lệ' }]);
        }
        request.session.flash = messages[action] ?? 'Đã cập nhật hồ sơ.';
        return reply.redirect(officerPath(code), 303);
      } catch (err) {
        if (err instanceof ValidationError) return showOfficer(request, reply, code, err.errors, echo(body));
        // a conflict (someone acted first) or a move the state no longer allows: say so on the page
        if (err instanceof AppError && err.status === 409) {
          request.session.flash = err.message;
          return reply.redirect(officerPath(code), 303);
        }
        throw err;
      }
    },
  );

  // ---- the standard forms and the result ----
  const KIND_OF_SLUG = Object.fromEntries(Object.entries(DOC_SLUGS).map(([k, v]) => [v, k])) as Record<string, store.DocumentKind>;
  app.get<{ Params: { code: string; doc: string } }>(
    '/ho-so/:code/van-ban/:doc.pdf',
    { config: { access: 'signed-in' }, schema: { params: Type.Object({ code: Type.String({ maxLength: 60 }), doc: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const kind = KIND_OF_SLUG[request.params.doc];
      if (!kind) throw new DossierNotFound();
      const doc = await backoffice.documentFor(bo, request.actor!, request.params.code, kind);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${request.params.doc}-${request.params.code.replace(/[^0-9A-Z.-]/g, '')}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .send(await deps.blobs.get(doc.sha256));
    },
  );

  app.get<{ Params: { code: string } }>('/mot-cua/ho-so/:code/phieu-kiem-soat.pdf', { config: OFFICE, schema: { params: CodeParams } }, async (request, reply) => {
    const d = await backoffice.dossierForOfficer(bo, request.actor!, request.params.code, documentOpened('mau05'));
    const [rows, issuer] = await Promise.all([store.handovers(deps.db, d.id), backoffice.issuingUnit(bo, d.receivingUnitId)]);
    const lead = rows.find((r) => r.role !== 'counter');
    const pdf = await renderMau05({
      code: d.code,
      unit: issuer,
      issuedAt: d.receivedAt ?? d.submittedAt,
      applicantName: d.applicantName,
      matter: d.procedureName,
      leadAgency: lead?.unitName ?? '',
      cooperatingAgencies: [...new Set(rows.filter((r) => r.unitName !== lead?.unitName && r.role !== 'counter').map((r) => r.unitName))],
      rows: rows.map((r, i) => ({
        step: r.stepName,
        from: i === 0 ? `${issuer.name} – ${d.applicantName}` : `${rows[i - 1]!.unitName}${rows[i - 1]!.finishedByName ? ` – ${rows[i - 1]!.finishedByName}` : ''}`,
        sentAt: r.startedAt,
        to: r.unitName,
        receivedAt: r.startedAt,
        result: r.outcome ? OUTCOME_LABELS[r.outcome] : '',
        ...(r.dueAt ? { note: `Hạn ${formatDateTime(r.dueAt)}` } : {}),
      })),
    });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="phieu-kiem-soat-${d.code.replace(/[^0-9A-Z.-]/g, '')}.pdf"`).send(pdf);
  });

  // ---- the applicant's side ----
  const applicantPath = (code: string) => `/ho-so-cua-toi/${encodeURIComponent(code)}`;
  async function showApplicant(request: FastifyRequest, reply: FastifyReply, code: string, errors: FieldError[] = []) {
    const v = await backoffice.applicantView(bo, request.actor!, code);
    const payment = await paymentPanelFor(deps, request.actor!, code);
    const ctx = deps.page(request, reply);
    const delivery = await deliveryPanelFor(deps, request.actor!, code, ctx);
    return reply.code(errors.length > 0 ? 400 : 200).html(<ApplicantDossierPage ctx={ctx} v={v} errors={errors} limits={deps.config.uploads} payment={payment} delivery={delivery} />);
  }

  app.get<{ Params: { code: string } }>('/ho-so-cua-toi/:code', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => showApplicant(request, reply, request.params.code));

  app.post<{ Params: { code: string } }>(
    '/ho-so-cua-toi/:code/bo-sung/tep',
    { config: { ...APPLICANT, multipartOptions: UPLOAD_LIMITS(deps.config.uploads.maxFileBytes) }, schema: { params: CodeParams } },
    async (request, reply) => {
      const code = request.params.code;
      const index = Number(fieldOf(request.body, 'componentIndex') ?? 'x');
      const files = await filesOf(request.body, 'files');
      const errors: FieldError[] = [];
      if (files.length === 0) errors.push({ field: `files-${index}`, message: 'Chọn tệp để đính kèm' });
      for (const f of files) {
        try {
          if (f.truncated) throw new ValidationError([{ field: `files-${index}`, message: `Tệp “${f.fileName}” vượt quá dung lượng cho phép` }]);
          await backoffice.addRequestedFile(bo, request.actor!, code, index, { fileName: f.fileName, size: f.bytes.length, source: { bytes: f.bytes } });
        } catch (err) {
          if (err instanceof AttachmentRefused) errors.push({ field: `files-${index}`, message: err.message });
          else if (err instanceof ValidationError) errors.push(...err.errors);
          else throw err;
        }
      }
      if (errors.length > 0) return showApplicant(request, reply, code, errors);
      request.session.flash = `Đã đính kèm ${files.length} tệp.`;
      return reply.redirect(applicantPath(code), 303);
    },
  );

  app.post<{ Params: { code: string }; Body: Record<string, string> }>('/ho-so-cua-toi/:code/bo-sung', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => {
    const code = request.params.code;
    const version = Number(request.body.version ?? 'x');
    const answers = Object.fromEntries(Object.entries(request.body).filter(([k]) => k.startsWith('answer-')).map(([k, v]) => [k.slice('answer-'.length), String(v)]));
    try {
      const d = await backoffice.applicantView(bo, request.actor!, code);
      if (d.dossier.state === 'SUPPLEMENT_REQUESTED') await backoffice.supplementReceived(bo, request.actor!, code, version, answers);
      else await backoffice.resubmit(bo, request.actor!, code, version, answers);
      request.session.flash = 'Đã gửi hồ sơ bổ sung.';
      return reply.redirect(applicantPath(code), 303);
    } catch (err) {
      if (err instanceof ValidationError) return showApplicant(request, reply, code, err.errors);
      if (err instanceof AppError && err.status === 409) {
        request.session.flash = err.message;
        return reply.redirect(applicantPath(code), 303);
      }
      throw err;
    }
  });

  app.post<{ Params: { code: string }; Body: Record<string, string> }>('/ho-so-cua-toi/:code/danh-gia', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => {
    const code = request.params.code;
    try {
      await backoffice.rate(bo, request.actor!, code, { rating: Number(request.body.rating ?? 'x'), comment: request.body.comment ?? '' });
      request.session.flash = 'Cảm ơn bạn đã đánh giá.';
    } catch (err) {
      if (err instanceof ValidationError) return showApplicant(request, reply, code, err.errors);
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      request.session.flash = err.message;
    }
    return reply.redirect(applicantPath(code), 303);
  });

  app.post<{ Params: { code: string }; Body: Record<string, string> }>('/ho-so-cua-toi/:code/nhan-ket-qua', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => {
    const code = request.params.code;
    try {
      await backoffice.deliver(bo, request.actor!, code, Number(request.body.version ?? 'x'), { channel: 'online' });
      request.session.flash = 'Đã nhận kết quả trực tuyến. Bạn có thể tải kết quả bất cứ lúc nào.';
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      request.session.flash = err.message;
    }
    return reply.redirect(applicantPath(code), 303);
  });
}
