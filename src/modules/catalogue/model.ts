// The procedure catalogue as pure data and rules: the complete public record of an
// administrative procedure (thủ tục hành chính) as the national TTHC database publishes it,
// its validation, the online-level rules of DOMAIN.md §2 and the fee arithmetic.
// No I/O here: the store keeps a `Procedure` as JSON and indexes a few of its fields.
import type { Tier as OrgTier, UnitKind as OrgUnitKind } from '../org';

// ---------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------

/** National procedure code, e.g. 1.001193 (DOMAIN.md §10). */
export const CODE_PATTERN = /^\d\.\d{6}$/;

export const TIERS = ['tinh', 'huyen', 'xa'] as const;
export type Tier = (typeof TIERS)[number];

/** The district tier was abolished on this date (Nghị quyết 202/2025/QH15). */
export const DISTRICT_TIER_END = '2025-06-30';

/** Kinds of unit in the organisation tree; an agency may be named by kind ("UBND cấp xã"). */
export const UNIT_KINDS = [
  'ubnd_tinh',
  'van_phong',
  'ttpvhcc',
  'so',
  'cong_an_tinh',
  'ubnd_huyen',
  'phong',
  'bo_phan_mot_cua',
  'ubnd_xa',
  'cong_an_xa',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

// Compile-time guard: these lists must stay the same as the organisation module's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const unitKindsMatchOrg: Same<UnitKind, OrgUnitKind> = true;
const tiersMatchOrg: Same<Tier, OrgTier> = true;
void unitKindsMatchOrg;
void tiersMatchOrg;

export const CHANNEL_KINDS = ['truc_tiep', 'truc_tuyen', 'buu_chinh'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const COMPONENT_FORMS = ['ban_chinh', 'ban_sao_chung_thuc', 'ban_chup', 'ban_chinh_hoac_ban_sao'] as const;
export type ComponentForm = (typeof COMPONENT_FORMS)[number];

export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const FEE_KINDS = ['le_phi', 'phi'] as const;
/** Lệ phí is a state charge; phí is a service fee. */
export type FeeKind = (typeof FEE_KINDS)[number];

export const APPLICANT_KINDS = [
  'cong_dan',
  'nguoi_vn_o_nuoc_ngoai',
  'nguoi_nuoc_ngoai',
  'to_chuc',
  'doanh_nghiep',
  'hop_tac_xa',
  'co_quan_nha_nuoc',
] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const ONLINE_LEVELS = ['toan_trinh', 'mot_phan', 'none'] as const;
/** NĐ 42/2022: toàn trình / một phần; `none` = not an online service (legacy levels 1–2). */
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
/** NĐ 43/2011 levels 1–4. */
export type LegacyLevel = 1 | 2 | 3 | 4;

export const CONFIDENCE_TAGS = ['C', 'S', 'U'] as const;
/** DOMAIN.md tags: C confirmed, S one secondary source, U unconfirmed. */
export type ConfidenceTag = (typeof CONFIDENCE_TAGS)[number];

/**
 * Applicant categories named by fee exemptions and reductions. Free text is allowed in the
 * data; these are the ones the demo data and forms use.
 */
export const APPLICANT_CATEGORIES: Record<string, string> = {
  nguoi_co_cong: 'Người thuộc gia đình có công với cách mạng',
  than_nhan_liet_si: 'Thân nhân liệt sĩ',
  ho_ngheo: 'Người thuộc hộ nghèo',
  nguoi_khuyet_tat: 'Người khuyết tật',
  tre_em: 'Trẻ em',
  nguoi_cao_tuoi: 'Người cao tuổi',
  sinh_vien: 'Sinh viên',
  xa_dbkk: 'Người cư trú tại xã đặc biệt khó khăn, xã biên giới, xã an toàn khu',
  dan_toc_thieu_so: 'Đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn',
  ho_hang_nuoi_con_nuoi: 'Cha dượng, mẹ kế, cô, cậu, dì, chú, bác ruột nhận con nuôi',
};

// ---------------------------------------------------------------------------------------
// Labels for pages (Vietnamese)
// ---------------------------------------------------------------------------------------

export const TIER_LABELS: Record<Tier, string> = { tinh: 'Cấp tỉnh', huyen: 'Cấp huyện', xa: 'Cấp xã' };
export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  truc_tiep: 'Trực tiếp',
  truc_tuyen: 'Trực tuyến',
  buu_chinh: 'Dịch vụ bưu chính',
};
export const COMPONENT_FORM_LABELS: Record<ComponentForm, string> = {
  ban_chinh: 'Bản chính',
  ban_sao_chung_thuc: 'Bản sao có chứng thực',
  ban_chup: 'Bản chụp',
  ban_chinh_hoac_ban_sao: 'Bản chính hoặc bản sao',
};
export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  same_day: 'trong ngày',
};
export const FEE_KIND_LABELS: Record<FeeKind, string> = { le_phi: 'Lệ phí', phi: 'Phí' };
export const APPLICANT_KIND_LABELS: Record<ApplicantKind, string> = {
  cong_dan: 'Công dân Việt Nam',
  nguoi_vn_o_nuoc_ngoai: 'Người Việt Nam định cư ở nước ngoài',
  nguoi_nuoc_ngoai: 'Người nước ngoài',
  to_chuc: 'Tổ chức (không bao gồm doanh nghiệp, hợp tác xã)',
  doanh_nghiep: 'Doanh nghiệp',
  hop_tac_xa: 'Hợp tác xã',
  co_quan_nha_nuoc: 'Cơ quan nhà nước',
};
export const ONLINE_LEVEL_LABELS: Record<OnlineLevel, string> = {
  toan_trinh: 'Toàn trình',
  mot_phan: 'Một phần',
  none: 'Không cung cấp trực tuyến',
};

