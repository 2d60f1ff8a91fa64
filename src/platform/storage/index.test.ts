import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config';
import { blobStoreFor, DiskBlobStore, S3BlobStore } from './index';

const base = { DATA_DIR: '/tmp/motcua-storage-cfg', SESSION_SECRET: 'x'.repeat(40) };

test('files are kept on disk unless the configuration names an S3-compatible store', () => {
  assert.ok(blobStoreFor(loadConfig(base)) instanceof DiskBlobStore);
  const s3 = loadConfig({ ...base, STORAGE: 's3', S3_ENDPOINT: 'https://s3.lang-son.example', S3_BUCKET: 'motcua-tep', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
  assert.deepEqual(s3.storage, { kind: 's3', endpoint: 'https://s3.lang-son.example', bucket: 'motcua-tep', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true });
  assert.ok(blobStoreFor(s3) instanceof S3BlobStore);
});

test('an S3 store without a bucket, or with half a key pair, is a configuration error', () => {
  assert.throws(() => loadConfig({ ...base, STORAGE: 's3' }), (e: Error) => e instanceof ConfigError && /S3_BUCKET/.test(e.message));
  assert.throws(() => loadConfig({ ...base, STORAGE: 's3', S3_BUCKET: 'motcua', S3_ACCESS_KEY_ID: 'k' }), /S3_SECRET_ACCESS_KEY/);
});
