// The e-form engine: definitions as data, one validator for browser and server, rendering.
export {
  type AddressOptions,
  type AddressValue,
  type Answers,
  applyFormAction,
  answerLines,
  checkDefinition,
  CONTINUE_ACTION,
  type FieldDef,
  type FieldKind,
  FIELD_KINDS,
  type FormAction,
  type FormDefinition,
  KIND_LABELS,
  parseDateInput,
  parseFormAction,
  parseFormBody,
  prefill,
  type Profile,
  toJsonSchema,
  type JsonSchema,
  type ValidationContext,
  validateAnswers,
} from './model';
export { AnswersSummary, FormFields, type AnswersSummaryProps, type FormFieldsProps, type VerifiedValues } from './render';
export { generalRequestForm, khaiSinh, thuongTru } from './definitions';
export { currentForm, formVersion, addressOptions, saveForm, FormNotFound } from './service';
export { formAdminRoutes, parseDefinition } from './admin';