/** Procedure types as the national database shows them; the record keeps free text. */
export const PROCEDURE_TYPES = [
  'TTHC được luật giao quy định chi tiết',
  'TTHC không được luật giao quy định chi tiết',
  'TTHC đặc thù của địa phương',
] as const;

// ---------------------------------------------------------------------------------------
// The record
// ---------------------------------------------------------------------------------------

/** Lĩnh vực. `code` is a stable slug (the `fields` table checks ^[a-z0-9][a-z0-9-]{1,62}$). */
export interface Field {
  code: string;
  name: string;
}

/**
 * Who does something for a procedure: one unit of the organisation tree, or every unit of a
 * kind ("UBND cấp xã" applies to every commune). `label` on a unit reference is optional
 * display text; the unit's own name wins when the unit is found.
 */
export type AgencyRef = { unitCode: string; label?: string } | { unitKind: UnitKind; label: string };

export interface Agencies {
  /** Cơ quan có thẩm quyền quyết định. */
  competent: AgencyRef[];
  /** Cơ quan được ủy quyền, phân cấp thực hiện. */
  authorised: AgencyRef[];
  /** Cơ quan phối hợp. */
  cooperating: AgencyRef[];
}

/** One period in which the procedure belonged to a tier (dates inclusive, YYYY-MM-DD). */
export interface TierPeriod {
  tier: Tier;
  validFrom: string;
  validTo?: string;
  /** Who handled it in this period, when that differs from the record's current `agencies`. */
  agencies?: Agencies;
}

export interface TimeLimit {
  /** For `same_day` the amount is 1. */
  amount: number;
  unit: TimeUnit;
  /** Requests received after this time (HH:mm) count from the next working day. */
  cutoff?: string;
  /** Longer limit allowed in stated cases (verification, remote communes…). */
  extension?: { amount: number; unit: TimeUnit; when: string };
  note?: string;
}

export interface Channel {
  kind: ChannelKind;
  /** Where it differs from the procedure's `processingTime`. */
  timeLimit?: TimeLimit;
  /** Where the fee differs by channel; the amounts themselves are in `fees` (rule.channels). */
  feeNote?: string;
  description: string;
}

/** A component that the online e-form itself fills (the tờ khai or đơn): no upload is needed for it. */
export function filledByForm(c: Pick<DossierComponent, 'name'>): boolean {
  return /^(tờ khai|đơn|phiếu đề nghị|văn bản đề nghị)/iu.test(c.name.trim());
}

/**
 * The one component the e-form stands for: the first required tờ khai/đơn, else the first
 * optional one (an alternative tờ khai, such as CT02 beside CT01, is not filled by the e-form).
 */
export function formComponentIndex(components: readonly Pick<DossierComponent, 'name' | 'required'>[]): number | undefined {
  const i = components.findIndex((c) => c.required && filledByForm(c));
  if (i >= 0) return i;
  const j = components.findIndex((c) => filledByForm(c));
  return j >= 0 ? j : undefined;
}

export interface DossierComponent {
  /** Stable within the procedure; dossiers refer to components by this code. */
  code: string;
  name: string;
  form: ComponentForm;
  quantity: number;
  required: boolean;
  note?: string;
  /** File name of the blank form (mẫu đơn, tờ khai) in procedure_templates, if any. */
  templateFile?: string;
}

interface FeeRuleBase {
  kind: FeeKind;
  label: string;
  /** The amount is set by the provincial People's Council (HĐND tỉnh). */
  setByProvince: boolean;
  /** The rule applies only to these channels; absent = every channel. */
  channels?: ChannelKind[];
  /** The rule applies only to this case (e.g. 'dang_ky_tre_han'); absent = every case. */
  variant?: string;
  legalBasis?: string;
}

/** A lower amount for some applicant categories (e.g. students pay 100.000 đ instead of 200.000 đ). */
export interface FeeReduction {
  categories: string[];
  amount: number;
  description: string;
}

export type FeeRule =
  | (FeeRuleBase & { type: 'fixed'; amount: number; reductions?: FeeReduction[] })
  | (FeeRuleBase & { type: 'per_copy'; amountPerCopy: number; reductions?: FeeReduction[] })
  | (FeeRuleBase & {
      type: 'per_page';
      /** How many pages are charged at `firstPagesPrice` (e.g. pages 1–2). */
      firstPages: number;
      firstPagesPrice: number;
      laterPagesPrice: number;
      /** Maximum per copy. */
      capPerCopy: number;
    })
  /** Amount decided by the province and not yet entered: shown as "theo mức HĐND tỉnh". */
  | (FeeRuleBase & { type: 'by_resolution'; note?: string })
  /** Applicants of these categories pay nothing of the listed kinds (default: every kind). */
  | (FeeRuleBase & { type: 'exemption'; categories: string[]; description: string; exempts?: FeeKind[] });

export interface Applicant {
  kind: ApplicantKind;
  text?: string;
}

export interface LegalDoc {
  /** Document number as published, e.g. '123/2015/NĐ-CP'. */
  number: string;
  title: string;
  date?: string;
}

export interface PublicationDecision {
  number: string;
  date?: string;
  issuer?: string;
}

/** The four conditions of DOMAIN.md §2.4 for toàn trình. */
export interface OnlineFlags {
  requiresPresence: boolean;
  requiresSiteInspection: boolean;
  feePayableOnline: boolean;
  resultDeliverableOnlineOrPost: boolean;
}

