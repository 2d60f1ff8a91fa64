-- The link with the national public-service portal, Cổng Dịch vụ công quốc gia (issue 9 item 3,
-- DOMAIN.md 9): the dossiers' public events and the catalogue's online levels pushed to it, and
-- dossiers submitted on it accepted here. Protocol: simulators/national-portal.ts.

-- What must reach the national portal. Triggers write the rows in the same transaction as the
-- change itself, so every module that writes a public event or publishes a procedure feeds the
-- link without knowing of it: nothing is missed, nothing is sent for a change that rolled back.
-- Items of one stream (a dossier, a procedure) are sent in seq order, each once its predecessors
-- were acknowledged; the portal deduplicates by idempotency_key, so a retry never counts twice.
create table national_portal_outbox (
  id bigint generated always as identity primary key,
  -- 'dossier:<uuid>' or 'procedure:<uuid>'
  stream text not null,
  seq integer not null check (seq > 0),
  kind text not null check (kind in ('dossier_event', 'online_level')),
  dossier_id uuid references dossiers(id) on delete cascade,
  dossier_event_id bigint unique references dossier_events(id) on delete cascade,
  procedure_id uuid references procedures(id) on delete cascade,
  procedure_version integer,
  idempotency_key text not null unique,
  -- waiting: to send (or being sent, while locked_until is in the future); sent: the portal
  -- acknowledged it; failed: refused, or still not delivered after every retry (an administrator resends)
  state text not null default 'waiting' check (state in ('waiting', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- a worker's lease while it sends: another process leaves the item alone until then
  locked_until timestamptz,
  last_error text,
  -- the portal's receipt for the item
  ack_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (stream, seq),
  check ((kind = 'dossier_event') = (dossier_event_id is not null))
);
create index national_portal_outbox_due_idx on national_portal_outbox (next_attempt_at) where state = 'waiting';
create index national_portal_outbox_state_idx on national_portal_outbox (state, id);

-- The last number drawn in each stream. Drawing takes the row lock of the stream's counter, so two
-- transactions writing to one dossier never draw the same number: the second waits for the first
-- to commit (or roll back) and then counts on. The lock is on this table alone, so it never joins
-- the order in which the modules lock their own rows, and a bulk load of thousands of dossiers in
-- one transaction takes no entries of the shared lock table.
create table national_portal_streams (
  stream text primary key,
  last_seq integer not null
);

create function national_portal_enqueue(p_stream text, p_kind text, p_dossier uuid, p_event bigint, p_procedure uuid, p_version integer, p_key text)
returns void language plpgsql as $$
declare
  n integer;
begin
  insert into national_portal_streams as s (stream, last_seq) values (p_stream, 1)
  on conflict (stream) do update set last_seq = s.last_seq + 1
  returning last_seq into n;
  insert into national_portal_outbox (stream, seq, kind, dossier_id, dossier_event_id, procedure_id, procedure_version, idempotency_key)
  values (p_stream, n, p_kind, p_dossier, p_event, p_procedure, p_version, p_key);
end $$;

-- A bulk load that must not reach the national portal (the generated demo year, an import of old
-- records) turns capture off for its transaction: set local motcua.national_portal_capture = 'off'.
create function national_portal_capturing() returns boolean language sql stable as $$
  select coalesce(current_setting('motcua.national_portal_capture', true), '') <> 'off'
$$;

-- A dossier's public events, and the applicant's rating (kept internal on the timeline, but the
-- national portal gathers the ratings for the QĐ 766 satisfaction indicator).
create function national_portal_capture_event() returns trigger language plpgsql as $$
begin
  perform national_portal_enqueue('dossier:' || new.dossier_id, 'dossier_event', new.dossier_id, new.id, null, null, 'dossier-event-' || new.id);
  return null;
end $$;
create trigger dossier_events_national_portal after insert on dossier_events
  for each row when ((new.is_public or new.type = 'rated') and national_portal_capturing()) execute function national_portal_capture_event();

-- A procedure's online level whenever a version is published (or the procedure is withdrawn).
create function national_portal_capture_procedure() returns trigger language plpgsql as $$
begin
  perform national_portal_enqueue('procedure:' || new.procedure_id, 'online_level', null, null, new.procedure_id, new.version, 'procedure-' || new.procedure_id || '-v' || new.version);
  return null;
end $$;
create trigger procedure_versions_national_portal after insert on procedure_versions
  for each row when (new.status in ('published', 'unpublished') and national_portal_capturing()) execute function national_portal_capture_procedure();

-- Nonces of the portal's signed requests to us, kept past the accepted clock skew: a replay is refused.
create table national_portal_nonces (
  nonce text primary key,
  seen_at timestamptz not null default now()
);
create index national_portal_nonces_seen_idx on national_portal_nonces (seen_at);

-- The account the portal's dossiers are submitted by (submitted_by, the audit log): it cannot sign
-- in (disabled, no password), and the applicant is the citizen's own account when one matches.
insert into accounts (id, username, full_name, role, password_hash, status)
values ('00000000-0000-4000-8000-00000000d0c9', 'cong-dvc-quoc-gia', 'Cổng Dịch vụ công quốc gia', 'business', '!', 'disabled');
