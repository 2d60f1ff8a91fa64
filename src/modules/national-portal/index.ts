export * from './model';
export { nationalPortalRoutes } from './routes';
export { nationalPortalDeps, startNationalPortalLink } from './wiring';
export { deliverDue, receiveDossier, resend, startNationalPortalWorker, type NationalPortalDeps, type NationalPortalWorker } from './service';
