import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blobStoreContract } from './contract.test-helper';
import { DiskBlobStore } from './index';

blobStoreContract('disk', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'blobs-'));
  return {
    store: new DiskBlobStore(root),
    // every file under the root, temporary ones included; empty folders do not count
    contents: async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
  };
});
