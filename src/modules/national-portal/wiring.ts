// How the national portal link is assembled: the HTTP adapter and the credentials from the
// configuration (none without NATIONAL_PORTAL_URL: events are still captured, and wait), the worker.
import type { Config } from '../../config';
import { NationalPortalHttp } from '../../integrations/national-portal/http';
import type { Db } from '../../platform/db/connect';
import type { Jobs } from '../../platform/jobs';
import { DEFAULT_RETRY, type RetryPolicy } from './model';
import { type NationalPortalDeps, type NationalPortalWorker, startNationalPortalWorker } from './service';

export function nationalPortalDeps(
  deps: { config: Config; db: Db; jobs: Jobs },
  opts: { retry?: RetryPolicy; leaseSeconds?: number; log?: (obj: object, msg: string) => void } = {},
): NationalPortalDeps {
  const c = deps.config.nationalPortal;
  return {
    db: deps.db,
    jobs: deps.jobs,
    portal: c ? new NationalPortalHttp({ baseUrl: c.url, clientId: c.clientId, secret: c.secret }) : undefined,
    credentials: c ? { clientId: c.clientId, secret: c.secret } : undefined,
    retry: opts.retry ?? DEFAULT_RETRY,
    leaseSeconds: opts.leaseSeconds ?? 60,
    ...(opts.log ? { log: opts.log } : {}),
  };
}

/** The worker that pushes the outbox to the national portal; nothing to do when none is configured. */
export function startNationalPortalLink(deps: NationalPortalDeps, opts: { intervalMs?: number } = {}): NationalPortalWorker | undefined {
  if (!deps.portal) return undefined;
  return startNationalPortalWorker(deps, opts);
}
