-- Dossiers (hồ sơ), their public and internal history, and the daily serials of dossier codes.
create table dossiers (
  id uuid primary key default gen_random_uuid(),
  -- <receiving agency e-ID>-<yymmdd>-<daily serial> (DOMAIN.md 6); unique across every process
  code text not null unique,
  procedure_id uuid not null references procedures(id),
  procedure_code text not null,
  procedure_name text not null,
  -- what held when the dossier was submitted: the catalogue version and the form version
  procedure_version integer not null,
  form_version integer,
  applicant_id uuid references accounts(id),
  submitted_by uuid references accounts(id),
  channel text not null check (channel in ('online', 'counter', 'post', 'national_portal')),
  state text not null check (state in ('DRAFT', 'SUBMITTED', 'RETURNED_FOR_COMPLETION', 'REJECTED_AT_RECEPTION', 'RECEIVED', 'IN_PROCESSING',
    'SUPPLEMENT_REQUESTED', 'CONSULTING', 'AWAITING_APPROVAL', 'RESULT_READY', 'REFUSED', 'WITHDRAWN', 'CANCELLED', 'DELIVERED')),
  receiving_unit_id uuid not null references units(id),
  holder_unit_id uuid references units(id),
  applicant_name text not null,
  applicant_phone text,
  applicant_email text,
  data jsonb not null,
  time_limit jsonb not null,
  submitted_at timestamptz not null,
  -- the expected return date computed at submission, and the legal due date from receipt
  expected_due_at timestamptz,
  received_at timestamptz,
  due_at timestamptz,
  idempotency_key text unique,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dossiers_applicant_idx on dossiers (applicant_id, submitted_at desc);
create index dossiers_queue_idx on dossiers (receiving_unit_id, state, submitted_at);

create table dossier_events (
  id bigint generated always as identity primary key,
  dossier_id uuid not null references dossiers(id) on delete cascade,
  at timestamptz not null default now(),
  actor_id uuid references accounts(id),
  actor_role text,
  type text not null,
  from_state text,
  to_state text,
  -- shown on the public tracking page (plain Vietnamese, nothing personal)
  public_note text,
  is_public boolean not null default true,
  detail jsonb not null default '{}'::jsonb
);
create index dossier_events_dossier_idx on dossier_events (dossier_id, id);

create table dossier_code_serials (
  prefix text not null,
  day date not null,
  last integer not null,
  primary key (prefix, day)
);
