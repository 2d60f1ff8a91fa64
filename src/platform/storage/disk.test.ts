import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import { BlobNotFound, BlobTooLarge, DiskBlobStore } from './index';

const root = () => mkdtempSync(path.join(tmpdir(), 'blobs-'));

test('a stored file is keyed by its SHA-256 and reads back identical', async () => {
  const store = new DiskBlobStore(root());
  const body = 'Tờ khai đăng ký khai sinh';
  const blob = await store.put(Buffer.from(body));
  assert.equal(blob.sha256, createHash('sha256').update(body).digest('hex'));
  assert.equal(blob.size, Buffer.byteLength(body));
  assert.equal(await text(await store.get(blob.sha256)), body);
  assert.equal(await store.has(blob.sha256), true);
});

test('the same content stored twice is one object', async () => {
  const dir = root();
  const store = new DiskBlobStore(dir);
  const a = await store.put(Buffer.from('giống nhau'));
  const b = await store.put(Readable.from([Buffer.from('giống '), Buffer.from('nhau')]));
  assert.equal(a.sha256, b.sha256);
});

test('a file over the limit is refused and leaves nothing behind', async () => {
  const dir = root();
  const store = new DiskBlobStore(dir);
  await assert.rejects(store.put(Buffer.alloc(2048), { maxBytes: 1024 }), BlobTooLarge);
  assert.deepEqual(readdirSync(path.join(dir, 'tmp')), []);
  assert.deepEqual(readdirSync(dir), ['tmp']);
});

test('a stream that fails midway leaves nothing behind', async () => {
  const dir = root();
  const store = new DiskBlobStore(dir);
  const broken = new Readable({
    read() {
      this.push(Buffer.alloc(100));
      this.destroy(new Error('connection dropped'));
    },
  });
  await assert.rejects(store.put(broken), /connection dropped/);
  assert.deepEqual(readdirSync(path.join(dir, 'tmp')), []);
});

test('a key that is not a SHA-256 cannot reach outside the store', async () => {
  const store = new DiskBlobStore(root());
  await assert.rejects(store.get('../../etc/passwd'), BlobNotFound);
  await assert.rejects(store.get('0'.repeat(64)), BlobNotFound);
  assert.equal(await store.has('../x'), false);
});