/** How sure the data is. `fields` maps a path ('fees', 'processingTime', 'code'…) to its tag. */
export interface Confidence {
  level: ConfidenceTag;
  fields?: Record<string, ConfidenceTag>;
  note?: string;
}

export interface Procedure extends OnlineFlags {
  code: string;
  /** Local implementation code, e.g. '1.001193.000.00.00.H37'. */
  localCode?: string;
  name: string;
  field: Field;
  tierHistory: TierPeriod[];
  procedureType: string;
  /** Trình tự thực hiện, in order. */
  steps: string[];
  channels: Channel[];
  components: DossierComponent[];
  /** Số bộ hồ sơ. */
  numberOfSets: number;
  processingTime: TimeLimit;
  fees: FeeRule[];
  applicants: Applicant[];
  agencies: Agencies;
  receivingAddress?: string;
  results: string[];
  /** Yêu cầu, điều kiện. */
  conditions: string[];
  legalBasis: LegalDoc[];
  publicationDecision?: PublicationDecision;
  relatedCodes: string[];
  legacyLevel: LegacyLevel;
  onlineLevel: OnlineLevel;
  /** Mandatory when the procedure is not eligible for toàn trình (Phụ lục IV). */
  ineligibleReason?: string;
  confidence?: Confidence;
}

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

export function isProcedureCode(value: string): boolean {
  return CODE_PATTERN.test(value);
}

/** True when no rule can make an applicant pay anything. */
export function isFree(rules: readonly FeeRule[]): boolean {
  return rules.every((r) => {
    switch (r.type) {
      case 'exemption':
        return true;
      case 'by_resolution':
        return false;
      case 'fixed':
        return r.amount === 0;
      case 'per_copy':
        return r.amountPerCopy === 0;
      case 'per_page':
        return r.firstPagesPrice === 0 && r.laterPagesPrice === 0;
    }
  });
}

/** True when some amount is left to the province and not entered (computeFee counts it as 0). */
export function hasUnpricedFee(rules: readonly FeeRule[]): boolean {
  return rules.some((r) => r.type === 'by_resolution');
}

/** Why a procedure is not toàn trình: one entry per condition of DOMAIN.md §2.3–2.4 it fails, with the field that says so. */
export interface LevelGap {
  field: 'legacyLevel' | 'requiresPresence' | 'requiresSiteInspection' | 'feePayableOnline' | 'resultDeliverableOnlineOrPost';
  reason: string;
}

/** What the online level depends on: the four conditions and what the fees say. */
export type LevelInputs = OnlineFlags & {
  legacyLevel: LegacyLevel;
  /** Nothing to pay: online payment does not matter. */
  noFee: boolean;
};

/**
 * The one rule for the online level (NĐ 42/2022 Điều 11; DOMAIN.md §2.3–2.4): levels 1–2 are not
 * online services; otherwise the procedure is toàn trình when its fee can be paid online (or it
 * has none), its result can go out online or by public post, and
 * nobody has to come in person or inspect a site, and level 3 (fees and results at the office
 * under NĐ 43/2011) stays một phần. Every condition that fails is named, for the page and for
 * the error an administrator gets when claiming more than the configuration supports.
 */
export function levelGaps(x: LevelInputs): { level: OnlineLevel; gaps: LevelGap[] } {
  if (x.legacyLevel <= 2) return { level: 'none', gaps: [{ field: 'legacyLevel', reason: `mức độ ${x.legacyLevel} chỉ cung cấp thông tin, biểu mẫu, chưa nhận hồ sơ trực tuyến` }] };
  const gaps: LevelGap[] = [];
  if (x.legacyLevel === 3) gaps.push({ field: 'legacyLevel', reason: 'mức độ 3: nộp phí và nhận kết quả tại cơ quan' });
  if (x.requiresPresence) gaps.push({ field: 'requiresPresence', reason: 'người yêu cầu phải có mặt trực tiếp' });
  if (x.requiresSiteInspection) gaps.push({ field: 'requiresSiteInspection', reason: 'phải kiểm tra, xác minh thực địa' });
  if (!x.noFee && !x.feePayableOnline) gaps.push({ field: 'feePayableOnline', reason: 'phí, lệ phí chưa nộp trực tuyến được' });
  if (!x.resultDeliverableOnlineOrPost) gaps.push({ field: 'resultDeliverableOnlineOrPost', reason: 'kết quả chưa trả trực tuyến hoặc qua bưu chính công ích được' });
  return { level: gaps.length === 0 ? 'toan_trinh' : 'mot_phan', gaps };
}

/** The online level a procedure's configuration supports, and why it is not toàn trình. */
export function onlineLevelOf(p: OnlineFlags & { legacyLevel: LegacyLevel; fees: readonly FeeRule[] }): { level: OnlineLevel; gaps: LevelGap[] } {
  return levelGaps({ ...p, noFee: isFree(p.fees) });
}

/**
 * DOMAIN.md §2.4 working rule: eligible for toàn trình when nobody has to come in person,
 * nobody has to inspect a site, any fee can be paid online, and the result can go out
 * online or by public post (whatever the legacy level says).
 */
export function isEligibleFullOnline(p: OnlineFlags & { fees: readonly FeeRule[] }): boolean {
  return onlineLevelOf({ ...p, legacyLevel: 4 }).level === 'toan_trinh';
}

/**
 * The new-model level for a legacy level (DOMAIN.md §2.3): 1–2 are not online services,
 * 3 is một phần, 4 is toàn trình only when the four conditions hold.
 * `noFee` stands for a procedure without any fee (so online payment does not matter).
 */
export function deriveOnlineLevel(legacy: LegacyLevel, flags: OnlineFlags & { noFee?: boolean }): OnlineLevel {
  return levelGaps({ ...flags, legacyLevel: legacy, noFee: flags.noFee === true }).level;
}

