-- Postage paid online (issue 10, item 4): what part of a payment is postage, and payments for the
-- postage only, when the applicant chose delivery by post after the fee was paid.
--   purpose 'fee': the fee of the dossier (with the postage, if the delivery was chosen before)
--   purpose 'postage': the postage alone (or what was still missing of it)
alter table payments add column purpose text not null default 'fee' check (purpose in ('fee', 'postage'));
alter table payments add column postage bigint not null default 0 check (postage >= 0 and postage <= amount);
