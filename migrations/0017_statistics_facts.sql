-- Per-dossier facts the statistics read (issue: the leader reports over a year of 1M dossiers).
--
-- Each fact answers, once per dossier, a question the reports used to ask of other tables with
-- a correlated sub-query per dossier and per measure (seconds at a million dossiers). They are
-- kept by triggers on the tables they summarise, so every code path that writes those tables
-- (back office, submission, counter entry, seeds, bulk loads) keeps them right:
--
--   has_files               exists a dossier_files row                      (digitised)
--   has_result_document     exists a dossier_documents row of kind 'result' (result_electronic)
--   has_received_event      exists an event to RECEIVED                     (full_history)
--   has_decision_event      exists an event to RESULT_READY or REFUSED      (full_history)
--   has_delivered_event     exists an event to DELIVERED                    (full_history)
--   withdrawn_cancelled_at  the first event to WITHDRAWN or CANCELLED       (in_progress)
--   late_step_due_at        the earliest due moment of a Mẫu 05 step that finished after its due
--                           moment or is still open: a step is late at a cutoff exactly when
--                           due_at < cutoff, so "some step is late at the cutoff" is
--                           late_step_due_at < cutoff                       (late_unattributed)
--
-- dossier_facts_refresh(id) computes them all from scratch (deletes, moves, the tests' check);
-- the insert triggers only add what the new row brings.
alter table dossiers
  add column has_files boolean not null default false,
  add column has_result_document boolean not null default false,
  add column has_received_event boolean not null default false,
  add column has_decision_event boolean not null default false,
  add column has_delivered_event boolean not null default false,
  add column withdrawn_cancelled_at timestamptz,
  add column late_step_due_at timestamptz;

create function dossier_late_step_due(p_dossier uuid) returns timestamptz language sql stable as $$
  select min(h.due_at) from dossier_handovers h
  where h.dossier_id = p_dossier and (h.finished_at is null or h.finished_at > h.due_at)
$$;

create function dossier_facts_refresh(p_dossier uuid) returns void language plpgsql as $$
begin
  update dossiers d set
    has_files = exists (select 1 from dossier_files f where f.dossier_id = d.id),
    has_result_document = exists (select 1 from dossier_documents x where x.dossier_id = d.id and x.kind = 'result'),
    has_received_event = exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state = 'RECEIVED'),
    has_decision_event = exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state in ('RESULT_READY', 'REFUSED')),
    has_delivered_event = exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state = 'DELIVERED'),
    withdrawn_cancelled_at = (select min(e.at) from dossier_events e where e.dossier_id = d.id and e.to_state in ('WITHDRAWN', 'CANCELLED')),
    late_step_due_at = dossier_late_step_due(d.id)
  where d.id = p_dossier;
end
$$;

-- any change other than an insert: recompute the dossiers concerned
create function dossier_facts_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform dossier_facts_refresh(old.dossier_id); end if;
  if tg_op = 'UPDATE' and new.dossier_id is distinct from old.dossier_id then perform dossier_facts_refresh(new.dossier_id); end if;
  return null;
end
$$;

create function dossier_facts_file_added() returns trigger language plpgsql as $$
begin
  update dossiers set has_files = true where id = new.dossier_id and not has_files;
  return null;
end
$$;

create function dossier_facts_document_added() returns trigger language plpgsql as $$
begin
  update dossiers set has_result_document = true where id = new.dossier_id and not has_result_document;
  return null;
end
$$;

create function dossier_facts_event_added() returns trigger language plpgsql as $$
begin
  update dossiers set
    has_received_event = has_received_event or new.to_state = 'RECEIVED',
    has_decision_event = has_decision_event or new.to_state in ('RESULT_READY', 'REFUSED'),
    has_delivered_event = has_delivered_event or new.to_state = 'DELIVERED',
    withdrawn_cancelled_at = case when new.to_state in ('WITHDRAWN', 'CANCELLED') then least(withdrawn_cancelled_at, new.at) else withdrawn_cancelled_at end
  where id = new.dossier_id;
  return null;
