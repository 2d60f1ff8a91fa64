-- Long reports as background jobs (issue 8: "long reports show progress and never block the server").
--
-- A statistics or indicator report over a long period runs as a pg-boss job, a chunk of lead
-- units at a time; report_runs holds its progress and, when done, its figures, kept for a while
-- so that a leader who asks again gets them at once.
--
-- report_data_version: a sequence every statement that writes what the reports read moves on
-- (statement triggers, so a bulk load moves it once per statement; a sequence takes no row lock,
-- so writers never wait on each other for it). A finished run whose data version is still the
-- current one has the figures a new computation would give (up to a statement still committing
-- while it was read: the runs are kept only for a while, see statistics/model.ts).
create sequence report_data_version;

create function report_data_changed() returns trigger language plpgsql as $$
begin
  perform nextval('report_data_version');
  return null;
end
$$;

create trigger dossiers_report_data after insert or update or delete or truncate on dossiers
  for each statement execute function report_data_changed();
create trigger dossier_events_report_data after insert or update or delete or truncate on dossier_events
  for each statement execute function report_data_changed();
create trigger dossier_handovers_report_data after insert or update or delete or truncate on dossier_handovers
  for each statement execute function report_data_changed();
create trigger dossier_files_report_data after insert or update or delete or truncate on dossier_files
  for each statement execute function report_data_changed();
create trigger dossier_documents_report_data after insert or update or delete or truncate on dossier_documents
  for each statement execute function report_data_changed();
create trigger procedures_report_data after insert or update or delete or truncate on procedures
  for each statement execute function report_data_changed();
create trigger units_report_data after insert or update or delete or truncate on units
  for each statement execute function report_data_changed();
create trigger fields_report_data after insert or update or delete or truncate on fields
  for each statement execute function report_data_changed();
create trigger calendar_schedules_report_data after insert or update or delete or truncate on calendar_schedules
  for each statement execute function report_data_changed();
create trigger app_settings_report_data after insert or update or delete or truncate on app_settings
  for each statement execute function report_data_changed();

create table report_runs (
  id uuid primary key default gen_random_uuid(),
  report text not null check (report in ('statistics', 'indicators')),
  -- the report and its checked parameters (period, unit, field, procedure) as one string
  params_key text not null,
  params jsonb not null,
  -- the moment the report reads "in progress" at for a period that had not ended
  requested_at timestamptz not null,
  data_version bigint not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  units_done integer not null default 0,
  units_total integer not null,
  result jsonb,
  error text,
  requested_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null default now(),
  -- moved on at every chunk: a run that stopped moving was interrupted
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index report_runs_key_idx on report_runs (params_key, created_at desc);
-- one run at a time for the same report and parameters, however many leaders ask
create unique index report_runs_active_idx on report_runs (params_key) where status in ('queued', 'running');
