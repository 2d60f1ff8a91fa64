import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { ValidationError } from '../../platform/errors';
import { verifiedAttributes } from '../accounts';
import { applyFormAction, type Answers, parseFormAction, parseFormBody, type VerifiedValues } from '../forms';
import { filesOfDraft, reusableForDraft, takeAttachmentErrors } from '../attachments';
import { track } from '../dossiers';
import { DeskEntryPage, DonePage, draftPath, FilesStepPage, FormStepPage, OrganisationDossiersPage, ReviewPage, StartPage } from './pages';
import * as service from './service';

const APPLICANT = { access: { action: 'applicant.dossiers' } } as const;
/** A draft's pages: the applicant's own, or one the desk enters (openDraft lets only its owner in). */
const DRAFTER = { access: { action: 'dossier.draft' } } as const;
const DESK = { access: { action: 'dossier.receive' } } as const;
const DraftParams = Type.Object({ id: Type.String({ format: 'uuid', 'x-message': 'Mã bản nháp không hợp lệ' }) });
const CodeParams = Type.Object({ code: Type.String({ pattern: '^\\d\\.\\d{6}$', 'x-message': 'Mã thủ tục không hợp lệ' }) });

/** The answers of a posted tờ khai: the form's own fields only. */
function answersOf(body: unknown): { answers: Answers; unitId: string | undefined; action: unknown } {
  const flat: Record<string, string | string[]> = {};
  let unitId: string | undefined;
  let action: unknown;
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (k === '_action') action = v;
    else if (k === 'receivingUnitId') unitId = typeof v === 'string' ? v : undefined;
    else if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) flat[k] = v as string | string[];
  }
  return { answers: parseFormBody(flat), unitId, action };
}

