export * from './model';
export { describeFee, describeTime } from './describe';
export { saveProcedure, saveProcedureIn, setPublished, importCatalogue, publishedProcedure, search, listFields, mostUsed, allProcedures, SYSTEM_ACTOR, blankProcedure, type CatalogueDeps } from './service';
export { catalogueRoutes } from './routes';
export { ProcedureCards, LevelTag } from './pages';
export type { SearchHit, ProcedureRow } from './store';
