// The one place that says who may do what. Routes declare an action (config.access);
// services call require() again with the resource, so a second route to the same data
// cannot skip the check.
import type { Actor } from '../../platform/http/context';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { Role } from './model';

const ALL_OFFICERS: Role[] = ['counter', 'specialist', 'leader', 'admin', 'auditor'];

/** Actions by the roles that may attempt them; resource checks come on top. */
export const ACTION_ROLES = {
  'backoffice.view': ALL_OFFICERS,
  'org.manage': ['admin'],
  'catalogue.manage': ['admin'],
  'calendar.manage': ['admin'],
  'accounts.manage': ['admin'],
  'articles.manage': ['admin'],
  'audit.view': ['auditor', 'admin'],
  'applicant.dossiers': ['citizen', 'business'],
  // an organisation's staff (accounts/organisation.ts): the organisation's own login manages them
  // and sees its dossiers with them; a citizen on the staff chooses to act for it (checked there)
  'organisation.manage': ['business'],
  // "Hồ sơ của tổ chức": the organisation's login, or a member acting for it (whose actor is the organisation)
  'organisation.dossiers': ['business'],
  'organisation.act': ['citizen', 'business'],
  // the pages of a draft: applicants for themselves, the desk for an applicant at the counter or by post
  'dossier.draft': ['citizen', 'business', 'counter'],
  'dossier.receive': ['counter'],
  // the back office: queues and dossier pages; each move is checked again against MOVERS
  'dossier.work': ['counter', 'specialist', 'leader'],
  // Mẫu 06, the unit's logbook
  'logbook.view': ['counter', 'leader'],
  // online fee payments: officers see their units' payments; leaders approve refunds; reconciliation reports
  'payment.view': ['counter', 'leader'],
  'payment.refund': ['leader'],
  'payment.reconcile': ['leader', 'auditor'],
  // dossier statistics and the QĐ 766 indicators: leaders for their units, auditors and administrators for the province
  'reports.view': ['leader', 'auditor', 'admin'],
  // revoking a signed result: a leader, and only of the unit that issued it (documents/service.ts)
  'document.revoke': ['leader'],
  // the yearly review of online levels: the province office opens it and decides on each unit's
  // list, a unit's administrators fill in their own list (the service checks the unit)
  'review.manage': ['admin'],
  'review.fill': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;

export function isAction(name: string): name is Action {
  return Object.hasOwn(ACTION_ROLES, name);
}

export function allows(actor: Actor, action: string): boolean {
  if (!isAction(action)) return false;
  return (ACTION_ROLES[action] as readonly Role[]).includes(actor.role);
}

/** A resource that belongs to a unit of the organisation tree. */
export interface UnitScoped {
  unitId: string | null;
}

/**
 * Officers see what belongs to their own unit and the units below it. The scope is the
 * set of unit ids the caller computed for this actor (org's subtree query).
 */
export function canSeeUnitResource(actor: Actor, resource: UnitScoped, scope: ReadonlySet<string>): boolean {
  if (actor.role === 'citizen' || actor.role === 'business') return false;
  return resource.unitId !== null && scope.has(resource.unitId);
}

/** Throws 403 for a wrong role and 404 for a resource outside the actor's units (no hint that it exists). */
export function requireAction(actor: Actor, action: Action): void {
  if (!allows(actor, action)) throw new ForbiddenError();
}

export function requireUnitResource(actor: Actor, action: Action, resource: UnitScoped, scope: ReadonlySet<string>): void {
  requireAction(actor, action);
  if (!canSeeUnitResource(actor, resource, scope)) throw new NotFoundError();
}