export function tierAt(p: Pick<Procedure, 'tierHistory'>, date: string): Tier | undefined {
  return periodAt(p, date)?.tier;
}

/** The tier period that held on a date. */
export function periodAt(p: Pick<Procedure, 'tierHistory'>, date: string): TierPeriod | undefined {
  return p.tierHistory.find((t) => t.validFrom <= date && (t.validTo === undefined || date <= t.validTo));
}

/** The tier of the latest period (what the store keeps in its `tier` column). */
export function latestTier(p: Pick<Procedure, 'tierHistory'>): Tier | undefined {
  let latest: TierPeriod | undefined;
  for (const t of p.tierHistory) if (!latest || t.validFrom > latest.validFrom) latest = t;
  return latest?.tier;
}

/** The agencies that handled the procedure on a date: the period's own, else the current ones. */
export function agenciesAt(p: Pick<Procedure, 'tierHistory' | 'agencies'>, date: string): Agencies | undefined {
  const period = periodAt(p, date);
  if (!period) return undefined;
  return period.agencies ?? p.agencies;
}

export interface FeeQuery {
  /** Number of copies requested (default 1). */
  copies?: number;
  /** Pages of the original, for per-page fees (default 1). */
  pages?: number;
  /** Applicant category, for exemptions and reductions (keys of APPLICANT_CATEGORIES). */
  category?: string;
  /** Submission channel (default 'truc_tiep'). */
  channel?: ChannelKind;
  /** The case, for rules that carry a `variant`. */
  variant?: string;
}

/**
 * The amount due in integer đồng. Rules restricted to other channels or variants do not
 * apply; an exemption matching the category zeroes the kinds it exempts; a reduction
 * matching the category replaces the amount. Per-page fees follow TT 226/2016/TT-BTC as
 * DOMAIN.md §10 item 7 gives them: first pages at one price, later pages at another,
 * capped per copy. `by_resolution` rules count as 0 (see hasUnpricedFee).
 */
export function computeFee(rules: readonly FeeRule[], query: FeeQuery = {}): number {
  const channel = query.channel ?? 'truc_tiep';
  const copies = wholeAtLeast(query.copies, 1, 0);
  const pages = wholeAtLeast(query.pages, 1, 1);
  const applies = (r: FeeRule) =>
    (r.channels === undefined || r.channels.includes(channel)) && (r.variant === undefined || r.variant === query.variant);

  const exempt = new Set<FeeKind>();
  if (query.category !== undefined) {
    for (const r of rules) {
      if (r.type === 'exemption' && applies(r) && r.categories.includes(query.category)) {
        for (const k of r.exempts ?? FEE_KINDS) exempt.add(k);
      }
    }
  }

  let total = 0;
  for (const r of rules) {
    if (!applies(r) || exempt.has(r.kind)) continue;
    switch (r.type) {
      case 'fixed':
        total += reduced(r.amount, r.reductions, query.category);
        break;
      case 'per_copy':
        total += reduced(r.amountPerCopy, r.reductions, query.category) * copies;
        break;
      case 'per_page':
        total += perPageCopy(r, pages) * copies;
        break;
      case 'by_resolution':
      case 'exemption':
        break;
    }
  }
  return total;
}

function perPageCopy(r: { firstPages: number; firstPagesPrice: number; laterPagesPrice: number; capPerCopy: number }, pages: number): number {
  const first = Math.min(pages, r.firstPages);
  const later = Math.max(0, pages - r.firstPages);
  return Math.min(r.capPerCopy, first * r.firstPagesPrice + later * r.laterPagesPrice);
}

function reduced(amount: number, reductions: readonly FeeReduction[] | undefined, category: string | undefined): number {
  if (category === undefined || !reductions) return amount;
  const match = reductions.find((x) => x.categories.includes(category));
  return match ? match.amount : amount;
}

