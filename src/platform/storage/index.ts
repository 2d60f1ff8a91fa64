// Where files live. Content-addressed: a file's key is the SHA-256 of its bytes, so the
// same document stored twice is one object, and a key always names complete content.
// A write either leaves the whole file under its final key or nothing (temp file + rename).
import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** SHA-256 of the content, lowercase hex: the key. */
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** Stores a stream; refuses (and keeps nothing) past maxBytes. */
  put(content: Readable | Buffer, opts?: { maxBytes?: number }): Promise<StoredBlob>;
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob larger than ${maxBytes} bytes`);
  }
}

export class BlobNotFound extends Error {
  constructor(readonly sha256: string) {
    super(`no blob ${sha256}`);
  }
}

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

export { DiskBlobStore } from './disk';
