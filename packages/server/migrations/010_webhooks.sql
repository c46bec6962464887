-- Webhooks and the events feed, both read from the outbox of 006.
-- See docs/architecture.md, "Webhooks: fan-out in the outbox's transaction, claimed attempts" and
-- "The events feed: served only below the oldest open transaction".

-- The transaction that wrote each event (xid8, never wraps). The feed lists an event only once
-- every transaction with a smaller id has finished, in (txid, seq) order: a transaction that is
-- still open always gets a larger position than anything already listed, so paging with `after`
-- never skips an event that commits late. seq alone cannot: a sequence number is taken at insert,
-- not at commit.
ALTER TABLE outbox_events ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX outbox_events_feed ON outbox_events (channel_id, txid, seq);
-- The next version of a subject is one more than its last event's.
CREATE INDEX outbox_events_subject ON outbox_events (subject_id, subject_version DESC);

-- A partner's receiver. `event_types` empty = every event. Secrets are `whsec_…` (Standard
-- Webhooks); during a rotation the previous secret keeps signing (a second signature) until
-- `previous_secret_expires_at`. `sandbox`: registered with a test key, so loopback http is allowed.
CREATE TABLE webhook_endpoints (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  channel_id text NOT NULL REFERENCES channels(id),
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  event_types text[] NOT NULL DEFAULT '{}',
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  sandbox boolean NOT NULL,
  status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason text,
  last_success_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_channel ON webhook_endpoints (channel_id, seq);

-- One event to one endpoint. `next_attempt_at` is when it is due, and while an instance is sending
-- it, the end of that instance's lease (a killed instance's claim simply runs out). `attempts`
-- counts claims; a result is recorded only by the claim that holds the current count.
CREATE TABLE webhook_deliveries (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_seq bigint NOT NULL REFERENCES outbox_events(seq),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);

-- Every attempt, for the delivery log: when, how long, the receiver's status code or why none
-- (`timeout`, `address_refused`, …). Never a body, a header or an address.
CREATE TABLE webhook_attempts (
  seq bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt int NOT NULL,
  instance text NOT NULL,
  at timestamptz NOT NULL,
  duration_ms int NOT NULL,
  status_code int,
  error text,
  succeeded boolean NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, seq);

-- Fan-out in the event's own transaction: every enabled endpoint of the channel whose filter takes
-- the type gets a delivery due at once, and listeners are woken when it commits (NOTIFY is sent
-- on commit only, once per transaction).
CREATE FUNCTION webhook_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event_seq, next_attempt_at, created_at, updated_at)
  SELECT 'dlv_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20), e.id, NEW.seq, NEW.occurred_at, NEW.occurred_at, NEW.occurred_at
  FROM webhook_endpoints e
  WHERE e.channel_id = NEW.channel_id AND e.status = 'enabled'
    AND (cardinality(e.event_types) = 0 OR NEW.type = ANY (e.event_types)
      OR split_part(NEW.type, '.', 1) || '.*' = ANY (e.event_types));
  IF FOUND THEN PERFORM pg_notify('vk_webhooks', ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_events_fan_out AFTER INSERT ON outbox_events FOR EACH ROW EXECUTE FUNCTION webhook_fan_out();
