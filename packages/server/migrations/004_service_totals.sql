-- Ranked totals for the honor board and stats: approved hours and points per period window ×
-- scope × subject, so any board is the first rows of one index and any stat one row, however much
-- history there is. Kept, like the monthly rollup of 003, by the triggers on service_records in the
-- transaction of every change; 003's trigger function now hands its rows to one shared function.
-- See docs/architecture.md, "Honor board and stats from totals the database keeps".

-- The rolling windows (the last 7, 30 and 365 days; all time). A window holds the approved records
-- whose check-out is at or after starts_at; the first board read of a new minute moves it up to
-- that minute (service_totals_advance), subtracting the records it leaves behind.
CREATE TABLE service_total_windows (
  period text PRIMARY KEY,
  days int NOT NULL,
  starts_at timestamptz
);
-- `days * interval '24 hours'`, not `'N days'`: whole hours, as the server's clock counts them,
-- whatever the session's time zone does with daylight saving.
INSERT INTO service_total_windows (period, days, starts_at) VALUES
  ('all', 0, NULL),
  ('week', 7, date_trunc('minute', now()) - 7 * interval '24 hours'),
  ('month', 30, date_trunc('minute', now()) - 30 * interval '24 hours'),
  ('year', 365, date_trunc('minute', now()) - 365 * interval '24 hours');

-- scope: 'platform', 'org:<id>', 'region:<2, 4 or 6 digits>', 'channel:<id>', as the API names it.
-- subject_type: 'volunteer' or 'organization'. A scope's total (stats) is the sum of its organizations.
CREATE TABLE service_totals (
  period text NOT NULL,
  scope text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  hours numeric NOT NULL,
  points numeric NOT NULL,
  records int NOT NULL,
  PRIMARY KEY (period, scope, subject_type, subject_id)
);
-- A board is ordered by the value it shows (rounded to 0.1), ties by id: the first rows of these.
CREATE INDEX service_totals_rank_hours ON service_totals (period, scope, subject_type, round(hours, 1) DESC, subject_id);
CREATE INDEX service_totals_rank_points ON service_totals (period, scope, subject_type, round(points, 1) DESC, subject_id);
CREATE INDEX service_totals_empty ON service_totals (period) WHERE records = 0;

-- One approved record entering (+1) or leaving (-1) the totals.
CREATE TYPE service_hours_change AS (volunteer_id text, opportunity_id text, check_out timestamptz, hours float8, sign int);

-- Adds changes to the totals of every window that holds their check-out, or, with only_period, to
-- that window alone (service_totals_advance, for records it is letting go). One upsert in key
-- order, so concurrent changes lock total rows in one order: no deadlock between them.
CREATE FUNCTION service_totals_apply(changes service_hours_change[], only_period text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(changes), 0) = 0 THEN RETURN; END IF;
  -- Summed per volunteer, organization, region and channel in each window first, then spread to
  -- the scopes and subjects: a bulk change (the seed, a migration) spreads sums, not records.
  WITH delta AS (
    SELECT w.period, c.volunteer_id, o.org_id, o.region_code, v.channel_id, sum(c.sign) AS records,
      sum(c.sign * c.hours::numeric) AS hours, sum(c.sign * round(c.hours * o.points_per_hour)::numeric) AS points
    FROM unnest(changes) c JOIN opportunities o ON o.id = c.opportunity_id JOIN volunteers v ON v.id = c.volunteer_id
      JOIN service_total_windows w ON CASE WHEN only_period IS NULL THEN w.starts_at IS NULL OR c.check_out >= w.starts_at ELSE w.period = only_period END
    GROUP BY 1, 2, 3, 4, 5),
  placed AS (
    SELECT d.period, s.scope, x.subject_type, x.subject_id, d.records, d.hours, d.points
    FROM delta d
    -- DISTINCT: a region code shorter than six digits would otherwise count twice in one scope.
    CROSS JOIN LATERAL (SELECT DISTINCT unnest(ARRAY['platform', 'org:' || d.org_id, 'channel:' || d.channel_id,
      'region:' || left(d.region_code, 2), 'region:' || left(d.region_code, 4), 'region:' || left(d.region_code, 6)])) s(scope)
    CROSS JOIN LATERAL (VALUES ('volunteer', d.volunteer_id), ('organization', d.org_id)) x(subject_type, subject_id))
  INSERT INTO service_totals AS t (period, scope, subject_type, subject_id, hours, points, records)
  SELECT period, scope, subject_type, subject_id, sum(hours), sum(points), sum(records)::int
  FROM placed
  GROUP BY 1, 2, 3, 4
  HAVING sum(records) <> 0 OR sum(hours) <> 0 OR sum(points) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (period, scope, subject_type, subject_id) DO UPDATE
    SET hours = t.hours + excluded.hours, points = t.points + excluded.points, records = t.records + excluded.records;
  DELETE FROM service_totals WHERE records = 0;
