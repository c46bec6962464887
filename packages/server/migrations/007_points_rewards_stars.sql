-- Recognition: the points ledger (time bank), rewards (礼遇) and their redemptions, star levels.
-- See docs/architecture.md, "The points ledger follows the records in the database".
--
-- Earning follows service_records in the database, like the hours rollup of 003/004: a record that
-- becomes approved earns its points, one that stops being approved (rejected, superseded) has
-- them reversed, in the transaction of the status change, whichever code path made it.

-- Channels' own star rules: the approved hours from which each of the five levels starts. A
-- channel without one uses the platform's (the `star_rule` setting), else the national rule.
CREATE TABLE star_rules (
  channel_id text PRIMARY KEY REFERENCES channels(id),
  thresholds numeric[] NOT NULL CHECK (cardinality(thresholds) = 5),
  updated_at timestamptz NOT NULL
);

CREATE FUNCTION star_rule_of(channel text) RETURNS numeric[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT thresholds FROM star_rules WHERE channel_id = channel),
    (SELECT ARRAY(SELECT jsonb_array_elements_text(value::jsonb -> 'thresholds')::numeric) FROM settings
      WHERE key = 'star_rule' AND jsonb_typeof(value::jsonb -> 'thresholds') = 'array' AND jsonb_array_length(value::jsonb -> 'thresholds') = 5),
    ARRAY[100, 300, 600, 1000, 1500]::numeric[])
$$;

-- A volunteer's current star level and when it was set; every change is kept below.
CREATE TABLE volunteer_star_levels (
  volunteer_id text PRIMARY KEY REFERENCES volunteers(id),
  level int NOT NULL CHECK (level BETWEEN 0 AND 5),
  reached_at timestamptz
);
CREATE TABLE star_level_changes (
  seq bigserial PRIMARY KEY,
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  channel_id text NOT NULL,
  from_level int NOT NULL,
  to_level int NOT NULL,
  approved_hours numeric NOT NULL,
  at timestamptz NOT NULL,
  CHECK (from_level <> to_level)
);
CREATE INDEX star_level_changes_volunteer ON star_level_changes (volunteer_id, seq);

