-- Online submission: versioned e-form definitions, drafts with their attached files, the files of
-- submitted dossiers, and the profile data that prefills forms.

-- A procedure's e-form; a changed form is a new version, a dossier keeps the one it was filled in.
create table form_definitions (
  id uuid primary key default gen_random_uuid(),
  procedure_code text not null,
  version integer not null check (version > 0),
  definition jsonb not null,
  created_by uuid references accounts(id),
  created_at timestamptz not null default now(),
  unique (procedure_code, version)
);

-- What a citizen has entered so far; resumable from any device, removed when submitted.
create table drafts (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  procedure_code text not null,
  form_version integer,
  receiving_unit_id uuid references units(id),
  answers jsonb not null default '{}'::jsonb,
  -- the last step saved: form, files, review
  step text not null default 'form' check (step in ('form', 'files', 'review')),
  -- one per draft: a double click on "Nộp hồ sơ" submits once
  idempotency_key uuid not null default gen_random_uuid() unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index drafts_account_idx on drafts (account_id, updated_at desc);

-- A stored file (content-addressed blob) attached to one dossier component slot of a draft.
create table draft_files (
  id uuid primary key default gen_random_uuid(),
  draft_id uuid not null references drafts(id) on delete cascade,
  -- index of the component in the procedure record's dossier components
  component_index integer not null check (component_index >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  mime text not null,
  size integer not null check (size > 0),
  pages integer,
  created_at timestamptz not null default now()
);
create index draft_files_draft_idx on draft_files (draft_id, component_index, created_at);

-- The files of a dossier; a completion round adds a new version of a component, keeping the old.
create table dossier_files (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id) on delete cascade,
  component_index integer not null check (component_index >= 0),
  component_name text not null,
  round integer not null default 1,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  mime text not null,
  size integer not null check (size > 0),
  pages integer,
  uploaded_by uuid references accounts(id),
  created_at timestamptz not null default now()
);
create index dossier_files_dossier_idx on dossier_files (dossier_id, component_index, round);

-- Profile data that prefills forms (the national identity fills these as verified later).
alter table accounts add column id_number text check (id_number is null or id_number ~ '^[0-9]{12}$');
alter table accounts add column birth_date date;
alter table accounts add column address jsonb;

-- Documents the system issues for a dossier (Mẫu 01 receipt, and the other standard forms),
-- frozen as PDFs in the blob store when issued.
create table dossier_documents (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id) on delete cascade,
  kind text not null check (kind in ('mau01', 'mau02', 'mau03', 'mau04', 'mau05')),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid references accounts(id),
  created_at timestamptz not null default now()
);
create index dossier_documents_dossier_idx on dossier_documents (dossier_id, kind, created_at);

-- Mẫu 06: the receiving unit's logbook number of the dossier (a yearly serial per unit).
alter table dossiers add column logbook_serial integer;
