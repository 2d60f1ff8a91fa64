-- The yearly review (rà soát) of which procedures can go fully online (toàn trình, mức độ 4):
-- one review per year; one list per unit that performs procedures as competent agency, with
-- one item per procedure (the four conditions of DOMAIN.md 2.4 pre-filled from the catalogue,
-- the unit's proposal and reason); every move of a list as an event.
create table reviews (
  id uuid primary key default gen_random_uuid(),
  year integer not null unique check (year between 2011 and 2100),
  -- the date whose units and competences made the lists
  as_of date not null,
  opened_by uuid references accounts(id),
  opened_at timestamptz not null default now()
);

create table review_lists (
  id uuid primary key default gen_random_uuid(),
  review_id uuid not null references reviews(id) on delete cascade,
  unit_id uuid not null references units(id),
  state text not null default 'draft' check (state in ('draft', 'submitted', 'revision_requested', 'approved')),
  -- optimistic locking: every change adds one; a change from an older version is refused
  version integer not null default 1,
  -- the province office's last request to revise (the unit reads it)
  revision_reason text,
  updated_at timestamptz not null default now(),
  unique (review_id, unit_id)
);

create table review_items (
  id uuid primary key default gen_random_uuid(),
  list_id uuid not null references review_lists(id) on delete cascade,
  position integer not null,
  procedure_id uuid not null references procedures(id),
  procedure_code text not null,
  -- as the catalogue had them when the review opened
  procedure_name text not null,
  legacy_level smallint not null check (legacy_level between 1 and 4),
  online_level text not null check (online_level in ('toan_trinh', 'mot_phan', 'none')),
  no_fee boolean not null,
  -- the four conditions, pre-filled from the catalogue, corrected by the unit
  requires_presence boolean not null,
  requires_site_inspection boolean not null,
  fee_payable_online boolean not null,
  result_deliverable_online_or_post boolean not null,
  proposal text check (proposal in ('eligible', 'not_eligible')),
  reason_code text,
  explanation text,
  -- marked by the province office when it asks the unit to revise
  flagged boolean not null default false,
  -- the catalogue version that carries the approved decision
  catalogue_version integer,
  unique (list_id, procedure_code),
  check (proposal is distinct from 'not_eligible' or reason_code is not null)
);
create index review_items_code_idx on review_items (procedure_code);

create table review_events (
  id uuid primary key default gen_random_uuid(),
  review_id uuid not null references reviews(id) on delete cascade,
  list_id uuid references review_lists(id) on delete cascade,
  action text not null,
  from_state text,
  to_state text,
  actor_id uuid references accounts(id),
  reason text,
  detail jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
create index review_events_list_idx on review_events (list_id, at);
