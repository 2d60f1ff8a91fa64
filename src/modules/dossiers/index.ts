export * from './model';
export { submit, withdraw, track, mine, receivingUnitsFor, type DossierDeps, type SubmitInput, type TrackingView } from './service';
export { dossierRoutes } from './routes';