function wholeAtLeast(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

export interface FieldError {
  /** Path of the offending value, e.g. 'components[2].name'. */
  field: string;
  /** Vietnamese, with diacritics, naming the problem. */
  message: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const UNIT_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const FIELD_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Upper bounds that catch typing slips (a limit of 300 working hours is meant as days). */
const TIME_LIMIT_MAX: Record<TimeUnit, number> = {
  working_days: 365,
  working_hours: 80,
  calendar_days: 730,
  same_day: 1,
};

export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/**
 * Every problem in a procedure record, each with the path of the value and a Vietnamese
 * message. An empty list means the record can be saved. Accepts anything (JSON from a form
 * or an import) and never throws.
 */
export function validateProcedure(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  if (!isRec(input)) {
    err('', 'Hồ sơ thủ tục phải là một đối tượng.');
    return errors;
  }
  const p = input;

  if (typeof p.code !== 'string' || !CODE_PATTERN.test(p.code)) {
    err('code', 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193.');
  }
  if (p.localCode !== undefined && !isText(p.localCode)) err('localCode', 'Mã thủ tục tại địa phương không được để trống khi đã khai.');
  if (!isText(p.name)) err('name', 'Tên thủ tục không được để trống.');
  else if (p.name.trim().length < 3 || p.name.length > 1000) err('name', 'Tên thủ tục phải dài từ 3 đến 1.000 ký tự.');

  if (!isRec(p.field)) err('field', 'Thiếu lĩnh vực của thủ tục.');
  else {
    if (typeof p.field.code !== 'string' || !FIELD_CODE_PATTERN.test(p.field.code)) {
      err('field.code', 'Mã lĩnh vực chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.');
    }
    if (!isText(p.field.name)) err('field.name', 'Tên lĩnh vực không được để trống.');
  }

  validateTierHistory(p.tierHistory, err);
  if (!isText(p.procedureType)) err('procedureType', 'Loại thủ tục không được để trống.');
  validateTextList(p.steps, 'steps', 'Trình tự thực hiện', true, err);

  validateTimeLimit(p.processingTime, 'processingTime', err);
  validateChannels(p.channels, err);
  validateComponents(p.components, p.legacyLevel, err);
  if (!isPosInt(p.numberOfSets) || p.numberOfSets > 20) err('numberOfSets', 'Số bộ hồ sơ phải là số nguyên từ 1 đến 20.');
  validateFees(p.fees, err);
  validateApplicants(p.applicants, err);
  validateAgencies(p.agencies, 'agencies', err);
  if (p.receivingAddress !== undefined && !isText(p.receivingAddress)) err('receivingAddress', 'Địa chỉ tiếp nhận không được để trống khi đã khai.');
  validateTextList(p.results, 'results', 'Kết quả thực hiện', true, err);
  validateTextList(p.conditions, 'conditions', 'Yêu cầu, điều kiện', false, err);
  validateLegalBasis(p.legalBasis, err);
  validatePublication(p.publicationDecision, err);
  validateRelated(p.relatedCodes, p.code, err);
  validateLevels(p, err);
  validateConfidence(p.confidence, err);
  return errors;
}

/** Narrows to a Procedure when valid; otherwise returns the errors. */
export function parseProcedure(input: unknown): { ok: true; value: Procedure } | { ok: false; errors: FieldError[] } {
  const errors = validateProcedure(input);
  return errors.length === 0 ? { ok: true, value: input as Procedure } : { ok: false, errors };
}

type Err = (field: string, message: string) => void;

function validateTierHistory(value: unknown, err: Err): void {
  if (!Array.isArray(value) || value.length === 0) {
    err('tierHistory', 'Phải có ít nhất một giai đoạn cấp thực hiện.');
    return;
  }
  const periods: { from: string; to: string | undefined; index: number }[] = [];
  value.forEach((t: unknown, i) => {
    const path = `tierHistory[${i}]`;
    if (!isRec(t)) {
      err(path, 'Giai đoạn cấp thực hiện không hợp lệ.');
      return;
    }
    if (!oneOf(TIERS, t.tier)) err(`${path}.tier`, 'Cấp thực hiện phải là cấp tỉnh, cấp huyện hoặc cấp xã.');
    const fromOk = isValidDate(t.validFrom);
    if (!fromOk) err(`${path}.validFrom`, 'Ngày bắt đầu phải là ngày hợp lệ dạng YYYY-MM-DD.');
    const toOk = t.validTo === undefined || isValidDate(t.validTo);
    if (!toOk) err(`${path}.validTo`, 'Ngày kết thúc phải là ngày hợp lệ dạng YYYY-MM-DD.');
    if (fromOk && toOk && typeof t.validTo === 'string' && t.validTo < (t.validFrom as string)) {
      err(`${path}.validTo`, 'Ngày kết thúc không được trước ngày bắt đầu.');
    }
    // The district tier ended on 30/6/2025 (NQ 202/2025/QH15).
    if (t.tier === 'huyen' && fromOk && (t.validTo === undefined || (typeof t.validTo === 'string' && t.validTo > DISTRICT_TIER_END))) {
      err(`${path}.validTo`, 'Cấp huyện chỉ còn hiệu lực đến hết ngày 30/6/2025; giai đoạn cấp huyện phải kết thúc muộn nhất ngày 2025-06-30.');
    }
    if (t.agencies !== undefined) validateAgencies(t.agencies, `${path}.agencies`, err);
    if (fromOk && toOk) periods.push({ from: t.validFrom as string, to: t.validTo as string | undefined, index: i });
  });
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (prev.to === undefined || prev.to >= cur.from) {
      err(`tierHistory[${cur.index}].validFrom`, 'Các giai đoạn cấp thực hiện không được chồng lên nhau.');
    }
  }
}

function validateTimeLimit(value: unknown, path: string, err: Err): void {
  if (!isRec(value)) {
    err(path, 'Thiếu thời hạn giải quyết.');
    return;
  }
  if (!oneOf(TIME_UNITS, value.unit)) {
    err(`${path}.unit`, 'Đơn vị thời hạn phải là ngày làm việc, giờ làm việc, ngày hoặc trong ngày.');
  } else if (!isPosInt(value.amount)) {
    err(`${path}.amount`, 'Thời hạn giải quyết phải là số nguyên dương.');
  } else if (value.unit === 'same_day' && value.amount !== 1) {
    err(`${path}.amount`, 'Thời hạn "trong ngày" phải ghi số lượng là 1.');
  } else if (value.amount > TIME_LIMIT_MAX[value.unit]) {
    err(`${path}.amount`, `Thời hạn quá dài: tối đa ${TIME_LIMIT_MAX[value.unit]} ${TIME_UNIT_LABELS[value.unit]}.`);
  }
  if (value.cutoff !== undefined && (typeof value.cutoff !== 'string' || !TIME_OF_DAY_PATTERN.test(value.cutoff))) {
    err(`${path}.cutoff`, 'Giờ chốt tiếp nhận phải có dạng HH:mm, ví dụ 15:00.');
  }
  if (value.extension !== undefined) {
    const x = value.extension;
    if (!isRec(x)) err(`${path}.extension`, 'Thời hạn kéo dài không hợp lệ.');
    else {
      if (!oneOf(TIME_UNITS, x.unit) || x.unit === 'same_day') err(`${path}.extension.unit`, 'Đơn vị của thời hạn kéo dài phải là ngày làm việc, giờ làm việc hoặc ngày.');
      else if (!isPosInt(x.amount) || x.amount > TIME_LIMIT_MAX[x.unit]) err(`${path}.extension.amount`, 'Thời hạn kéo dài phải là số nguyên dương hợp lý.');
      if (!isText(x.when)) err(`${path}.extension.when`, 'Phải nêu trường hợp được kéo dài thời hạn.');
    }
  }
  if (value.note !== undefined && typeof value.note !== 'string') err(`${path}.note`, 'Ghi chú thời hạn phải là văn bản.');
}

function validateChannels(value: unknown, err: Err): void {
  if (!Array.isArray(value) || value.length === 0) {
    err('channels', 'Phải có ít nhất một cách thức thực hiện.');
    return;
  }
  const seen = new Set<string>();
  value.forEach((c: unknown, i) => {
    const path = `channels[${i}]`;
    if (!isRec(c)) {
      err(path, 'Cách thức thực hiện không hợp lệ.');
      return;
    }
    if (!oneOf(CHANNEL_KINDS, c.kind)) err(`${path}.kind`, 'Cách thức phải là trực tiếp, trực tuyến hoặc dịch vụ bưu chính.');
    else if (seen.has(c.kind)) err(`${path}.kind`, `Cách thức "${CHANNEL_LABELS[c.kind]}" bị khai hai lần.`);
    else seen.add(c.kind);
    if (c.timeLimit !== undefined) validateTimeLimit(c.timeLimit, `${path}.timeLimit`, err);
    if (c.feeNote !== undefined && typeof c.feeNote !== 'string') err(`${path}.feeNote`, 'Ghi chú phí phải là văn bản.');
    if (!isText(c.description)) err(`${path}.description`, 'Mô tả cách thức thực hiện không được để trống.');
  });
}

function validateComponents(value: unknown, legacyLevel: unknown, err: Err): void {
  if (!Array.isArray(value)) {
    err('components', 'Thành phần hồ sơ phải là một danh sách.');
    return;
  }
  if (typeof legacyLevel === 'number' && legacyLevel >= 3 && value.length === 0) {
    err('components', 'Dịch vụ công trực tuyến mức độ 3, 4 phải có ít nhất một thành phần hồ sơ.');
  }
  const codes = new Set<string>();
  value.forEach((c: unknown, i) => {
    const path = `components[${i}]`;
    if (!isRec(c)) {
      err(path, 'Thành phần hồ sơ không hợp lệ.');
      return;
    }
    if (!isText(c.code)) err(`${path}.code`, 'Mã thành phần hồ sơ không được để trống.');
    else if (codes.has(c.code)) err(`${path}.code`, `Mã thành phần hồ sơ "${c.code}" bị trùng.`);
    else codes.add(c.code);
    if (!isText(c.name)) err(`${path}.name`, 'Tên thành phần hồ sơ không được để trống.');
    if (!oneOf(COMPONENT_FORMS, c.form)) err(`${path}.form`, 'Hình thức giấy tờ phải là bản chính, bản sao có chứng thực, bản chụp hoặc bản chính hoặc bản sao.');
    if (!isPosInt(c.quantity) || c.quantity > 50) err(`${path}.quantity`, 'Số lượng giấy tờ phải là số nguyên từ 1 đến 50.');
    if (typeof c.required !== 'boolean') err(`${path}.required`, 'Phải ghi rõ thành phần hồ sơ là bắt buộc hay không.');
    if (c.note !== undefined && typeof c.note !== 'string') err(`${path}.note`, 'Ghi chú phải là văn bản.');
    if (c.templateFile !== undefined && !isText(c.templateFile)) err(`${path}.templateFile`, 'Tên tệp mẫu không được để trống khi đã khai.');
  });
}

function validateFees(value: unknown, err: Err): void {
  if (!Array.isArray(value)) {
    err('fees', 'Phí, lệ phí phải là một danh sách (để trống nếu không thu).');
    return;
  }
  value.forEach((r: unknown, i) => {
    const path = `fees[${i}]`;
    if (!isRec(r)) {
      err(path, 'Khoản phí, lệ phí không hợp lệ.');
      return;
    }
    if (!oneOf(FEE_KINDS, r.kind)) err(`${path}.kind`, 'Loại khoản thu phải là lệ phí hoặc phí.');
    if (!isText(r.label)) err(`${path}.label`, 'Tên khoản phí, lệ phí không được để trống.');
    if (typeof r.setByProvince !== 'boolean') err(`${path}.setByProvince`, 'Phải ghi rõ mức thu có do HĐND tỉnh quy định hay không.');
    if (r.channels !== undefined) {
      if (!Array.isArray(r.channels) || r.channels.length === 0 || !r.channels.every((c) => oneOf(CHANNEL_KINDS, c))) {
        err(`${path}.channels`, 'Cách thức áp dụng phải là danh sách gồm trực tiếp, trực tuyến hoặc dịch vụ bưu chính.');
      }
    }
    if (r.variant !== undefined && !isText(r.variant)) err(`${path}.variant`, 'Trường hợp áp dụng không được để trống khi đã khai.');
    const money = (key: string, label: string) => {
      if (!isNonNegInt(r[key])) err(`${path}.${key}`, `${label} phải là số nguyên đồng, không âm.`);
    };
    switch (r.type) {
      case 'fixed':
        money('amount', 'Mức thu');
        validateReductions(r.reductions, path, err);
        break;
      case 'per_copy':
        money('amountPerCopy', 'Mức thu mỗi bản');
        validateReductions(r.reductions, path, err);
        break;
      case 'per_page':
        if (!isPosInt(r.firstPages)) err(`${path}.firstPages`, 'Số trang tính theo mức đầu phải là số nguyên dương.');
        money('firstPagesPrice', 'Mức thu các trang đầu');
        money('laterPagesPrice', 'Mức thu từ trang tiếp theo');
        money('capPerCopy', 'Mức thu tối đa mỗi bản');
        if (isNonNegInt(r.capPerCopy) && isNonNegInt(r.firstPagesPrice) && isNonNegInt(r.laterPagesPrice)) {
          if (r.capPerCopy < r.firstPagesPrice || r.capPerCopy < r.laterPagesPrice) {
            err(`${path}.capPerCopy`, 'Mức thu tối đa mỗi bản không được thấp hơn mức thu một trang.');
          }
        }
        break;
      case 'by_resolution':
        if (r.setByProvince !== true) err(`${path}.setByProvince`, 'Khoản thu theo nghị quyết phải là mức do HĐND tỉnh quy định.');
        break;
      case 'exemption':
        if (!Array.isArray(r.categories) || r.categories.length === 0 || !r.categories.every(isText)) {
          err(`${path}.categories`, 'Phải nêu ít nhất một đối tượng được miễn.');
        }
        if (!isText(r.description)) err(`${path}.description`, 'Phải mô tả đối tượng được miễn phí, lệ phí.');
        if (r.exempts !== undefined && (!Array.isArray(r.exempts) || r.exempts.length === 0 || !r.exempts.every((k) => oneOf(FEE_KINDS, k)))) {
          err(`${path}.exempts`, 'Khoản được miễn phải là lệ phí hoặc phí.');
        }
        break;
      default:
        err(`${path}.type`, 'Cách tính phí phải là cố định, theo bản, theo trang, theo nghị quyết HĐND hoặc miễn.');
    }
  });
}

function validateReductions(value: unknown, path: string, err: Err): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    err(`${path}.reductions`, 'Mức giảm phải là một danh sách.');
    return;
  }
  value.forEach((x: unknown, j) => {
    const p = `${path}.reductions[${j}]`;
    if (!isRec(x)) return err(p, 'Mức giảm không hợp lệ.');
    if (!Array.isArray(x.categories) || x.categories.length === 0 || !x.categories.every(isText)) err(`${p}.categories`, 'Phải nêu đối tượng được giảm.');
    if (!isNonNegInt(x.amount)) err(`${p}.amount`, 'Mức thu sau giảm phải là số nguyên đồng, không âm.');
    if (!isText(x.description)) err(`${p}.description`, 'Phải mô tả trường hợp được giảm.');
  });
}