end
$$;

create function dossier_facts_step_changed() returns trigger language plpgsql as $$
declare
  due timestamptz := dossier_late_step_due(new.dossier_id);
begin
  update dossiers set late_step_due_at = due where id = new.dossier_id and late_step_due_at is distinct from due;
  return null;
end
$$;

create trigger dossier_files_facts_insert after insert on dossier_files
  for each row execute function dossier_facts_file_added();
create trigger dossier_files_facts_change after update or delete on dossier_files
  for each row execute function dossier_facts_changed();

create trigger dossier_documents_facts_insert after insert on dossier_documents
  for each row when (new.kind = 'result') execute function dossier_facts_document_added();
create trigger dossier_documents_facts_change after update or delete on dossier_documents
  for each row execute function dossier_facts_changed();

create trigger dossier_events_facts_insert after insert on dossier_events
  for each row when (new.to_state in ('RECEIVED', 'RESULT_READY', 'REFUSED', 'DELIVERED', 'WITHDRAWN', 'CANCELLED'))
  execute function dossier_facts_event_added();
create trigger dossier_events_facts_change after update or delete on dossier_events
  for each row execute function dossier_facts_changed();

create trigger dossier_handovers_facts_insert after insert on dossier_handovers
  for each row execute function dossier_facts_step_changed();
create trigger dossier_handovers_facts_update after update of due_at, finished_at on dossier_handovers
  for each row execute function dossier_facts_step_changed();
create trigger dossier_handovers_facts_change after update of dossier_id or delete on dossier_handovers
  for each row execute function dossier_facts_changed();

-- the measures of a period's state changes (returned, supplement requested, refused at reception,
-- withdrawn, cancelled) read the events of the period by state and moment: with the dossier in
-- the index they need not visit the events themselves
create index dossier_events_state_at_dossier_idx on dossier_events (to_state, at) include (dossier_id);
drop index dossier_events_to_state_idx;

-- back-fill, set-based (one pass over each table, not one sub-query per dossier)
update dossiers d set
  has_files = f.has_files,
  has_result_document = f.has_result_document,
  has_received_event = f.has_received_event,
  has_decision_event = f.has_decision_event,
  has_delivered_event = f.has_delivered_event,
  withdrawn_cancelled_at = f.withdrawn_cancelled_at,
  late_step_due_at = f.late_step_due_at
from (
  select x.id,
    fi.dossier_id is not null as has_files,
    dc.dossier_id is not null as has_result_document,
    coalesce(ev.received, false) as has_received_event,
    coalesce(ev.decision, false) as has_decision_event,
    coalesce(ev.delivered, false) as has_delivered_event,
    ev.withdrawn_cancelled_at,
    ho.due as late_step_due_at
  from dossiers x
  left join (
    select e.dossier_id,
      bool_or(e.to_state = 'RECEIVED') as received,
      bool_or(e.to_state in ('RESULT_READY', 'REFUSED')) as decision,
      bool_or(e.to_state = 'DELIVERED') as delivered,
      min(e.at) filter (where e.to_state in ('WITHDRAWN', 'CANCELLED')) as withdrawn_cancelled_at
    from dossier_events e
    where e.to_state in ('RECEIVED', 'RESULT_READY', 'REFUSED', 'DELIVERED', 'WITHDRAWN', 'CANCELLED')
    group by e.dossier_id
  ) ev on ev.dossier_id = x.id
  left join (select distinct dossier_id from dossier_files) fi on fi.dossier_id = x.id
  left join (select distinct dossier_id from dossier_documents where kind = 'result') dc on dc.dossier_id = x.id
  left join (
    select h.dossier_id, min(h.due_at) as due from dossier_handovers h
    where h.finished_at is null or h.finished_at > h.due_at
    group by h.dossier_id
  ) ho on ho.dossier_id = x.id
) f
where f.id = d.id
  and (f.has_files or f.has_result_document or f.has_received_event or f.has_decision_event or f.has_delivered_event
       or f.withdrawn_cancelled_at is not null or f.late_step_due_at is not null);
