-- Dossiers entered by the one-stop desk for a citizen who brought the papers to the counter or
-- sent them by post: the officer owns the draft, on behalf of the applicant named here.
alter table drafts add column channel text not null default 'online' check (channel in ('online', 'counter', 'post'));
-- { name, idNumber?, phone?, email?, accountId? }: who the dossier is for (accountId when the
-- applicant has an account, so the dossier shows in their "Hồ sơ của tôi")
alter table drafts add column on_behalf jsonb;
alter table drafts add constraint drafts_on_behalf_chk check ((channel = 'online') = (on_behalf is null));

-- A file taken again from one of the applicant's earlier dossiers instead of being scanned or
-- uploaded again (the reuse that QĐ 766's digitisation indicator counts).
alter table draft_files add column reused_from uuid references dossier_files(id) on delete set null;
alter table dossier_files add column reused_from uuid references dossier_files(id) on delete set null;
create index dossier_files_reused_idx on dossier_files (reused_from) where reused_from is not null;
