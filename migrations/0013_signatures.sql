-- Documents issued with legal effect (NĐ 45/2020: e-results have legal effect): each signed PDF
-- with the public code printed on it (QR and link to /xac-thuc/{code}), the SHA-256 of the
-- signed file (its key in the blob store), who signed it and with which certificate, and its
-- revocation. Facts are copied as they were at issue (unit and procedure names change).
create table issued_documents (
  id uuid primary key default gen_random_uuid(),
  -- 80 random bits in Crockford base32, grouped: XXXX-XXXX-XXXX-XXXX (unguessable, printed)
  code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'),
  dossier_id uuid not null references dossiers(id),
  kind text not null check (kind in ('result', 'receipt')),
  issuer_unit_id uuid not null references units(id),
  issuer_name text not null,
  procedure_code text not null,
  procedure_name text not null,
  -- the result's number (số), when it has one
  number text,
  issued_at timestamptz not null default now(),
  sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
  size integer not null check (size > 0),
  certificate_sha256 text not null check (certificate_sha256 ~ '^[0-9a-f]{64}$'),
  signer_subject text not null,
  issued_by uuid references accounts(id),
  revoked_at timestamptz,
  revoked_reason text,
  revoked_by uuid references accounts(id),
  check ((revoked_at is null) = (revoked_reason is null))
);
create index issued_documents_dossier_idx on issued_documents (dossier_id, issued_at);
