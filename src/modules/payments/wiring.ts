// How the payments module is assembled: the gateway from the configuration, its dependencies,
// its queues (expiry, refund, nightly reconciliation) and their worker.
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { localDate } from '../../platform/format';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import type { PaymentGateway } from '../../integrations/payment-gateway/port';
import { VnpayGateway } from '../../integrations/payment-gateway/vnpay';
import { PaymentPanel } from './pages';
import { EXPIRE_QUEUE, expirePayment, executeRefund, paymentStep, RECONCILE_CRON, RECONCILE_QUEUE, reconcile, REFUND_QUEUE, type PaymentDeps } from './service';

export function gatewayFor(config: Config): PaymentGateway | undefined {
  return config.vnpay ? new VnpayGateway({ url: config.vnpay.url, apiUrl: config.vnpay.apiUrl, tmnCode: config.vnpay.tmnCode, hashSecret: config.vnpay.hashSecret }) : undefined;
}

export function paymentDeps(deps: { config: Config; db: Db; jobs: Jobs }, gateway: PaymentGateway | undefined): PaymentDeps {
  return { db: deps.db, jobs: deps.jobs, gateway, publicUrl: deps.config.publicUrl, expireMinutes: deps.config.vnpay?.expireMinutes ?? 15, provinceName: deps.config.provinceName };
}

export function definePaymentQueues(jobs: Jobs): void {
  jobs.define(EXPIRE_QUEUE, { retryLimit: 20, retryDelay: 60, retryBackoff: true });
  jobs.define(REFUND_QUEUE, { retryLimit: 20, retryDelay: 30, retryBackoff: true });
  jobs.define(RECONCILE_QUEUE, { retryLimit: 5, retryDelay: 600, retryBackoff: true, expireInSeconds: 1800 });
}

/** Workers of the payment jobs; nothing to do without a gateway. */
export async function startPaymentWorker(deps: PaymentDeps, log: (obj: object, msg: string) => void = () => {}): Promise<void> {
  if (!deps.gateway) return;
  await deps.jobs.work<{ paymentId: string }>(EXPIRE_QUEUE, (job) => expirePayment(deps, job.data.paymentId));
  await deps.jobs.work<{ refundId: string }>(REFUND_QUEUE, (job) => executeRefund(deps, job.data.refundId), { pollingIntervalSeconds: 1 });
  await deps.jobs.work<{ day?: string }>(RECONCILE_QUEUE, async (job) => {
    const day = job.data.day ?? localDate(new Date(Date.now() - 86_400_000));
    const r = await reconcile(deps, day);
    log({ day, differences: r.differences.length }, 'payment reconciliation');
  });
  await deps.jobs.schedule(RECONCILE_QUEUE, RECONCILE_CRON);
}

/** The "Nộp phí trực tuyến" step for the applicant's dossier page (an empty fragment when nothing is due). */
export async function paymentPanelFor(deps: { config: Config; db: Db; jobs: Jobs }, actor: Actor, code: string): Promise<JSX.Element> {
  const v = await paymentStep(paymentDeps(deps, gatewayFor(deps.config)), actor, code);
  return PaymentPanel({ v });
}
