-- The platform's tables. Every id is a prefixed text id (opp_…, shf_…); times are timestamptz.

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE channels (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  allowed_origins text[] NOT NULL,
  identity_fields text[] NOT NULL,
  privacy_policy_url text NOT NULL,
  privacy_policy_version text NOT NULL,
  default_locale text NOT NULL DEFAULT 'zh-CN',
  theme text NOT NULL DEFAULT 'auto',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Keys are stored as SHA-256 hashes: a leaked database does not leak working secret keys.
CREATE TABLE api_keys (
  key_hash text PRIMARY KEY,
  channel_id text NOT NULL REFERENCES channels(id),
  kind text NOT NULL CHECK (kind IN ('publishable', 'secret')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  region_code text NOT NULL,
  logo_url text,
  description text NOT NULL DEFAULT '',
  verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE opportunities (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations(id),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  category text NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  location_name text NOT NULL,
  location_address text NOT NULL DEFAULT '',
  region_code text NOT NULL,
  lat float8,
  lng float8,
  online boolean NOT NULL DEFAULT false,
  status text NOT NULL,
  audience text NOT NULL DEFAULT 'public',
  approval text NOT NULL DEFAULT 'auto',
  signup_opens_at timestamptz,
  signup_closes_at timestamptz,
  requirements jsonb NOT NULL DEFAULT '{}',
  hours_per_shift float8 NOT NULL,
  points_per_hour float8 NOT NULL DEFAULT 10,
  cover_image_url text,
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  questions jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opportunities_org ON opportunities (org_id);
CREATE INDEX opportunities_region ON opportunities (region_code);

-- signed_up counts sign-ups holding a spot (pending_review, approved, attended, no_show) and
-- waitlisted the queue; both are changed only while the shift row is locked (SELECT … FOR UPDATE).
CREATE TABLE shifts (
  id text PRIMARY KEY,
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity int NOT NULL CHECK (capacity >= 1),
  signed_up int NOT NULL DEFAULT 0 CHECK (signed_up >= 0 AND signed_up <= capacity),
  waitlisted int NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shifts_opportunity ON shifts (opportunity_id, starts_at);

-- One person per channel: guests are recognised by the identity the channel requires
-- (identity_key, e.g. 'mobile:13800001111'), session volunteers by the partner's external_id.
CREATE TABLE volunteers (
  id text PRIMARY KEY,
  channel_id text NOT NULL REFERENCES channels(id),
  identity_key text,
  external_id text,
  name text NOT NULL,
  mobile text,
  email text,
  birth_date date,
  student_id text,
  employee_id text,
  id_number_masked text,
  id_number_sealed text,
  show_name boolean NOT NULL DEFAULT false,
  avatar_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, identity_key),
  UNIQUE (channel_id, external_id)
);

CREATE TABLE signups (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  reference text NOT NULL UNIQUE,
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  shift_id text NOT NULL REFERENCES shifts(id),
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  channel_id text NOT NULL REFERENCES channels(id),
  widget text,
  answers jsonb NOT NULL DEFAULT '{}',
  consent_version text NOT NULL,
  consent_at timestamptz NOT NULL,
  status text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The last line of defence against duplicates: one live sign-up per volunteer and shift.
CREATE UNIQUE INDEX signups_one_live_per_shift ON signups (shift_id, volunteer_id)
  WHERE status NOT IN ('cancelled', 'rejected');
CREATE INDEX signups_waitlist ON signups (shift_id, status, seq);
CREATE INDEX signups_channel ON signups (channel_id, seq);
CREATE INDEX signups_volunteer ON signups (volunteer_id, seq);

CREATE TABLE service_records (
  id text PRIMARY KEY,
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  shift_id text NOT NULL REFERENCES shifts(id),
  check_in timestamptz NOT NULL,
  check_out timestamptz NOT NULL,
  hours float8 NOT NULL CHECK (hours >= 0 AND hours <= 24),
  status text NOT NULL DEFAULT 'pending',
  recorded_by text NOT NULL,
  reviewed_by text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_records_volunteer ON service_records (volunteer_id, status);
CREATE INDEX service_records_approved ON service_records (status, check_out);

CREATE TABLE honors (
  id text PRIMARY KEY,
  kind text NOT NULL,
  title text NOT NULL,
  citation text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  org_id text,
  region_code text,
  awarded_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotency-Key records: the first response to a write, replayed for a retry of it.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status int,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Fixed-window rate-limit counters, shared by every instance over the same database.
CREATE TABLE rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits int NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
