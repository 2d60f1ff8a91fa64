// The per-dossier facts the statistics read (migrations/0017_statistics_facts.sql): kept right by
// the triggers when a dossier goes through the real back office (submission with files, reception,
// processing, a supplement request, approval with a result file, delivery), equal to the facts
// recomputed from scratch for every dossier of a generated year, and giving exactly the counts
// of the correlated sub-queries they replaced, for several periods and cutoffs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { MEASURE_KEYS, type MeasureKey } from '../src/modules/statistics';
import { countMeasures, predicates } from '../src/modules/statistics/store';
import { windowOf } from '../src/modules/statistics/model';
import { generateHistory, historyInput, insertHistory } from '../seed/dossier-history';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf } from './helpers/backoffice';
import type { Client } from './helpers/client';
import { samplePdf } from './helpers/files';

let t: TestApp;
let base: string;
const db = () => t.database.db;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { input, calendar } = await historyInput(db(), { seed: 11, count: 800, end: new Date('2026-01-01T00:00:00+07:00'), days: 365, sampleSha256: 'a'.repeat(64) });
  await insertHistory(db(), generateHistory(input, calendar));
});
after(() => t.close());

const { as, submitted, dossier, act } = backofficeHelpers(() => ({ t, base }));

const FACTS = `has_files, has_result_document, has_received_event, has_decision_event, has_delivered_event, withdrawn_cancelled_at, late_step_due_at, reuse_possible`;

/** The facts from scratch, as the sub-queries the reports used to run asked them. */
const FROM_SCRATCH = sql.raw(`
  select d.id,
    exists (select 1 from dossier_files f where f.dossier_id = d.id) as has_files,
    exists (select 1 from dossier_documents x where x.dossier_id = d.id and x.kind = 'result') as has_result_document,
    exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state = 'RECEIVED') as has_received_event,
    exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state in ('RESULT_READY', 'REFUSED')) as has_decision_event,
    exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state = 'DELIVERED') as has_delivered_event,
    (select min(e.at) from dossier_events e where e.dossier_id = d.id and e.to_state in ('WITHDRAWN', 'CANCELLED')) as withdrawn_cancelled_at,
    (select min(h.due_at) from dossier_handovers h where h.dossier_id = d.id and (h.finished_at is null or h.finished_at > h.due_at)) as late_step_due_at,
    (d.applicant_id is not null and exists (select 1 from dossiers pd where pd.applicant_id = d.applicant_id and pd.submitted_at < d.submitted_at
      and exists (select 1 from dossier_files f where f.dossier_id = pd.id))) as reuse_possible
  from dossiers d`);

/** Dossiers whose stored facts differ from the facts from scratch (their codes). */
async function drifted(code?: string): Promise<string[]> {
  const r = await sql<{ code: string }>`
    select d.code from dossiers d join (${FROM_SCRATCH}) s on s.id = d.id
    where (${sql.raw(FACTS.split(', ').map((c) => `d.${c}`).join(', '))}) is distinct from (${sql.raw(FACTS.split(', ').map((c) => `s.${c}`).join(', '))})
    ${code ? sql`and d.code = ${code}` : sql``}`.execute(db());
  return r.rows.map((x) => x.code);
}