-- Rewards a channel offers (礼遇): a cost in points, a stock, how long a code stays collectable.
CREATE TABLE rewards (
  id text PRIMARY KEY,
  channel_id text NOT NULL REFERENCES channels(id),
  org_id text REFERENCES organizations(id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  terms text NOT NULL DEFAULT '',
  image_url text,
  cost int NOT NULL CHECK (cost > 0),
  -- Decremented by a redemption, incremented when one is undone or expires; never below zero, so
  -- a reward is never promised more times than it exists, whatever runs concurrently.
  stock_left int NOT NULL CHECK (stock_left >= 0),
  validity_days int NOT NULL DEFAULT 30 CHECK (validity_days BETWEEN 1 AND 365),
  available_until timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX rewards_channel ON rewards (channel_id, cost, id) WHERE active;

CREATE TABLE redemptions (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  channel_id text NOT NULL REFERENCES channels(id),
  reward_id text NOT NULL REFERENCES rewards(id),
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  points int NOT NULL CHECK (points > 0),
  code text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
  status text NOT NULL CHECK (status IN ('held', 'captured', 'undone', 'expired')),
  undo_until timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  captured_by text,
  settled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- A desk types the 6 digits: among a channel's uncollected codes each is unique.
CREATE UNIQUE INDEX redemptions_live_code ON redemptions (channel_id, code) WHERE status = 'held';
CREATE INDEX redemptions_volunteer ON redemptions (volunteer_id, seq);
CREATE INDEX redemptions_due ON redemptions (expires_at) WHERE status = 'held';

-- The ledger. A transaction is one business event (an earning, a reversal, a hold, a release, a
-- redemption); its transfers each move `amount` from one account to another, so every transfer,
-- and therefore every transaction, sums to zero by construction (TigerBeetle's model).
-- Accounts: a volunteer's `available` and `held` points; a channel's `issued` (where earned
-- points come from, negative), `redeemed` (where spent points go) and `written_off` (reversals
-- of points already spent: a balance never goes negative to claw them back).
CREATE TABLE points_transactions (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  -- The volunteer's channel, copied so the books of a channel are read without a join (no
  -- foreign key: the volunteer's is enough, and the seed's bulk earning pays for each check).
  channel_id text NOT NULL,
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  kind text NOT NULL CHECK (kind IN ('earn', 'reversal', 'hold', 'release', 'capture')),
  record_id text REFERENCES service_records(id),
  -- Which approval of the record (1, then 2 if it was approved again after a reversal), and the
  -- reversal of which approval: a record's earnings and reversals pair up one to one.
  approval int,
  redemption_id text REFERENCES redemptions(id),
  at timestamptz NOT NULL,
  CHECK ((kind IN ('earn', 'reversal')) = (record_id IS NOT NULL)),
  CHECK ((record_id IS NULL) = (approval IS NULL)),
  CHECK ((kind IN ('hold', 'release', 'capture')) = (redemption_id IS NOT NULL))
);
-- Earning once per approval of a record, and reversing that earning at most once.
CREATE UNIQUE INDEX points_once_per_record ON points_transactions (record_id, approval, kind) WHERE record_id IS NOT NULL;
CREATE UNIQUE INDEX points_once_per_redemption ON points_transactions (redemption_id, kind) WHERE redemption_id IS NOT NULL;
CREATE INDEX points_transactions_volunteer ON points_transactions (volunteer_id, seq);

CREATE TABLE points_transfers (
  seq bigserial PRIMARY KEY,
  transaction_id text NOT NULL REFERENCES points_transactions(id),
  channel_id text NOT NULL,
  volunteer_id text NOT NULL,
  debit text NOT NULL CHECK (debit IN ('available', 'held', 'issued', 'redeemed', 'written_off')),
  credit text NOT NULL CHECK (credit IN ('available', 'held', 'issued', 'redeemed', 'written_off')),
  amount bigint NOT NULL CHECK (amount > 0),
  CHECK (debit <> credit)
);
CREATE INDEX points_transfers_transaction ON points_transfers (transaction_id);
CREATE INDEX points_transfers_channel ON points_transfers (channel_id);

-- Volunteers' balances, kept by the trigger below from the transfers; the CHECK is what keeps a
-- balance from going negative under any concurrency (the row is locked by each change to it).
-- Channel accounts are not kept: nothing limits them, and a row per channel would serialise
-- every approval of the channel. GET /v1/points/reconciliation recomputes all of them.
CREATE TABLE points_balances (
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  account text NOT NULL CHECK (account IN ('available', 'held')),
  balance bigint NOT NULL CHECK (balance >= 0),
  PRIMARY KEY (volunteer_id, account)
);

-- Append-only: a mistake is corrected by a new transaction, never by editing one.
CREATE FUNCTION points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The points ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER points_transactions_append_only BEFORE UPDATE OR DELETE ON points_transactions
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
CREATE TRIGGER points_transfers_append_only BEFORE UPDATE OR DELETE ON points_transfers
  FOR EACH ROW EXECUTE FUNCTION points_append_only();

-- Adds a statement's transfers to the volunteers' balances. Rows are made (at 0) and locked in
-- key order first, so concurrent changes lock balance rows in one order (no deadlock between
-- them); then each gets its sum. An upsert would not do: PostgreSQL checks the CHECK on the row
-- it would insert before it finds the conflict, so a withdrawal would fail even from a balance.
CREATE FUNCTION points_balances_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_ids text[];
  v_accounts text[];
  v_deltas bigint[];
BEGIN
  SELECT array_agg(volunteer_id ORDER BY volunteer_id, account), array_agg(account ORDER BY volunteer_id, account),
    array_agg(delta ORDER BY volunteer_id, account)
  INTO v_ids, v_accounts, v_deltas
  FROM (
    SELECT volunteer_id, account, sum(delta)::bigint AS delta
    FROM (
      SELECT volunteer_id, credit AS account, amount AS delta FROM new_transfers WHERE credit IN ('available', 'held')
      UNION ALL
      SELECT volunteer_id, debit, -amount FROM new_transfers WHERE debit IN ('available', 'held')
    ) legs
    GROUP BY 1, 2
  ) d;
  IF v_ids IS NULL THEN RETURN NULL; END IF;
  INSERT INTO points_balances (volunteer_id, account, balance)
  SELECT v, a, 0 FROM unnest(v_ids, v_accounts) x(v, a) ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  PERFORM 1 FROM points_balances b WHERE (b.volunteer_id, b.account) IN (SELECT v, a FROM unnest(v_ids, v_accounts) x(v, a))
    ORDER BY b.volunteer_id, b.account FOR UPDATE;
  UPDATE points_balances b SET balance = b.balance + x.delta FROM unnest(v_ids, v_accounts, v_deltas) x(v, a, delta)
  WHERE b.volunteer_id = x.v AND b.account = x.a AND x.delta <> 0;
  RETURN NULL;
END
$$;
CREATE TRIGGER points_transfers_balances AFTER INSERT ON points_transfers
  REFERENCING NEW TABLE AS new_transfers FOR EACH STATEMENT EXECUTE FUNCTION points_balances_apply();

-- One record entering (approved = true) or leaving (false) the approved state.
CREATE TYPE points_record_change AS (record_id text, volunteer_id text, at timestamptz, approved boolean);

-- Earns and reverses the points of changed records, then moves their volunteers' star levels.
-- `announce` writes outbox events (false for a backfill of history).
CREATE FUNCTION points_apply(changes points_record_change[], announce boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  v_available bigint;
  v_taken bigint;
  v_tx text;
BEGIN
  IF coalesce(cardinality(changes), 0) = 0 THEN RETURN; END IF;

  -- Earnings: the record's hours × its opportunity's points per hour, rounded (docs/spec/domain.md).
  WITH earn AS (
    SELECT c.record_id, c.volunteer_id, v.channel_id, c.at, round((s.hours * o.points_per_hour)::numeric)::bigint AS amount,
      'ptx_' || replace(gen_random_uuid()::text, '-', '') AS id,
      1 + (SELECT count(*) FROM points_transactions p WHERE p.record_id = c.record_id AND p.kind = 'earn')::int AS approval
    FROM unnest(changes) c JOIN service_records s ON s.id = c.record_id JOIN opportunities o ON o.id = s.opportunity_id
      JOIN volunteers v ON v.id = c.volunteer_id
    WHERE c.approved AND round((s.hours * o.points_per_hour)::numeric) > 0
  ), txs AS (
    INSERT INTO points_transactions (id, channel_id, volunteer_id, kind, record_id, approval, at)
    SELECT id, channel_id, volunteer_id, 'earn', record_id, approval, at FROM earn ORDER BY volunteer_id, record_id
    RETURNING id
  ), transfers AS (
    INSERT INTO points_transfers (transaction_id, channel_id, volunteer_id, debit, credit, amount)
    SELECT e.id, e.channel_id, e.volunteer_id, 'issued', 'available', e.amount FROM earn e JOIN txs USING (id) ORDER BY e.volunteer_id, e.record_id
    RETURNING transaction_id
  )
  INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at)
  SELECT 'evt_' || replace(gen_random_uuid()::text, '-', ''), e.channel_id, 'points.earned', e.id, 1, e.at
  FROM earn e WHERE announce AND e.id IN (SELECT transaction_id FROM transfers) ORDER BY e.volunteer_id, e.record_id;

  -- Reversals, in volunteer order (balance rows are locked in that order): what was earned goes
  -- back, from the available points as far as they reach; the rest was spent, and is written off.
  FOR r IN
    SELECT c.record_id, c.volunteer_id, e.channel_id, c.at, t.amount, e.approval
    FROM unnest(changes) c JOIN points_transactions e ON e.record_id = c.record_id AND e.kind = 'earn'
      JOIN points_transfers t ON t.transaction_id = e.id
    WHERE NOT c.approved
      AND NOT EXISTS (SELECT 1 FROM points_transactions x WHERE x.record_id = e.record_id AND x.approval = e.approval AND x.kind = 'reversal')
    ORDER BY c.volunteer_id, c.record_id
  LOOP
    SELECT balance INTO v_available FROM points_balances WHERE volunteer_id = r.volunteer_id AND account = 'available' FOR UPDATE;
    v_taken := least(r.amount, coalesce(v_available, 0));
    v_tx := 'ptx_' || replace(gen_random_uuid()::text, '-', '');
    INSERT INTO points_transactions (id, channel_id, volunteer_id, kind, record_id, approval, at)
    VALUES (v_tx, r.channel_id, r.volunteer_id, 'reversal', r.record_id, r.approval, r.at);
    INSERT INTO points_transfers (transaction_id, channel_id, volunteer_id, debit, credit, amount)
    SELECT v_tx, r.channel_id, r.volunteer_id, leg.debit, 'issued', leg.amount
    FROM (VALUES ('available', v_taken), ('written_off', r.amount - v_taken)) leg(debit, amount) WHERE leg.amount > 0;
    IF announce THEN
      INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at)
      VALUES ('evt_' || replace(gen_random_uuid()::text, '-', ''), r.channel_id, 'points.reversed', v_tx, 1, r.at);
    END IF;
  END LOOP;

  PERFORM star_levels_apply(ARRAY(SELECT DISTINCT c.volunteer_id FROM unnest(changes) c), (SELECT max(c.at) FROM unnest(changes) c), announce);
END
$$;

-- Sets each volunteer's star level from their approved hours under their channel's rule,
-- recording each change (and, with `announce`, a star_level.reached event when it goes up).
CREATE FUNCTION star_levels_apply(volunteer_ids text[], change_at timestamptz, announce boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(volunteer_ids), 0) = 0 THEN RETURN; END IF;
  -- Locked in id order before the hours are read, so two changes of one volunteer's hours set
  -- the level one after the other, each from the hours the other committed.
  INSERT INTO volunteer_star_levels (volunteer_id, level, reached_at)
  SELECT id, 0, NULL FROM unnest(volunteer_ids) id ORDER BY id ON CONFLICT DO NOTHING;
  PERFORM 1 FROM volunteer_star_levels WHERE volunteer_id = ANY(volunteer_ids) ORDER BY volunteer_id FOR UPDATE;
  WITH hours AS (
    SELECT v.id AS volunteer_id, v.channel_id, coalesce((SELECT sum(m.hours) FROM service_hours_monthly m WHERE m.volunteer_id = v.id), 0) AS hours
    FROM volunteers v WHERE v.id = ANY(volunteer_ids)
  ), computed AS (
    SELECT h.volunteer_id, h.channel_id, h.hours, s.level AS old_level,
      (SELECT count(*)::int FROM unnest(star_rule_of(h.channel_id)) t WHERE h.hours >= t) AS new_level
    FROM hours h JOIN volunteer_star_levels s ON s.volunteer_id = h.volunteer_id
  ), changed AS (
    UPDATE volunteer_star_levels s SET level = c.new_level, reached_at = change_at
    FROM computed c WHERE s.volunteer_id = c.volunteer_id AND c.new_level <> c.old_level
    RETURNING c.volunteer_id, c.channel_id, c.hours, c.old_level, c.new_level
  ), history AS (
    INSERT INTO star_level_changes (volunteer_id, channel_id, from_level, to_level, approved_hours, at)
    SELECT volunteer_id, channel_id, old_level, new_level, hours, change_at FROM changed ORDER BY volunteer_id
  )
  INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at)
  SELECT 'evt_' || replace(gen_random_uuid()::text, '-', ''), channel_id, 'star_level.reached', volunteer_id, new_level, change_at
  FROM changed WHERE announce AND new_level > old_level ORDER BY volunteer_id;
END
$$;

CREATE FUNCTION points_follow_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM points_apply(ARRAY(SELECT (id, volunteer_id, updated_at, true)::points_record_change
      FROM new_rows WHERE status = 'approved'), true);
  ELSE
    PERFORM points_apply(ARRAY(
      SELECT (n.id, n.volunteer_id, n.updated_at, n.status = 'approved')::points_record_change
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status = 'approved') <> (o.status = 'approved')), true);
  END IF;
  RETURN NULL;
