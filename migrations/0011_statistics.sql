-- Statistics and the QĐ 766 indicators (issue 8).
--
-- The lead unit of a dossier (đơn vị chủ trì giải quyết): the unit of its first processing step,
-- the one the statistics attribute the dossier to (a dossier received at the province's centre
-- for a department counts for the department). Kept by a trigger when the desk hands the
-- dossier over, so the dossier code needs no change; until then the receiving unit stands in
-- (coalesce(lead_unit_id, receiving_unit_id) in every report).
alter table dossiers add column lead_unit_id uuid references units(id);

create function dossiers_set_lead_unit() returns trigger language plpgsql as $$
begin
  update dossiers set lead_unit_id = new.unit_id where id = new.dossier_id and lead_unit_id is null;
  return new;
end
$$;

-- 'tiep-nhan' (the desk's reception row) and 'tra-ket-qua' (back to the desk) are not processing steps
create trigger dossier_handovers_lead_unit after insert on dossier_handovers
  for each row when (new.step_key not in ('tiep-nhan', 'tra-ket-qua'))
  execute function dossiers_set_lead_unit();

update dossiers d set lead_unit_id = (
  select h.unit_id from dossier_handovers h
  where h.dossier_id = d.id and h.step_key not in ('tiep-nhan', 'tra-ket-qua')
  order by h.id limit 1
) where d.lead_unit_id is null;

-- the periods the reports read: received, settled (decided, or delivered without a decision
-- time), and the state changes of the period (returned, refused at reception, withdrawn, cancelled)
create index dossiers_received_at_idx on dossiers (received_at);
create index dossiers_settled_at_idx on dossiers ((coalesce(decided_at, delivered_at)));
create index dossiers_lead_unit_idx on dossiers ((coalesce(lead_unit_id, receiving_unit_id)));
create index dossier_events_to_state_idx on dossier_events (to_state, at);
create index dossier_handovers_unit_dossier_idx on dossier_handovers (unit_id, dossier_id);
-- "full history" asks of each dossier whether it has an event of a given state
create index dossier_events_dossier_state_idx on dossier_events (dossier_id, to_state);