/** The measures the facts replaced, by the correlated sub-queries of before (store.ts until 0017). */
function oldPredicates(w: ReturnType<typeof windowOf>) {
  const p = predicates(w);
  const event = (states: string[]) => sql`exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state in (${sql.join(states)}))`;
  const stepLate = sql`exists (select 1 from dossier_handovers h where h.dossier_id = d.id and h.due_at < ${w.cutoff} and (h.finished_at is null or h.finished_at > h.due_at))`;
  const received = sql`(d.received_at >= ${w.start} and d.received_at < ${w.end})`;
  const settled = sql`(coalesce(d.decided_at, d.delivered_at) >= ${w.start} and coalesce(d.decided_at, d.delivered_at) < ${w.end})`;
  const inProgress = sql`(d.received_at < ${w.cutoff} and (coalesce(d.decided_at, d.delivered_at) is null or coalesce(d.decided_at, d.delivered_at) >= ${w.cutoff})
    and not (d.state in ('WITHDRAWN', 'CANCELLED') and d.id in (select e.dossier_id from dossier_events e where e.to_state in ('WITHDRAWN', 'CANCELLED') and e.at < ${w.cutoff})))`;
  return {
    in_progress: inProgress,
    late_unattributed: sql`(${p.late_total} and not ${stepLate})`,
    digitised: sql`(${received} and exists (select 1 from dossier_files f where f.dossier_id = d.id))`,
    result_electronic: sql`(${settled} and d.outcome = 'result' and exists (select 1 from dossier_documents x where x.dossier_id = d.id and x.kind = 'result'))`,
    full_history: sql`(${received} and ${event(['RECEIVED'])} and (d.decided_at is null or ${event(['RESULT_READY', 'REFUSED'])}) and (d.delivered_at is null or ${event(['DELIVERED'])}))`,
  } satisfies Partial<Record<MeasureKey, unknown>>;
}

