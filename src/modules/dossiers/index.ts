export * from './model';
export { submit, submittedWithKey, draftsOf, withdraw, track, mine, receivingUnitsFor, type DossierDeps, type SubmitInput, type TrackingView } from './service';
export { dossierRoutes } from './routes';
export { backofficeRoutes } from './backoffice-routes';
export { saveWorkflow, workflowOf } from './backoffice';