function validateApplicants(value: unknown, err: Err): void {
  if (!Array.isArray(value) || value.length === 0) {
    err('applicants', 'Phải có ít nhất một đối tượng thực hiện.');
    return;
  }
  value.forEach((a: unknown, i) => {
    if (!isRec(a) || !oneOf(APPLICANT_KINDS, a.kind)) err(`applicants[${i}].kind`, 'Đối tượng thực hiện không thuộc danh mục đã biết.');
    else if (a.text !== undefined && typeof a.text !== 'string') err(`applicants[${i}].text`, 'Mô tả đối tượng phải là văn bản.');
  });
}

function validateAgencies(value: unknown, path: string, err: Err): void {
  if (!isRec(value)) {
    err(path, 'Thiếu cơ quan thực hiện.');
    return;
  }
  for (const role of ['competent', 'authorised', 'cooperating'] as const) {
    const list = value[role];
    if (!Array.isArray(list)) {
      err(`${path}.${role}`, 'Danh sách cơ quan phải là một mảng (để trống nếu không có).');
      continue;
    }
    list.forEach((a: unknown, i) => validateAgencyRef(a, `${path}.${role}[${i}]`, err));
  }
  if (Array.isArray(value.competent) && value.competent.length === 0) {
    err(`${path}.competent`, 'Phải có ít nhất một cơ quan có thẩm quyền giải quyết.');
  }
}

