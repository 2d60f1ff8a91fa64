// A power cut in the middle of submissions: the real server process is killed with SIGKILL
// while several citizens submit, restarted, killed again. Afterwards every dossier the server
// acknowledged exists whole (dossier, form data, file, first event) and no partial one exists.
// Runs on PostgreSQL when TEST_DATABASE_URL is set (CI), on embedded PGlite otherwise.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../src/platform/db/connect';
import { startServer, type Server } from './e2e/helpers';
import { freshDatabase } from './helpers/app';
import { HttpClient } from './helpers/http-client';
import { submitBirthRegistration } from './helpers/submit-flow';

const ROUNDS = 3;
const CLIENTS = 4;

test('SIGKILL during submissions leaves every acknowledged dossier whole and no partial ones', { timeout: 600_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-crash-'));
  const server = process.env.TEST_DATABASE_URL ? await freshDatabase() : undefined;
  // the test database is opened by the server processes, not by this one, until the end
  if (server) await server.database.close();
  const env: Record<string, string> = { DATA_DIR: dataDir, LOGIN_RATE_LIMIT_PER_MINUTE: '10000', ...(server?.url ? { DATABASE_URL: server.url } : {}) };
  const acknowledged = new Set<string>();
  let attempts = 0;

  try {
    for (let round = 0; round < ROUNDS; round++) {
      const app: Server = await startServer(env);
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          const c = new HttpClient(app.url);
          await c.login('congdan');
          return c;
        }),
      );
      // kill after a random number of acknowledgements, while the other clients are mid-flow
      const killAt = acknowledged.size + 3 + Math.floor(Math.random() * 6);
      let killed = false;
      const exited = new Promise((resolve) => app.process.once('exit', resolve));
      await Promise.all(
        clients.map(async (c) => {
          while (!killed) {
            attempts++;
            try {
              const code = await submitBirthRegistration(c);
              // an answer read in full before the kill is an acknowledgement
              acknowledged.add(code);
              if (acknowledged.size >= killAt && !killed) {
                killed = true;
                app.process.kill('SIGKILL');
              }
            } catch (err) {
              if (!killed) throw err;
            }
          }
        }),
      );
      await exited;
    }

    // a last start recovers (migrations, jobs) and stops cleanly before the checks
    const last = await startServer(env);
    const c = new HttpClient(last.url);
    for (const code of [...acknowledged].slice(0, 3)) {
      const res = await c.get(`/api/v1/dossiers/${encodeURIComponent(code)}/status`);
      assert.equal(res.status, 200, `acknowledged ${code} is tracked after the restarts`);
    }
    await last.stop();

    const database = server?.url ? await openDatabase({ url: server.url }) : await openDatabase({ dataDir: path.join(dataDir, 'db') });
    try {
      const db = database.db;
      const dossiers = await db.selectFrom('dossiers').select(['id', 'code', 'state', 'data', 'idempotencyKey']).execute();
      const codes = new Set(dossiers.map((d) => d.code));
      for (const code of acknowledged) assert.ok(codes.has(code), `acknowledged dossier ${code} exists`);
      for (const d of dossiers) {
        assert.equal(d.state, 'SUBMITTED');
        assert.equal((d.data as Record<string, unknown>).childName, 'Nguyễn Minh Khang', `${d.code} has its form data`);
        const events = await db.selectFrom('dossierEvents').select('type').where('dossierId', '=', d.id).execute();
        assert.deepEqual(events.map((e) => e.type), ['submitted'], `${d.code} has its first event`);
        const files = await db.selectFrom('dossierFiles').select(['sha256', 'componentIndex']).where('dossierId', '=', d.id).execute();
        assert.equal(files.length, 2, `${d.code} has its two files`);
        for (const { sha256: sha } of files) assert.ok(existsSync(path.join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)), `${d.code}'s file is stored`);
        const draft = await db.selectFrom('drafts').select('id').where('idempotencyKey', '=', d.idempotencyKey!).executeTakeFirst();
        assert.equal(draft, undefined, `${d.code}'s draft went with the submission`);
      }
      const serials = await db.selectFrom('dossierCodeSerials').select(['last']).execute();
      assert.ok(serials.length > 0);
      console.log(`# ${ROUNDS} kills, ${attempts} submissions started, ${acknowledged.size} acknowledged, ${dossiers.length} dossiers stored (${database.kind})`);
      assert.ok(acknowledged.size >= ROUNDS * 3);
    } finally {
      await database.close();
    }
  } finally {
    if (server) await server.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
