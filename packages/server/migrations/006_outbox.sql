-- The outbox: one row per event, inserted in the same transaction as the change it reports, so
-- webhooks and the events feed never tell of a change that rolled back nor miss one that
-- committed. Payloads are thin by design ({type, timestamp, data: {id, channelId, version}}):
-- a receiver fetches the object with its own key, and no personal data ever sits here.
-- See docs/architecture.md, "The outbox".
CREATE TABLE outbox_events (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  channel_id text NOT NULL,
  type text NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_.]+$'),
  subject_id text NOT NULL,
  subject_version int NOT NULL DEFAULT 1,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX outbox_events_channel ON outbox_events (channel_id, seq);
