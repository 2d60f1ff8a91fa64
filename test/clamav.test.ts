// Virus scanning against a real clamd (Debian's clamav-daemon), started here in the
// foreground with a one-line signature database for the EICAR test string, since the
// official signatures cannot be downloaded in this environment. No clamd installed is a
// failure, not a skip: CI installs clamav-daemon.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { filesOfDraft } from '../src/modules/attachments';
import { ClamdScanner, ScannerUnavailable } from '../src/platform/scan';
import { Client } from './helpers/client';
import { type AttachmentsApp, errorMessage, pdf, postFiles, runTus, startAttachmentsApp, tusOptions } from './helpers/attachments-app';

const CLAMD = process.env.CLAMD_BINARY ?? '/usr/sbin/clamd';

/**
 * The EICAR anti-virus test file (eicar.org), put together at run time so that this source
 * file is not itself reported by a virus scanner on a developer's machine.
 */
const EICAR = Buffer.from(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!', '$H+H*'].join(''), 'latin1');

/** A PDF that carries the EICAR string: what a malicious upload that passes the type check looks like. */
async function infectedPdf(): Promise<Buffer> {
  return Buffer.concat([await pdf('Tờ khai'), Buffer.from('%'), EICAR, Buffer.from('\n')]);
}

let dir: string;
let socket: string;
let clamd: ChildProcess | undefined;
let output = '';
let t: AttachmentsApp;

before(async () => {
  assert.ok(existsSync(CLAMD), `clamd is not installed (${CLAMD} missing). Install Debian's clamav-daemon: apt-get install -y clamav-daemon`);
  dir = mkdtempSync(path.join(tmpdir(), 'clamd-'));
  const db = path.join(dir, 'db');
  mkdirSync(db);
  // an .ndb body signature matches the string anywhere in a file (target 0, any offset)
  writeFileSync(path.join(db, 'eicar.ndb'), `Eicar-Test-Signature:0:*:${EICAR.toString('hex')}\n`);
  socket = path.join(dir, 'clamd.sock');
  const conf = path.join(dir, 'clamd.conf');
  writeFileSync(
    conf,
    [`LocalSocket ${socket}`, `DatabaseDirectory ${db}`, `TemporaryDirectory ${dir}`, 'Foreground yes', 'StreamMaxLength 32M', 'SelfCheck 0', ''].join('\n'),
  );
  clamd = spawn(CLAMD, ['--config-file', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  clamd.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  clamd.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  clamd.on('exit', () => (exited = true));
  // wait until clamd answers PING, for at most 30 s; stop at once if it exited
  const scanner = new ClamdScanner({ socket }, 2000);
  let ready = false;
  for (let i = 0; i < 600 && !exited && !ready; i++) {
    ready = existsSync(socket) && (await scanner.ping());
    if (!ready) await delay(50);
  }
  assert.ok(ready, `clamd did not answer PING. Its output:\n${output}`);
  t = await startAttachmentsApp({ CLAMD_SOCKET: socket });
});

after(async () => {
  await stopClamd();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function stopClamd() {
  if (!clamd || clamd.exitCode !== null) return;
  const exited = new Promise((resolve) => clamd!.once('exit', resolve));
  clamd.kill('SIGTERM');
  await exited;
}

describe('the clamd scanner', () => {
  test('finds the EICAR test file', async () => {
    assert.deepEqual(await new ClamdScanner({ socket }).scan(EICAR), { clean: false, signature: 'Eicar-Test-Signature' });
  });

  test('passes a clean PDF', async () => {
    assert.deepEqual(await new ClamdScanner({ socket }).scan(await pdf('Giấy chứng sinh')), { clean: true });
  });

  test('reads a stream in chunks, and finds a signature past the first chunks', async () => {
    const scanner = new ClamdScanner({ socket });
    const filler = Buffer.alloc(3 * 1024 * 1024, 'a');
    assert.deepEqual(await scanner.scan(Readable.from([filler, filler])), { clean: true });
    assert.deepEqual(await scanner.scan(Readable.from([filler, EICAR])), { clean: false, signature: 'Eicar-Test-Signature' });
  });
});

describe('uploads scanned by clamd', () => {
  test('a PDF carrying EICAR is refused, by the plain form and by tus; a clean one is kept', async () => {
    const client = new Client(t.app);
    await client.login('congdan');
    await client.get('/');
    const accountId = (await t.db.selectFrom('accounts').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()).id;
    const draftId = (await t.db.insertInto('drafts').values({ accountId, procedureCode: '1.001193' }).returning('id').executeTakeFirstOrThrow()).id;

    const form = await postFiles(t, client, draftId, 1, [
      { fileName: 'giay-chung-sinh.pdf', bytes: await infectedPdf() },
      { fileName: 'sach.pdf', bytes: await pdf('sạch') },
    ]);
    assert.equal(form.errors.length, 1);
    assert.match(form.errors[0]!.message, /^Tệp “giay-chung-sinh\.pdf” cho thành phần “Giấy chứng sinh.*” có chứa mã độc \(Eicar-Test-Signature\) nên không được nhận\.$/);

    const viaTus = await runTus(await infectedPdf(), tusOptions(t, client, draftId, 1, 'to-khai.pdf'));
    assert.equal(viaTus.ok, false);
    assert.equal(viaTus.status, 422);
    assert.match(errorMessage(viaTus), /“to-khai\.pdf”.* có chứa mã độc \(Eicar-Test-Signature\) nên không được nhận\./);

    assert.deepEqual((await filesOfDraft(t.db, draftId)).map((f) => f.fileName), ['sach.pdf']);
  });

  test('with clamd down, nothing is accepted unscanned', async () => {
    await stopClamd();
    await assert.rejects(new ClamdScanner({ socket }).scan(await pdf('x')), ScannerUnavailable);
    const client = new Client(t.app);
    await client.login('congdan');
    await client.get('/');
    const accountId = (await t.db.selectFrom('accounts').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()).id;
    const draftId = (await t.db.insertInto('drafts').values({ accountId, procedureCode: '1.001193' }).returning('id').executeTakeFirstOrThrow()).id;
    const out = await runTus(await pdf('sạch'), tusOptions(t, client, draftId, 1, 'sach.pdf'));
    assert.equal(out.status, 503);
    assert.match(errorMessage(out), /chưa kiểm tra được mã độc/);
    assert.deepEqual(await filesOfDraft(t.db, draftId), []);
  });
});
