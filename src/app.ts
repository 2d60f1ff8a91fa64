// Builds the Fastify app from its parts. main.ts and the tests build it the same way.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { AppDeps } from './deps';
import { accountRoutes, allows, loadActor } from './modules/accounts';
import { articleRoutes } from './modules/articles';
import { auditRoutes } from './modules/audit/routes';
import { orgRoutes } from './modules/org';
import { catalogueRoutes } from './modules/catalogue';
import { calendarRoutes } from './modules/calendar';
import { dossierRoutes } from './modules/dossiers';
import { portalRoutes } from './modules/portal/routes';
import type { Db } from './platform/db/connect';
import { registerHttpPlatform, renderer } from './platform/http';
import { validatorCompiler } from './platform/http/validation';
import { loggerOptions } from './platform/log';
import { DiskBlobStore } from './platform/storage';
import path from 'node:path';

/** Files live under DATA_DIR/files (an S3-compatible store is the production alternative). */
export function blobsFor(config: Config): DiskBlobStore {
  return new DiskBlobStore(path.join(config.dataDir, 'files'));
}

export interface BuildOptions {
  config: Config;
  db: Db;
  /** Tests pass false to keep their output clean. */
  logger?: boolean;
}

export async function buildApp({ config, db, logger = true }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? loggerOptions(config) : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // ids of requests are random so logs of several processes never collide
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
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
    loadActor: (id, ip) => loadActor({ db }, id, ip),
    allows,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  const deps: AppDeps = { config, db, blobs: blobsFor(config), page: renderer(site) };
  const accounts = { db, lockout: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes } };

  await app.register(async (scope) => {
    await portalRoutes(scope, deps);
    await accountRoutes(scope, { ...deps, accounts });
    await orgRoutes(scope, deps);
    await catalogueRoutes(scope, deps);
    await calendarRoutes(scope, deps);
    await dossierRoutes(scope, deps);
    await articleRoutes(scope, deps);
    await auditRoutes(scope, deps);
  });
  return app;
}
