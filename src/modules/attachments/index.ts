// The attachments module's public surface: routes, the slots component, and what the
// submission code needs (checks, preparation before the transaction, the move inside it).
export {
  acceptedKinds,
  ATTACHMENT_KINDS,
  checkDraftFiles,
  contentDisposition,
  DEFAULT_LIMITS,
  describeKinds,
  formatFileSize,
  slotField,
  toSlots,
  type AttachmentKind,
  type AttachmentSlot,
  type DraftFile,
  type Limits,
} from './model';
export {
  acceptFile,
  draftAttachments,
  dossierFiles,
  filesOfDraft,
  mergeComponentFiles,
  moveDraftFilesToDossier,
  prepareSubmissionFiles,
  recordDossierFiles,
  reusableForDraft,
  vetFile,
  type AttachmentDeps,
  type IncomingFile,
  type VettedFile,
  type PreparedFile,
  type PreparedFiles,
} from './service';
export type { DossierFile, ReusableFile } from './store';
export { AttachmentRefused, AttachmentsChanged, DraftNotFound as AttachmentDraftNotFound } from './errors';
export { attachmentDeps, attachmentRoutes, filesStepPath, sendFile, takeAttachmentErrors, type AttachmentRouteDeps } from './routes';
export { AttachmentSlots, draftFilePath, draftFilesPath, type AttachmentSlotsProps } from './components';
export { cleanUpPartialUploads, partialUploadsDir, PARTIAL_UPLOAD_TTL_MS, TUS_PATH } from './tus';
