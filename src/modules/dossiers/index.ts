export * from './model';
export { submit, submittedWithKey, draftsOf, withdraw, track, mine, receivingUnitsFor, receivingUnitsAmong, type DossierDeps, type SubmitInput, type TrackingView } from './service';
export { dossierRoutes } from './routes';
export { backofficeRoutes } from './backoffice-routes';
export { saveWorkflow, workflowOf } from './backoffice';
export { deadlineRoutes } from './deadlines-routes';
export { AT_RISK_QUEUE, atRiskDigest, defineDeadlineQueues, issueApology, lateSteps, startDeadlineWorker, type DeadlineDeps, type UnitLateness } from './deadlines-service';
