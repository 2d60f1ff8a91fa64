-- One more per-dossier fact for the statistics (see 0017): whether the applicant, with an
-- account, had given documents in an earlier dossier (MDSH.3's "reuse possible"). Asked of
-- every dossier with a sub-query over the applicant's other dossiers, it made a province's year
-- take minutes at a million dossiers (the demo citizen alone has thousands of dossiers).
--
-- It holds exactly: reuse_possible ⇔ applicant_id is not null and some dossier of the same
-- applicant submitted earlier has a file. Kept by
--   - the insert of a dossier (computed from the dossiers already there), and
--   - a dossier's has_files becoming true (the applicant's later dossiers become possible);
-- dossier_reuse_refresh(applicant) computes an applicant's from scratch, set-based, and bulk
-- loads that set motcua.facts_bulk = 'on' skip the row triggers and call it once at the end.
alter table dossiers add column reuse_possible boolean not null default false;

create function facts_bulk() returns boolean language sql stable as $$
  select coalesce(current_setting('motcua.facts_bulk', true), '') = 'on'
$$;

-- every dossier of the applicant (all applicants when null): after the first submission with a file
create function dossier_reuse_refresh(p_applicant uuid) returns void language sql as $$
  update dossiers d set reuse_possible = (f.first_with_files is not null and d.submitted_at > f.first_with_files)
  from dossiers x
  left join (
    select pd.applicant_id, min(pd.submitted_at) as first_with_files
    from dossiers pd
    where pd.applicant_id is not null and exists (select 1 from dossier_files df where df.dossier_id = pd.id)
      and (p_applicant is null or pd.applicant_id = p_applicant)
    group by pd.applicant_id
  ) f on f.applicant_id = x.applicant_id
  where x.id = d.id and d.applicant_id is not null and (p_applicant is null or d.applicant_id = p_applicant)
    and d.reuse_possible is distinct from (f.first_with_files is not null and d.submitted_at > f.first_with_files)
$$;

create function dossier_reuse_on_insert() returns trigger language plpgsql as $$
begin
  new.reuse_possible := new.applicant_id is not null and exists (
    select 1 from dossiers pd where pd.applicant_id = new.applicant_id and pd.submitted_at < new.submitted_at and pd.has_files);
  return new;
end
$$;
create trigger dossiers_reuse_insert before insert on dossiers
  for each row when (not facts_bulk()) execute function dossier_reuse_on_insert();

create function dossier_reuse_on_files() returns trigger language plpgsql as $$
begin
  update dossiers set reuse_possible = true
  where applicant_id = new.applicant_id and submitted_at > new.submitted_at and not reuse_possible;
  return null;
end
$$;
create trigger dossiers_reuse_files after update of has_files on dossiers
  for each row when (new.has_files and not old.has_files and new.applicant_id is not null and not facts_bulk())
  execute function dossier_reuse_on_files();

-- dossier_facts_refresh (0017) also recomputes this one, from the files themselves, so that it
-- does not depend on the order in which dossiers are refreshed
create or replace function dossier_facts_refresh(p_dossier uuid) returns void language plpgsql as $$
begin
  update dossiers d set
    has_files = exists (select 1 from dossier_files f where f.dossier_id = d.id),
    has_result_document = exists (select 1 from dossier_documents x where x.dossier_id = d.id and x.kind = 'result'),
    has_received_event = exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state = 'RECEIVED'),
    has_decision_event = exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state in ('RESULT_READY', 'REFUSED')),
    has_delivered_event = exists (select 1 from dossier_events e where e.dossier_id = d.id and e.to_state = 'DELIVERED'),
    withdrawn_cancelled_at = (select min(e.at) from dossier_events e where e.dossier_id = d.id and e.to_state in ('WITHDRAWN', 'CANCELLED')),
    late_step_due_at = dossier_late_step_due(d.id),
    reuse_possible = d.applicant_id is not null and exists (
      select 1 from dossiers pd join dossier_files f on f.dossier_id = pd.id
      where pd.applicant_id = d.applicant_id and pd.submitted_at < d.submitted_at)
  where d.id = p_dossier;
end
$$;

select dossier_reuse_refresh(null);
