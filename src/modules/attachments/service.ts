// Use cases of attachments: accept a file into a draft's component slot (checked by content,
// size and virus scan), remove and download it, and at submission turn the draft's files
// into the dossier's (photos shrunk and merged into one PDF per component beforehand).
// Authorisation lives here: a draft's files are its owner's only; a dossier's files are its
// applicant's and the officers' of the units that hold it. Everyone else gets 404.
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { Actor } from '../../platform/http/context';
import { safeFileName, sniff } from '../../platform/http/uploads';
import { pdfPageCount, photosToPdf, readableImage } from '../../platform/pdf/images';
import { type Scanner, ScannerUnavailable } from '../../platform/scan';
import type { BlobStore } from '../../platform/storage';
import { publishedProcedure, type DossierComponent } from '../catalogue';
import { reusableResults, type ReusableResult, submittedValidity } from '../citizen-documents';
import { componentsForDraft } from '../accounts';
import { AttachmentNotFound, AttachmentRefused, AttachmentsChanged, DraftNotFound, NoSuchComponent, ScanUnavailable } from './errors';
import { checkSize, checkType, type DraftFile, isImage, type Limits, photosPdfName, type Refusal, refusals } from './model';
import * as store from './store';
// the access log directly, not through the dossiers module's index, which imports this module
import { fileOpened, recordDossierAccess } from '../dossiers/access-log';

export interface AttachmentDeps {
  db: Db;
  blobs: BlobStore;
  scanner: Scanner;
  limits: Limits;
}

/** A file as it arrives: its client-given name and size, and where its bytes are. */
export interface IncomingFile {
  fileName: string;
  size: number;
  source: { bytes: Buffer } | { path: string };
}

async function ownDraft(db: Db, actor: Actor, draftId: string): Promise<store.DraftOwner> {
  const draft = await store.draftById(db, draftId);
  if (!draft || draft.accountId !== actor.id) throw new DraftNotFound();
  return draft;
}

/** The draft's slots: the procedure's components, and the power of attorney when the draft is submitted on one. */
async function componentsOf(db: Db, draft: Pick<store.DraftOwner, 'procedureCode' | 'actingFor'>): Promise<DossierComponent[]> {
  return componentsForDraft((await publishedProcedure({ db }, draft.procedureCode)).record.components, draft.actingFor);
}

function componentAt(components: DossierComponent[], index: number): DossierComponent {
  const c = Number.isInteger(index) && index >= 0 ? components[index] : undefined;
  if (!c) throw new NoSuchComponent(index);
  return c;
}

/** The draft's procedure components and files, for its owner only. */
export async function draftAttachments(deps: Pick<AttachmentDeps, 'db'>, actor: Actor, draftId: string): Promise<{ components: DossierComponent[]; files: DraftFile[] }> {
  const draft = await ownDraft(deps.db, actor, draftId);
  const [components, files] = await Promise.all([componentsOf(deps.db, draft), store.draftFiles(deps.db, draftId)]);
  return { components, files };
}

/**
 * The checks that can be made before any byte arrives (a tus upload being created): the draft
 * is the caller's, the component exists, the announced size is within the limits.
 */
export async function checkUploadStart(deps: Pick<AttachmentDeps, 'db' | 'limits'>, actor: Actor, draftId: string, componentIndex: number, fileName: string, size: number): Promise<void> {
  const draft = await ownDraft(deps.db, actor, draftId);
  const component = componentAt(await componentsOf(deps.db, draft), componentIndex);
  const refusal = checkSize(safeFileName(fileName), component, size, await store.draftBytes(deps.db, draftId), deps.limits);
  if (refusal) throw new AttachmentRefused(componentIndex, refusal);
}

/** Accepts one file into a component slot of the caller's draft, or refuses it naming why. */
export async function acceptFile(deps: AttachmentDeps, actor: Actor, draftId: string, componentIndex: number, file: IncomingFile): Promise<DraftFile> {
  const draft = await ownDraft(deps.db, actor, draftId);
  const component = componentAt(await componentsOf(deps.db, draft), componentIndex);
  const vetted = await vetFile(deps, component, componentIndex, file, await store.draftBytes(deps.db, draftId));
  return deps.db.transaction().execute(async (trx) => {
    // again under the draft's lock: two uploads finishing together must not pass the total together
    const locked = await store.draftForUpdate(trx, draftId);
    if (!locked || locked.accountId !== actor.id) throw new DraftNotFound();
    const total = checkSize(vetted.fileName, component, vetted.size, await store.draftBytes(trx, draftId), deps.limits);
    if (total) throw new AttachmentRefused(componentIndex, total);
    return store.insertDraftFile(trx, { draftId, componentIndex, ...vetted, reusedFrom: null });
  });
}

/** A file that passed every check and is stored: what a table row needs to name it. */
export interface VettedFile {
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
}

