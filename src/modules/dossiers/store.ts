import { type SelectQueryBuilder, sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB, DossiersTable, DossierState } from '../../platform/db/schema';

type Conn = Db | Transaction<DB>;

/** The next daily serial for a code prefix: one atomic row update, safe across processes. */
export async function nextSerial(trx: Transaction<DB>, prefix: string, day: string): Promise<number> {
  const row = await sql<{ last: number }>`
    insert into dossier_code_serials (prefix, day, last) values (${prefix}, ${day}, 1)
    on conflict (prefix, day) do update set last = dossier_code_serials.last + 1
    returning last`.execute(trx);
  return Number(row.rows[0]!.last);
}


export async function insert(trx: Transaction<DB>, d: {
  code: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  procedureVersion: number;
  formVersion: number | null;
  applicantId: string | null;
  submittedBy: string | null;
  channel: 'online' | 'counter' | 'post' | 'national_portal';
  state: DossierState;
  receivingUnitId: string;
  holderUnitId: string | null;
  applicantName: string;
  applicantPhone: string | null;
  applicantEmail: string | null;
  data: Record<string, unknown>;
  timeLimit: Record<string, unknown>;
  submittedAt: Date;
  expectedDueAt: Date | null;
  idempotencyKey: string | null;
}): Promise<string> {
  const row = await trx
    .insertInto('dossiers')
    .values({ ...d, data: JSON.stringify(d.data), timeLimit: JSON.stringify(d.timeLimit) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addEvent(
  trx: Transaction<DB>,
  e: { dossierId: string; actorId: string | null; actorRole: string | null; type: string; fromState: string | null; toState: string | null; publicNote: string | null; isPublic?: boolean; detail?: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('dossierEvents')
    .values({ ...e, isPublic: e.isPublic ?? true, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

const columns = [
  'id',
  'code',
  'procedureId',
  'procedureCode',
  'procedureName',
  'applicantId',
  'submittedBy',
  'formVersion',
  'channel',
  'state',
  'receivingUnitId',
  'holderUnitId',
  'applicantName',
  'applicantPhone',
  'applicantEmail',
  'data',
  'submittedAt',
  'expectedDueAt',
  'receivedAt',
  'dueAt',
  'idempotencyKey',
  'procedureVersion',
  'logbookSerial',
  'version',
  'timeLimit',
  'workflow',
  'stepIndex',
  'assigneeId',
  'supplementCount',
  'pauses',
  'outcome',
  'resultNumber',
  'decidedAt',
  'deliveredAt',
  'rating',
] as const;

export async function byCode(conn: Conn, code: string) {
  return conn.selectFrom('dossiers').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function byCodeForUpdate(trx: Transaction<DB>, code: string) {
  return trx.selectFrom('dossiers').select(columns).where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function byIdempotencyKey(conn: Conn, key: string) {
  return conn.selectFrom('dossiers').select(columns).where('idempotencyKey', '=', key).executeTakeFirst();
}

/** Moves a dossier only if nobody moved it first (optimistic locking on `version`). */
export async function moveState(trx: Transaction<DB>, id: string, from: DossierState, to: DossierState, version: number): Promise<boolean> {
  const r = await trx
    .updateTable('dossiers')
    .set({ state: to, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('state', '=', from)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publicEvents(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierEvents').select(['at', 'type', 'toState', 'publicNote']).where('dossierId', '=', dossierId).where('isPublic', '=', true).orderBy('id').execute();
}

export async function draftsOf(conn: Conn, accountId: string) {
  return conn
    .selectFrom('drafts as d')
    .leftJoin('procedures as p', 'p.code', 'd.procedureCode')
    .select(['d.id', 'd.procedureCode', 'p.name as procedureName', 'd.channel', 'd.onBehalf', 'd.step', 'd.updatedAt'])
    .where('d.accountId', '=', accountId)
    .orderBy('d.updatedAt', 'desc')
    .limit(100)
    .execute();
}


export async function filesOf(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierFiles').select(['id', 'componentIndex', 'componentName', 'fileName', 'size', 'mime']).where('dossierId', '=', dossierId).orderBy('componentIndex').execute();
}

/** The procedure record the dossier was filed under. */
export async function procedureRecord(conn: Conn, procedureId: string): Promise<unknown> {
  return (await conn.selectFrom('procedures').select('record').where('id', '=', procedureId).executeTakeFirstOrThrow()).record;
}

export async function provinceUnit(conn: Conn) {
  return conn.selectFrom('units').select('name').where('kind', '=', 'ubnd_tinh').executeTakeFirst();
}

/** SUBMITTED → RECEIVED with the clock's dates, only if nobody moved the dossier first. */
/** The unit's logbook (Mẫu 06) number, taken when the desk accepts the dossier. */
export async function setLogbookSerial(trx: Transaction<DB>, id: string, serial: number): Promise<void> {
  await trx.updateTable('dossiers').set({ logbookSerial: serial }).where('id', '=', id).execute();
}

export type DocumentKind = 'mau01' | 'mau02' | 'mau03' | 'mau04' | 'mau05' | 'result';

export async function addDocument(trx: Transaction<DB>, doc: { dossierId: string; kind: DocumentKind; sha256: string; createdBy: string | null; fileName?: string | null }): Promise<void> {
  await trx.insertInto('dossierDocuments').values(doc).execute();
}

export async function latestDocument(conn: Conn, dossierId: string, kind: DocumentKind) {
  return conn.selectFrom('dossierDocuments').select(['sha256', 'fileName', 'createdAt']).where('dossierId', '=', dossierId).where('kind', '=', kind).orderBy('createdAt', 'desc').orderBy('id').executeTakeFirst();
}

export async function documentsOf(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierDocuments').select(['kind', 'fileName', 'createdAt']).where('dossierId', '=', dossierId).orderBy('createdAt').execute();
}

// ---------------------------------------------------------------------------------------------
// The back office
// ---------------------------------------------------------------------------------------------

export type MoveSet = Updateable<DossiersTable>;

/** Applies a move only if the state and version are those the actor saw (optimistic locking). */
export async function applyMove(trx: Transaction<DB>, id: string, from: DossierState, version: number, set: MoveSet): Promise<boolean> {
  const r = await trx
    .updateTable('dossiers')
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('state', '=', from)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function handoverUnits(conn: Conn, dossierId: string): Promise<string[]> {
  return (await conn.selectFrom('dossierHandovers').select('unitId').distinct().where('dossierId', '=', dossierId).execute()).map((r) => r.unitId);
}

export async function handovers(conn: Conn, dossierId: string) {
  return conn
    .selectFrom('dossierHandovers as h')
    .innerJoin('units as u', 'u.id', 'h.unitId')
    .leftJoin('accounts as a', 'a.id', 'h.finishedBy')
    .select(['h.id', 'h.stepKey', 'h.stepName', 'h.unitId', 'u.name as unitName', 'h.role', 'h.startedAt', 'h.dueAt', 'h.finishedAt', 'a.fullName as finishedByName', 'h.outcome'])
    .where('h.dossierId', '=', dossierId)
    .orderBy('h.id')
    .execute();
}

/** The steps open now: one, or several agencies consulted at the same time. */
export async function openHandovers(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierHandovers').select(['id', 'startedAt', 'dueAt', 'unitId', 'stepKey', 'stepName', 'assigneeId']).where('dossierId', '=', dossierId).where('finishedAt', 'is', null).orderBy('id').execute();
}

export async function setHandoverAssignee(trx: Transaction<DB>, id: number, accountId: string): Promise<void> {
  await trx.updateTable('dossierHandovers').set({ assigneeId: accountId }).where('id', '=', id).execute();
}

export async function openHandover(trx: Transaction<DB>, h: { dossierId: string; stepKey: string; stepName: string; unitId: string; role: string; startedAt: Date; dueAt: Date | null }): Promise<void> {
  await trx.insertInto('dossierHandovers').values(h).execute();
}

export async function closeHandover(trx: Transaction<DB>, id: number, v: { finishedAt: Date; finishedBy: string; outcome: 'early' | 'on_time' | 'late' }): Promise<void> {
  await trx.updateTable('dossierHandovers').set(v).where('id', '=', id).execute();
}

export async function setHandoverDue(trx: Transaction<DB>, id: number, dueAt: Date): Promise<void> {
  await trx.updateTable('dossierHandovers').set({ dueAt }).where('id', '=', id).execute();
}

export async function lastFileRound(conn: Conn, dossierId: string): Promise<number> {
  const r = await conn.selectFrom('dossierFiles').select((eb) => eb.fn.max('round').as('round')).where('dossierId', '=', dossierId).executeTakeFirst();
  const q = await conn.selectFrom('dossierRequests').select((eb) => eb.fn.max('round').as('round')).where('dossierId', '=', dossierId).executeTakeFirst();
  return Math.max(Number(r?.round ?? 1), Number(q?.round ?? 1));
}

export async function addRequest(trx: Transaction<DB>, r: { dossierId: string; kind: 'completion' | 'supplement'; round: number; items: unknown; note: string | null; createdBy: string }): Promise<void> {
  await trx.insertInto('dossierRequests').values({ ...r, items: JSON.stringify(r.items) }).execute();
}

export async function openRequest(conn: Conn, dossierId: string) {
  return conn
    .selectFrom('dossierRequests')
    .select(['id', 'kind', 'round', 'items', 'note', 'createdAt'])
    .where('dossierId', '=', dossierId)
    .where('answeredAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

export async function requestsOf(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierRequests').select(['id', 'kind', 'round', 'items', 'note', 'createdAt', 'answeredAt']).where('dossierId', '=', dossierId).orderBy('createdAt').execute();
}

export async function answerRequest(trx: Transaction<DB>, id: string, at: Date): Promise<void> {
  await trx.updateTable('dossierRequests').set({ answeredAt: at }).where('id', '=', id).execute();
}

export async function filesOfRound(conn: Conn, dossierId: string, round: number) {
  return conn.selectFrom('dossierFiles').select(['id', 'componentIndex', 'fileName']).where('dossierId', '=', dossierId).where('round', '=', round).execute();
}

export async function dossierBytes(conn: Conn, dossierId: string): Promise<number> {
  const r = await conn.selectFrom('dossierFiles').select((eb) => eb.fn.sum<string>('size').as('bytes')).where('dossierId', '=', dossierId).executeTakeFirst();
  return Number(r?.bytes ?? 0);
}

export async function addDossierFile(trx: Transaction<DB>, f: { dossierId: string; componentIndex: number; componentName: string; round: number; sha256: string; fileName: string; mime: string; size: number; pages: number | null; uploadedBy: string }): Promise<void> {
  await trx.insertInto('dossierFiles').values(f).execute();
}

export async function latestWorkflow(conn: Conn, procedureCode: string) {
  return conn.selectFrom('workflows').select(['version', 'steps', 'createdAt']).where('procedureCode', '=', procedureCode).orderBy('version', 'desc').executeTakeFirst();
}

export async function insertWorkflow(trx: Transaction<DB>, procedureCode: string, steps: unknown, createdBy: string | null): Promise<number> {
  const last = await trx.selectFrom('workflows').select((eb) => eb.fn.max('version').as('v')).where('procedureCode', '=', procedureCode).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await trx.insertInto('workflows').values({ procedureCode, version, steps: JSON.stringify(steps), createdBy }).execute();
  return version;
}

export async function childUnitOfKind(conn: Conn, parentId: string, kind: string): Promise<string | undefined> {
  return (await conn.selectFrom('units').select('id').where('parentId', '=', parentId).where('kind', '=', kind as never).executeTakeFirst())?.id;
}

export async function lastEventDetail(conn: Conn, dossierId: string, type: string): Promise<Record<string, unknown> | undefined> {
  return (await conn.selectFrom('dossierEvents').select('detail').where('dossierId', '=', dossierId).where('type', '=', type).orderBy('id', 'desc').executeTakeFirst())?.detail;
}

export async function setResultNumber(trx: Transaction<DB>, id: string, number: string): Promise<void> {
  await trx.updateTable('dossiers').set({ resultNumber: number }).where('id', '=', id).execute();
}

type QueueOpts = { holderOnly: boolean; search?: string | undefined; dueBefore?: Date };
type QueueQuery = SelectQueryBuilder<DB & { d: DB['dossiers'] }, 'd', object>;

/** The queue's search (code, name, phone, personal ID number) and its "late" filter. */
function queueFilters<Q extends QueueQuery>(q: Q, opts: QueueOpts): Q {
  const term = opts.search?.trim();
  if (term) {
    const like = `%${term.replace(/[%_\\]/g, '')}%`;
    // a personal ID number may be in any of the form's cccd fields (the requester's, the household head's…)
    const idNumber = /^\d{12}$/.test(term) ? [sql<boolean>`d.data::text like ${`%"${term}"%`}`] : [];
    q = q.where((eb) => eb.or([eb('d.code', 'ilike', like), eb('d.applicantName', 'ilike', like), eb('d.applicantPhone', 'ilike', like), ...idNumber])) as Q;
  }
  if (opts.dueBefore) q = q.where('d.dueAt', '<', opts.dueBefore) as Q;
  return q;
}

/**
 * Dossiers a unit's officers work on now, by role: the desk's, the specialists', the leaders'.
 * For the agencies' queues, also the dossiers on which the unit is one of several agencies
 * consulted at the same time (an open handover row of its own, the assignee on that row).
 */
export async function workQueue(conn: Conn, unitIds: string[], states: DossierState[], opts: QueueOpts) {
  const main = queueFilters(
    conn
      .selectFrom('dossiers as d')
      .leftJoin('accounts as a', 'a.id', 'd.assigneeId')
      .select(['d.code', 'd.procedureName', 'd.applicantName', 'd.applicantPhone', 'd.state', 'd.submittedAt', 'd.receivedAt', 'd.dueAt', 'd.channel', 'a.fullName as assigneeName'])
      .where('d.state', 'in', states)
      .where(opts.holderOnly ? 'd.holderUnitId' : 'd.receivingUnitId', 'in', unitIds),
    opts,
  );
  const rows = await main.orderBy(sql`d.due_at asc nulls last`).orderBy('d.submittedAt').limit(200).execute();
  if (!opts.holderOnly || !states.includes('CONSULTING')) return rows;
  const siblings = await queueFilters(
    conn
      .selectFrom('dossierHandovers as h')
      .innerJoin('dossiers as d', 'd.id', 'h.dossierId')
      .leftJoin('accounts as a', 'a.id', 'h.assigneeId')
      .select(['d.code', 'd.procedureName', 'd.applicantName', 'd.applicantPhone', 'd.state', 'd.submittedAt', 'd.receivedAt', 'd.dueAt', 'd.channel', 'a.fullName as assigneeName'])
      .where('h.finishedAt', 'is', null)
      .where('h.unitId', 'in', unitIds)
      .where('d.state', '=', 'CONSULTING')
      .where((eb) => eb.or([eb('d.holderUnitId', 'is', null), eb('d.holderUnitId', 'not in', unitIds)])),
    opts,
  )
    .limit(200)
    .execute();
  if (siblings.length === 0) return rows;
  const seen = new Set(rows.map((r) => r.code));
  const due = (r: (typeof rows)[number]) => r.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...rows, ...siblings.filter((r) => !seen.has(r.code))].sort((a, b) => due(a) - due(b) || a.submittedAt.getTime() - b.submittedAt.getTime()).slice(0, 200);
}

export async function forApplicant(conn: Conn, applicantId: string) {
  return conn
    .selectFrom('dossiers')
    .select(['code', 'procedureCode', 'procedureName', 'state', 'submittedAt', 'receivedAt', 'expectedDueAt', 'dueAt', 'version'])
    .where('applicantId', '=', applicantId)
    .orderBy('submittedAt', 'desc')
    .limit(200)
    .execute();
}

/** Every file of the dossier; one taken again from the applicant's earlier dossier (or a result issued to them) names where it came from. */
export async function allFiles(conn: Conn, dossierId: string) {
  return conn
    .selectFrom('dossierFiles as f')
    .leftJoin('dossierFiles as src', 'src.id', 'f.reusedFrom')
    .leftJoin('dossiers as srcDossier', 'srcDossier.id', 'src.dossierId')
    .leftJoin('issuedDocuments as doc', 'doc.id', 'f.reusedDocumentId')
    .select(['f.id', 'f.componentIndex', 'f.componentName', 'f.fileName', 'f.round', 'srcDossier.code as reusedFromDossier', 'doc.code as reusedDocumentCode'])
    .where('f.dossierId', '=', dossierId)
    .orderBy('f.round')
    .orderBy('f.componentIndex')
    .orderBy('f.createdAt')
    .execute();
}

export async function allEvents(conn: Conn, dossierId: string) {
  return conn.selectFrom('dossierEvents').select(['at', 'type', 'toState', 'publicNote', 'isPublic', 'detail']).where('dossierId', '=', dossierId).orderBy('id').execute();
}

export async function unitName(conn: Conn, unitId: string): Promise<string | undefined> {
  return (await conn.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name;
}

export async function procedureName(conn: Conn, code: string): Promise<string | undefined> {
  return (await conn.selectFrom('procedures').select('name').where('code', '=', code).executeTakeFirst())?.name;
}

/** Procedures that take dossiers (online or not), with the version of their own workflow if any. */
export async function workflowList(conn: Conn) {
  const rows = await conn
    .selectFrom('procedures as p')
    .leftJoin(
      (eb) => eb.selectFrom('workflows').select(['procedureCode', (e) => e.fn.max('version').as('version')]).groupBy('procedureCode').as('w'),
      (join) => join.onRef('w.procedureCode', '=', 'p.code'),
    )
    .select(['p.code', 'p.name', 'w.version'])
    .orderBy('p.code')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, version: r.version === null ? null : Number(r.version) }));
}

/** Records the rating unless one was given already. */
export async function setRating(trx: Transaction<DB>, id: string, rating: number, comment: string | null): Promise<boolean> {
  const r = await trx.updateTable('dossiers').set({ rating, ratingComment: comment }).where('id', '=', id).where('rating', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The Mẫu 01 receipts the units issued on a day (Vietnam time), in logbook order. */
export async function receiptsIssuedOn(conn: Conn, unitIds: string[], day: string) {
  return conn
    .selectFrom('dossierDocuments as doc')
    .innerJoin('dossiers as d', 'd.id', 'doc.dossierId')
    .select(['doc.sha256', 'd.code'])
    .where('doc.kind', '=', 'mau01')
    .where('d.receivingUnitId', 'in', unitIds)
    .where(sql<string>`date(timezone('Asia/Ho_Chi_Minh', doc.created_at))`, '=', day)
    .orderBy('d.logbookSerial')
    .limit(500)
    .execute();
}

/** Mẫu 06: the dossiers received by the units in [start, end), in the order of the book. */
/**
 * Mẫu 06: the dossiers `unitIds` received in [start, end), in the order of the book (by year,
 * the book starting again from 1 each year, then by its serial); `page` reads one slice of it.
 */
export async function logbookDossiers(conn: Conn, unitIds: string[], start: Date, end: Date, page?: { limit: number; offset: number }) {
  const bookOrder = sql`date_part('year', d.received_at at time zone 'Asia/Ho_Chi_Minh'), d.logbook_serial, d.received_at, d.code`;
  const query = conn
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .leftJoin('procedureVersions as pv', (j) => j.onRef('pv.procedureId', '=', 'd.procedureId').onRef('pv.version', '=', 'd.procedureVersion'))
    .select([
      'd.id',
      'd.code',
      'd.procedureName',
      'd.applicantName',
      'd.applicantPhone',
      'd.receivedAt',
      'd.dueAt',
      'd.logbookSerial',
      sql<string | null>`coalesce(pv.record->>'numberOfSets', p.record->>'numberOfSets')`.as('sets'),
    ])
    .orderBy(bookOrder);
  if (!page) return query.where('d.receivingUnitId', 'in', unitIds).where('d.receivedAt', '>=', start).where('d.receivedAt', '<', end).execute();
  // a page: its ids read from the logbook index alone (0027), then those rows
  const ids = conn
    .selectFrom('dossiers as d')
    .select('d.id')
    .where('d.receivingUnitId', 'in', unitIds)
    .where('d.receivedAt', '>=', start)
    .where('d.receivedAt', '<', end)
    .orderBy(bookOrder)
    .limit(page.limit)
    .offset(page.offset);
  return query.where('d.id', 'in', ids).execute();
}

/** How many dossiers the book of `unitIds` holds for [start, end). */
export async function logbookCount(conn: Conn, unitIds: string[], start: Date, end: Date): Promise<number> {
  const row = await conn
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('receivingUnitId', 'in', unitIds)
    .where('receivedAt', '>=', start)
    .where('receivedAt', '<', end)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Mẫu 06: the journey events of those dossiers, oldest first, with the unit a handover went to;
 * of the whole book (its units and period), or of one page of it (its dossiers).
 */
export async function journeyEvents(conn: Conn, of: { unitIds: string[]; start: Date; end: Date } | { dossierIds: string[] }, types: readonly string[]) {
  const query = conn
    .selectFrom('dossierEvents as e')
    .innerJoin('dossiers as d', 'd.id', 'e.dossierId')
    .leftJoin('units as u', (j) => j.on(sql<boolean>`e.type = 'handed_over' and u.id::text = e.detail->>'toUnitId'`))
    .select(['e.dossierId', 'e.type', 'e.at', 'e.detail', 'u.name as unitName'])
    .where('e.type', 'in', types);
  const scoped =
    'dossierIds' in of
      ? query.where('e.dossierId', 'in', of.dossierIds)
      : query.where('d.receivingUnitId', 'in', of.unitIds).where('d.receivedAt', '>=', of.start).where('d.receivedAt', '<', of.end);
  return scoped.orderBy('e.at').orderBy('e.id').execute();
}
