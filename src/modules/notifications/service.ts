// Queueing and delivering notifications. queue() writes the notification and its job
// in the caller's transaction; deliver() is the job handler. A notification already
// marked sent is not sent again, and the SMS gateway deduplicates on the notification
// id, so a job that runs twice (a crash between sending and recording) sends once.
import type { Transaction } from 'kysely';
import type { EmailPort } from '../../integrations/email/port';
import type { SmsPort } from '../../integrations/sms/port';
import type { DB } from '../../platform/db/schema';
import type { Db } from '../../platform/db/connect';
import type { Jobs } from '../../platform/jobs';
import { channelsFor, type Message, type Recipient, SEND_RETRIES } from './model';
import * as store from './store';

export const SEND_QUEUE = 'notifications.send';

export interface NotificationDeps {
  db: Db;
  jobs: Jobs;
  email: EmailPort;
  sms: SmsPort;
}

export function defineQueues(jobs: Jobs, retries: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean } = SEND_RETRIES): void {
  jobs.define(SEND_QUEUE, retries);
}

export async function queue(
  trx: Transaction<DB>,
  jobs: Jobs,
  to: Recipient,
  message: Message,
  subject?: { type: string; id: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (const { channel, address } of channelsFor(to)) {
    const id = await store.insert(trx, {
      accountId: to.accountId,
      subjectType: subject?.type ?? null,
      subjectId: subject?.id ?? null,
      channel,
      recipient: address,
      title: message.title,
      body: channel === 'sms' ? message.short : message.body,
    });
    await jobs.queue(trx, SEND_QUEUE, { notificationId: id }, { singletonKey: id });
    ids.push(id);
  }
  return ids;
}

/** Sends one notification; throws so that the job is retried with back-off. */
export async function deliver(deps: NotificationDeps, notificationId: string): Promise<void> {
  const n = await store.byId(deps.db, notificationId);
  if (!n || n.status !== 'queued') return;
  try {
    const { providerId } =
      n.channel === 'sms'
        ? await deps.sms.send({ id: n.id, to: n.recipient, text: n.body })
        : await deps.email.send({ id: n.id, to: n.recipient, subject: n.title, text: n.body });
    await store.markSent(deps.db, n.id, providerId);
  } catch (err) {
    const final = n.attempts + 1 > SEND_RETRIES.retryLimit;
    await store.markAttemptFailed(deps.db, n.id, (err as Error).message, final);
    throw err;
  }
}

export async function startWorker(deps: NotificationDeps, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  await deps.jobs.work<{ notificationId: string }>(SEND_QUEUE, (job) => deliver(deps, job.data.notificationId), opts);
}
