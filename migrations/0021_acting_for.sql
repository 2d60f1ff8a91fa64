-- Acting for someone else (issue 9, item 2) and a business's staff acting for it (item 1).
--
-- A citizen submitting online for a family member (thân nhân) or as an authorised person (người
-- được ủy quyền), or a staff member submitting for their organisation: in what capacity, and for
-- whom. On the draft while it is filled in, kept on the dossier when it is submitted.
-- { capacity: 'relative', name, idNumber, relationship }
-- { capacity: 'authorised', name, idNumber }            (the giấy ủy quyền is a required file)
-- { capacity: 'staff', submitterId, submitterName }      (the organisation is the applicant)
alter table drafts add column acting_for jsonb;
alter table dossiers add column acting_for jsonb;

-- The staff of an organisation account: people (their own citizen accounts) who may act for it.
-- Removing a member ends it at once: every request checks for a row with removed_at null.
create table organisation_staff (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references accounts(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  added_by uuid references accounts(id),
  added_at timestamptz not null default now(),
  removed_by uuid references accounts(id),
  removed_at timestamptz,
  check (organisation_id <> account_id)
);
create unique index organisation_staff_active_idx on organisation_staff (organisation_id, account_id) where removed_at is null;
create index organisation_staff_account_idx on organisation_staff (account_id) where removed_at is null;
