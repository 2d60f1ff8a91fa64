import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../db/schema';

/** The person making the request, as every service sees them. */
export interface Actor {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  unitId: string | null;
  ip: string;
  /** The person acting for this account: a staff member working for their organisation (0021). */
  agent?: { id: string; fullName: string };
}

/**
 * What a route declares about who may call it. Every route must have one; the app
 * refuses to start otherwise (platform/http/guard.ts).
 *  - 'public': anyone, signed in or not;
 *  - 'signed-in': any account;
 *  - an action name: the policy (accounts/policy.ts) decides from the actor's role.
 */
export type Access = 'public' | 'signed-in' | { action: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Routes that authenticate another way (signed webhooks) opt out of CSRF explicitly. */
    csrf?: false;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface Session {
    accountId?: string;
    flash?: string;
    /** When the session was authenticated; sessions older than a password change are refused. */
    authAt?: number;
    /** The organisation a staff member chose to act for (accounts/organisation.ts), checked on every request. */
    actingFor?: string;
  }
}

/**
 * The browser scripts a page may ask for (Layout's `scripts`): each is built by scripts/build-js.ts
 * from src/web/client/<name>-entry.ts into /static/build/<name>.js. A new entry is added here.
 */
export const CLIENT_SCRIPTS = ['forms', 'uploads', 'form-editor', 'report-progress'] as const;
export type ClientScript = (typeof CLIENT_SCRIPTS)[number];

/** The stylesheet's and the scripts' URLs, each with ?v=<content hash> for the year-long cache. */
export interface SiteAssets {
  css: string;
  js: Record<ClientScript, string>;
}

export interface PageContext {
  actor: Actor | null;
  path: string;
  siteName: string;
  flash: string | undefined;
  assets: SiteAssets;
  /** A CSRF token for forms on this page (made on first use). */
  csrfToken: () => string;
}

export interface SiteInfo {
  siteName: string;
  assets: SiteAssets;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, site: SiteInfo): PageContext {
  let flash: string | undefined;
  if (request.session?.flash) {
    flash = request.session.flash;
    request.session.flash = undefined;
  }
  let token: string | undefined;
  return {
    actor: request.actor,
    path: request.url.split('?')[0] ?? '/',
    siteName: site.siteName,
    flash,
    assets: site.assets,
    csrfToken: () => (token ??= reply.generateCsrf()),
  };
}
