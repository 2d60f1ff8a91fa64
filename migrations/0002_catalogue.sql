-- Procedure catalogue, template files and guidance articles.

-- Vietnamese search that ignores diacritics: a text search configuration that runs
-- unaccent before the simple dictionary, and an immutable unaccent wrapper for the
-- trigram index (unaccent() itself is only STABLE).
create text search configuration vn (copy = simple);
alter text search configuration vn alter mapping for hword, hword_part, word with unaccent, simple;
create function f_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

create table fields (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null unique
);

create table procedures (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^\d\.\d{6}$'),
  local_code text,
  name text not null check (length(name) between 3 and 1000),
  field_code text not null references fields(code),
  -- the tier today; the dated history is in the record (tierHistory)
  tier text not null check (tier in ('tinh', 'huyen', 'xa')),
  legacy_level smallint not null check (legacy_level between 1 and 4),
  online_level text not null check (online_level in ('toan_trinh', 'mot_phan', 'none')),
  status text not null default 'draft' check (status in ('draft', 'published', 'unpublished')),
  -- the unit whose administrators may change the record (province administrators may change all)
  owner_unit_id uuid references units(id),
  -- the complete public record, as modules/catalogue/model.ts types it
  record jsonb not null,
  version integer not null default 1,
  -- name, code, field and agency names: what a citizen may type to find the procedure
  search_text text not null,
  search_vector tsvector generated always as (to_tsvector('vn'::regconfig, search_text)) stored,
  dossier_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index procedures_search_idx on procedures using gin (search_vector);
create index procedures_name_trgm_idx on procedures using gin (f_unaccent(lower(name)) gin_trgm_ops);
create index procedures_filter_idx on procedures (status, tier, field_code, online_level);

-- Which units do what for a procedure: a specific unit, or every unit of a kind
-- (for example every commune People's Committee).
create table procedure_agencies (
  procedure_id uuid not null references procedures(id) on delete cascade,
  role text not null check (role in ('competent', 'authorised', 'cooperating')),
  unit_id uuid references units(id),
  unit_kind text,
  label text not null,
  check ((unit_id is null) <> (unit_kind is null))
);
create index procedure_agencies_proc_idx on procedure_agencies (procedure_id);
create index procedure_agencies_unit_idx on procedure_agencies (unit_id);
create index procedure_agencies_kind_idx on procedure_agencies (unit_kind);

-- Every saved state of a procedure: who, when, what.
create table procedure_versions (
  procedure_id uuid not null references procedures(id) on delete cascade,
  version integer not null,
  record jsonb not null,
  status text not null,
  changed_by uuid references accounts(id),
  changed_at timestamptz not null default now(),
  summary text not null,
  primary key (procedure_id, version)
);

-- Form templates (mẫu đơn, tờ khai) citizens download; the bytes live in the blob store.
create table procedure_templates (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references procedures(id) on delete cascade,
  component_code text,
  file_name text not null,
  content_type text not null,
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references accounts(id),
  uploaded_at timestamptz not null default now()
);
create index procedure_templates_proc_idx on procedure_templates (procedure_id);

create table articles (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,150}$'),
  title text not null check (length(title) between 3 and 300),
  category text not null check (category in ('huong_dan', 'tin_tuc', 'hoi_dap')),
  summary text,
  body_md text not null,
  status text not null default 'draft' check (status in ('draft', 'published')),
  publish_at timestamptz,
  author_id uuid references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index articles_list_idx on articles (status, category, publish_at desc);

create table article_procedures (
  article_id uuid not null references articles(id) on delete cascade,
  procedure_id uuid not null references procedures(id) on delete cascade,
  primary key (article_id, procedure_id)
);
