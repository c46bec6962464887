-- The key sort=startsAt orders by, kept on the opportunity as migrations/013 keeps open spots, so
-- a page reads opportunities in that order from an index instead of walking every shift in start
-- order and asking, for each, whether it is its opportunity's first not yet ended
-- (docs/architecture.md, "Next start kept with the window it holds in").
-- For any time t with next_start_from <= t < next_start_until, next_start is the earliest start
-- of the opportunity's shifts not yet ended at t (ends_at >= t), NULL when it has none: the window
-- begins when the figure was computed and ends just after the last shift starting at next_start
-- ends, and until then the same shift stays first. A page uses the figure only inside the window and
-- works it out from the shifts otherwise, so a figure not kept up to date can make a page slower,
-- never wrong. The defaults are an empty window.
ALTER TABLE opportunities
  ADD COLUMN next_start timestamptz,
  ADD COLUMN next_start_from timestamptz NOT NULL DEFAULT 'infinity',
  ADD COLUMN next_start_until timestamptz NOT NULL DEFAULT '-infinity';

-- The page's order (NULLS LAST, as ORDER BY next_start, id reads it), and the two ways a window
-- fails to hold, so the opportunities worked out from their shifts are found without a scan.
CREATE INDEX opportunities_next_start ON opportunities (next_start, id);
CREATE INDEX opportunities_next_start_until ON opportunities (next_start_until);
CREATE INDEX opportunities_next_start_from ON opportunities (next_start_from);

-- The triggers of migrations/013 now also empty the next-start window of an opportunity whose
-- shifts were added, removed or moved (start, end or opportunity changed). Sign-ups and cancels
-- change only counters, which the next start does not depend on, so its window stays.
CREATE OR REPLACE FUNCTION shifts_open_spots_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    WITH paired AS (
      SELECT n.opportunity_id, n.starts_at, o.opportunity_id AS old_opportunity_id, o.starts_at AS old_starts_at,
        n.ends_at <> o.ends_at AS ends_moved,
        greatest(n.capacity - n.signed_up, 0) - greatest(o.capacity - o.signed_up, 0) AS delta
      FROM new_rows n JOIN old_rows o ON o.id = n.id
    ), moved AS (
      SELECT opportunity_id FROM paired WHERE opportunity_id <> old_opportunity_id OR starts_at <> old_starts_at OR ends_moved
      UNION SELECT old_opportunity_id FROM paired WHERE opportunity_id <> old_opportunity_id OR starts_at <> old_starts_at OR ends_moved
    ), emptied AS (
      UPDATE opportunities SET open_spots_from = 'infinity', open_spots_until = '-infinity',
        next_start_from = 'infinity', next_start_until = '-infinity'
      WHERE id IN (SELECT opportunity_id FROM moved) RETURNING id
    )
    UPDATE opportunities op SET open_spots = op.open_spots + (
      SELECT coalesce(sum(p.delta) FILTER (WHERE p.starts_at >= op.open_spots_until), 0)
      FROM paired p WHERE p.opportunity_id = op.id)
    WHERE op.id IN (SELECT opportunity_id FROM paired WHERE delta <> 0 AND opportunity_id = old_opportunity_id AND starts_at = old_starts_at)
      AND op.id NOT IN (SELECT opportunity_id FROM moved);
  ELSE
    UPDATE opportunities SET open_spots_from = 'infinity', open_spots_until = '-infinity',
      next_start_from = 'infinity', next_start_until = '-infinity'
    WHERE id IN (SELECT opportunity_id FROM changed_rows);
  END IF;
  RETURN NULL;
END $$;

-- Only the old startsAt page read the longest shift's length, to bound its walk over shifts.
DROP INDEX shifts_length;
