-- The back office: internal workflows as data, the dossier's place in its workflow, the
-- requests sent to the applicant (completion at the desk, supplement during processing), the
-- handovers of Mẫu 05, the result, the return and the rating.

-- quy trình nội bộ: ordered steps, each with its unit, role and share of the legal time; a new
-- version per save; a dossier keeps the steps that held when it was handed over.
create table workflows (
  procedure_code text not null,
  version integer not null,
  steps jsonb not null,
  created_by uuid references accounts(id),
  created_at timestamptz not null default now(),
  primary key (procedure_code, version)
);

alter table dossiers add column workflow jsonb;
alter table dossiers add column step_index integer;
-- the specialist who took the dossier at the current step
alter table dossiers add column assignee_id uuid references accounts(id);
-- a supplement during processing may be requested once (DOMAIN.md 5)
alter table dossiers add column supplement_count integer not null default 0;
-- clock pauses while the applicant supplements: [{start, end}]
alter table dossiers add column pauses jsonb not null default '[]'::jsonb;
alter table dossiers add column outcome text check (outcome is null or outcome in ('result', 'refusal'));
alter table dossiers add column result_number text;
alter table dossiers add column decided_at timestamptz;
alter table dossiers add column delivered_at timestamptz;
alter table dossiers add column delivery jsonb;
alter table dossiers add column rating integer check (rating is null or rating between 1 and 5);
alter table dossiers add column rating_comment text;
create index dossiers_holder_idx on dossiers (holder_unit_id, state, due_at);

-- Mẫu 02 at the desk, or the one supplement request of processing: every item at once, each
-- with its reason code and a plain explanation the applicant sees.
create table dossier_requests (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id) on delete cascade,
  kind text not null check (kind in ('completion', 'supplement')),
  round integer not null,
  items jsonb not null,
  note text,
  created_by uuid references accounts(id),
  created_at timestamptz not null default now(),
  answered_at timestamptz
);
create index dossier_requests_dossier_idx on dossier_requests (dossier_id, created_at);

-- Mẫu 05: one row per handover, from the desk to the last step and back.
create table dossier_handovers (
  id bigint generated always as identity primary key,
  dossier_id uuid not null references dossiers(id) on delete cascade,
  step_key text not null,
  step_name text not null,
  unit_id uuid not null references units(id),
  role text not null,
  started_at timestamptz not null,
  due_at timestamptz,
  finished_at timestamptz,
  finished_by uuid references accounts(id),
  outcome text check (outcome is null or outcome in ('early', 'on_time', 'late'))
);
create index dossier_handovers_dossier_idx on dossier_handovers (dossier_id, id);
create index dossier_handovers_open_idx on dossier_handovers (unit_id) where finished_at is null;

alter table dossier_documents drop constraint dossier_documents_kind_check;
alter table dossier_documents add constraint dossier_documents_kind_check check (kind in ('mau01', 'mau02', 'mau03', 'mau04', 'mau05', 'result'));
alter table dossier_documents add column file_name text;
