// The citizen's document store (kho dữ liệu): its public surface. The routes are registered from
// app.ts (routes.tsx), kept out of this index because they use the attachments module, which
// imports this one for the results a draft may reuse.
export { componentKindOf, resultFitsComponent, resultStatus, resultTitles, submittedValidity, VALIDITY_MONTHS, type ComponentKind, type ResultStatus, type SubmittedStatus } from './model';
export { documentStore, openStoredFile, openStoredResult, reusableResults, type ReusableResult, type StoreView } from './service';
