-- Login with the national electronic identity (VNeID-style, OpenID Connect).
-- An account is linked to one identity (the provider's `sub`); the attributes the provider
-- vouched for are kept apart from what the person typed, with when and at which level of
-- assurance (NĐ 69/2024: mức 1 / mức 2) they were verified.
alter table accounts add column identity_subject text unique;
alter table accounts add column identity_verified_at timestamptz;
alter table accounts add column identity_loa smallint check (identity_loa is null or identity_loa in (1, 2));
-- as received: fullName, idNumber, birthDate, phone, address, taxCode
alter table accounts add column identity_attributes jsonb;
-- an organisation's tax code (mã số thuế: 10 digits, or 10 + "-" + 3 for a branch)
alter table accounts add column tax_code text check (tax_code is null or tax_code ~ '^[0-9]{10}(-[0-9]{3})?$');
create index accounts_id_number_idx on accounts(id_number);
create index accounts_tax_code_idx on accounts(tax_code);
