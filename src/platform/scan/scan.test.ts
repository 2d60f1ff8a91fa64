// The clamd client's handling of the protocol and of failures, against a small stand-in that
// speaks INSTREAM over TCP. The real clamd is exercised by test/clamav.test.ts.
import assert from 'node:assert/strict';
import net from 'node:net';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { loadConfig } from '../../config';
import { ClamdScanner, NoScanner, scannerFor, ScannerUnavailable } from './index';

/** Reads a zINSTREAM session, checks its framing, and answers with `reply(content)`. */
function fakeClamd(reply: (content: Buffer) => string | undefined): Promise<{ port: number; close: () => Promise<void>; seen: Buffer[] }> {
  const seen: Buffer[] = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const command = 'zINSTREAM\0';
      if (buf.length < command.length) return;
      assert.equal(buf.subarray(0, command.length).toString(), command);
      const chunks: Buffer[] = [];
      let at = command.length;
      while (at + 4 <= buf.length) {
        const n = buf.readUInt32BE(at);
        if (n === 0) {
          const content = Buffer.concat(chunks);
          seen.push(content);
          const answer = reply(content);
          if (answer === undefined) return; // never answers
          socket.end(`${answer}\0`);
          return;
        }
        if (at + 4 + n > buf.length) return;
        chunks.push(buf.subarray(at + 4, at + 4 + n));
        at += 4 + n;
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) })),
  );
}

const servers: { close: () => Promise<void> }[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

test('the content arrives whole, in length-prefixed chunks, and OK means clean', async () => {
  const fake = await fakeClamd(() => 'stream: OK');
  servers.push(fake);
  const scanner = new ClamdScanner({ host: '127.0.0.1', port: fake.port });
  const content = Buffer.alloc(200_000, 7);
  assert.deepEqual(await scanner.scan(Readable.from([content.subarray(0, 70_000), content.subarray(70_000)])), { clean: true });
  assert.deepEqual(await scanner.scan(content), { clean: true });
  assert.deepEqual(fake.seen, [content, content]);
});

test('FOUND names the signature (without clamd’s .UNOFFICIAL suffix)', async () => {
  const fake = await fakeClamd(() => 'stream: Win.Test.EICAR_HDB-1.UNOFFICIAL FOUND');
  servers.push(fake);
  assert.deepEqual(await new ClamdScanner({ host: '127.0.0.1', port: fake.port }).scan(Buffer.from('x')), { clean: false, signature: 'Win.Test.EICAR_HDB-1' });
});

test('an ERROR, no daemon, or no answer in time is ScannerUnavailable, never clean', async () => {
  const erroring = await fakeClamd(() => 'INSTREAM size limit exceeded. ERROR');
  const silent = await fakeClamd(() => undefined);
  servers.push(erroring, silent);
  await assert.rejects(new ClamdScanner({ host: '127.0.0.1', port: erroring.port }).scan(Buffer.from('x')), ScannerUnavailable);
  await assert.rejects(new ClamdScanner({ socket: '/nonexistent/clamd.sock' }).scan(Buffer.from('x')), ScannerUnavailable);
  await assert.rejects(new ClamdScanner({ host: '127.0.0.1', port: silent.port }, 200).scan(Buffer.from('x')), /no answer within 200 ms/);
});

test('scanning is off unless clamd is configured, by socket or by host and port', () => {
  const base = { DATA_DIR: '/tmp/motcua-scan-cfg', SESSION_SECRET: 'x'.repeat(40) };
  assert.ok(scannerFor(loadConfig(base)) instanceof NoScanner);
  assert.equal(scannerFor(loadConfig({ ...base, CLAMD_SOCKET: '/run/clamav/clamd.ctl' })).name, 'clamd /run/clamav/clamd.ctl');
  assert.equal(scannerFor(loadConfig({ ...base, CLAMD_HOST: 'clamav.noi-bo' })).name, 'clamd clamav.noi-bo:3310');
});
