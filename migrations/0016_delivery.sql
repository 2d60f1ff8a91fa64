-- Results and papers by the public postal service (BCCI, QĐ 45/2016/QĐ-TTg; issue 10).

-- The applicant's choice to receive the result by post, kept on the dossier until the desk
-- returns it: {recipient, phone, address: {provinceCode, province, communeCode, commune, detail},
-- postage (quoted, integer đồng), weightGrams, zone, chosenAt}
alter table dossiers add column delivery_address jsonb;

-- One shipment per dossier and direction: the result sent out (outbound), or the papers the
-- applicant posted to the desk (inbound, with the tracking number the desk recorded).
create table shipments (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id),
  direction text not null check (direction in ('outbound', 'inbound')),
  recipient_name text not null,
  recipient_phone text,
  address jsonb not null,
  -- the postal service's number (UPU S10, e.g. EB123456785VN), once it accepted the order
  tracking_number text,
  -- integer đồng: quoted at the choice, then what the postal service charged
  postage bigint check (postage is null or postage >= 0),
  state text not null check (state in ('pending', 'accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'cancelled')),
  return_reason text,
  -- the order's idempotency key at the postal service (the dossier's id): a retried job never orders twice
  idempotency_key text not null unique,
  -- when the postal service confirmed our order to us (a webhook may bring the number before that)
  ordered_at timestamptz,
  attempts integer not null default 0,
  last_error text,
  created_by uuid references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dossier_id, direction)
);
create unique index shipments_tracking_idx on shipments (tracking_number) where tracking_number is not null;
create index shipments_state_idx on shipments (state, updated_at);

-- Every status the postal service reported (each webhook event once, by its id), whether or not
-- it moved the shipment on (a late, out-of-order status is kept but does not move it back).
create table shipment_events (
  id bigint generated always as identity primary key,
  shipment_id uuid not null references shipments(id) on delete cascade,
  event_id text not null,
  status text not null,
  at timestamptz not null,
  received_at timestamptz not null default now(),
  reason text,
  location text,
  applied boolean not null,
  unique (shipment_id, event_id)
);
create index shipment_events_shipment_idx on shipment_events (shipment_id, id);
