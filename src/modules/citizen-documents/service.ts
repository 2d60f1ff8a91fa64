// Use cases of the citizen's document store: the store's content with each document's validity,
// the download of one of them (by the citizen whose it is, nobody else), and the results a new
// dossier's component may take again (valid ones only). Accounts other than the applicant's get
// "not found", as for a dossier.
import type { Readable } from 'node:stream';
import type { Db } from '../../platform/db/connect';
import { NotFoundError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import type { BlobStore } from '../../platform/storage';
import { componentKindOf, type ComponentKind, resultFitsComponent, resultStatus, type ResultStatus, resultTitles, submittedValidity, type SubmittedValidity } from './model';
import * as store from './store';

export interface StoreView {
  files: (store.StoredFile & { kind: ComponentKind; validity: SubmittedValidity })[];
  results: (store.IssuedResult & { status: ResultStatus })[];
}

class StoredDocumentNotFound extends NotFoundError {
  constructor() {
    super('Không tìm thấy giấy tờ này trong kho dữ liệu của bạn.');
  }
}

export async function documentStore(db: Db, actor: Actor, now = new Date()): Promise<StoreView> {
  const [files, results] = await Promise.all([store.filesOf(db, actor.id), store.resultsOf(db, actor.id)]);
  return {
    files: files.map((f) => ({ ...f, kind: componentKindOf(f.componentName), validity: submittedValidity(f, now) })),
    results: results.map((r) => ({ ...r, status: resultStatus(r) })),
  };
}

export interface StoredDownload {
  fileName: string;
  mime: string;
  size: number;
  stream: Readable;
}

/** One of the citizen's own dossier files. */
export async function openStoredFile(deps: { db: Db; blobs: BlobStore }, actor: Actor, fileId: string): Promise<StoredDownload> {
  const f = await store.fileOf(deps.db, actor.id, fileId);
  if (!f) throw new StoredDocumentNotFound();
  return { fileName: f.fileName, mime: f.mime, size: f.size, stream: await deps.blobs.get(f.sha256) };
}

/** The signed PDF of a result issued to the citizen (a revoked one too: it is theirs, marked revoked on the page). */
export async function openStoredResult(deps: { db: Db; blobs: BlobStore }, actor: Actor, documentId: string): Promise<StoredDownload> {
  const [r] = await store.resultsOf(deps.db, actor.id, documentId);
  if (!r) throw new StoredDocumentNotFound();
  return { fileName: resultFileName(r), mime: 'application/pdf', size: r.size, stream: await deps.blobs.get(r.sha256) };
}

export function resultFileName(r: Pick<store.IssuedResult, 'dossierCode'>): string {
  return `ket-qua-${r.dossierCode.replace(/[^0-9A-Za-z.-]/g, '')}.pdf`;
}

/** A valid result that a component may take again, as the draft's files step offers it. */
export interface ReusableResult {
  id: string;
  code: string;
  number: string | null;
  title: string;
  issuerName: string;
  issuedAt: Date;
  sha256: string;
  size: number;
  dossierCode: string;
  fileName: string;
}

/**
 * The results issued to the account that are still valid (not revoked) and whose paper the
 * component asks for (model.resultFitsComponent), newest first.
 */
export async function reusableResults(db: Db, accountId: string): Promise<{ fits(componentName: string): ReusableResult[] }> {
  const valid = (await store.resultsOf(db, accountId)).filter((r) => resultStatus(r) === 'valid');
  return {
    fits: (componentName) =>
      valid.flatMap((r) => {
        // the result among the procedure's results that the component asks for, by name
        const title = r.results.find((x) => resultFitsComponent(resultTitles([x]), componentName));
        return title === undefined ? [] : [{
          id: r.id,
          code: r.code,
          number: r.number,
          title,
          issuerName: r.issuerName,
          issuedAt: r.issuedAt,
          sha256: r.sha256,
          size: r.size,
          dossierCode: r.dossierCode,
          fileName: resultFileName(r),
        }];
      }),
  };
}
