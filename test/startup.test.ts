// Starting and stopping the real server process, as `npm start` runs it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { startServer } from './e2e/helpers';

const root = path.resolve(import.meta.dirname, '..');

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test('a database that is down at start gives a clear log line and exit code 1', async () => {
  const { code, output } = await run({ DATABASE_URL: 'postgres://motcua:sai@127.0.0.1:1/khong_co', PORT: '3999' });
  assert.equal(code, 1);
  assert.match(output, /Không kết nối được cơ sở dữ liệu PostgreSQL/);
  assert.doesNotMatch(output, /motcua:sai/, 'the password is not logged');
});

test('a bad setting stops the start with a message naming the variable', async () => {
  const { code, output } = await run({ PORT: 'abc' });
  assert.equal(code, 1);
  assert.match(output, /PORT phải là một số nguyên từ 1 đến 65535/);
});

test('SIGTERM finishes cleanly: the server stops accepting, closes the database and exits 0', async () => {
  const server = await startServer({ LOG_LEVEL: 'info' });
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.match(server.log(), /stopped/);
  await server.stop();
});