export async function submissionRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get<{ Params: { code: string } }>('/nop-ho-so/:code', { config: APPLICANT, schema: { params: CodeParams } }, async (request, reply) => {
    const { row } = await service.onlineProcedure(deps, request.params.code);
    const drafts = (await service.myDrafts(deps, request.actor!)).filter((d) => d.procedureCode === row.code);
    return reply.html(<StartPage ctx={deps.page(request, reply)} procedure={row.record} drafts={drafts} />);
  });

  app.post<{ Params: { code: string }; Body: Record<string, string | undefined> }>(
    '/nop-ho-so/:code',
    {
      config: APPLICANT,
      schema: {
        params: CodeParams,
        body: Type.Object({
          capacity: Type.Optional(Type.String({ maxLength: 20 })),
          subjectName: Type.Optional(Type.String({ maxLength: 300 })),
          subjectIdNumber: Type.Optional(Type.String({ maxLength: 40 })),
          relationship: Type.Optional(Type.String({ maxLength: 40 })),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      const b = request.body ?? {};
      const acting = { capacity: b.capacity, subjectName: b.subjectName, subjectIdNumber: b.subjectIdNumber, relationship: b.relationship };
      try {
        const id = await service.startDraft(deps, request.actor!, request.params.code, acting);
        return reply.redirect(draftPath(id), 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const { row } = await service.onlineProcedure(deps, request.params.code);
        const drafts = (await service.myDrafts(deps, request.actor!)).filter((d) => d.procedureCode === row.code);
        return reply.code(400).html(<StartPage ctx={deps.page(request, reply)} procedure={row.record} drafts={drafts} errors={err.errors} values={acting} />);
      }
    },
  );

  /** What the national electronic identity verified of the actor, to mark in their own tờ khai; nothing for a draft the desk enters. */
  const verifiedOf = async (actorId: string, draft: { onBehalf: unknown }): Promise<VerifiedValues | undefined> => {
    const v = draft.onBehalf ? undefined : await verifiedAttributes(deps.db, actorId);
    if (!v) return undefined;
    const pairs = Object.entries({ fullName: v.fullName, idNumber: v.idNumber, birthDate: v.birthDate, phone: v.phone }).filter((e): e is [string, string] => typeof e[1] === 'string');
    return Object.fromEntries(pairs) as VerifiedValues;
  };

  app.get('/to-chuc/ho-so', { config: { access: { action: 'organisation.dossiers' } } }, async (request, reply) => {
    const items = await service.organisationDossiers(deps, request.actor!);
    return reply.html(<OrganisationDossiersPage ctx={deps.page(request, reply)} items={items} />);
  });

  app.get<{ Params: { id: string } }>('/nop-ho-so/ho-so-nhap/:id', { config: DRAFTER, schema: { params: DraftParams } }, async (request, reply) => {
    const v = await service.openDraft(deps, request.actor!, request.params.id);
    const notice = request.session.flash;
    request.session.flash = undefined;
    return reply.html(
      <FormStepPage
        ctx={{ ...deps.page(request, reply), flash: undefined }}
        draftId={v.draft.id}
        procedure={v.procedure}
        def={v.def}
        values={v.draft.answers}
        units={v.units}
        receivingUnitId={v.draft.receivingUnitId}
        address={v.address}
        errors={[]}
        notice={notice}
        desk={v.draft}
        verified={await verifiedOf(request.actor!.id, v.draft)}
      />,
    );
  });

  app.post<{ Params: { id: string } }>('/nop-ho-so/ho-so-nhap/:id', { config: DRAFTER, schema: { params: DraftParams } }, async (request, reply) => {
    const actor = request.actor!;
    const { answers, unitId, action } = answersOf(request.body);
    const v = await service.openDraft(deps, actor, request.params.id);
    const parsed = action === 'save' ? undefined : parseFormAction(action);
    const values = parsed ? applyFormAction(v.def, answers, parsed) : answers;
    const proceed = parsed?.kind === 'continue';
    const errors = await service.saveFormStep(deps, actor, v.draft.id, { answers: values, receivingUnitId: unitId, proceed });
    if (proceed && errors.length === 0) return reply.redirect(`${draftPath(v.draft.id)}/tep`, 303);
    const page = (
      <FormStepPage
        ctx={deps.page(request, reply)}
        draftId={v.draft.id}
        procedure={v.procedure}
        def={v.def}
        values={values}
        units={v.units}
        receivingUnitId={unitId ?? v.draft.receivingUnitId}
        address={v.address}
        errors={errors}
        notice={action === 'save' ? (v.draft.onBehalf ? 'Đã lưu bản nháp. Tiếp tục nhập từ trang “Hồ sơ chờ tiếp nhận”.' : 'Đã lưu bản nháp. Bạn có thể tiếp tục bất cứ lúc nào trong mục “Hồ sơ của tôi”, trên máy này hoặc máy khác.') : undefined}
        desk={v.draft}
        verified={await verifiedOf(actor.id, v.draft)}
      />
    );
    return reply.code(errors.length > 0 ? 400 : 200).html(page);
  });

  app.get<{ Params: { id: string } }>(`/nop-ho-so/ho-so-nhap/:id/tep`, { config: DRAFTER, schema: { params: DraftParams } }, async (request, reply) => {
    const v = await service.openDraft(deps, request.actor!, request.params.id);
    const [files, reusable] = await Promise.all([filesOfDraft(deps.db, v.draft.id), reusableForDraft(deps, request.actor!, v.draft.id)]);
    return reply.html(
      <FilesStepPage
        ctx={deps.page(request, reply)}
        draftId={v.draft.id}
        procedure={v.procedure}
        slots={service.uploadSlots(v.procedure, v.draft.actingFor)}
        files={files}
        errors={takeAttachmentErrors(request)}
        limits={deps.config.uploads}
        reusable={reusable}
        desk={v.draft}
      />,
    );
  });

  app.post<{ Params: { id: string } }>(`/nop-ho-so/ho-so-nhap/:id/tep/tiep-tuc`, { config: DRAFTER, schema: { params: DraftParams } }, async (request, reply) => {
    const errors = await service.finishFilesStep(deps, request.actor!, request.params.id);
    if (errors.length === 0) return reply.redirect(`${draftPath(request.params.id)}/kiem-tra`, 303);
    const v = await service.openDraft(deps, request.actor!, request.params.id);
    const [files, reusable] = await Promise.all([filesOfDraft(deps.db, v.draft.id), reusableForDraft(deps, request.actor!, v.draft.id)]);
    return reply
      .code(400)
      .html(
        <FilesStepPage
          ctx={deps.page(request, reply)}
          draftId={v.draft.id}
          procedure={v.procedure}
          slots={service.uploadSlots(v.procedure, v.draft.actingFor)}
          files={files}
          errors={errors}
          limits={deps.config.uploads}
          reusable={reusable}
          desk={v.draft}
        />,
      );
  });

  app.get<{ Params: { id: string } }>(`/nop-ho-so/ho-so-nhap/:id/kiem-tra`, { config: DRAFTER, schema: { params: DraftParams } }, async (request, reply) => {
    const r = await service.review(deps, request.actor!, request.params.id);
    return reply.html(
      <ReviewPage
        ctx={deps.page(request, reply)}
        draftId={r.draft.id}
        idempotencyKey={r.draft.idempotencyKey}
        procedure={r.procedure}
        def={r.def}
        value={r.value}
        raw={r.draft.answers}
        unit={r.unit}
        address={r.address}
        files={r.files}
        errors={r.errors}
        desk={r.draft}
      />,
    );
  });

  app.post<{ Params: { id: string }; Body: { key?: string } }>(
    `/nop-ho-so/ho-so-nhap/:id/nop`,
    { config: DRAFTER, schema: { params: DraftParams, body: Type.Object({ key: Type.String({ format: 'uuid', 'x-message': 'Thiếu mã nộp hồ sơ; hãy tải lại trang' }), _csrf: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const actor = request.actor!;
      try {
        const { code } = await service.submitDraft(deps, actor, request.params.id, request.body.key!);
        if (actor.role === 'counter') {
          request.session.flash = `Đã ghi hồ sơ ${code}. Kiểm tra bản giấy rồi tiếp nhận, yêu cầu bổ sung hoặc từ chối.`;
          return reply.redirect(`/mot-cua/ho-so/${encodeURIComponent(code)}`, 303);
        }
        return reply.redirect(`/nop-ho-so/da-nop/${encodeURIComponent(code)}`, 303);
      } catch (err) {
        if (err instanceof service.FormReplaced) {
          request.session.flash = err.message;
          return reply.redirect(draftPath(request.params.id), 303);
        }
        if (!(err instanceof ValidationError)) throw err;
        const r = await service.review(deps, actor, request.params.id);
        return reply
          .code(400)
          .html(
            <ReviewPage
              ctx={deps.page(request, reply)}
              draftId={r.draft.id}
              idempotencyKey={r.draft.idempotencyKey}
              procedure={r.procedure}
              def={r.def}
              value={r.value}
              raw={r.draft.answers}
              unit={r.unit}
              address={r.address}
              files={r.files}
              errors={err.errors}
              desk={r.draft}
            />,
          );
      }
    },
  );

  app.post<{ Params: { id: string } }>(`/nop-ho-so/ho-so-nhap/:id/xoa`, { config: DRAFTER, schema: { params: DraftParams } }, async (request, reply) => {
    await service.deleteDraft(deps, request.actor!, request.params.id);
    request.session.flash = 'Đã xóa bản nháp.';
    return reply.redirect(request.actor!.role === 'counter' ? '/mot-cua/tiep-nhan' : '/ho-so-cua-toi', 303);
  });

  // ---- the desk: papers brought to the counter or received by post ----
  app.get('/mot-cua/tiep-nhan/nhap-ho-so', { config: DESK }, async (request, reply) => {
    const procedures = await service.deskProcedures(deps, request.actor!);
    return reply.html(<DeskEntryPage ctx={deps.page(request, reply)} procedures={procedures} values={{ applicant: {} }} errors={[]} />);
  });

  app.post<{ Body: Record<string, string> }>('/mot-cua/tiep-nhan/nhap-ho-so', { config: DESK }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const applicant: Record<string, string> = {};
    for (const k of ['name', 'idNumber', 'phone', 'email']) if (str(k).trim() !== '') applicant[k] = str(k);
    const input = { procedureCode: str('procedureCode'), channel: str('channel'), applicant };
    try {
      const id = await service.startDeskDraft(deps, request.actor!, input);
      return reply.redirect(draftPath(id), 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const procedures = await service.deskProcedures(deps, request.actor!);
      return reply.code(400).html(<DeskEntryPage ctx={deps.page(request, reply)} procedures={procedures} values={input} errors={err.errors} />);
    }
  });

  app.get<{ Params: { code: string } }>('/nop-ho-so/da-nop/:code', { config: APPLICANT, schema: { params: Type.Object({ code: Type.String({ maxLength: 60 }) }) } }, async (request, reply) => {
    const v = await track(deps, request.params.code, request.actor);
    // the confirmation is the applicant's own page; others see nothing here
    if (!v.applicant) return reply.redirect(`/tra-cuu-ho-so?ma=${encodeURIComponent(v.code)}`, 303);
    return reply.html(<DonePage ctx={deps.page(request, reply)} code={v.code} procedureName={v.procedureName} expectedDueAt={v.expectedDueAt} unitName={v.holder} />);
  });
}
