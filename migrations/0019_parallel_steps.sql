-- Parallel steps of the internal workflow: several agencies consulted at once each hold the
-- dossier on their own handover row, and each takes it into its own specialist's queue.
alter table dossier_handovers add column assignee_id uuid references accounts(id);