describe('statistics facts', () => {
  test('the triggers keep the facts of a dossier right through the real back office', async () => {
    const code = await submitted();
    const facts = async () => (await sql<Record<string, unknown>>`select ${sql.raw(FACTS)} from dossiers where code = ${code}`.execute(db())).rows[0]!;
    const id = (await dossier(code)).id;
    assert.equal((await facts()).hasFiles, true, 'submitted online with its files');
    assert.deepEqual(await drifted(code), []);
    const step = async (c: Client, action: string, fields: Record<string, string | string[]> = {}) => {
      const r = await act(c, code, action, fields);
      assert.equal(r.statusCode, 303, `${action}: ${errorsOf(r.body)}`);
      assert.deepEqual(await drifted(code), [], `after ${action}`);
    };
    const desk = await as('motcuaxa');
    if ((await dossier(code)).state === 'SUBMITTED') await step(desk, 'accept');
    assert.equal((await facts()).hasReceivedEvent, true);
    await step(desk, 'startProcessing');
    const specialist = await as('tuphapxa');
    await step(specialist, 'take');
    await step(specialist, 'requestSupplement', { item: ['c:5'], 'reason-c:5Code': 'xac_minh', 'reason-c:5Explanation': 'Cần bản chụp mặt sau căn cước để xác minh.' });
    // the open step's due moment is the earliest late-step moment
    const open = await db().selectFrom('dossierHandovers').select((eb) => eb.fn.min('dueAt').as('due')).where('dossierId', '=', id).where('finishedAt', 'is', null).executeTakeFirstOrThrow();
    assert.equal(((await facts()).lateStepDueAt as Date | null)?.getTime(), open.due ? new Date(open.due).getTime() : undefined);

    const citizen = await as('congdan');
    await citizen.get(`/ho-so-cua-toi/${code}`);
    const body = new FormData();
    body.append('_csrf', citizen.lastCsrf ?? '');
    body.append('componentIndex', '5');
    body.append('files', new Blob([samplePdf('Mat sau')]), 'can-cuoc-mat-sau.pdf');
    assert.equal((await citizen.postMultipart(`/ho-so-cua-toi/${code}/bo-sung/tep`, body)).statusCode, 303);
    const page = await citizen.get(`/ho-so-cua-toi/${code}`);
    const sent = await citizen.post(`/ho-so-cua-toi/${code}/bo-sung`, { version: /name="version" value="(\d+)"/.exec(page.body)![1]! });
    assert.equal(sent.statusCode, 303, errorsOf(sent.body));
    assert.equal((await dossier(code)).state, 'IN_PROCESSING');
    assert.deepEqual(await drifted(code), [], 'after the supplement');

    await step(specialist, 'consult');
    await step(await as('conganxa'), 'consulted', { opinion: 'Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.' });
    const path = `/mot-cua/ho-so/${code}`;
    const v = /name="version" value="(\d+)"/.exec((await specialist.get(path)).body)![1]!;
    const form = new FormData();
    for (const [k, val] of Object.entries({ _csrf: specialist.lastCsrf ?? '', _action: 'sendForApproval', version: v, outcome: 'result' })) form.append(k, val);
    form.append('resultFile', new Blob([samplePdf('Giay khai sinh')]), 'giay-khai-sinh.pdf');
    const draft = await specialist.postMultipart(`${path}/thao-tac`, form);
    assert.equal(draft.statusCode, 303, errorsOf(draft.body));
    await step(await as('chutichxa'), 'approve');
    assert.equal((await facts()).hasDecisionEvent, true);
    assert.equal((await facts()).hasResultDocument, true, 'the approved result file is a result document');
    const got = await citizen.post(`/ho-so-cua-toi/${code}/nhan-ket-qua`, { version: /name="version" value="(\d+)"/.exec((await citizen.get(`/ho-so-cua-toi/${code}`)).body)![1]! });
    assert.equal(got.statusCode, 303);
    assert.equal((await dossier(code)).state, 'DELIVERED');
    const f = await facts();
    assert.equal(f.hasDeliveredEvent, true);
    assert.equal(f.lateStepDueAt === null || (f.lateStepDueAt as Date).getTime() > 0, true);
    assert.deepEqual(await drifted(code), [], 'delivered');

    // a step's due moment moved by hand, then the step deleted: seen at once
    await db().updateTable('dossierHandovers').set({ dueAt: new Date('2000-01-01T00:00:00Z') }).where('dossierId', '=', id).where('stepKey', '=', 'tham-dinh').execute();
    assert.deepEqual(await drifted(code), [], 'after a due moment moved');
    assert.equal(((await facts()).lateStepDueAt as Date).toISOString(), '2000-01-01T00:00:00.000Z');
    await db().deleteFrom('dossierHandovers').where('dossierId', '=', id).where('stepKey', '=', 'tham-dinh').execute();
    await db().deleteFrom('dossierEvents').where('dossierId', '=', id).where('toState', '=', 'DELIVERED').execute();
    assert.deepEqual(await drifted(code), [], 'after deletions');
    assert.equal((await facts()).hasDeliveredEvent, false);
  });

  test('every dossier of a generated year: stored facts equal the facts from scratch', async () => {
    assert.deepEqual(await drifted(), []);
    // the back-fill of 0017 computes the same: wipe, run its update again, compare
    await sql`update dossiers set has_files = false, has_result_document = false, has_received_event = false, has_decision_event = false, has_delivered_event = false, withdrawn_cancelled_at = null, late_step_due_at = null, reuse_possible = false`.execute(db());
    await sql`select dossier_facts_refresh(id) from dossiers`.execute(db());
    assert.deepEqual(await drifted(), []);
  });

  test('the measures over the facts count exactly what the correlated sub-queries counted', async () => {
    const periods: [string, string, Date][] = [
      ['2025-01-01', '2025-12-31', new Date('2026-01-15T09:00:00+07:00')],
      ['2025-10-01', '2025-10-31', new Date('2026-01-15T09:00:00+07:00')],
      ['2025-06-01', '2025-12-31', new Date('2025-09-10T10:00:00+07:00')],
      ['2025-03-01', '2025-03-31', new Date('2025-03-20T15:00:00+07:00')],
    ];
    const seen: Partial<Record<MeasureKey, number>> = {};
    for (const [from, to, now] of periods) {
      const w = windowOf({ from, to }, now);
      const counts = await countMeasures(db(), { unitIds: null }, w);
      const old = oldPredicates(w);
      const keys = Object.keys(old) as (keyof typeof old)[];
      const r = await sql<Record<string, unknown>>`select ${sql.join(keys.map((k) => sql`count(*) filter (where ${old[k]}) as ${sql.ref(k)}`))} from dossiers d`.execute(db());
      for (const k of keys) {
        const camel = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        assert.equal(counts[k], Number(r.rows[0]![camel]), `${k} ${from}–${to}`);
      }
      assert.ok(MEASURE_KEYS.every((k) => Number.isInteger(counts[k])));
      for (const k of keys) seen[k] = (seen[k] ?? 0) + counts[k];
    }
    assert.ok(Object.values(seen).every((n) => n > 0), `the generated year exercises every fact: ${JSON.stringify(seen)}`);
  });
});
