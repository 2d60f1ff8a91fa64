// Builds the Fastify app from its parts. main.ts and the tests build it the same way.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { AppDeps } from './deps';
import { accountRoutes, allows, loadActor } from './modules/accounts';
import { articleRoutes } from './modules/articles';
import { auditRoutes } from './modules/audit/routes';
import { defineReportQueues, startReportWorker, statisticsRoutes } from './modules/statistics';
import { documentRoutes } from './modules/documents';
import { signingFor } from './platform/signing';
import { reviewRoutes } from './modules/review';
import { orgRoutes } from './modules/org';
import { catalogueRoutes } from './modules/catalogue';
import { calendarRoutes } from './modules/calendar';
import { backofficeRoutes, deadlineRoutes, defineDeadlineQueues, dossierRoutes, startDeadlineWorker } from './modules/dossiers';
import { logbookRoutes } from './modules/dossiers/logbook-routes';
import { workflowAdminRoutes } from './modules/dossiers/workflow-admin';
import { useFormNumbering } from './modules/dossiers/forms';
import { bulkPrintRoutes } from './modules/dossiers/bulk-print';
import { accessLogRoutes } from './modules/dossiers/access-log-routes';
import { documentStoreRoutes } from './modules/citizen-documents/routes';
import { submissionRoutes } from './modules/submission';
import { formAdminRoutes } from './modules/forms';
import { attachmentRoutes } from './modules/attachments';
import { portalRoutes } from './modules/portal/routes';
import { reportRoutes } from './modules/reports';
import { reorganisationRoutes } from './modules/reorganisation';
import type { Db } from './platform/db/connect';
import { badUrlReply, registerHttpPlatform, renderer } from './platform/http';
import { validatorCompiler } from './platform/http/validation';
import { loggerOptions } from './platform/log';
import { Jobs } from './platform/jobs';
import { defineQueues as defineNotificationQueues, startWorker as startNotificationWorker } from './modules/notifications';
import { SmtpEmail } from './integrations/email/smtp';
import { LogEmail } from './integrations/email/log';
import { HttpSmsGateway } from './integrations/sms/http-gateway';
import { LogSms } from './integrations/sms/log';
import { blobStoreFor } from './platform/storage';
import { definePaymentQueues, gatewayFor, paymentDeps, paymentRoutes, startPaymentWorker } from './modules/payments';
import { defineDeliveryQueues, deliveryDeps, deliveryRoutes, startDeliveryWorker } from './modules/delivery';
import { OidcIdentityProvider } from './integrations/identity/oidc';
import { nationalPortalDeps, nationalPortalRoutes, startNationalPortalLink } from './modules/national-portal';

/** The job queue with every queue the modules define (not started). */
export function createJobs(config: Config, db: Db): Jobs {
  const jobs = new Jobs(db, { connectionString: config.databaseUrl, expireInSeconds: config.jobExpireSeconds });
  defineNotificationQueues(jobs);
  defineDeadlineQueues(jobs);
  definePaymentQueues(jobs);
  defineDeliveryQueues(jobs);
  defineReportQueues(jobs);
  return jobs;
}

/** Starts the background workers: notifications through SMTP and the SMS gateway (or the log when not configured). */
export async function startWorkers(config: Config, db: Db, jobs: Jobs, log: (obj: object, msg: string) => void): Promise<void> {
  const email = config.smtpUrl ? new SmtpEmail(config.smtpUrl, config.mailFrom) : new LogEmail(log);
  const sms = config.sms ? new HttpSmsGateway({ baseUrl: config.sms.url, partnerId: config.sms.partnerId, secret: config.sms.secret, brandname: config.sms.brandname }) : new LogSms(log);
  await startNotificationWorker({ db, jobs, email, sms });
  await startDeadlineWorker({ db, jobs }, log);
  await startPaymentWorker(paymentDeps({ config, db, jobs }, gatewayFor(config)), log);
  await startDeliveryWorker(deliveryDeps({ config, db, jobs }));
  await startReportWorker({ db, jobs }, log);
  startNationalPortalLink(nationalPortalDeps({ config, db, jobs }, { log }));
}

export interface BuildOptions {
  config: Config;
  db: Db;
  /** The started job queue (the outbox); routes queue side effects on it. */
  jobs: Jobs;
  /** Tests pass false to keep their output clean. */
  logger?: boolean;
}

export async function buildApp({ config, db, jobs, logger = true }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? loggerOptions(config) : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // ids of requests are random so logs of several processes never collide
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // a malformed or overlong address: a Vietnamese answer instead of Fastify's English JSON
    frameworkErrors: badUrlReply,
  });
  app.setValidatorCompiler(validatorCompiler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Một Cửa API', description: 'API công khai của Cổng Dịch vụ công và Hệ thống một cửa điện tử.', version: '1' },
    },
    // the document describes the JSON API only, not the HTML pages
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/v1/') || url === '/healthz' ? schema : { ...schema, hide: true }, url }),
  });
  const site = await registerHttpPlatform(app, {
    config,
    db,
    loadActor: (id, ip, actingFor) => loadActor({ db }, id, ip, actingFor),
    allows,
  });
  // swagger-ui's own CSP allows framing by the same origin; no page of ours may be framed
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (csp) => csp.replace("frame-ancestors 'self'", "frame-ancestors 'none'") });
  useFormNumbering(config.formNumbering);
  const deps: AppDeps = { config, db, jobs, blobs: blobStoreFor(config), signing: signingFor(config), page: renderer(site) };
  const accounts = { db, lockout: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes } };

  await app.register(async (scope) => {
    await portalRoutes(scope, deps);
    await accountRoutes(scope, { ...deps, accounts, identity: config.identity ? new OidcIdentityProvider(config.identity) : undefined });
    await orgRoutes(scope, deps);
    await catalogueRoutes(scope, deps);
    await calendarRoutes(scope, deps);
    await dossierRoutes(scope, deps);
    await backofficeRoutes(scope, deps);
    await deadlineRoutes(scope, deps);
    await logbookRoutes(scope, deps);
    await workflowAdminRoutes(scope, deps);
    await bulkPrintRoutes(scope, deps);
    await accessLogRoutes(scope, deps);
    await documentStoreRoutes(scope, deps);
    await submissionRoutes(scope, deps);
    await formAdminRoutes(scope, deps);
    await attachmentRoutes(scope, deps);
    await articleRoutes(scope, deps);
    await auditRoutes(scope, deps);
    await paymentRoutes(scope, deps);
    await deliveryRoutes(scope, deps);
    await statisticsRoutes(scope, deps);
    await documentRoutes(scope, deps, deps.signing);
    await reviewRoutes(scope, deps);
    await reportRoutes(scope, deps);
    await nationalPortalRoutes(scope, deps);
    await reorganisationRoutes(scope, deps);
  });
  return app;
}
