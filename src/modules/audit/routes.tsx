import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { verifyAuditChain } from '../../platform/audit';
import type { FieldError } from '../../platform/errors';
import { AUDIT_PATH, AuditPage, type AuditQueryValues, PAGE_SIZE } from './pages';
import { actionsInLog, type AuditFilter, findEntries } from './store';

const dateText = (label: string) =>
  Type.String({ pattern: '^\\s*(\\d{1,2}/\\d{1,2}/\\d{4})?\\s*$', 'x-message': `${label} phải có dạng dd/MM/yyyy, ví dụ 01/07/2025` });

/** Empty strings are allowed everywhere: the GET form sends every field, filled or not. */
const AuditQuery = Type.Object({
  ma: Type.Optional(Type.String({ maxLength: 100, title: 'Mã hồ sơ hoặc mã đối tượng' })),
  'hanh-dong': Type.Optional(Type.String({ pattern: '^[a-z0-9_.]{0,64}$', 'x-message': 'Hành động không hợp lệ: hãy chọn một hành động trong danh sách' })),
  'nguoi-dung': Type.Optional(Type.String({ maxLength: 64, title: 'Tên đăng nhập của người thực hiện' })),
  'tu-ngay': Type.Optional(dateText('Từ ngày')),
  'den-ngay': Type.Optional(dateText('Đến ngày')),
  trang: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, 'x-message': 'Số trang phải là số nguyên từ 1 đến 10000' })),
});
type AuditQueryT = { [K in keyof AuditQueryValues]?: string } & { trang?: number };

// Asia/Ho_Chi_Minh is UTC+7 all year: Vietnam has had no daylight saving time since 1975.
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The first moment of a dd/MM/yyyy day in Vietnam; null when that day is not on the calendar. */
function startOfVietnamDay(text: string): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  const [day, month, year] = m.slice(1).map(Number) as [number, number, number];
  const midnightUtc = new Date(Date.UTC(year, month - 1, day));
  if (midnightUtc.getUTCFullYear() !== year || midnightUtc.getUTCMonth() !== month - 1 || midnightUtc.getUTCDate() !== day) return null;
  return new Date(midnightUtc.getTime() - VN_OFFSET_MS);
}

/** The query as the form shows it back: trimmed strings, '' for what is absent or not text. */
function queryValues(query: Record<string, unknown>): AuditQueryValues {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  return { ma: text('ma'), 'hanh-dong': text('hanh-dong'), 'nguoi-dung': text('nguoi-dung'), 'tu-ngay': text('tu-ngay'), 'den-ngay': text('den-ngay') };
}

/** The filter for a query whose shape the schema has checked, or the date fields that are wrong. */
function toFilter(v: AuditQueryValues): { filter: AuditFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const day = (field: 'tu-ngay' | 'den-ngay', label: string) => {
    if (v[field] === '') return undefined;
    const start = startOfVietnamDay(v[field]);
    if (!start) errors.push({ field, message: `${label} không có thật trên lịch: kiểm tra lại ngày và tháng` });
    return start ?? undefined;
  };
  const from = day('tu-ngay', 'Từ ngày');
  const toDay = day('den-ngay', 'Đến ngày');
  if (from && toDay && toDay < from) errors.push({ field: 'den-ngay', message: 'Đến ngày phải trùng hoặc sau Từ ngày' });
  const filter: AuditFilter = {
    entityId: v.ma || undefined,
    action: v['hanh-dong'] || undefined,
    actorUsername: v['nguoi-dung'] || undefined,
    from,
    to: toDay ? new Date(toDay.getTime() + DAY_MS) : undefined,
  };
  return { filter, errors };
}

function schemaErrors(validation: FastifySchemaValidationError[]): FieldError[] {
  return validation.map((e) => ({ field: String(e.params.field ?? ''), message: e.message ?? 'Giá trị không hợp lệ' }));
}

export async function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get<{ Querystring: AuditQueryT }>(
    AUDIT_PATH,
    // attachValidation: a bad filter is shown on the page, beside its field, rather than as an error page
    { config: { access: { action: 'audit.view' } }, schema: { querystring: AuditQuery }, attachValidation: true },
    async (request, reply) => {
      const values = queryValues(request.query);
      const checked = request.validationError ? { filter: undefined, errors: schemaErrors(request.validationError.validation) } : toFilter(values);
      const page = request.validationError ? 1 : (request.query.trang ?? 1);
      const [chain, actions, found] = await Promise.all([
        verifyAuditChain(deps.db),
        actionsInLog(deps.db),
        checked.errors.length === 0 && checked.filter ? findEntries(deps.db, checked.filter, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }) : undefined,
      ]);
      const view = {
        chain,
        actions,
        values,
        errors: checked.errors,
        page,
        rows: found?.slice(0, PAGE_SIZE),
        hasNext: (found?.length ?? 0) > PAGE_SIZE,
      };
      return reply.code(checked.errors.length > 0 ? 400 : 200).html(<AuditPage ctx={deps.page(request, reply)} view={view} />);
    },
  );
}
