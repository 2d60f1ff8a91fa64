// Reading form fields and files from a multipart body (attachFieldsToBody: true).
import { fileTypeFromBuffer } from 'file-type';

interface Part {
  type?: 'file' | 'field';
  value?: unknown;
  filename?: string;
  mimetype?: string;
  toBuffer?: () => Promise<Buffer>;
  /** busboy's stream; `truncated` when the file was cut off at the size limit. */
  file?: { truncated?: boolean };
}

export function fieldOf(body: unknown, name: string): string | undefined {
  const part = (body as Record<string, Part | string | undefined> | undefined)?.[name];
  if (typeof part === 'string') return part;
  return typeof part?.value === 'string' ? part.value : undefined;
}

export interface UploadedFile {
  /** The name the person's computer gave it, without any folder part. */
  fileName: string;
  bytes: Buffer;
  /** Cut off at the multipart file size limit (with throwFileSizeLimit: false): the file was larger. */
  truncated?: boolean;
}

export async function fileOf(body: unknown, name: string): Promise<UploadedFile | undefined> {
  const part = (body as Record<string, Part | undefined> | undefined)?.[name];
  if (!part || part.type !== 'file' || !part.toBuffer) return undefined;
  const bytes = await part.toBuffer();
  if (bytes.length === 0 && !part.filename) return undefined;
  return { fileName: safeFileName(part.filename ?? 'tep'), bytes };
}

/** Every file sent under one field name (an <input type="file" multiple>), in the order sent. */
export async function filesOf(body: unknown, name: string): Promise<UploadedFile[]> {
  const value = (body as Record<string, Part | Part[] | undefined> | undefined)?.[name];
  const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const files: UploadedFile[] = [];
  for (const part of parts) {
    if (part.type !== 'file' || !part.toBuffer) continue;
    const bytes = await part.toBuffer();
    // a file input left empty still sends a part, with no name and no content
    if (bytes.length === 0 && !part.filename) continue;
    files.push({ fileName: safeFileName(part.filename ?? 'tep'), bytes, truncated: part.file?.truncated === true });
  }
  return files;
}

/** Strips folders and control characters from a client-supplied file name. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}<>:"|?*]/gu, '').replace(/^\.+/, '').trim().slice(0, 150);
  return clean || 'tep';
}

export interface SniffedType {
  ext: string;
  mime: string;
}

/** Formats that are ZIP archives by design (Office files and the like). */
const ZIP_FORMATS = new Set(['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub', 'jar', 'apk']);

/**
 * The type by content (magic bytes), never by the name; undefined when unknown. A file that is
 * also a ZIP archive (a PDF or an image with an archive appended: a polyglot) is reported as the
 * archive it also is, so that it is refused where only PDF or images are accepted.
 */
export async function sniff(bytes: Buffer): Promise<SniffedType | undefined> {
  const t = await fileTypeFromBuffer(bytes);
  if (!t) return undefined;
  if (!ZIP_FORMATS.has(t.ext) && isAlsoZip(bytes)) return { ext: 'zip', mime: 'application/zip' };
  return { ext: t.ext, mime: t.mime };
}

/**
 * Whether ZIP readers would open the bytes as an archive: they look for the end-of-central-
 * directory record in the last 64 KiB, whatever comes before it, and follow it to the central
 * directory (at its recorded offset, or just before the record, as lenient readers do).
 */
export function isAlsoZip(bytes: Buffer): boolean {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) !== EOCD) continue;
    const size = bytes.readUInt32LE(i + 12);
    const offset = bytes.readUInt32LE(i + 16);
    if (offset + 4 <= i && bytes.readUInt32LE(offset) === CENTRAL) return true;
    if (size >= 4 && size <= i && bytes.readUInt32LE(i - size) === CENTRAL) return true;
  }
  return false;
}