/**
 * Checks one file for a component (name, size within the limits given `otherBytes` already
 * held, type by content, readable image, virus scan) and stores it in the BlobStore. Used for
 * drafts, and for the files an applicant adds when asked to complete a dossier.
 */
export async function vetFile(deps: AttachmentDeps, component: DossierComponent, componentIndex: number, file: IncomingFile, otherBytes: number): Promise<VettedFile> {
  const fileName = safeFileName(file.fileName);
  const refuse = (r: Refusal) => new AttachmentRefused(componentIndex, r);
  const early = checkSize(fileName, component, file.size, otherBytes, deps.limits);
  if (early) throw refuse(early);
  // within the per-file limit, so reading it whole is bounded (10 MB by default)
  const bytes = 'bytes' in file.source ? file.source.bytes : await readFileBounded(file.source.path, deps.limits.maxFileBytes);
  const sized = checkSize(fileName, component, bytes.length, 0, deps.limits);
  if (sized) throw refuse(sized);

  const type = checkType(fileName, component, await sniff(bytes));
  if ('code' in type) throw refuse(type);
  let pages: number | null = null;
  if (type.kind === 'image') {
    if (!(await readableImage(bytes))) throw refuse(refusals.unreadable(fileName, component));
    pages = 1;
  } else if (type.kind === 'pdf') {
    pages = (await pdfPageCount(bytes)) ?? null;
  }

  let verdict;
  try {
    verdict = await deps.scanner.scan(bytes);
  } catch (err) {
    if (err instanceof ScannerUnavailable) throw new ScanUnavailable();
    throw err;
  }
  if (!verdict.clean) throw refuse(refusals.infected(fileName, component, verdict.signature));

  // The blob of a file refused later, or removed, stays in the store: blobs are shared by
  // content, so only a sweep over every table that names blobs may delete one.
  const blob = await deps.blobs.put(bytes, { maxBytes: deps.limits.maxFileBytes });
  return { sha256: blob.sha256, fileName, mime: type.mime, size: blob.size, pages };
}

