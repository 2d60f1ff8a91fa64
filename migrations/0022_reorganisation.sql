-- The reorganisation tool (modules/reorganisation): every applied mapping of old units to new
-- ones (the 2025 two-tier reform and any later adjustment), with what it moved. The moves
-- themselves are written on the rows they concern (dossier events, handovers, new workflow
-- and procedure versions, accounts, unit dates) and in the audit log.
create table reorganisations (
  id uuid primary key default gen_random_uuid(),
  effective_date date not null,
  title text not null,
  -- sha-256 of the mapping as applied, to say that the same mapping was applied before
  digest text not null check (digest ~ '^[0-9a-f]{64}$'),
  mapping jsonb not null,
  -- the counts of what moved, by kind
  summary jsonb not null,
  applied_by uuid references accounts(id),
  applied_at timestamptz not null default now()
);
create index reorganisations_digest_idx on reorganisations (digest, applied_at);
