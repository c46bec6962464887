-- Indexes that let each sort of the opportunity list read in its own order and stop after a page
-- (docs/architecture.md, "Query plans"), so a page's cost does not grow with the catalogue.

-- sort=newest: created_at descending, ties by id, as the page orders them.
CREATE INDEX opportunities_newest ON opportunities (created_at DESC, id);
-- sort=startsAt reads shifts not yet ended in start order (shifts_starts_at, migrations/002). A shift
-- under way started at most the longest shift's length ago: max() over this index is one lookup,
-- and bounds that read from below.
CREATE INDEX shifts_length ON shifts ((ends_at - starts_at));
