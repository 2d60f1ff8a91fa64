// How the delivery module is assembled: the postal port from the configuration (none without
// POSTAL_URL: results by post are then not offered), its queue and its worker.
import type { Config } from '../../config';
import { PostalHttp } from '../../integrations/postal/postal-http';
import type { Db } from '../../platform/db/connect';
import type { Actor } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs';
import { DeliveryPanel } from './pages';
import { CREATE_QUEUE, CREATE_RETRIES, createShipment, deliveryStep, type DeliveryDeps } from './service';

export function deliveryDeps(deps: { config: Config; db: Db; jobs: Jobs }): DeliveryDeps {
  const p = deps.config.postal;
  return {
    db: deps.db,
    jobs: deps.jobs,
    postal: p ? new PostalHttp({ baseUrl: p.url, apiKey: p.apiKey, secret: p.secret }) : undefined,
    webhookSecret: p?.webhookSecret,
    provinceName: deps.config.provinceName,
    paysOnline: deps.config.vnpay !== undefined,
  };
}

export function defineDeliveryQueues(jobs: Jobs, retries: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean } = CREATE_RETRIES): void {
  jobs.define(CREATE_QUEUE, retries);
}

/** The worker that places orders at the postal service; nothing to do when none is configured. */
export async function startDeliveryWorker(deps: DeliveryDeps, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  if (!deps.postal) return;
  await deps.jobs.work<{ shipmentId: string }>(CREATE_QUEUE, (job) => createShipment(deps, job.data.shipmentId), opts);
}

/** The "Nhận kết quả qua bưu chính" step for the applicant's dossier page. */
export async function deliveryPanelFor(deps: { config: Config; db: Db; jobs: Jobs }, actor: Actor, code: string, ctx: Parameters<typeof DeliveryPanel>[0]['ctx']): Promise<JSX.Element> {
  const v = await deliveryStep(deliveryDeps(deps), actor, code);
  return DeliveryPanel({ ctx, v });
}
