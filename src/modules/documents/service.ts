// Issued documents: sign a result with the issuing unit's key and record it (inside the
// caller's transaction), show its public facts by code, check an uploaded PDF, revoke.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { checkPdfSignature, type Signing, SigningUnavailable, type SignatureCheck } from '../../platform/signing';
import type { BlobStore } from '../../platform/storage';
import { allows } from '../accounts';
import { findUnitById } from '../org';
import { AlreadyRevoked, DocumentNotFound, SigningFailed } from './errors';
import { checkRevokeReason, type DocumentKind, newVerificationCode, UNKNOWN_REASONS, type Verdict, verifyUrl } from './model';
import { stampVerification } from './stamp';
import * as store from './store';

export interface DocumentDeps {
  db: Db;
  blobs: BlobStore;
  publicUrl: string;
  signing: Signing;
}

export interface IssueInput {
  dossierId: string;
  /** The unit that issues (signs) the document: the approving leader's unit. */
  unitId: string;
  procedureCode: string;
  procedureName: string;
  /** The unsigned PDF. */
  pdf: Buffer;
  /** The result's number (số), printed on the verification page. */
  number?: string | null;
  kind?: DocumentKind;
  now?: Date;
}

export interface Issued {
  documentId: string;
  code: string;
  sha256: string;
  size: number;
  verifyUrl: string;
}

/**
 * Stamps the QR code and the verification link on the PDF, signs it with the issuing unit's
 * key, stores the signed file (content-addressed) and records it, in the caller's transaction:
 * if the transaction rolls back nothing is issued (the stored blob stays unreferenced).
 */
export async function issueSignedResult(deps: DocumentDeps, trx: Transaction<DB>, actor: Pick<Actor, 'id' | 'role' | 'unitId' | 'ip'> | null, input: IssueInput): Promise<Issued> {
  const unit = await findUnitById({ db: trx }, input.unitId);
  if (!unit) throw new ValidationError([{ field: 'unitId', message: 'Không có đơn vị ban hành này' }]);
  const code = newVerificationCode();
  const url = verifyUrl(deps.publicUrl, code);
  const now = input.now ?? new Date();
  const stamped = await stampVerification(input.pdf, { url, code, issuer: unit.name });
  let signed;
  try {
    signed = await deps.signing.signer.sign(stamped, { id: unit.id, code: unit.code, name: unit.name }, { reason: 'Ban hanh ket qua giai quyet thu tuc hanh chinh', signingTime: now });
  } catch (err) {
    if (err instanceof SigningUnavailable) throw new SigningFailed(err.message);
    throw err;
  }
  const blob = await deps.blobs.put(signed.pdf);
  const kind = input.kind ?? 'result';
  const documentId = await store.insert(trx, {
    code,
    dossierId: input.dossierId,
    kind,
    issuerUnitId: unit.id,
    issuerName: unit.name,
    procedureCode: input.procedureCode,
    procedureName: input.procedureName,
    number: input.number ?? null,
    issuedAt: now,
    sha256: blob.sha256,
    size: blob.size,
    certificateSha256: signed.certificateSha256,
    signerSubject: signed.signerSubject,
    issuedBy: actor?.id ?? null,
  });
  await recordAudit(trx, { id: actor?.id ?? null, role: actor?.role ?? null, unitId: actor?.unitId ?? null, ip: actor?.ip ?? null }, {
    action: 'document.issued',
    entityType: 'issued_document',
    entityId: code,
    detail: { dossierId: input.dossierId, kind, sha256: blob.sha256, certificateSha256: signed.certificateSha256 },
  });
  return { documentId, code, sha256: blob.sha256, size: blob.size, verifyUrl: url };
}

/** The public facts of an issued document (nothing about the person it was issued to). */
export interface PublicFacts {
  code: string;
  kind: DocumentKind;
  issuer: string;
  issuerUnitId: string;
  procedureCode: string;
  procedureName: string;
  number: string | null;
  issuedAt: Date;
  sha256: string;
  signerSubject: string;
  certificateSha256: string;
  revoked: { at: Date; reason: string } | null;
}