END
$$;

-- Named to sort after service_hours_rollup_*: triggers of one event fire in name order, so star
-- levels read hours the rollup has already updated.
CREATE TRIGGER service_records_points_insert AFTER INSERT ON service_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION points_follow_records();
CREATE TRIGGER service_records_points_update AFTER UPDATE ON service_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION points_follow_records();

-- Points are fixed when a record is approved: its hours and opportunity may not change while it
-- stays approved (a correction is a new record), or the ledger would disagree with the records.
CREATE FUNCTION points_fixed_while_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Service record % is approved: its hours and opportunity are fixed; correct it with a new record', OLD.id
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER service_records_points_fixed BEFORE UPDATE OF hours, opportunity_id, volunteer_id ON service_records
  FOR EACH ROW WHEN (OLD.status = 'approved' AND NEW.status = 'approved'
    AND (OLD.hours, OLD.opportunity_id, OLD.volunteer_id) IS DISTINCT FROM (NEW.hours, NEW.opportunity_id, NEW.volunteer_id))
  EXECUTE FUNCTION points_fixed_while_approved();

-- Earnings and star levels for records approved while the triggers were off (a bulk load: the
-- seed) or before this migration, without events: they are history, not news.
CREATE FUNCTION points_backfill(as_of timestamptz) RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  PERFORM points_apply(ARRAY(
    SELECT (r.id, r.volunteer_id, coalesce(r.reviewed_at, r.updated_at), true)::points_record_change FROM service_records r
    WHERE r.status = 'approved'
      AND (SELECT count(*) FILTER (WHERE t.kind = 'earn') - count(*) FILTER (WHERE t.kind = 'reversal') FROM points_transactions t WHERE t.record_id = r.id) = 0), false);
  PERFORM star_levels_apply(ARRAY(SELECT DISTINCT volunteer_id FROM service_hours_monthly), as_of, false);
END
$$;

SELECT points_backfill(now());
