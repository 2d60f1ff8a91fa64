// Attachments of an online dossier as pure rules: one slot per dossier component of the
// procedure, what each slot accepts (checked on the content, never on the file's name), the
// size limits, and the Vietnamese wording of every refusal. No I/O here.
import type { DossierComponent } from '../catalogue';
import type { FieldError } from '../../platform/errors';

// ---------------------------------------------------------------------------------------
// Kinds of file
// ---------------------------------------------------------------------------------------

export const ATTACHMENT_KINDS = ['pdf', 'image', 'word', 'excel'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * What file-type reports (by magic bytes) for each kind. The old binary .doc and .xls are
 * one container format (OLE2, file-type's 'cfb') shared with .msi installers and Outlook
 * messages, so they cannot be told apart by content and are not accepted.
 */
export const KIND_TYPES: Record<AttachmentKind, { ext: string; mime: string }[]> = {
  pdf: [{ ext: 'pdf', mime: 'application/pdf' }],
  image: [
    { ext: 'jpg', mime: 'image/jpeg' },
    { ext: 'png', mime: 'image/png' },
  ],
  word: [{ ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
  excel: [{ ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
};

const KIND_LABELS: Record<AttachmentKind, string[]> = { pdf: ['PDF'], image: ['JPG', 'PNG'], word: ['Word (DOCX)'], excel: ['Excel (XLSX)'] };

/** For `<input accept>`: MIME types and extensions, so phones offer the camera and the right files. */
const KIND_ACCEPT: Record<AttachmentKind, string[]> = {
  pdf: ['application/pdf', '.pdf'],
  image: ['image/jpeg', 'image/png', '.jpg', '.jpeg', '.png'],
  word: [KIND_TYPES.word[0]!.mime, '.docx'],
  excel: [KIND_TYPES.excel[0]!.mime, '.xlsx'],
};

export const DEFAULT_KINDS: readonly AttachmentKind[] = ['pdf', 'image'];

/**
 * The kinds a component accepts. A component may say so itself with `attachmentKinds` (not
 * yet a field of the catalogue record; read here when present). Otherwise PDF and photos,
 * and also Word/Excel when the component's blank form is published as a Word/Excel file: the
 * citizen may return it filled in the same format.
 */
export function acceptedKinds(component: DossierComponent): AttachmentKind[] {
  const declared = (component as DossierComponent & { attachmentKinds?: unknown }).attachmentKinds;
  if (Array.isArray(declared)) {
    const kinds = ATTACHMENT_KINDS.filter((k) => declared.includes(k));
    if (kinds.length > 0) return kinds;
  }
  const kinds: AttachmentKind[] = [...DEFAULT_KINDS];
  const template = component.templateFile?.toLowerCase() ?? '';
  if (/\.docx?$/.test(template)) kinds.push('word');
  if (/\.xlsx?$/.test(template)) kinds.push('excel');
  return kinds;
}

/** "PDF, JPG hoặc PNG" */
export function describeKinds(kinds: readonly AttachmentKind[]): string {
  const labels = kinds.flatMap((k) => KIND_LABELS[k]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} hoặc ${labels.at(-1)}`;
}

export function acceptAttribute(kinds: readonly AttachmentKind[]): string {
  return kinds.flatMap((k) => KIND_ACCEPT[k]).join(',');
}

/** The kind of a sniffed type, when it is one of ours. */
export function kindOf(sniffed: { ext: string; mime: string } | undefined): AttachmentKind | undefined {
  if (!sniffed) return undefined;
  return ATTACHMENT_KINDS.find((k) => KIND_TYPES[k].some((t) => t.mime === sniffed.mime));
}

export function isImage(mime: string): boolean {
  return KIND_TYPES.image.some((t) => t.mime === mime);
}

// ---------------------------------------------------------------------------------------
// Slots and files
// ---------------------------------------------------------------------------------------

/** One place to attach files: a dossier component, by its index in the procedure record. */
export interface AttachmentSlot {
  index: number;
  component: DossierComponent;
  /** Whether a file must be attached online (the e-form may stand in for a required tờ khai). */
  required: boolean;
}

/** A component list or slot list, as callers hold them, as slots. */
export function toSlots(items: readonly (DossierComponent | AttachmentSlot)[]): AttachmentSlot[] {
  return items.map((item, index) => ('component' in item ? item : { index, component: item, required: item.required }));
}

/** A file attached to a draft, as pages and services see it. */
export interface DraftFile {
  id: string;
  draftId: string;
  componentIndex: number;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  /** The earlier dossier file this one was taken again from, instead of a new upload. */
  reusedFrom: string | null;
  /** Or the signed result issued to the applicant (issued_documents) it was taken from. */
  reusedDocumentId?: string | null;
  createdAt: Date;
}

/** The field name of a slot's file input, for error summaries (web fieldId → f-files-2). */
export function slotField(index: number): string {
  return `files-${index}`;
}

/** Required slots without a file: "Đính kèm <tên thành phần>", one error per slot. */
export function checkDraftFiles(items: readonly (DossierComponent | AttachmentSlot)[], files: readonly Pick<DraftFile, 'componentIndex'>[]): FieldError[] {
  const filled = new Set(files.map((f) => f.componentIndex));
  return toSlots(items)
    .filter((s) => s.required && !filled.has(s.index))
    .map((s) => ({ field: slotField(s.index), message: `Đính kèm ${s.component.name}` }));
}

// ---------------------------------------------------------------------------------------
// Limits and checks of one file
// ---------------------------------------------------------------------------------------

export interface Limits {
  maxFileBytes: number;
  maxDossierBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 10 * 1024 * 1024, maxDossierBytes: 50 * 1024 * 1024 };

/** More files in one plain form post than this are refused (the form sends them all at once). */
export const MAX_FILES_PER_POST = 10;

/** "1,2 MB", "350 KB", "12 byte": sizes as Vietnamese readers write them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const nf = (n: number, digits: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024, 0)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}

/** A component name short enough to quote in a message. */
export function shortName(name: string, max = 80): string {
  const n = name.trim();
  if (n.length <= max) return n;
  let cut = n.slice(0, max - 1);
  // end on a whole word when one ends late enough
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:(]+$/u, '')}…`;
}

export type Refusal = { code: 'empty' | 'too_large' | 'dossier_too_large' | 'wrong_type' | 'unreadable' | 'infected'; status: number; message: string };

const quote = (fileName: string, component: DossierComponent) => `Tệp “${fileName}” cho thành phần “${shortName(component.name)}”`;

export const refusals = {
  empty: (fileName: string, c: DossierComponent): Refusal => ({ code: 'empty', status: 400, message: `${quote(fileName, c)} không có nội dung (0 byte). Hãy chọn lại tệp.` }),
  /** `size` is unknown when the upload was cut off at the limit. */
  tooLarge: (fileName: string, c: DossierComponent, size: number | undefined, limits: Limits): Refusal => ({
    code: 'too_large',
    status: 413,
    message: `${quote(fileName, c)}${size === undefined ? '' : ` có dung lượng ${formatFileSize(size)},`} vượt quá giới hạn ${formatFileSize(limits.maxFileBytes)} cho mỗi tệp. Hãy chụp lại với độ phân giải thấp hơn hoặc nén tệp PDF.`,
  }),
  dossierTooLarge: (fileName: string, c: DossierComponent, limits: Limits): Refusal => ({
    code: 'dossier_too_large',
    status: 413,
    message: `${quote(fileName, c)} không được nhận vì tổng dung lượng các tệp của hồ sơ sẽ vượt quá ${formatFileSize(limits.maxDossierBytes)}. Hãy xóa bớt tệp không cần thiết hoặc giảm dung lượng tệp.`,
  }),
  wrongType: (fileName: string, c: DossierComponent, kinds: readonly AttachmentKind[]): Refusal => ({
    code: 'wrong_type',
    status: 415,
    message: `${quote(fileName, c)} không phải ${describeKinds(kinds)}.`,
  }),
  unreadable: (fileName: string, c: DossierComponent): Refusal => ({ code: 'unreadable', status: 415, message: `${quote(fileName, c)} bị hỏng hoặc không mở được. Hãy chụp hoặc lưu lại tệp rồi gửi lại.` }),
  infected: (fileName: string, c: DossierComponent, signature: string): Refusal => ({ code: 'infected', status: 422, message: `${quote(fileName, c)} có chứa mã độc (${signature}) nên không được nhận.` }),
};

/** The checks that need only the size: empty, too large, over the dossier's total. */
export function checkSize(fileName: string, c: DossierComponent, size: number, otherFilesBytes: number, limits: Limits): Refusal | undefined {
  if (size === 0) return refusals.empty(fileName, c);
  if (size > limits.maxFileBytes) return refusals.tooLarge(fileName, c, size, limits);
  if (otherFilesBytes + size > limits.maxDossierBytes) return refusals.dossierTooLarge(fileName, c, limits);
  return undefined;
}

/** The check of the content's type against what the component accepts. */
export function checkType(fileName: string, c: DossierComponent, sniffed: { ext: string; mime: string } | undefined): { kind: AttachmentKind; mime: string } | Refusal {
  const kinds = acceptedKinds(c);
  const kind = kindOf(sniffed);
  if (!kind || !kinds.includes(kind) || !sniffed) return refusals.wrongType(fileName, c, kinds);
  return { kind, mime: sniffed.mime };
}

/** The name of the PDF that the photos of one component become. */
export function photosPdfName(c: DossierComponent, index: number): string {
  const slug = c.code.replace(/[^A-Za-z0-9_-]+/g, '').slice(0, 40) || String(index + 1);
  return `anh-chup-${slug}.pdf`;
}

/**
 * Content-Disposition for a download: an ASCII fallback name for old clients and the real
 * name in RFC 5987 form (filename*=UTF-8''…), so Vietnamese names arrive intact.
 */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]|["\\;]/g, '_')
      .trim() || 'tep';
  // RFC 5987 attr-char leaves out ' ( ) * which encodeURIComponent keeps
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