END
$$;

-- Every change to approved records goes through here: the monthly rollup (003) and the totals.
CREATE FUNCTION service_hours_apply(changes service_hours_change[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(changes), 0) = 0 THEN RETURN; END IF;
  WITH delta AS (SELECT * FROM unnest(changes))
  INSERT INTO service_hours_monthly AS m (volunteer_id, org_id, region_code, channel_id, month, hours, points, records)
  SELECT d.volunteer_id, o.org_id, o.region_code, v.channel_id, date_trunc('month', d.check_out AT TIME ZONE 'UTC')::date,
    sum(d.sign * d.hours::numeric), sum(d.sign * round(d.hours * o.points_per_hour)::numeric), sum(d.sign)::int
  FROM delta d JOIN opportunities o ON o.id = d.opportunity_id JOIN volunteers v ON v.id = d.volunteer_id
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.hours::numeric) <> 0 OR sum(d.sign * round(d.hours * o.points_per_hour)::numeric) <> 0
  ORDER BY 1, 2, 3, 5
  ON CONFLICT (volunteer_id, org_id, region_code, month) DO UPDATE
    SET hours = m.hours + excluded.hours, points = m.points + excluded.points, records = m.records + excluded.records;
  DELETE FROM service_hours_monthly WHERE records = 0;
  -- Shared with every other change, exclusive for service_totals_advance: a window cannot move
  -- while a change is being placed by where it starts (held until this transaction ends).
  PERFORM pg_advisory_xact_lock_shared(727275);
  PERFORM service_totals_apply(changes, NULL);
END
$$;

-- Moves every rolling window up to start `days` before as_of, subtracting the approved records it
-- leaves behind; a window already there (or later) stays. Needs the advisory lock exclusively, so
-- no change in flight is placed by a start that is moving meanwhile; while changes hold it, it
-- moves nothing and says so (false): a read never waits behind writes, nor deadlocks with them.
CREATE FUNCTION service_totals_advance(as_of timestamptz) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  w record;
  next_start timestamptz;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727275) THEN RETURN false; END IF;
  FOR w IN SELECT period, days, starts_at FROM service_total_windows WHERE days > 0 ORDER BY period LOOP
    next_start := as_of - w.days * interval '24 hours';
    CONTINUE WHEN next_start <= w.starts_at;
    PERFORM service_totals_apply(ARRAY(
      SELECT (r.volunteer_id, r.opportunity_id, r.check_out, r.hours, -1)::service_hours_change FROM service_records r
      WHERE r.status = 'approved' AND r.check_out >= w.starts_at AND r.check_out < next_start), w.period);
    UPDATE service_total_windows SET starts_at = next_start WHERE period = w.period;
  END LOOP;
  RETURN true;
END
$$;

-- 003's trigger function, each event's rows handed to the one function above.
CREATE OR REPLACE FUNCTION service_hours_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM service_hours_apply(ARRAY(SELECT (volunteer_id, opportunity_id, check_out, hours, 1)::service_hours_change
      FROM new_rows WHERE status = 'approved'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM service_hours_apply(ARRAY(SELECT (volunteer_id, opportunity_id, check_out, hours, -1)::service_hours_change
      FROM old_rows WHERE status = 'approved'));
  ELSE
    PERFORM service_hours_apply(ARRAY(
      SELECT (volunteer_id, opportunity_id, check_out, hours, 1)::service_hours_change FROM new_rows WHERE status = 'approved'
      UNION ALL
      SELECT (volunteer_id, opportunity_id, check_out, hours, -1)::service_hours_change FROM old_rows WHERE status = 'approved'));
  END IF;
  RETURN NULL;
END
$$;

-- The monthly rollup and the totals recomputed from the records, all at once: for records approved
-- before this migration, and for a bulk load that ran with the triggers off (the seed).
-- work_mem: the aggregation of every record at once fits in memory instead of spilling to disk.
CREATE FUNCTION service_hours_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727275);
  DELETE FROM service_hours_monthly;
  DELETE FROM service_totals;
  PERFORM service_hours_apply(ARRAY(SELECT (volunteer_id, opportunity_id, check_out, hours, 1)::service_hours_change
    FROM service_records WHERE status = 'approved'));
END
$$;

SELECT service_hours_rebuild();
