-- Approved service hours rolled up per volunteer, organization, region and calendar month (UTC,
-- by check-out), so the honor board, stats and a volunteer's totals add up a few rows per
-- volunteer instead of every service record. Kept by triggers on service_records, in the same
-- transaction as the change to the records: approving, rejecting or reversing hours (and the
-- seed's bulk load) can never leave the rollup disagreeing with the records. See
-- docs/architecture.md, "Honor board and stats from a rollup".
CREATE TABLE service_hours_monthly (
  volunteer_id text NOT NULL,
  org_id text NOT NULL,
  region_code text NOT NULL,
  channel_id text NOT NULL,
  month date NOT NULL,
  -- numeric, so adding and subtracting hours is exact (a float8 sum would drift).
  hours numeric NOT NULL,
  points numeric NOT NULL,
  records int NOT NULL,
  PRIMARY KEY (volunteer_id, org_id, region_code, month)
);
CREATE INDEX service_hours_monthly_month ON service_hours_monthly (month);
CREATE INDEX service_hours_monthly_org ON service_hours_monthly (org_id, month);
CREATE INDEX service_hours_monthly_region ON service_hours_monthly (region_code text_pattern_ops, month);
CREATE INDEX service_hours_monthly_channel ON service_hours_monthly (channel_id, month);
-- Rows whose every record was reversed are deleted at once; this finds them without a scan.
CREATE INDEX service_hours_monthly_empty ON service_hours_monthly (volunteer_id) WHERE records = 0;

-- Adds what a statement's new rows contribute and subtracts what its old rows did, as one upsert
-- in key order (concurrent reviews lock rollup rows in one order: no deadlock between them). Each
-- branch names only the transition tables its event has.
CREATE FUNCTION service_hours_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH delta AS (SELECT volunteer_id, opportunity_id, check_out, hours, 1 AS sign FROM new_rows WHERE status = 'approved')
    INSERT INTO service_hours_monthly AS m (volunteer_id, org_id, region_code, channel_id, month, hours, points, records)
    SELECT d.volunteer_id, o.org_id, o.region_code, v.channel_id, date_trunc('month', d.check_out AT TIME ZONE 'UTC')::date,
      sum(d.sign * d.hours::numeric), sum(d.sign * round(d.hours * o.points_per_hour)::numeric), sum(d.sign)::int
    FROM delta d JOIN opportunities o ON o.id = d.opportunity_id JOIN volunteers v ON v.id = d.volunteer_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.hours::numeric) <> 0 OR sum(d.sign * round(d.hours * o.points_per_hour)::numeric) <> 0
    ORDER BY 1, 2, 3, 5
    ON CONFLICT (volunteer_id, org_id, region_code, month) DO UPDATE
      SET hours = m.hours + excluded.hours, points = m.points + excluded.points, records = m.records + excluded.records;
  ELSIF TG_OP = 'DELETE' THEN
    WITH delta AS (SELECT volunteer_id, opportunity_id, check_out, hours, -1 AS sign FROM old_rows WHERE status = 'approved')
    INSERT INTO service_hours_monthly AS m (volunteer_id, org_id, region_code, channel_id, month, hours, points, records)
    SELECT d.volunteer_id, o.org_id, o.region_code, v.channel_id, date_trunc('month', d.check_out AT TIME ZONE 'UTC')::date,
      sum(d.sign * d.hours::numeric), sum(d.sign * round(d.hours * o.points_per_hour)::numeric), sum(d.sign)::int
    FROM delta d JOIN opportunities o ON o.id = d.opportunity_id JOIN volunteers v ON v.id = d.volunteer_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.hours::numeric) <> 0 OR sum(d.sign * round(d.hours * o.points_per_hour)::numeric) <> 0
    ORDER BY 1, 2, 3, 5
    ON CONFLICT (volunteer_id, org_id, region_code, month) DO UPDATE
      SET hours = m.hours + excluded.hours, points = m.points + excluded.points, records = m.records + excluded.records;
  ELSE
    WITH delta AS (SELECT volunteer_id, opportunity_id, check_out, hours, 1 AS sign FROM new_rows WHERE status = 'approved'
      UNION ALL SELECT volunteer_id, opportunity_id, check_out, hours, -1 AS sign FROM old_rows WHERE status = 'approved')
    INSERT INTO service_hours_monthly AS m (volunteer_id, org_id, region_code, channel_id, month, hours, points, records)
    SELECT d.volunteer_id, o.org_id, o.region_code, v.channel_id, date_trunc('month', d.check_out AT TIME ZONE 'UTC')::date,
      sum(d.sign * d.hours::numeric), sum(d.sign * round(d.hours * o.points_per_hour)::numeric), sum(d.sign)::int
    FROM delta d JOIN opportunities o ON o.id = d.opportunity_id JOIN volunteers v ON v.id = d.volunteer_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.hours::numeric) <> 0 OR sum(d.sign * round(d.hours * o.points_per_hour)::numeric) <> 0
    ORDER BY 1, 2, 3, 5
    ON CONFLICT (volunteer_id, org_id, region_code, month) DO UPDATE
      SET hours = m.hours + excluded.hours, points = m.points + excluded.points, records = m.records + excluded.records;
  END IF;
  DELETE FROM service_hours_monthly WHERE records = 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER service_hours_rollup_insert AFTER INSERT ON service_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_hours_rollup_apply();
CREATE TRIGGER service_hours_rollup_update AFTER UPDATE ON service_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_hours_rollup_apply();
CREATE TRIGGER service_hours_rollup_delete AFTER DELETE ON service_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_hours_rollup_apply();

-- Records approved before this migration.
INSERT INTO service_hours_monthly (volunteer_id, org_id, region_code, channel_id, month, hours, points, records)
SELECT r.volunteer_id, o.org_id, o.region_code, v.channel_id, date_trunc('month', r.check_out AT TIME ZONE 'UTC')::date,
  sum(r.hours::numeric), sum(round(r.hours * o.points_per_hour)::numeric), count(*)::int
FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
WHERE r.status = 'approved'
GROUP BY 1, 2, 3, 4, 5;
