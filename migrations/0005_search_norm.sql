-- The unaccented, lower-cased name is stored once instead of being computed for every
-- row of every search; its trigram index serves the typo-tolerant match.
drop index procedures_name_trgm_idx;
alter table procedures add column name_norm text generated always as (f_unaccent(lower(name))) stored;
create index procedures_name_norm_trgm_idx on procedures using gin (name_norm gin_trgm_ops);
