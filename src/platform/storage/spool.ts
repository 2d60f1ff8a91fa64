// Writes a stream to a temporary file while hashing and counting it: the one pass every
// BlobStore needs before it can name the content by its SHA-256.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLarge, type StoredBlob } from './index';

export interface Spooled extends StoredBlob {
  /** The temporary file; the caller renames, uploads or removes it. */
  path: string;
}

/** Refuses past maxBytes (BlobTooLarge) and leaves no file behind on any failure. */
export async function spool(content: Readable | Buffer, dir: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Spooled> {
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new BlobTooLarge(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
    return { path: tmp, sha256: hash.digest('hex'), size };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
