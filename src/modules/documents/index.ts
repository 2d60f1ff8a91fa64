export { issueSignedResult, issuedFor, publicFacts, checkUpload, revoke, mayRevoke, type DocumentDeps, type IssueInput, type Issued, type PublicFacts, type UploadCheck } from './service';
export { documentRoutes } from './routes';
export { CODE_PATTERN, KIND_LABELS, VERDICT_TITLES, verifyUrl, type DocumentKind, type Verdict } from './model';
export { DocumentNotFound, SigningFailed } from './errors';
