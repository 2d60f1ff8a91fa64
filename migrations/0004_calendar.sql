-- The government's yearly schedule of days off (Tết range, the Quốc khánh day, swapped
-- working Saturdays), entered by administrators; it overrides the computed defaults and
-- the schedules shipped in code (modules/calendar/schedules.ts).
create table calendar_schedules (
  year integer primary key check (year between 1990 and 2100),
  notice text not null check (length(notice) between 2 and 300),
  days_off jsonb not null,
  working_days jsonb not null,
  replaces_defaults jsonb not null default '[]'::jsonb,
  updated_by uuid references accounts(id),
  updated_at timestamptz not null default now()
);
