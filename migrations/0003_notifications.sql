-- Notifications to citizens and officers (e-mail, SMS), delivered from the outbox.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid references accounts(id),
  -- the dossier or other subject the message is about, for the citizen's history
  subject_type text,
  subject_id text,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  title text not null,
  body text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  provider_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notifications_subject_idx on notifications (subject_type, subject_id);
create index notifications_status_idx on notifications (status, created_at);
