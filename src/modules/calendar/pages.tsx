import type { FieldError } from '../../platform/errors';
import type { PageContext } from '../../platform/http/context';
import { Button, CsrfField, ErrorSummary, errorFor, Input, Textarea } from '../../web/components';
import { Layout } from '../../web/layout';
import type { DayOff, OfficeHours, WorkingWeekend } from './model';

const MONTHS = ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'];
const WEEKDAYS: [string, string][] = [
  ['T2', 'Thứ Hai'],
  ['T3', 'Thứ Ba'],
  ['T4', 'Thứ Tư'],
  ['T5', 'Thứ Năm'],
  ['T6', 'Thứ Sáu'],
  ['T7', 'Thứ Bảy'],
  ['CN', 'Chủ nhật'],
];

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function Month({ year, month, off, working }: { year: number; month: number; off: Map<string, DayOff>; working: Map<string, WorkingWeekend> }) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table class="mc-month">
      <caption class="mc-month__caption" safe>{`${MONTHS[month - 1]} năm ${year}`}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <th scope="col">
              <abbr title={long} safe>
                {short}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr>
            {w.map((d, i) => {
              if (d === null) return <td></td>;
              const date = ymd(year, month, d);
              const dayOff = off.get(date);
              const swap = working.get(date);
              const weekend = i >= 5 && !swap;
              const cls = dayOff ? 'mc-day mc-day--off' : swap ? 'mc-day mc-day--swap' : weekend ? 'mc-day mc-day--weekend' : 'mc-day';
              return (
                <td class={cls} title={dayOff?.reason ?? swap?.reason}>
                  {d}
                  {dayOff ? <span class="govuk-visually-hidden" safe>{` (nghỉ: ${dayOff.reason})`}</span> : ''}
                  {swap ? <span class="govuk-visually-hidden" safe>{` (làm bù: ${swap.reason})`}</span> : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function CalendarPage(props: { ctx: PageContext; year: number; daysOff: DayOff[]; workingWeekends: WorkingWeekend[]; source: string; notice: string | undefined; officeHours: OfficeHours }) {
  const off = new Map(props.daysOff.map((d) => [d.date, d]));
  const working = new Map(props.workingWeekends.map((d) => [d.date, d]));
  return (
    <Layout ctx={props.ctx} title={`Lịch làm việc năm ${props.year}`}>
      <h1 class="govuk-heading-l" safe>{`Lịch làm việc năm ${props.year}`}</h1>
      <p class="govuk-body" safe>
        {`Giờ làm việc: ${props.officeHours.map((h) => `${h.start}–${h.end}`).join(' và ')}, từ thứ Hai đến thứ Sáu, trừ các ngày nghỉ dưới đây. Thời hạn giải quyết hồ sơ tính theo ngày làm việc của lịch này.`}
      </p>
      <p class="govuk-body-s">
        {props.notice ? `Theo ${props.notice}${props.source === 'database' ? ' (do quản trị cập nhật)' : ''}.` : 'Chưa có thông báo chính thức cho năm này; lịch được tính theo Bộ luật Lao động 2019 (Điều 112) và có thể thay đổi khi có thông báo.'}
      </p>
      <nav class="govuk-body" aria-label="Chọn năm">
        <a class="govuk-link" href={`/lich-lam-viec?nam=${props.year - 1}`} safe>{`← Năm ${props.year - 1}`}</a>
        {' · '}
        <a class="govuk-link" href={`/lich-lam-viec?nam=${props.year + 1}`} safe>{`Năm ${props.year + 1} →`}</a>
      </nav>
      <h2 class="govuk-heading-m">Các ngày nghỉ</h2>
      <table class="govuk-table">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Ngày</th>
            <th scope="col" class="govuk-table__header">Lý do</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.daysOff.map((d) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell mc-nowrap" safe>
                {dmy(d.date)}
              </td>
              <td class="govuk-table__cell" safe>
                {d.reason}
              </td>
            </tr>
          ))}
          {props.workingWeekends.map((d) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell mc-nowrap" safe>
                {dmy(d.date)}
              </td>
              <td class="govuk-table__cell" safe>
                {`Đi làm bù: ${d.reason}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="govuk-heading-m">Theo tháng</h2>
      <p class="govuk-body-s">Ngày nghỉ được tô đậm; ngày đi làm bù (thứ Bảy, Chủ nhật) được gạch chân.</p>
      <div class="mc-months">
        {Array.from({ length: 12 }, (_, i) => (
          <Month year={props.year} month={i + 1} off={off} working={working} />
        ))}
      </div>
    </Layout>
  );
}

export interface ScheduleForm {
  year: number;
  notice: string;
  daysOff: string;
  workingDays: string;
  replaces: string[];
  hours: string;
}

export function ScheduleAdminPage({ ctx, form, errors }: { ctx: PageContext; form: ScheduleForm; errors: FieldError[] }) {
  return (
    <Layout ctx={ctx} title={`Lịch nghỉ năm ${form.year}`}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>{`Lịch nghỉ chính thức năm ${form.year}`}</h1>
      <p class="govuk-body">
        Nhập các ngày nghỉ theo thông báo hằng năm của Chính phủ (Bộ Nội vụ). Lịch này thay cho lịch tính sẵn theo Bộ luật Lao động.{' '}
        <a class="govuk-link" href={`/lich-lam-viec?nam=${form.year}`}>
          Xem lịch công khai
        </a>
      </p>
      <form method="post" action={`/quan-tri/lich?nam=${form.year}`} novalidate>
        <CsrfField token={ctx.csrfToken()} />
        <Input name="notice" label="Số văn bản thông báo" hint="Ví dụ: TB 9441/TB-BNV" value={form.notice} error={errorFor(errors, 'notice')} />
        <Textarea name="daysOff" label="Các ngày nghỉ" hint="Mỗi dòng một ngày: dd/MM/yyyy, rồi lý do. Ví dụ: 16/02/2026 Tết Âm lịch" value={form.daysOff} error={errorFor(errors, 'daysOff')} rows={12} />
        <Textarea name="workingDays" label="Các ngày đi làm bù (thứ Bảy, Chủ nhật)" hint="Mỗi dòng một ngày: dd/MM/yyyy, rồi lý do." value={form.workingDays} error={errorFor(errors, 'workingDays')} rows={3} />
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Lịch này thay cho các ngày tính sẵn</legend>
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {(
                [
                  ['tet', 'Các ngày Tết Âm lịch'],
                  ['national_day', 'Ngày nghỉ liền kề Quốc khánh'],
                  ['compensation', 'Các ngày nghỉ bù'],
                ] as const
              ).map(([v, l]) => (
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id={`f-replaces-${v}`} name="replaces" type="checkbox" value={v} checked={form.replaces.includes(v)} />
                  <label class="govuk-label govuk-checkboxes__label" for={`f-replaces-${v}`}>
                    {l}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Textarea name="hours" label="Giờ làm việc của tỉnh (áp dụng mọi năm)" hint="Mỗi dòng một buổi: HH:mm-HH:mm. Mặc định 07:30-11:30 và 13:00-17:00." value={form.hours} error={errorFor(errors, 'hours')} rows={2} />
        <Button>Lưu lịch</Button>
      </form>
    </Layout>
  );
}
