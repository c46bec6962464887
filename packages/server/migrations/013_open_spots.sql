-- The figure sort=spotsLeft ranks by, kept on the opportunity so a page no longer sums every
-- candidate's shifts (docs/architecture.md, "Open spots kept with the window they hold in").
-- For any time t with open_spots_from <= t < open_spots_until, open_spots is the sum over the
-- opportunity's shifts starting after t of greatest(capacity - signed_up, 0): no shift starts
-- inside the window, so the same shifts count all through it. A page uses the figure when the
-- request's time is in the window and sums the shifts otherwise, so a figure not kept up to date
-- can make a page slower, never wrong. The defaults are an empty window.
ALTER TABLE opportunities
  ADD COLUMN open_spots integer NOT NULL DEFAULT 0,
  ADD COLUMN open_spots_from timestamptz NOT NULL DEFAULT 'infinity',
  ADD COLUMN open_spots_until timestamptz NOT NULL DEFAULT '-infinity';

-- Kept by triggers on shifts, in the statement that changes them, so no write path (a sign-up, a
-- cancel, a promotion from the waitlist, the seed, a test's own SQL) can leave it wrong. A change of
-- capacity or counters on a shift the figure counts (it starts at or after the window's end) adds
-- the change in its free places; a shift added, removed or moved empties its opportunity's window
-- until the next refresh (refreshOpenSpots in src/db/queries.ts) computes it again.
CREATE FUNCTION shifts_open_spots_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    WITH paired AS (
      SELECT n.opportunity_id, n.starts_at, o.opportunity_id AS old_opportunity_id, o.starts_at AS old_starts_at,
        greatest(n.capacity - n.signed_up, 0) - greatest(o.capacity - o.signed_up, 0) AS delta
      FROM new_rows n JOIN old_rows o ON o.id = n.id
    ), moved AS (
      SELECT opportunity_id FROM paired WHERE opportunity_id <> old_opportunity_id OR starts_at <> old_starts_at
      UNION SELECT old_opportunity_id FROM paired WHERE opportunity_id <> old_opportunity_id OR starts_at <> old_starts_at
    ), emptied AS (
      UPDATE opportunities SET open_spots_from = 'infinity', open_spots_until = '-infinity'
      WHERE id IN (SELECT opportunity_id FROM moved) RETURNING id
    )
    UPDATE opportunities op SET open_spots = op.open_spots + (
      SELECT coalesce(sum(p.delta) FILTER (WHERE p.starts_at >= op.open_spots_until), 0)
      FROM paired p WHERE p.opportunity_id = op.id)
    WHERE op.id IN (SELECT opportunity_id FROM paired WHERE delta <> 0 AND opportunity_id = old_opportunity_id AND starts_at = old_starts_at)
      AND op.id NOT IN (SELECT opportunity_id FROM moved);
  ELSE
    UPDATE opportunities SET open_spots_from = 'infinity', open_spots_until = '-infinity'
    WHERE id IN (SELECT opportunity_id FROM changed_rows);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER shifts_open_spots_update AFTER UPDATE ON shifts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shifts_open_spots_apply();
CREATE TRIGGER shifts_open_spots_insert AFTER INSERT ON shifts REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shifts_open_spots_apply();
CREATE TRIGGER shifts_open_spots_delete AFTER DELETE ON shifts REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shifts_open_spots_apply();
