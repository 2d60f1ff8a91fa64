-- The logbook (Mẫu 06) of a unit for a period, a page at a time: its count and the ids of a page
-- read from this index alone (the order of the book sorts the index entries, not the rows), then
-- the page's hundred rows by id. At 1M dossiers, a month of 16,646 at one unit: the count 100 ms
-- → 2 ms, a page 270 ms → 21 ms (PostgreSQL 15, bench/queues.ts's data).
create index dossiers_logbook_idx on dossiers (receiving_unit_id, received_at) include (logbook_serial, code, id);

-- Lateness by unit (/mot-cua/tre-han): the steps a unit closed late in the period, found by unit
-- and closing time rather than among all of the unit's steps (with dossier_handovers_open_idx
-- for the open ones). Same data: 285k steps of the unit read, 1,100 ms → 107 ms.
create index dossier_handovers_late_idx on dossier_handovers (unit_id, finished_at) where outcome = 'late';
