-- Issue 9, items 4 and 6: who in the administration opened a citizen's dossier, and the
-- citizen's document store (kho dữ liệu), where a signed result issued earlier can be reused.

-- Every time an officer opens a dossier (its back-office page, a file, a document or form PDF,
-- a print), one row, written in the same request before the answer. Who is kept as it was at
-- that moment (name, role, unit), so a later move of the officer or a renamed unit does not
-- rewrite what the citizen was shown. Append-only: the triggers below refuse any change.
create table dossier_access_log (
  id bigint generated always as identity primary key,
  dossier_id uuid not null references dossiers(id),
  at timestamptz not null default now(),
  account_id uuid not null references accounts(id),
  account_name text not null,
  role text not null,
  unit_id uuid references units(id),
  unit_name text,
  -- page: the dossier's page; file: a file of the dossier; document: a form or the result (PDF);
  -- print: a print of several dossiers (the day's receipts)
  kind text not null check (kind in ('page', 'file', 'document', 'print')),
  -- what exactly, in words for the citizen: the file's name, the form's name
  item text not null check (length(item) between 1 and 300)
);
create index dossier_access_log_dossier_idx on dossier_access_log (dossier_id, at desc);
create index dossier_access_log_account_idx on dossier_access_log (account_id, at);

create function dossier_access_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'dossier_access_log is append-only: % refused', tg_op;
end
$$;
create trigger dossier_access_log_no_change before update or delete on dossier_access_log
  for each row execute function dossier_access_log_append_only();
create trigger dossier_access_log_no_truncate before truncate on dossier_access_log
  for each statement execute function dossier_access_log_append_only();

-- A signed result issued to the applicant, taken into a later dossier instead of a new upload
-- (NĐ 45/2020: documents already in the Kho and still valid are not asked for again). The
-- earlier dossier file a component reuses stays in reused_from (0015); a reused result here.
alter table draft_files add column reused_document_id uuid references issued_documents(id);
alter table dossier_files add column reused_document_id uuid references issued_documents(id);
alter table draft_files add constraint draft_files_one_reuse_source check (reused_from is null or reused_document_id is null);
alter table dossier_files add constraint dossier_files_one_reuse_source check (reused_from is null or reused_document_id is null);
create index dossier_files_reused_document_idx on dossier_files (reused_document_id) where reused_document_id is not null;
