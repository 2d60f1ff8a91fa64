export type { Unit, Succession, TreeNode, Tier, UnitKind } from './model';
export { TIER_LABELS, KIND_LABELS, TWO_TIER_DATE, isValidOn, checkOrgData, successorsOn } from './model';
export { orgOn, unitScope, findUnitByCode, findUnitById, unitsOn, type OrgDeps } from './service';
export { insertUnits, insertSuccessions, type NewUnit, type NewSuccession } from './store';
export { orgRoutes } from './routes';
export { AgencyPage } from './pages';
