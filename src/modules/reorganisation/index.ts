export { checkMapping, parseMapping, dayBefore, mappingDigest, COUNT_LABELS, type Mapping, type PlanCounts } from './model';
export { apply as applyReorganisation, dryRun as reorganisationDryRun, type Plan as ReorganisationPlan, type ApplyResult as ReorganisationResult } from './service';
export { reorganisationRoutes, defaultMappingText } from './routes';
export { REORG_PATH } from './pages';
