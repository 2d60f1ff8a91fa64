// "Ai đã xem hồ sơ của tôi": the applicant's page of who in the administration opened their
// dossier and when, and the same page for auditors (access-log.ts holds the rules and the SQL).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../deps';
import { formatDate, formatTime } from '../../platform/format';
import type { PageContext } from '../../platform/http/context';
import { Layout } from '../../web/layout';
import { ROLE_LABELS, type Role } from '../accounts';
import { ACCESS_KIND_LABELS, ACCESS_LOG_LIMIT, accessLogFor, type AccessLogView } from './access-log';

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60, 'x-message': 'Mã hồ sơ không hợp lệ' }) });

export const accessLogPath = (code: string) => `/ho-so-cua-toi/${encodeURIComponent(code)}/ai-da-xem`;
export const auditorAccessLogPath = (code: string) => `/kiem-tra/truy-cap-ho-so/${encodeURIComponent(code)}`;

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh. */
function when(at: Date): string {
  return `${formatDate(at)} ${formatTime(at)}`;
}

export function AccessLogPage({ ctx, v }: { ctx: PageContext; v: AccessLogView }) {
  const code = v.dossier.code;
  return (
    <Layout ctx={ctx} title={`Ai đã xem hồ sơ ${code}`}>
      {v.own ? (
        <a class="govuk-back-link" href={`/ho-so-cua-toi/${encodeURIComponent(code)}`} safe>
          {`Hồ sơ ${code}`}
        </a>
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>{`Hồ sơ ${code}`}</span>
      <h1 class="govuk-heading-l">{v.own ? 'Ai đã xem hồ sơ của tôi' : 'Cán bộ đã xem hồ sơ'}</h1>
      <p class="govuk-body" safe>
        {v.dossier.procedureName}
      </p>
      <p class="govuk-body">
        Mỗi lần cán bộ, công chức mở trang hồ sơ, tải một tệp giấy tờ, xem hoặc in văn bản của hồ sơ này, hệ thống ghi lại thời gian, đơn vị, họ tên, vai trò của người đó và nội dung đã xem. Nhật ký này
        không thể sửa hay xóa. Những lần bạn tự xem hồ sơ của mình không được ghi ở đây.
      </p>
      {v.entries.length === 0 ? (
        <p class="govuk-body" data-access-empty>
          Chưa có cán bộ nào mở hồ sơ này.
        </p>
      ) : (
        <>
          <p class="govuk-body" safe>{`${v.entries.length === ACCESS_LOG_LIMIT ? `${ACCESS_LOG_LIMIT} lần gần nhất` : `${v.entries.length} lần`}, mới nhất trước.`}</p>
          <ol class="mc-card-list" aria-label="Những lần cán bộ đã xem hồ sơ">
            {v.entries.map((e) => (
              <li class="mc-card" data-access-entry>
                <h2 class="mc-card__title" safe>{`${when(e.at)} · ${ACCESS_KIND_LABELS[e.kind]}`}</h2>
                <dl class="govuk-summary-list govuk-summary-list--no-border">
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Đơn vị</dt>
                    <dd class="govuk-summary-list__value" safe>
                      {e.unitName ?? 'Không thuộc đơn vị nào'}
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Cán bộ</dt>
                    <dd class="govuk-summary-list__value" safe>{`${e.accountName} (${ROLE_LABELS[e.role as Role] ?? e.role})`}</dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Nội dung đã xem</dt>
                    <dd class="govuk-summary-list__value" safe>
                      {e.item}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}

export async function accessLogRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get<{ Params: { code: string } }>('/ho-so-cua-toi/:code/ai-da-xem', { config: { access: { action: 'applicant.dossiers' } }, schema: { params: CodeParams } }, async (request, reply) => {
    const v = await accessLogFor(deps.db, request.actor!, request.params.code);
    return reply.header('cache-control', 'private, no-store').html(<AccessLogPage ctx={deps.page(request, reply)} v={v} />);
  });

  app.get<{ Params: { code: string } }>('/kiem-tra/truy-cap-ho-so/:code', { config: { access: { action: 'audit.view' } }, schema: { params: CodeParams } }, async (request, reply) => {
    const v = await accessLogFor(deps.db, request.actor!, request.params.code);
    return reply.header('cache-control', 'private, no-store').html(<AccessLogPage ctx={deps.page(request, reply)} v={v} />);
  });
}
