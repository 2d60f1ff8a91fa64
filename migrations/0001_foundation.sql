-- Foundation: the organisation tree, accounts, sessions and the audit log.
-- Plain SQL that runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15.

create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- Units of the organisation tree. A unit exists between valid_from and valid_to
-- (inclusive); the two-tier reform of 01/07/2025 is data: districts get valid_to
-- 2025-06-30, the merged communes start on 2025-07-01, and unit_successions keeps
-- the old-to-new mapping.
create table units (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 2 and 300),
  kind text not null check (kind in ('ubnd_tinh', 'van_phong', 'ttpvhcc', 'so', 'cong_an_tinh', 'ubnd_huyen',
    'phong', 'bo_phan_mot_cua', 'ubnd_xa', 'cong_an_xa')),
  tier text not null check (tier in ('tinh', 'huyen', 'xa')),
  parent_id uuid references units(id),
  -- the agency's electronic ID in the national scheme (used in dossier codes), when known
  eid text unique,
  address text,
  phone text,
  email text,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from)
);
create index units_parent_idx on units(parent_id);

create table unit_successions (
  id uuid primary key default gen_random_uuid(),
  predecessor_id uuid not null references units(id),
  successor_id uuid not null references units(id),
  effective_date date not null,
  kind text not null check (kind in ('merge', 'split', 'rename', 'transfer')),
  legal_basis text,
  note text,
  unique (predecessor_id, successor_id),
  check (predecessor_id <> successor_id)
);
create index unit_successions_successor_idx on unit_successions(successor_id);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username = lower(username) and length(username) between 3 and 254),
  full_name text not null check (length(full_name) between 2 and 200),
  email text unique check (email is null or email = lower(email)),
  phone text unique,
  role text not null check (role in ('citizen', 'business', 'counter', 'specialist', 'leader', 'admin', 'auditor')),
  unit_id uuid references units(id),
  password_hash text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_logins integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  -- officers, leaders, administrators and auditors always belong to a unit
  check (role in ('citizen', 'business') or unit_id is not null)
);
create index accounts_unit_idx on accounts(unit_id);

-- Server-side sessions, shared by every app process.
create table sessions (
  sid text primary key,
  account_id uuid references accounts(id) on delete cascade,
  data jsonb not null,
  expires_at timestamptz not null
);
create index sessions_expires_idx on sessions(expires_at);
create index sessions_account_idx on sessions(account_id);

-- Append-only, hash-chained event log: each row's hash covers its content and the
-- previous row's hash, so a changed or deleted row breaks the chain.
create table audit_log (
  seq bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_role text,
  actor_unit_id uuid,
  action text not null,
  entity_type text,
  entity_id text,
  from_state text,
  to_state text,
  reason text,
  detail jsonb not null default '{}'::jsonb,
  ip text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_entity_idx on audit_log(entity_type, entity_id);
create index audit_log_actor_idx on audit_log(actor_id);

-- Settings that belong to the installation rather than to the process environment.
create table app_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
