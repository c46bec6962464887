-- Attendance, the hours policy, approval deadlines, disputes, organizer sessions' organizations
-- and the audit log. See docs/architecture.md, "Service hours from attendance". The rollup of
-- approved hours (003 and its successors) is not touched here: it follows service_records'
-- status changes, which is all that auto-approval and corrections do to existing records.

-- Which organizations a channel may mint organizer sessions for.
CREATE TABLE channel_organizations (
  channel_id text NOT NULL REFERENCES channels(id),
  org_id text NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (channel_id, org_id)
);

-- An organization's hours policy, one row per version; without a row the default (version 1) applies.
CREATE TABLE hours_policies (
  org_id text NOT NULL REFERENCES organizations(id),
  version int NOT NULL CHECK (version >= 1),
  skew_minutes int NOT NULL CHECK (skew_minutes BETWEEN 0 AND 120),
  min_present_percent int NOT NULL CHECK (min_present_percent BETWEEN 0 AND 100),
  round_down_minutes int NOT NULL CHECK (round_down_minutes BETWEEN 1 AND 60),
  approval_sla_hours int NOT NULL CHECK (approval_sla_hours BETWEEN 1 AND 720),
  auto_approve boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, version)
);

-- One attendance per sign-up: checked in, and (once) checked out.
CREATE TABLE attendance (
  id text PRIMARY KEY,
  signup_id text NOT NULL UNIQUE REFERENCES signups(id),
  shift_id text NOT NULL REFERENCES shifts(id),
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  check_in_at timestamptz NOT NULL,
  check_out_at timestamptz,
  check_in_method text NOT NULL CHECK (check_in_method IN ('code', 'qr', 'roster')),
  check_out_method text CHECK (check_out_method IN ('code', 'qr', 'roster')),
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (check_out_at IS NULL OR check_out_at > check_in_at)
);
CREATE INDEX attendance_shift ON attendance (shift_id);

-- Wrong check-in codes in a row, per volunteer and shift; reset by a right one.
CREATE TABLE checkin_failures (
  volunteer_id text NOT NULL,
  shift_id text NOT NULL,
  failures int NOT NULL,
  lockouts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  PRIMARY KEY (volunteer_id, shift_id)
);

-- Where a record came from, which policy made it, when it is due, and why it has its hours.
ALTER TABLE service_records
  ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('attendance', 'manual', 'need', 'correction')),
  ADD COLUMN policy_version int,
  ADD COLUMN due_at timestamptz,
  ADD COLUMN explanation jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN signup_id text REFERENCES signups(id),
  ADD COLUMN corrects_id text REFERENCES service_records(id),
  ADD COLUMN reviewed_at timestamptz;
-- One standing record per sign-up from attendance (a roster fix supersedes it with a new one).
CREATE UNIQUE INDEX service_records_one_per_attendance ON service_records (signup_id) WHERE source = 'attendance' AND status <> 'superseded';
-- The auto-approval scheduler's question: pending attendance records past their deadline.
CREATE INDEX service_records_due ON service_records (due_at) WHERE status = 'pending' AND source = 'attendance';
CREATE INDEX service_records_pending ON service_records (opportunity_id, due_at) WHERE status = 'pending';

CREATE TABLE disputes (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  record_id text NOT NULL REFERENCES service_records(id),
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  org_id text NOT NULL REFERENCES organizations(id),
  kind text NOT NULL CHECK (kind IN ('wrong_hours', 'never_there')),
  claimed_hours float8 CHECK (claimed_hours >= 0 AND claimed_hours <= 24),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  resolution_note text,
  resolved_by text,
  resolved_at timestamptz,
  correction_id text REFERENCES service_records(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A record is disputed once; its correction (a new record) may be disputed in turn.
CREATE UNIQUE INDEX disputes_one_per_record ON disputes (record_id);
CREATE INDEX disputes_org ON disputes (org_id, status, seq);

-- Every privileged action: who (a secret key, an organizer, the scheduler), what, on what, when.
CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  channel_id text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('secret_key', 'organizer', 'volunteer', 'system')),
  actor_id text,
  actor_name text,
  org_id text,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX audit_log_channel ON audit_log (channel_id, seq);
CREATE INDEX service_records_corrects ON service_records (corrects_id) WHERE corrects_id IS NOT NULL;
