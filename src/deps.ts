// What routes receive from app.ts: the shared parts, never module internals.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config';
import type { Db } from './platform/db/connect';
import type { PageContext } from './platform/http/context';
import type { BlobStore } from './platform/storage';
import type { Jobs } from './platform/jobs';
import type { Signing } from './platform/signing';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Background jobs and the transactional outbox. */
  jobs: Jobs;
  /** Uploaded and generated files (content-addressed). */
  blobs: BlobStore;
  /** Signs the results the units issue (one per app: keys are cached inside). */
  signing: Signing;
  /** The context every page is rendered with (actor, CSRF token, flash message, assets). */
  page: (request: FastifyRequest, reply: FastifyReply) => PageContext;
}
