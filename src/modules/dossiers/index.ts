export * from './model';
export { NATIONAL_PORTAL_ACCOUNT_ID, submit, submittedWithKey, draftsOf, withdraw, track, mine, receivingUnitsFor, receivingUnitsAmong, type DossierDeps, type SubmitInput, type TrackingView } from './service';
export { dossierRoutes } from './routes';
export { backofficeRoutes } from './backoffice-routes';
export { saveWorkflow, workflowOf } from './backoffice';
export { dossierForOfficer, officerScope } from './backoffice';
// the delivery module writes the postal service's progress on the dossier's timeline
export { addEvent as addDossierEvent } from './store';
export { deadlineRoutes } from './deadlines-routes';
export { AT_RISK_QUEUE, atRiskDigest, defineDeadlineQueues, issueApology, lateSteps, startDeadlineWorker, type DeadlineDeps, type UnitLateness } from './deadlines-service';
