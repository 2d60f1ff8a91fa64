// Reception at the one-stop desk: the queue of online dossiers waiting for the check, and
// acceptance (SUBMITTED → RECEIVED): the legal clock starts, the due date comes from the
// calendar, the logbook (Mẫu 06) number is taken and the Mẫu 01 receipt is issued and kept.
// Completion requests and refusals (Mẫu 02, 03) are in backoffice.ts.
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { ForbiddenError } from '../../platform/errors';
import { formatDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import type { BlobStore } from '../../platform/storage';
import { computeDue, loadCalendar } from '../calendar';
import { describeTime, formComponentIndex, type Procedure } from '../catalogue';
import { unitScope } from '../org';
import { DossierNotFound } from './errors';
import { renderMau01 } from './forms';
import { representationOf } from './acting-for';
import { documentFor, issuingUnit, move } from './backoffice';
import * as store from './store';

export interface ReceptionDeps {
  db: Db;
  jobs: Jobs;
  blobs: BlobStore;
  publicUrl: string;
}

function counterOnly(actor: Actor): string {
  if (actor.role !== 'counter' || !actor.unitId) throw new ForbiddenError('Chỉ cán bộ bộ phận một cửa mới tiếp nhận hồ sơ.');
  return actor.unitId;
}

/** Online dossiers waiting for the desk's check, oldest first, in the officer's unit and below. */
export async function receptionQueue(deps: Pick<ReceptionDeps, 'db'>, actor: Actor) {
  const scope = [...(await unitScope(deps, counterOnly(actor)))];
  return store.workQueue(deps.db, scope, ['SUBMITTED'], { holderOnly: false });
}

/** A dossier the officer's unit receives; anyone else gets "not found". */
async function ownDossier(conn: Db | Transaction<DB>, actor: Actor, code: string) {
  const unitId = counterOnly(actor);
  const d = await store.byCode(conn, code);
  if (!d) throw new DossierNotFound();
  const scope = await unitScope({ db: conn as Db }, unitId);
  if (!scope.has(d.receivingUnitId)) throw new DossierNotFound();
  return d;
}

export async function dossierForDesk(deps: Pick<ReceptionDeps, 'db'>, actor: Actor, code: string) {
  const d = await ownDossier(deps.db, actor, code);
  return { dossier: d, files: await store.filesOf(deps.db, d.id) };
}

/**
 * Accepts a dossier at the desk, through move() like every other move (role, unit, state and
 * version checked; a refused attempt logged). `version` is what the officer saw: of two officers
 * acting at once, one wins. The logbook number and Mẫu 01 are taken inside the transaction.
 */
export async function accept(deps: ReceptionDeps, actor: Actor, code: string, version: number, now = new Date()): Promise<void> {
  await move(deps, actor, code, 'accept', version, async (d) => {
    const [{ calendar }, unit, record, files] = await Promise.all([
      loadCalendar(deps),
      issuingUnit(deps, d.receivingUnitId),
      store.procedureRecord(deps.db, d.procedureId) as Promise<Procedure>,
      store.filesOf(deps.db, d.id),
    ]);
    const due = computeDue(calendar, now, record.processingTime);
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now);
    const received = new Set(files.map((f) => f.componentIndex));
    const formIndex = formComponentIndex(record.components);
    return {
      set: { receivedAt: due.receivedAt, dueAt: due.dueAt },
      event: { type: 'accepted', publicNote: `Bộ phận một cửa đã tiếp nhận hồ sơ; hẹn trả kết quả ngày ${formatDate(due.dueAt)}.` },
      inTransaction: async (trx) => {
        // the unit's logbook (Mẫu 06) numbers its dossiers from 1 each year
        const serial = await store.nextSerial(trx, `SO-${d.receivingUnitId}`, `${year}-01-01`);
        await store.setLogbookSerial(trx, d.id, serial);
        const representation = await representationOf(trx, d.id);
        const pdf = await renderMau01({
          code,
          unit,
          receivedAt: due.receivedAt,
          dueAt: due.dueAt,
          applicant: { name: d.applicantName, ...(d.applicantPhone ? { phone: d.applicantPhone } : {}), ...(d.applicantEmail ? { email: d.applicantEmail } : {}) },
          matter: d.procedureName,
          components: record.components
            .map((c, i) => ({ c, i }))
            .filter(({ i }) => received.has(i) || i === formIndex)
            .map(({ c, i }) => ({ name: c.name, form: received.has(i) ? 'Bản điện tử' : 'Tờ khai điện tử', quantity: c.quantity })),
          sets: record.numberOfSets,
          processingTime: describeTime(record.processingTime),
          logbook: { book: year, serial },
          resultChannel: 'Trực tuyến, hoặc nhận trực tiếp tại nơi nộp hồ sơ',
          trackingUrl: `${deps.publicUrl}/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`,
          officer: { name: actor.fullName },
          ...(representation ? { submittedBy: representation.submitter, representation: representation.line } : {}),
        });
        // content-addressed: a rolled-back transaction leaves at most an unreferenced copy
        const blob = await deps.blobs.put(pdf);
        await store.addDocument(trx, { dossierId: d.id, kind: 'mau01', sha256: blob.sha256, createdBy: actor.id });
        // Mẫu 05 starts at the desk; handing over to the agency closes this row
        await store.openHandover(trx, { dossierId: d.id, stepKey: 'tiep-nhan', stepName: 'Tiếp nhận hồ sơ', unitId: d.receivingUnitId, role: 'counter', startedAt: now, dueAt: null });
      },
      notify: {
        title: `Hồ sơ ${code} đã được tiếp nhận`,
        body: `Hồ sơ ${code} (${d.procedureName}) đã được tiếp nhận. Hẹn trả kết quả ngày ${formatDate(due.dueAt)}. Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) có trong mục “Hồ sơ của tôi”.`,
        short: `Ho so ${code} da duoc tiep nhan, hen tra ket qua ngay ${formatDate(due.dueAt)}.`,
      },
    };
  });
}

/** The Mẫu 01 receipt: for the applicant and for the officers who may see the dossier. */
export async function receipt(deps: Pick<ReceptionDeps, 'db' | 'blobs'>, actor: Actor, code: string) {
  const doc = await documentFor(deps, actor, code, 'mau01');
  return deps.blobs.get(doc.sha256);
}
