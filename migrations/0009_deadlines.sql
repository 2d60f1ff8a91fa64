-- Deadlines: the apology with a new appointment (Mẫu 04) and the daily at-risk summary to the
-- leaders of each unit.

-- The legal due date from receipt, kept when an apology moves due_at (set by the first apology
-- only), and how many times the dossier's appointment was moved (DOMAIN.md 5: track how many
-- times each dossier was late).
alter table dossiers add column original_due_at timestamptz;
alter table dossiers add column late_count integer not null default 0;

-- One at-risk summary per unit and day in Vietnam: a job that runs twice (a retry, a second
-- process) finds the row and sends nothing more.
create table deadline_digests (
  unit_id uuid not null references units(id),
  day date not null,
  dossier_count integer not null,
  step_count integer not null,
  created_at timestamptz not null default now(),
  primary key (unit_id, day)
);
