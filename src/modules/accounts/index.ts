export { ROLES, ROLE_LABELS, OFFICER_ROLES, APPLICANT_ROLES, isOfficer, type Role } from './model';
export { allows, requireAction, requireUnitResource, canSeeUnitResource, ACTION_ROLES, type Action } from './policy';
export { loadActor, hashPassword, authenticate, register, applicantProfile, accountByIdNumber, type AccountsDeps } from './service';
export { insert as insertAccount, type NewAccount } from './store';
export { accountRoutes } from './routes';
export { identityLoa, verifiedAttributes } from './identity';
export { requireOrganisation } from './organisation';
export * from './representation';