async function readFileBounded(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes + 1) throw new Error(`file ${path} grew past the limit`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------
// Reuse of documents the applicant already gave
// ---------------------------------------------------------------------------------------

/** Whose earlier files a draft may take again: the citizen's own, or the one the desk enters it for. */
function applicantOf(draft: store.DraftOwner): string | undefined {
  // a dossier for a family member or a principal is about them: the submitter's own papers are not theirs
  if (draft.actingFor) return undefined;
  return draft.onBehalf ? draft.onBehalf.accountId : draft.accountId;
}

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** A valid result issued to the applicant, offered among the files a slot may take again. */
function resultAsReusable(r: ReusableResult): store.ReusableFile {
  return {
    id: r.id,
    componentName: r.title,
    sha256: r.sha256,
    fileName: r.fileName,
    mime: 'application/pdf',
    size: r.size,
    pages: null,
    dossierCode: r.dossierCode,
    createdAt: r.issuedAt,
    result: { code: r.code, number: r.number, title: r.title, issuerName: r.issuerName },
  };
}

/** The applicant's earlier files still usable in a new dossier (citizen-documents' validity rule). */
async function stillUsableFiles(db: Db, accountId: string, now = new Date()): Promise<store.ReusableFile[]> {
  return (await store.reusableFiles(db, accountId)).filter(
    (f) => f.dossierState === undefined || submittedValidity({ componentName: f.componentName, givenAt: f.createdAt, dossierState: f.dossierState, receivedAt: f.receivedAt ?? null }, now).reusable,
  );
}

/**
 * For each component slot of the draft, the applicant's earlier files of a component with the
 * same name, still usable, that the slot accepts and that are not in the slot already; and the
 * signed results issued to them, not revoked, that are the paper the component asks for.
 */
export async function reusableForDraft(deps: Pick<AttachmentDeps, 'db'>, actor: Actor, draftId: string): Promise<Map<number, store.ReusableFile[]>> {
  const draft = await ownDraft(deps.db, actor, draftId);
  const out = new Map<number, store.ReusableFile[]>();
  const accountId = applicantOf(draft);
  if (!accountId) return out;
  const [components, files, held, results] = await Promise.all([
    componentsOf(deps.db, draft),
    stillUsableFiles(deps.db, accountId),
    store.draftFiles(deps.db, draftId),
    reusableResults(deps.db, accountId),
  ]);
  for (const [index, c] of components.entries()) {
    const inSlot = new Set(held.filter((f) => f.componentIndex === index).map((f) => f.sha256));
    const offered = [...results.fits(c.name).map(resultAsReusable), ...files.filter((f) => sameName(f.componentName, c.name))];
    const fit = offered.filter((f) => !inSlot.has(f.sha256) && !('status' in checkType(f.fileName, c, { ext: '', mime: f.mime })));
    if (fit.length > 0) out.set(index, fit);
  }
  return out;
}

/**
 * Puts one of the applicant's earlier files into a slot of the draft, by reference (the blob is
 * content-addressed, nothing is copied). Only a file the applicant's own dossiers hold, of a type
 * the slot accepts, within the size limits; taking the same file twice keeps one.
 */
export async function reuseFile(deps: Pick<AttachmentDeps, 'db' | 'limits'>, actor: Actor, draftId: string, componentIndex: number, fileId: string): Promise<DraftFile> {
  const draft = await ownDraft(deps.db, actor, draftId);
  const component = componentAt(await componentsOf(deps.db, draft), componentIndex);
  const accountId = applicantOf(draft);
  const file = accountId
    ? ((await stillUsableFiles(deps.db, accountId)).find((f) => f.id === fileId) ??
      // or a result issued to the applicant, not revoked, of the paper this component asks for
      (await reusableResults(deps.db, accountId)).fits(component.name).map(resultAsReusable).find((f) => f.id === fileId))
    : undefined;
  if (!file) throw new AttachmentNotFound();
  const type = checkType(file.fileName, component, { ext: '', mime: file.mime });
  if ('status' in type) throw new AttachmentRefused(componentIndex, type);
  return deps.db.transaction().execute(async (trx) => {
    const locked = await store.draftForUpdate(trx, draftId);
    if (!locked || locked.accountId !== actor.id) throw new DraftNotFound();
    const already = (await store.draftFiles(trx, draftId)).find((f) => f.componentIndex === componentIndex && f.sha256 === file.sha256);
    if (already) return already;
    const size = checkSize(file.fileName, component, file.size, await store.draftBytes(trx, draftId), deps.limits);
    if (size) throw new AttachmentRefused(componentIndex, size);
    const source = file.result ? { reusedFrom: null, reusedDocumentId: file.id } : { reusedFrom: file.id, reusedDocumentId: null };
    return store.insertDraftFile(trx, { draftId, componentIndex, sha256: file.sha256, fileName: file.fileName, mime: file.mime, size: file.size, pages: file.pages, ...source });
  });
}

/** Removes a file from the caller's draft; undefined when it was already gone. */
export async function removeFile(deps: Pick<AttachmentDeps, 'db'>, actor: Actor, draftId: string, fileId: string): Promise<DraftFile | undefined> {
  await ownDraft(deps.db, actor, draftId);
  const file = await store.draftFile(deps.db, draftId, fileId);
  if (!file) return undefined;
  await store.deleteDraftFile(deps.db, draftId, fileId);
  return file;
}

export interface FileDownload {
  fileName: string;
  mime: string;
  size: number;
  stream: Readable;
}

export async function openDraftFile(deps: Pick<AttachmentDeps, 'db' | 'blobs'>, actor: Actor, draftId: string, fileId: string): Promise<FileDownload> {
  await ownDraft(deps.db, actor, draftId);
  const file = await store.draftFile(deps.db, draftId, fileId);
  if (!file) throw new AttachmentNotFound();
  return { fileName: file.fileName, mime: file.mime, size: file.size, stream: await deps.blobs.get(file.sha256) };
}

const DOSSIER_OFFICER_ROLES = new Set(['counter', 'specialist', 'leader']);

/** A dossier's file: for its applicant, and for officers of the unit that received or holds it. */
export async function openDossierFile(deps: Pick<AttachmentDeps, 'db' | 'blobs'>, actor: Actor, code: string, fileId: string): Promise<FileDownload> {
  const row = await store.dossierFileByCode(deps.db, code, fileId);
  if (!row) throw new AttachmentNotFound();
  const applicant = row.applicantId !== null && row.applicantId === actor.id;
  // officers of the unit that received or holds it, or of an agency consulted at the same time (its own open step)
  const officer =
    DOSSIER_OFFICER_ROLES.has(actor.role) && actor.unitId !== null && (actor.unitId === row.receivingUnitId || actor.unitId === row.holderUnitId || (await store.hasOpenStep(deps.db, row.dossierId, actor.unitId)));
  if (!applicant && !officer) throw new AttachmentNotFound();
  await recordDossierAccess(deps.db, actor, { id: row.dossierId, applicantId: row.applicantId }, fileOpened(row.componentName, row.fileName));
  return { fileName: row.fileName, mime: row.mime, size: row.size, stream: await deps.blobs.get(row.sha256) };
}

// ---------------------------------------------------------------------------------------
// Submission
// ---------------------------------------------------------------------------------------

export interface PreparedFile {
  componentIndex: number;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  reusedFrom?: string | null;
  reusedDocumentId?: string | null;
}

/** What moveDraftFilesToDossier needs: the files to record, and the draft files they came from. */
export interface PreparedFiles {
  draftId: string;
  /** The draft_files ids seen when preparing; the transaction checks they are still the same. */
  sourceIds: string[];
  files: PreparedFile[];
}

/**
 * Photos (JPEG/PNG) of one component become one PDF: shrunk to 1600 px, JPEG quality 75, a
 * page each, in upload order. PDFs and Word/Excel files stay as they are, each its own file:
 * a PDF may carry a digital signature (an electronic certified copy), which rewriting it
 * into a merged document would break. The merged PDF is stored in the BlobStore.
 */
export async function mergeComponentFiles(blobs: BlobStore, component: DossierComponent, index: number, files: readonly DraftFile[]): Promise<PreparedFile[]> {
  const photos = files.filter((f) => isImage(f.mime));
  const out: PreparedFile[] = [];
  let merged: PreparedFile | undefined;
  for (const f of files) {
    if (!isImage(f.mime)) {
      out.push({ componentIndex: index, sha256: f.sha256, fileName: f.fileName, mime: f.mime, size: f.size, pages: f.pages, reusedFrom: f.reusedFrom, reusedDocumentId: f.reusedDocumentId ?? null });
      continue;
    }
    if (merged) continue;
    const images = await Promise.all(photos.map(async (p) => buffer(await blobs.get(p.sha256))));
    const pdf = await photosToPdf(images, component.name);
    const blob = await blobs.put(pdf.bytes);
    merged = { componentIndex: index, sha256: blob.sha256, fileName: photosPdfName(component, index), mime: 'application/pdf', size: blob.size, pages: pdf.pages };
    // the merged PDF takes the place of the first photo among the component's files
    out.push(merged);
  }
  return out;
}

/**
 * Runs before the submission's transaction (it reads and writes blobs, which may take seconds):
 * the draft's files per component, photos merged into one PDF each. Files of a component the
 * procedure no longer has are left out (checkDraftFiles then names any required one missing).
 */
export async function prepareSubmissionFiles(deps: { db: Db; blobs: BlobStore }, draftId: string, components: readonly DossierComponent[]): Promise<PreparedFiles> {
  const files = await store.draftFiles(deps.db, draftId);
  const prepared: PreparedFile[] = [];
  for (const [index, component] of components.entries()) {
    const own = files.filter((f) => f.componentIndex === index);
    if (own.length > 0) prepared.push(...(await mergeComponentFiles(deps.blobs, component, index, own)));
  }
  return { draftId, sourceIds: files.map((f) => f.id).sort(), files: prepared };
}

/**
 * Inside the submission's transaction: records the prepared files as the dossier's (round 1).
 * The blobs are already stored, so only rows are written. Refuses (AttachmentsChanged) when a
 * file was added or removed since prepareSubmissionFiles, so the citizen submits what they saw.
 */
export async function moveDraftFilesToDossier(
  trx: Transaction<DB>,
  input: { draftId: string; dossierId: string; components: readonly DossierComponent[]; uploadedBy: string | null; prepared: PreparedFiles },
): Promise<number> {
  if (input.prepared.draftId !== input.draftId) throw new AttachmentsChanged();
  await store.draftForUpdate(trx, input.draftId);
  const now = (await store.draftFiles(trx, input.draftId)).map((f) => f.id).sort();
  if (now.join() !== input.prepared.sourceIds.join()) throw new AttachmentsChanged();
  return recordDossierFiles(trx, { dossierId: input.dossierId, components: input.components, uploadedBy: input.uploadedBy, files: input.prepared.files });
}

/**
 * Inside the submission's transaction: records files already vetted and stored as the dossier's
 * (round 1). Used by moveDraftFilesToDossier, and for dossiers that arrive with their files
 * (the national portal's), which have no draft.
 */
export async function recordDossierFiles(
  trx: Transaction<DB>,
  input: { dossierId: string; components: readonly DossierComponent[]; uploadedBy: string | null; files: readonly PreparedFile[] },
): Promise<number> {
  const rows = input.files.map((f) => ({
    dossierId: input.dossierId,
    componentIndex: f.componentIndex,
    componentName: input.components[f.componentIndex]?.name ?? `Thành phần ${f.componentIndex + 1}`,
    sha256: f.sha256,
    fileName: f.fileName,
    mime: f.mime,
    size: f.size,
    pages: f.pages,
    uploadedBy: input.uploadedBy,
    reusedFrom: f.reusedFrom ?? null,
    reusedDocumentId: f.reusedDocumentId ?? null,
  }));
  await store.insertDossierFiles(trx, rows);
  return rows.length;
}

export async function filesOfDraft(db: Db, draftId: string): Promise<DraftFile[]> {
  return store.draftFiles(db, draftId);
}

export async function dossierFiles(db: Db, dossierId: string): Promise<store.DossierFile[]> {
  return store.dossierFiles(db, dossierId);
}
