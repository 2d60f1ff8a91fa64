import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BlobNotFound, type BlobStore, isSha256, type StoredBlob } from './index';
import { spool } from './spool';

/** Files under root/ab/cd/<sha256>; partial writes live in root/tmp until renamed. */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new BlobNotFound(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Readable | Buffer, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const tmp = await spool(content, path.join(this.root, 'tmp'), opts.maxBytes);
    try {
      const final = this.pathOf(tmp.sha256);
      await mkdir(path.dirname(final), { recursive: true });
      // rename is atomic on one file system: the key never names a half-written file
      await rename(tmp.path, final);
      return { sha256: tmp.sha256, size: tmp.size };
    } catch (err) {
      await rm(tmp.path, { force: true });
      throw err;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    try {
      await access(p);
    } catch {
      throw new BlobNotFound(sha256);
    }
    return createReadStream(p);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