function validateAgencyRef(a: unknown, path: string, err: Err): void {
  if (!isRec(a)) return err(path, 'Cơ quan không hợp lệ.');
  const hasCode = 'unitCode' in a;
  const hasKind = 'unitKind' in a;
  if (hasCode === hasKind) return err(path, 'Cơ quan phải chỉ rõ hoặc mã đơn vị, hoặc loại đơn vị (không cả hai).');
  if (hasCode) {
    if (typeof a.unitCode !== 'string' || !UNIT_CODE_PATTERN.test(a.unitCode)) err(`${path}.unitCode`, 'Mã đơn vị chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.');
    if (a.label !== undefined && !isText(a.label)) err(`${path}.label`, 'Tên hiển thị không được để trống khi đã khai.');
  } else {
    if (!oneOf(UNIT_KINDS, a.unitKind)) err(`${path}.unitKind`, 'Loại đơn vị không thuộc danh mục đã biết.');
    if (!isText(a.label)) err(`${path}.label`, 'Phải ghi tên hiển thị cho loại đơn vị, ví dụ "UBND cấp xã".');
  }
}

function validateTextList(value: unknown, path: string, label: string, nonEmpty: boolean, err: Err): void {
  if (!Array.isArray(value)) {
    err(path, `${label} phải là một danh sách.`);
    return;
  }
  if (nonEmpty && value.length === 0) err(path, `${label} phải có ít nhất một mục.`);
  value.forEach((s: unknown, i) => {
    if (!isText(s)) err(`${path}[${i}]`, `${label}: mục thứ ${i + 1} không được để trống.`);
  });
}

