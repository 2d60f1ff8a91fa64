// Files in an S3-compatible object store (Ceph RGW, MinIO, a cloud store), content-addressed
// like the disk store: key ab/cd/<sha256>. The content is first spooled to a local temporary
// file (to learn its SHA-256, the key, before anything is sent), then sent with one PutObject,
// which the store makes visible only once complete: a key never names half an object.
// The SDK is loaded on first use, so processes that keep files on disk never pay for it.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { BlobNotFound, type BlobStore, isSha256, type StoredBlob } from './index';
import { spool } from './spool';

export interface S3Options {
  /** https://s3.example.vn; absent: the AWS endpoint of the region. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  /** Absent: the SDK's usual chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** bucket in the path (https://host/bucket/key), as Ceph RGW and MinIO expect by default. */
  forcePathStyle?: boolean;
  /** Where content waits while it is hashed; default the system's temporary directory. */
  spoolDir?: string;
}

type Sdk = typeof import('@aws-sdk/client-s3');

export class S3BlobStore implements BlobStore {
  private connection: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(private readonly opts: S3Options) {}

  private connect() {
    this.connection ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: this.opts.endpoint,
        region: this.opts.region,
        credentials: this.opts.credentials,
        forcePathStyle: this.opts.forcePathStyle ?? true,
        // S3-compatible stores do not all know the newer default checksum headers
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.connection;
  }

  private keyOf(sha256: string): string {
    if (!isSha256(sha256)) throw new BlobNotFound(sha256);
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(content: Readable | Buffer, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const tmp = await spool(content, this.opts.spoolDir ?? tmpdir(), opts.maxBytes);
    try {
      const blob = { sha256: tmp.sha256, size: tmp.size };
      if (await this.has(blob.sha256)) return blob;
      const { sdk, client } = await this.connect();
      await client.send(
        new sdk.PutObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(blob.sha256), Body: createReadStream(tmp.path), ContentLength: blob.size, ContentType: 'application/octet-stream' }),
      );
      return blob;
    } finally {
      await rm(tmp.path, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable> {
    const key = this.keyOf(sha256);
    const { sdk, client } = await this.connect();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.opts.bucket, Key: key }));
      return out.Body as Readable;
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFound(sha256);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
  }

  /** Every key in the bucket (for the contract tests and for audits of what is stored). */
  async keys(): Promise<string[]> {
    const { sdk, client } = await this.connect();
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.opts.bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
