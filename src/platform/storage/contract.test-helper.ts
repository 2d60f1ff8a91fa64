// The behaviour every BlobStore promises, as one suite run against each implementation
// (disk.test.ts; s3.test.ts against s3rver).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { BlobNotFound, type BlobStore, BlobTooLarge } from './index';

export interface ContractSubject {
  store: BlobStore;
  /** Everything the store holds, finished objects and temporary files alike. */
  contents(): Promise<string[]>;
}

export function blobStoreContract(name: string, fresh: () => Promise<ContractSubject>): void {
  describe(`BlobStore contract: ${name}`, () => {
    test('a stored file is keyed by its SHA-256 and reads back identical', async () => {
      const { store } = await fresh();
      const body = 'Tờ khai đăng ký khai sinh';
      const blob = await store.put(Buffer.from(body));
      assert.equal(blob.sha256, createHash('sha256').update(body).digest('hex'));
      assert.equal(blob.size, Buffer.byteLength(body));
      assert.equal(await text(await store.get(blob.sha256)), body);
      assert.equal(await store.has(blob.sha256), true);
    });

    test('the same content stored twice is one object', async () => {
      const { store, contents } = await fresh();
      const a = await store.put(Buffer.from('giống nhau'));
      const b = await store.put(Readable.from([Buffer.from('giống '), Buffer.from('nhau')]));
      assert.equal(a.sha256, b.sha256);
      assert.equal((await contents()).length, 1);
    });

    test('a file over the limit is refused and leaves nothing behind', async () => {
      const { store, contents } = await fresh();
      await assert.rejects(store.put(Buffer.alloc(2048), { maxBytes: 1024 }), BlobTooLarge);
      assert.deepEqual(await contents(), []);
    });

    test('a stream that fails midway leaves nothing behind', async () => {
      const { store, contents } = await fresh();
      const broken = new Readable({
        read() {
          this.push(Buffer.alloc(100));
          this.destroy(new Error('connection dropped'));
        },
      });
      await assert.rejects(store.put(broken), /connection dropped/);
      assert.deepEqual(await contents(), []);
    });

    test('a key that is not a SHA-256 cannot reach outside the store', async () => {
      const { store } = await fresh();
      await assert.rejects(store.get('../../etc/passwd'), BlobNotFound);
      await assert.rejects(store.get('0'.repeat(64)), BlobNotFound);
      assert.equal(await store.has('../x'), false);
    });

    test('a deleted file is gone, and deleting it again is no error', async () => {
      const { store, contents } = await fresh();
      const blob = await store.put(Buffer.from('xóa tôi'));
      await store.delete(blob.sha256);
      await store.delete(blob.sha256);
      assert.equal(await store.has(blob.sha256), false);
      await assert.rejects(store.get(blob.sha256), BlobNotFound);
      assert.deepEqual(await contents(), []);
    });
  });
}
