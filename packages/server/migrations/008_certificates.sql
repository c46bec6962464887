-- Certificates of service and the keys that sign them. See docs/architecture.md, "Signed
-- certificates". Private keys are stored sealed (AES-256-GCM under the seal secret), never plain.

-- The platform's Ed25519 signing keys. Exactly one is in use (retired_at IS NULL); retired keys
-- stay, so certificates they signed keep verifying against /.well-known/jwks.json.
CREATE TABLE certificate_keys (
  kid text PRIMARY KEY,
  public_jwk jsonb NOT NULL,
  private_jwk_sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  CHECK (retired_at IS NULL OR retired_at >= created_at)
);
-- Two instances starting at once, or two rotations at once, cannot both put a key in use.
CREATE UNIQUE INDEX certificate_keys_one_in_use ON certificate_keys ((true)) WHERE retired_at IS NULL;

CREATE TABLE certificates (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  number text NOT NULL UNIQUE,
  channel_id text NOT NULL REFERENCES channels(id),
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  kid text NOT NULL REFERENCES certificate_keys(kid),
  period_from date NOT NULL,
  period_to date NOT NULL,
  hours float8 NOT NULL CHECK (hours >= 0),
  record_count int NOT NULL CHECK (record_count >= 1),
  claims jsonb NOT NULL,
  jws text NOT NULL,
  issued_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revocation_reason text,
  CHECK (period_from <= period_to),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX certificates_volunteer ON certificates (volunteer_id, seq);
-- The revocation list is read often and is small: only revoked rows are indexed.
CREATE INDEX certificates_revoked ON certificates (revoked_at DESC) WHERE revoked_at IS NOT NULL;
