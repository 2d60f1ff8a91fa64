-- Online fee payments (issue 10): the fee on the dossier, one row per attempt at the gateway
-- (vnp_TxnRef), every change of a payment as an event, refunds and the daily reconciliation.

-- the amount due in integer đồng, frozen at the first payment attempt from the procedure's fee
-- rules and the answers (catalogue computeFee); when the fee was paid (net of full refunds)
alter table dossiers add column fee_amount bigint check (fee_amount is null or fee_amount >= 0);
alter table dossiers add column fee_paid_at timestamptz;

create sequence payment_receipt_seq;

create table payments (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id),
  gateway text not null default 'vnpay',
  -- vnp_TxnRef: ours, unique for ever (VNPay asks unique per day)
  txn_ref text not null unique,
  amount bigint not null check (amount > 0),
  refunded_amount bigint not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
  state text not null check (state in ('created', 'pending', 'succeeded', 'failed', 'cancelled', 'expired', 'refunded', 'partly_refunded')),
  order_info text not null,
  payer_id uuid references accounts(id),
  payer_ip text not null,
  -- vnp_CreateDate as sent (yyyyMMddHHmmss, GMT+7): querydr and refund name it as vnp_TransactionDate
  create_date text not null,
  expires_at timestamptz not null,
  bank_code text,
  -- what the gateway reported: vnp_TransactionNo, vnp_BankTranNo, vnp_CardType, vnp_ResponseCode, vnp_PayDate
  gateway_txn_no text,
  bank_txn_no text,
  card_type text,
  response_code text,
  paid_at timestamptz,
  receipt_number text unique,
  -- money taken for a dossier that was withdrawn, cancelled or refused meanwhile: a leader decides the refund
  refund_due boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payments_dossier_idx on payments (dossier_id, created_at);
create index payments_paid_idx on payments (paid_at);
-- at most one attempt open at the gateway per dossier: a second click reuses it
create unique index payments_one_open_idx on payments (dossier_id) where state in ('created', 'pending');

create table payment_events (
  id bigint generated always as identity primary key,
  payment_id uuid not null references payments(id),
  at timestamptz not null default now(),
  type text not null,
  from_state text,
  to_state text,
  -- who caused it: citizen, ipn, querydr, job, officer
  source text not null,
  actor_id uuid references accounts(id),
  detail jsonb not null default '{}'::jsonb
);
create index payment_events_payment_idx on payment_events (payment_id, id);

create table payment_refunds (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null references payments(id),
  -- vnp_RequestId of the refund call: one per refund, so a retried job is recognised
  request_id text not null unique,
  amount bigint not null check (amount > 0),
  kind text not null check (kind in ('full', 'partial')),
  reason text not null,
  state text not null check (state in ('approved', 'succeeded', 'failed')),
  approved_by uuid not null references accounts(id),
  approved_by_name text not null,
  response_code text,
  gateway_txn_no text,
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create index payment_refunds_payment_idx on payment_refunds (payment_id);

create table payment_reconciliations (
  id uuid primary key default gen_random_uuid(),
  day date not null,
  ran_at timestamptz not null default now(),
  gateway_count integer not null,
  ledger_count integer not null,
  differences jsonb not null,
  ok boolean not null
);
create index payment_reconciliations_day_idx on payment_reconciliations (day, ran_at desc);
