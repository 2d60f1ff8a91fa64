export { submissionRoutes } from './routes';
export { myDrafts, uploadSlots, type SubmissionDeps } from './service';
export { draftPath } from './pages';
