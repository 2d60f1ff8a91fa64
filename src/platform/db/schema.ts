// Table types for Kysely, in camelCase (CamelCasePlugin maps them to snake_case).
// One interface per table; modules add theirs here together with their migration.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Tier = 'tinh' | 'huyen' | 'xa';
export type UnitKind =
  | 'ubnd_tinh'
  | 'van_phong'
  | 'ttpvhcc'
  | 'so'
  | 'cong_an_tinh'
  | 'ubnd_huyen'
  | 'phong'
  | 'bo_phan_mot_cua'
  | 'ubnd_xa'
  | 'cong_an_xa';
export type Role = 'citizen' | 'business' | 'counter' | 'specialist' | 'leader' | 'admin' | 'auditor';

export interface SchemaMigrationsTable {
  name: string;
  appliedAt: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: UnitKind;
  tier: Tier;
  parentId: string | null;
  eid: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  validFrom: string;
  validTo: string | null;
  createdAt: Generated<Date>;
}

export interface UnitSuccessionsTable {
  id: Generated<string>;
  predecessorId: string;
  successorId: string;
  effectiveDate: string;
  kind: 'merge' | 'split' | 'rename' | 'transfer';
  legalBasis: string | null;
  note: string | null;
}

export interface AccountsTable {
  id: Generated<string>;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  unitId: string | null;
  passwordHash: string;
  status: Generated<'active' | 'disabled'>;
  failedLogins: Generated<number>;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  passwordChangedAt: Generated<Date>;
  createdAt: Generated<Date>;
  idNumber: ColumnType<string | null, string | null | undefined, string | null>;
  birthDate: ColumnType<string | null, string | null | undefined, string | null>;
  address: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** 0018: the linked national electronic identity and what it vouched for. */
  identitySubject: ColumnType<string | null, string | null | undefined, string | null>;
  identityVerifiedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  identityLoa: ColumnType<number | null, number | null | undefined, number | null>;
  identityAttributes: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  taxCode: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  sid: string;
  accountId: string | null;
  data: Json<Record<string, unknown>>;
  expiresAt: Timestamp;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Timestamp;
  actorId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AppSettingsTable {
  key: string;
  value: Json;
  updatedAt: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<string>;
  accountId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  title: string;
  body: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  lastError: string | null;
  providerId: string | null;
  createdAt: Generated<Date>;
  sentAt: Date | null;
}

export interface FieldsTable {
  code: string;
  name: string;
}

export interface ProceduresTable {
  id: Generated<string>;
  code: string;
  localCode: string | null;
  name: string;
  fieldCode: string;
  tier: Tier;
  legacyLevel: number;
  onlineLevel: 'toan_trinh' | 'mot_phan' | 'none';
  status: Generated<'draft' | 'published' | 'unpublished'>;
  ownerUnitId: string | null;
  record: Json<Record<string, unknown>>;
  version: Generated<number>;
  searchText: string;
  searchVector: ColumnType<string, never, never>;
  dossierCount: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ProcedureAgenciesTable {
  procedureId: string;
  role: 'competent' | 'authorised' | 'cooperating';
  unitId: string | null;
  unitKind: string | null;
  label: string;
}

export interface ProcedureVersionsTable {
  procedureId: string;
  version: number;
  record: Json<Record<string, unknown>>;
  status: string;
  changedBy: string | null;
  changedAt: Generated<Date>;
  summary: string;
}

export interface ProcedureTemplatesTable {
  id: Generated<string>;
  procedureId: string;
  componentCode: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: Generated<Date>;
}

export interface ArticlesTable {
  id: Generated<string>;
  slug: string;
  title: string;
  category: 'huong_dan' | 'tin_tuc' | 'hoi_dap';
  summary: string | null;
  bodyMd: string;
  status: Generated<'draft' | 'published'>;
  publishAt: Date | null;
  authorId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ArticleProceduresTable {
  articleId: string;
  procedureId: string;
}

export interface CalendarSchedulesTable {
  year: number;
  notice: string;
  daysOff: Json<{ date: string; reason: string }[]>;
  workingDays: Json<{ date: string; reason: string }[]>;
  replacesDefaults: Json<string[]>;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}

export type DossierState =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'RETURNED_FOR_COMPLETION'
  | 'REJECTED_AT_RECEPTION'
  | 'RECEIVED'
  | 'IN_PROCESSING'
  | 'SUPPLEMENT_REQUESTED'
  | 'CONSULTING'
  | 'AWAITING_APPROVAL'
  | 'RESULT_READY'
  | 'REFUSED'
  | 'WITHDRAWN'
  | 'CANCELLED'
  | 'DELIVERED';

export interface DossiersTable {
  id: Generated<string>;
  code: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  procedureVersion: number;
  formVersion: number | null;
  applicantId: string | null;
  submittedBy: string | null;
  channel: DossierChannel;
  state: DossierState;
  receivingUnitId: string;
  holderUnitId: string | null;
  applicantName: string;
  applicantPhone: string | null;
  applicantEmail: string | null;
  data: Json<Record<string, unknown>>;
  timeLimit: Json<Record<string, unknown>>;
  submittedAt: Timestamp;
  expectedDueAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  idempotencyKey: string | null;
  logbookSerial: ColumnType<number | null, number | null | undefined, number | null>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  workflow: ColumnType<unknown, string | null | undefined, string | null>;
  stepIndex: ColumnType<number | null, number | null | undefined, number | null>;
  assigneeId: ColumnType<string | null, string | null | undefined, string | null>;
  supplementCount: Generated<number>;
  pauses: ColumnType<{ start: string; end: string | null }[], string | undefined, string>;
  outcome: ColumnType<'result' | 'refusal' | null, 'result' | 'refusal' | null | undefined, 'result' | 'refusal' | null>;
  resultNumber: ColumnType<string | null, string | null | undefined, string | null>;
  decidedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  deliveredAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  delivery: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  rating: ColumnType<number | null, number | null | undefined, number | null>;
  ratingComment: ColumnType<string | null, string | null | undefined, string | null>;
  /** The legal due date, kept when an apology (Mẫu 04) moves dueAt; set by the first apology. */
  originalDueAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** How many times the appointment was moved by an apology. */
  lateCount: Generated<number>;
  /** Payments (0012): the fee due in integer đồng, frozen at the first payment attempt; when it was paid. */
  feeAmount: ColumnType<number | null, number | null | undefined, number | null>;
  feePaidAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Delivery (0016): the applicant's choice to receive the result by post (delivery/model.ts DeliveryChoice). */
  deliveryAddress: ColumnType<unknown, string | null | undefined, string | null>;
  /** 0021: submitted by someone acting for the applicant (schema.ts ActingFor). */
  actingFor: ColumnType<ActingFor | null, string | null | undefined, string | null>;
  /** Statistics facts (0017), kept by triggers on the dossier's files, documents, events and steps: never written by code. */
  hasFiles: Generated<boolean>;
  hasResultDocument: Generated<boolean>;
  hasReceivedEvent: Generated<boolean>;
  hasDecisionEvent: Generated<boolean>;
  hasDeliveredEvent: Generated<boolean>;
  withdrawnCancelledAt: ColumnType<Date | null, never, never>;
  lateStepDueAt: ColumnType<Date | null, never, never>;
  /** Whether the applicant had given documents in an earlier dossier (0026, kept by triggers). */
  reusePossible: ColumnType<boolean, never, never>;
}

/** One at-risk summary sent to a unit's leaders per day (Vietnam). */
export interface DeadlineDigestsTable {
  unitId: string;
  day: string;
  dossierCount: number;
  stepCount: number;
  createdAt: Generated<Date>;
}

export interface WorkflowsTable {
  procedureCode: string;
  version: number;
  steps: Json<unknown>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface DossierRequestsTable {
  id: Generated<string>;
  dossierId: string;
  kind: 'completion' | 'supplement';
  round: number;
  items: Json<unknown>;
  note: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  answeredAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DossierHandoversTable {
  id: Generated<number>;
  dossierId: string;
  stepKey: string;
  stepName: string;
  unitId: string;
  role: string;
  startedAt: Date;
  dueAt: Date | null;
  finishedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  finishedBy: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: ColumnType<'early' | 'on_time' | 'late' | null, 'early' | 'on_time' | 'late' | null | undefined, 'early' | 'on_time' | 'late' | null>;
  /** The specialist who took the dossier at this step (0019). */
  assigneeId: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossierId: string;
  at: Generated<Date>;
  actorId: string | null;
  actorRole: string | null;
  type: string;
  fromState: string | null;
  toState: string | null;
  publicNote: string | null;
  isPublic: Generated<boolean>;
  detail: Json<Record<string, unknown>>;
}

export interface DossierCodeSerialsTable {
  prefix: string;
  day: string;
  last: number;
}

export interface DB {
  schemaMigrations: SchemaMigrationsTable;
  units: UnitsTable;
  unitSuccessions: UnitSuccessionsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  appSettings: AppSettingsTable;
  notifications: NotificationsTable;
  fields: FieldsTable;
  calendarSchedules: CalendarSchedulesTable;
  dossiers: DossiersTable;
  dossierEvents: DossierEventsTable;
  dossierCodeSerials: DossierCodeSerialsTable;
  reorganisations: ReorganisationsTable;
  procedures: ProceduresTable;
  procedureAgencies: ProcedureAgenciesTable;
  procedureVersions: ProcedureVersionsTable;
  procedureTemplates: ProcedureTemplatesTable;
  articles: ArticlesTable;
  articleProcedures: ArticleProceduresTable;
  formDefinitions: FormDefinitionsTable;
  drafts: DraftsTable;
  draftFiles: DraftFilesTable;
  dossierFiles: DossierFilesTable;
  dossierDocuments: DossierDocumentsTable;
  workflows: WorkflowsTable;
  dossierRequests: DossierRequestsTable;
  dossierHandovers: DossierHandoversTable;
  deadlineDigests: DeadlineDigestsTable;
  issuedDocuments: IssuedDocumentsTable;
  reviews: ReviewsTable;
  reviewLists: ReviewListsTable;
  reviewItems: ReviewItemsTable;
  reviewEvents: ReviewEventsTable;
  payments: PaymentsTable;
  paymentEvents: PaymentEventsTable;
  paymentRefunds: PaymentRefundsTable;
  paymentReconciliations: PaymentReconciliationsTable;
  shipments: ShipmentsTable;
  nationalPortalOutbox: NationalPortalOutboxTable;
  nationalPortalNonces: NationalPortalNoncesTable;
  nationalPortalStreams: NationalPortalStreamsTable;
  shipmentEvents: ShipmentEventsTable;
  dossierAccessLog: DossierAccessLogTable;
  organisationStaff: OrganisationStaffTable;
  reportRuns: ReportRunsTable;
}

// Long reports as background jobs (0023_report_runs.sql).
export interface ReportRunsTable {
  id: Generated<string>;
  report: 'statistics' | 'indicators';
  paramsKey: string;
  params: Json<Record<string, string>>;
  requestedAt: Date;
  dataVersion: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  unitsDone: Generated<number>;
  unitsTotal: number;
  result: Json<Record<string, unknown>> | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  finishedAt: Date | null;
}

// The national public-service portal link (0020_national_portal.sql); rows are written by triggers.
export interface NationalPortalOutboxTable {
  id: Generated<number>;
  stream: string;
  seq: number;
  kind: 'dossier_event' | 'online_level';
  dossierId: string | null;
  dossierEventId: number | null;
  procedureId: string | null;
  procedureVersion: number | null;
  idempotencyKey: string;
  state: Generated<'waiting' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Date>;
  lockedUntil: Date | null;
  lastError: string | null;
  ackId: string | null;
  createdAt: Generated<Date>;
  sentAt: Date | null;
}

export interface NationalPortalStreamsTable {
  stream: string;
  lastSeq: number;
}

export interface NationalPortalNoncesTable {
  nonce: string;
  seenAt: Generated<Date>;
}

// Delivery by the public postal service (0016_delivery.sql).
export type ShipmentState = 'pending' | 'accepted' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'returned' | 'cancelled';

export interface ShipmentsTable {
  id: Generated<string>;
  dossierId: string;
  direction: 'outbound' | 'inbound';
  recipientName: string;
  recipientPhone: string | null;
  address: Json<Record<string, unknown>>;
  trackingNumber: ColumnType<string | null, string | null | undefined, string | null>;
  postage: ColumnType<number | null, number | null | undefined, number | null>;
  state: ShipmentState;
  returnReason: ColumnType<string | null, string | null | undefined, string | null>;
  idempotencyKey: string;
  orderedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  attempts: Generated<number>;
  lastError: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ShipmentEventsTable {
  id: Generated<number>;
  shipmentId: string;
  eventId: string;
  status: string;
  at: Timestamp;
  receivedAt: Generated<Date>;
  reason: string | null;
  location: string | null;
  applied: boolean;
}

// Payments (0012_payments.sql). bigint columns come back as numbers (see the money parsing in connect.ts).
export type PaymentState = 'created' | 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'expired' | 'refunded' | 'partly_refunded';

export interface PaymentsTable {
  id: Generated<string>;
  dossierId: string;
  gateway: Generated<string>;
  txnRef: string;
  amount: ColumnType<number, number, number>;
  refundedAmount: ColumnType<number, number | undefined, number>;
  state: PaymentState;
  orderInfo: string;
  payerId: string | null;
  payerIp: string;
  createDate: string;
  expiresAt: Date;
  bankCode: string | null;
  gatewayTxnNo: ColumnType<string | null, string | null | undefined, string | null>;
  bankTxnNo: ColumnType<string | null, string | null | undefined, string | null>;
  cardType: ColumnType<string | null, string | null | undefined, string | null>;
  responseCode: ColumnType<string | null, string | null | undefined, string | null>;
  paidAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  receiptNumber: ColumnType<string | null, string | null | undefined, string | null>;
  refundDue: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  /** 0024: the fee (with any postage) or the postage alone; the part of `amount` that is postage. */
  purpose: ColumnType<'fee' | 'postage', 'fee' | 'postage' | undefined, 'fee' | 'postage'>;
  postage: ColumnType<number, number | undefined, number>;
}

export interface PaymentEventsTable {
  id: Generated<number>;
  paymentId: string;
  at: Generated<Date>;
  type: string;
  fromState: string | null;
  toState: string | null;
  source: string;
  actorId: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface PaymentRefundsTable {
  id: Generated<string>;
  paymentId: string;
  requestId: string;
  amount: number;
  kind: 'full' | 'partial';
  reason: string;
  state: 'approved' | 'succeeded' | 'failed';
  approvedBy: string;
  approvedByName: string;
  responseCode: ColumnType<string | null, string | null | undefined, string | null>;
  gatewayTxnNo: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: Generated<Date>;
  decidedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PaymentReconciliationsTable {
  id: Generated<string>;
  day: string;
  ranAt: Generated<Date>;
  gatewayCount: number;
  ledgerCount: number;
  differences: Json<unknown[]>;
  ok: boolean;
}

export interface DossierDocumentsTable {
  id: Generated<string>;
  dossierId: string;
  kind: 'mau01' | 'mau02' | 'mau03' | 'mau04' | 'mau05' | 'result';
  sha256: string;
  fileName: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface FormDefinitionsTable {
  id: Generated<string>;
  procedureCode: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export type DraftStep = 'form' | 'files' | 'review';

export interface DraftsTable {
  id: Generated<string>;
  accountId: string;
  procedureCode: string;
  formVersion: number | null;
  receivingUnitId: string | null;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  step: ColumnType<DraftStep, DraftStep | undefined, DraftStep>;
  idempotencyKey: Generated<string>;
  channel: ColumnType<DraftChannel, DraftChannel | undefined, DraftChannel>;
  onBehalf: ColumnType<OnBehalf | null, string | null | undefined, string | null>;
  actingFor: ColumnType<ActingFor | null, string | null | undefined, string | null>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type DraftChannel = 'online' | 'counter' | 'post';
export type DossierChannel = DraftChannel | 'national_portal';

/** Who a dossier entered by the desk is for. */
export interface OnBehalf {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  /** The applicant's own account, when they have one. */
  accountId?: string;
}

/** 0021: in what capacity, and for whom, a dossier was submitted online by someone else. */
export type ActingFor =
  | { capacity: 'relative'; name: string; idNumber: string; relationship: string }
  | { capacity: 'authorised'; name: string; idNumber: string }
  | { capacity: 'staff'; submitterId: string; submitterName: string };

/** 0021: the people who may act for an organisation account. */
export interface OrganisationStaffTable {
  id: Generated<string>;
  organisationId: string;
  accountId: string;
  addedBy: string | null;
  addedAt: Generated<Date>;
  removedBy: ColumnType<string | null, string | null | undefined, string | null>;
  removedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DraftFilesTable {
  id: Generated<string>;
  draftId: string;
  componentIndex: number;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  reusedFrom: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0025: the signed result (issued_documents) this file was taken again from. */
  reusedDocumentId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: Generated<Date>;
}

export interface DossierFilesTable {
  id: Generated<string>;
  dossierId: string;
  componentIndex: number;
  componentName: string;
  round: Generated<number>;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  pages: number | null;
  uploadedBy: string | null;
  reusedFrom: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0025: the signed result (issued_documents) this file was taken again from. */
  reusedDocumentId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: Generated<Date>;
}

// The yearly review of online levels (modules/review, migration 0010_review.sql).
export type ReviewListState = 'draft' | 'submitted' | 'revision_requested' | 'approved';

export interface ReviewsTable {
  id: Generated<string>;
  year: number;
  asOf: string;
  openedBy: string | null;
  openedAt: Generated<Date>;
}

export interface ReviewListsTable {
  id: Generated<string>;
  reviewId: string;
  unitId: string;
  state: ColumnType<ReviewListState, ReviewListState | undefined, ReviewListState>;
  version: Generated<number>;
  revisionReason: string | null;
  updatedAt: Generated<Date>;
}

export interface ReviewItemsTable {
  id: Generated<string>;
  listId: string;
  position: number;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  legacyLevel: number;
  onlineLevel: 'toan_trinh' | 'mot_phan' | 'none';
  noFee: boolean;
  requiresPresence: boolean;
  requiresSiteInspection: boolean;
  feePayableOnline: boolean;
  resultDeliverableOnlineOrPost: boolean;
  proposal: 'eligible' | 'not_eligible' | null;
  reasonCode: string | null;
  explanation: string | null;
  flagged: Generated<boolean>;
  catalogueVersion: number | null;
}

export interface ReviewEventsTable {
  id: Generated<string>;
  reviewId: string;
  listId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  reason: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: Generated<Date>;
}

/** Signed documents issued with legal effect (migrations/0013_signatures.sql), verifiable by their public code. */
export interface IssuedDocumentsTable {
  id: Generated<string>;
  code: string;
  dossierId: string;
  kind: 'result' | 'receipt';
  issuerUnitId: string;
  issuerName: string;
  procedureCode: string;
  procedureName: string;
  number: string | null;
  issuedAt: Timestamp;
  sha256: string;
  size: number;
  certificateSha256: string;
  signerSubject: string;
  issuedBy: string | null;
  revokedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revokedReason: string | null;
  revokedBy: string | null;
}

// Who in the administration opened a dossier (0025_access_log_document_store.sql); append-only.
export interface DossierAccessLogTable {
  id: Generated<number>;
  dossierId: string;
  at: Generated<Date>;
  accountId: string;
  accountName: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
  kind: 'page' | 'file' | 'document' | 'print';
  item: string;
}

/** 0022: every applied reorganisation (modules/reorganisation): the mapping and the counts of what moved. */
export interface ReorganisationsTable {
  id: Generated<string>;
  effectiveDate: string;
  title: string;
  digest: string;
  mapping: Json<Record<string, unknown>>;
  summary: Json<Record<string, number>>;
  appliedBy: string | null;
  appliedAt: Generated<Date>;
}
