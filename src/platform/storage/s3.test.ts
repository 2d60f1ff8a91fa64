// The S3 store against an S3 protocol server run as its own process: s3rver (its built-in
// account S3RVER/S3RVER), over HTTP with the real SDK. The same contract as the disk store, plus
// a credential the server does not know. s3rver parses Signature V4 but does not verify it
// (only the access key id), so a wrong secret is not caught here; a real store refuses it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { blobStoreContract } from './contract.test-helper';
import { S3BlobStore } from './index';

const BUCKET = 'motcua-tep';
let server: ChildProcess;
let endpoint = '';
const dirs: string[] = [];

function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

before(async () => {
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin/s3rver.js');
  server = spawn(process.execPath, [bin, '-d', tempDir('s3rver-'), '-a', '127.0.0.1', '-p', '0', '--configure-bucket', BUCKET], { stdio: ['ignore', 'pipe', 'inherit'] });
  endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on ([\d.]+):(\d+)/.exec(out);
      if (m) resolve(`http://${m[1]}:${m[2]}`);
    });
    server.once('exit', (code) => reject(new Error(`s3rver exited (${code}): ${out}`)));
  });
});
after(() => {
  server?.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

let bucketCount = 0;
function store(spoolDir = tempDir('s3-spool-'), accessKeyId = 'S3RVER'): S3BlobStore {
  return new S3BlobStore({ endpoint, bucket: BUCKET, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'S3RVER' }, forcePathStyle: true, spoolDir });
}

blobStoreContract('S3 (s3rver)', async () => {
  // one bucket shared by the subjects: each subject looks at the keys it added
  const spoolDir = tempDir(`s3-spool-${bucketCount++}-`);
  const s = store(spoolDir);
  const before = new Set(await s.keys());
  return {
    store: s,
    contents: async () => [...(await s.keys()).filter((k) => !before.has(k)), ...(await readdir(spoolDir))],
  };
});

test('a store configured with a key the server does not know is refused and stores nothing', async () => {
  const good = store();
  const keys = await good.keys();
  const spoolDir = tempDir('s3-spool-bad-');
  await assert.rejects(store(spoolDir, 'KHONG-CO').put(Buffer.from('Giấy chứng sinh')), (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode === 403);
  assert.deepEqual(await good.keys(), keys);
  assert.deepEqual(await readdir(spoolDir), [], 'the spooled copy is removed');
});
