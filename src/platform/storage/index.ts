// Where files live. Content-addressed: a file's key is the SHA-256 of its bytes, so the
// same document stored twice is one object, and a key always names complete content.
// A write either leaves the whole file under its final key or nothing (temp file + rename).
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config';
import { DiskBlobStore } from './disk';
import { S3BlobStore } from './s3';

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

/** The store the configuration names: DATA_DIR/files on disk (default) or an S3-compatible bucket. */
export function blobStoreFor(config: Pick<Config, 'dataDir' | 'storage'>): BlobStore {
  const s = config.storage;
  if (s.kind === 'disk') return new DiskBlobStore(path.join(config.dataDir, 'files'));
  return new S3BlobStore({
    endpoint: s.endpoint,
    bucket: s.bucket,
    region: s.region,
    credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
    forcePathStyle: s.forcePathStyle,
    spoolDir: path.join(config.dataDir, 'tmp'),
  });
}

export { DiskBlobStore } from './disk';
export { S3BlobStore, type S3Options } from './s3';
