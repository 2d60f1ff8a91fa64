export * from './model';
export { overview, listView, openReview, saveList, requestRevision, approve, progress, competentUnits, type ReviewDeps, type Progress } from './service';
export { reviewRoutes } from './routes';