function validateLegalBasis(value: unknown, err: Err): void {
  if (!Array.isArray(value) || value.length === 0) {
    err('legalBasis', 'Phải có ít nhất một căn cứ pháp lý.');
    return;
  }
  value.forEach((d: unknown, i) => {
    const path = `legalBasis[${i}]`;
    if (!isRec(d)) return err(path, 'Căn cứ pháp lý không hợp lệ.');
    if (!isText(d.number)) err(`${path}.number`, 'Số hiệu văn bản không được để trống.');
    if (!isText(d.title)) err(`${path}.title`, 'Trích yếu văn bản không được để trống.');
    if (d.date !== undefined && !isValidDate(d.date)) err(`${path}.date`, 'Ngày ban hành phải là ngày hợp lệ dạng YYYY-MM-DD.');
  });
}

function validatePublication(value: unknown, err: Err): void {
  if (value === undefined) return;
  if (!isRec(value)) return err('publicationDecision', 'Quyết định công bố không hợp lệ.');
  if (!isText(value.number)) err('publicationDecision.number', 'Số quyết định công bố không được để trống.');
  if (value.date !== undefined && !isValidDate(value.date)) err('publicationDecision.date', 'Ngày quyết định công bố phải là ngày hợp lệ dạng YYYY-MM-DD.');
  if (value.issuer !== undefined && !isText(value.issuer)) err('publicationDecision.issuer', 'Cơ quan ban hành không được để trống khi đã khai.');
}

function validateRelated(value: unknown, ownCode: unknown, err: Err): void {
  if (!Array.isArray(value)) {
    err('relatedCodes', 'Thủ tục liên quan phải là một danh sách mã.');
    return;
  }
  value.forEach((c: unknown, i) => {
    if (typeof c !== 'string' || !CODE_PATTERN.test(c)) err(`relatedCodes[${i}]`, 'Mã thủ tục liên quan phải có dạng d.dddddd.');
    else if (c === ownCode) err(`relatedCodes[${i}]`, 'Thủ tục không thể liên quan đến chính nó.');
  });
}

function validateLevels(p: Rec, err: Err): void {
  const flagsOk = (['requiresPresence', 'requiresSiteInspection', 'feePayableOnline', 'resultDeliverableOnlineOrPost'] as const).every((k) => {
    if (typeof p[k] !== 'boolean') {
      err(k, 'Phải ghi rõ điều kiện này là có hay không.');
      return false;
    }
    return true;
  });
  const legacy = p.legacyLevel;
  const legacyOk = legacy === 1 || legacy === 2 || legacy === 3 || legacy === 4;
  if (!legacyOk) err('legacyLevel', 'Mức độ cũ phải là 1, 2, 3 hoặc 4.');
  const levelOk = oneOf(ONLINE_LEVELS, p.onlineLevel);
  if (!levelOk) err('onlineLevel', 'Mức độ trực tuyến phải là toàn trình, một phần hoặc không cung cấp trực tuyến.');
  if (!flagsOk || !Array.isArray(p.fees)) return;

  const eligible = isEligibleFullOnline(p as unknown as Procedure);
  if (legacyOk && levelOk) {
    // the level follows from the configuration (DOMAIN.md §2.3–2.4): what is claimed must be what it supports
    const { level, gaps } = onlineLevelOf(p as unknown as Procedure);
    const why = gaps.map((g) => g.reason).join('; ');
    if (p.onlineLevel === level) {
      // as configured
    } else if (legacy <= 2) {
      err('onlineLevel', `Mức độ ${legacy} chỉ cung cấp thông tin, biểu mẫu nên không phải dịch vụ công trực tuyến; mức độ trực tuyến phải là "không cung cấp trực tuyến".`);
    } else if (p.onlineLevel === 'none') {
      err('onlineLevel', `Mức độ ${legacy} là dịch vụ công trực tuyến; mức độ trực tuyến phải là ${level === 'toan_trinh' ? 'toàn trình' : 'một phần'}.`);
    } else if (p.onlineLevel === 'toan_trinh') {
      err('onlineLevel', `Mức độ trực tuyến: không ghi toàn trình được vì ${why}. Cấu hình này chỉ cho phép một phần.`);
    } else {
      err('onlineLevel', 'Mức độ trực tuyến: thủ tục không phải có mặt, không phải kiểm tra thực địa, nộp phí trực tuyến được (hoặc không thu phí) và trả kết quả trực tuyến hoặc qua bưu chính nên là toàn trình; nếu có điều kiện chưa đáp ứng, hãy sửa điều kiện đó.');
    }
  }
  if (!eligible && !isText(p.ineligibleReason)) {
    err('ineligibleReason', 'Thủ tục không đủ điều kiện toàn trình phải nêu lý do.');
  }
  if (p.ineligibleReason !== undefined && typeof p.ineligibleReason !== 'string') err('ineligibleReason', 'Lý do phải là văn bản.');
}

function validateConfidence(value: unknown, err: Err): void {
  if (value === undefined) return;
  if (!isRec(value) || !oneOf(CONFIDENCE_TAGS, value.level)) return err('confidence.level', 'Độ tin cậy phải là C, S hoặc U.');
  if (value.fields !== undefined) {
    if (!isRec(value.fields)) return err('confidence.fields', 'Độ tin cậy theo trường phải là một bảng trường → C, S hoặc U.');
    for (const [k, v] of Object.entries(value.fields)) {
      if (!oneOf(CONFIDENCE_TAGS, v)) err(`confidence.fields.${k}`, 'Độ tin cậy phải là C, S hoặc U.');
    }
  }
  if (value.note !== undefined && typeof value.note !== 'string') err('confidence.note', 'Ghi chú độ tin cậy phải là văn bản.');
}
