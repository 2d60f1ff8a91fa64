export { submissionRoutes } from './routes';
export { myDrafts, uploadSlots, filledByForm, type SubmissionDeps } from './service';
export { draftPath } from './pages';