function factsOf(d: store.IssuedDocument): PublicFacts {
  return {
    code: d.code,
    kind: d.kind,
    issuer: d.issuerName,
    issuerUnitId: d.issuerUnitId,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    number: d.number,
    issuedAt: d.issuedAt,
    sha256: d.sha256,
    signerSubject: d.signerSubject,
    certificateSha256: d.certificateSha256,
    revoked: d.revokedAt ? { at: d.revokedAt, reason: d.revokedReason ?? '' } : null,
  };
}

export async function publicFacts(deps: Pick<DocumentDeps, 'db'>, code: string): Promise<PublicFacts> {
  const d = await store.byCode(deps.db, code);
  if (!d) throw new DocumentNotFound();
  return factsOf(d);
}

/** The documents issued for a dossier (for the officers' and applicant's pages). */
export async function issuedFor(deps: Pick<DocumentDeps, 'db'>, dossierId: string): Promise<PublicFacts[]> {
  return (await store.ofDossier(deps.db, dossierId)).map(factsOf);
}

export interface UploadCheck {
  verdict: Verdict;
  /** Why it is unknown, in Vietnamese. */
  reason?: string;
  document?: PublicFacts;
  sha256: string;
  signature: SignatureCheck;
}

/**
 * Checks an uploaded PDF: its embedded signature (over the ByteRange, chained to the trust
 * anchors) and whether its SHA-256 is that of a document the system issued. Nothing is stored.
 */
export async function checkUpload(deps: Pick<DocumentDeps, 'db' | 'signing'>, bytes: Buffer, now = new Date()): Promise<UploadCheck> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const found = await store.bySha256(deps.db, sha256);
  // a certificate that expired since is judged at the moment the document was issued
  const signature = checkPdfSignature(bytes, await deps.signing.trust.anchors(), found?.issuedAt ?? now);
  const base = { sha256, signature };
  if (signature.status === 'modified' || signature.status === 'broken') return { ...base, verdict: 'tampered' };
  if (signature.status === 'none') return { ...base, verdict: 'unknown', reason: UNKNOWN_REASONS.unsigned };
  if (signature.status === 'untrusted') return { ...base, verdict: 'unknown', reason: UNKNOWN_REASONS.untrusted };
  if (!found || found.certificateSha256 !== signature.signer?.certificateSha256) return { ...base, verdict: 'unknown', reason: UNKNOWN_REASONS.unregistered };
  const document = factsOf(found);
  return { ...base, verdict: document.revoked ? 'revoked' : 'valid', document };
}

/** Whether the actor may revoke the document: a leader of the very unit that issued it. */
export function mayRevoke(actor: Actor | null, d: Pick<PublicFacts, 'issuerUnitId' | 'revoked'>): boolean {
  return actor !== null && allows(actor, 'document.revoke') && actor.unitId === d.issuerUnitId && d.revoked === null;
}

/** A leader of the issuing unit revokes a document, with a reason the public page shows. */
export async function revoke(deps: Pick<DocumentDeps, 'db'>, actor: Actor, code: string, reason: string | undefined, now = new Date()): Promise<void> {
  const d = await store.byCode(deps.db, code);
  try {
    if (!d) throw new DocumentNotFound();
    if (!allows(actor, 'document.revoke') || actor.unitId !== d.issuerUnitId) throw new ForbiddenError('Chỉ lãnh đạo của cơ quan đã ban hành văn bản mới được thu hồi văn bản.');
    if (d.revokedAt) throw new AlreadyRevoked();
    const errors = checkRevokeReason(reason);
    if (errors.length > 0) throw new ValidationError(errors);
  } catch (err) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'document.revoke_refused', entityType: 'issued_document', entityId: code.slice(0, 40), reason: (err as Error).message }),
    );
    throw err;
  }
  const text = reason!.trim();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await store.revoke(trx, d.id, { at: now, reason: text, by: actor.id }))) throw new AlreadyRevoked();
    await recordAudit(trx, actor, { action: 'document.revoked', entityType: 'issued_document', entityId: code, reason: text, detail: { dossierId: d.dossierId, sha256: d.sha256 } });
  });
}
