-- The needs board (微心愿/点单): a channel's service menu, residents' needs with their address and
-- contact sealed, and what fairness and closing the loop need. See docs/architecture.md, "Needs".

-- A channel's service menu; a channel without rows uses the built-in menu (domain/needs.ts).
-- weekly_cap: needs one resident may file for this service in any 7 days.
CREATE TABLE service_menu_items (
  channel_id text NOT NULL REFERENCES channels(id),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh_cn text NOT NULL,
  name_zh_tw text NOT NULL,
  name_en text NOT NULL,
  typical_minutes int NOT NULL CHECK (typical_minutes BETWEEN 5 AND 480),
  weekly_cap int NOT NULL CHECK (weekly_cap BETWEEN 1 AND 50),
  position int NOT NULL DEFAULT 0,
  PRIMARY KEY (channel_id, code)
);

-- One row per resident of a channel (resident_key: a keyed hash of the contact, never the contact
-- itself). Filing a need locks it, so two needs filed at once are counted against the cap in turn.
CREATE TABLE need_residents (
  channel_id text NOT NULL,
  resident_key text NOT NULL,
  needs_filed int NOT NULL DEFAULT 0,
  PRIMARY KEY (channel_id, resident_key)
);

-- The standing opportunity and shift of an organization that records from needs belong to, so
-- hours, points, boards and statistics count them like any other record.
CREATE TABLE need_hosts (
  org_id text PRIMARY KEY REFERENCES organizations(id),
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  shift_id text NOT NULL REFERENCES shifts(id)
);

CREATE TABLE needs (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  channel_id text NOT NULL REFERENCES channels(id),
  org_id text NOT NULL REFERENCES organizations(id),
  service_code text NOT NULL,
  title text NOT NULL,
  details text NOT NULL DEFAULT '',
  region_code text NOT NULL,
  preferred_times text NOT NULL DEFAULT '',
  requester_masked text NOT NULL,
  resident_key text NOT NULL,
  -- AES-256-GCM (domain/sealing.ts): readable only by the claiming volunteer, each time audited.
  address_sealed text NOT NULL,
  contact_sealed text NOT NULL,
  filed_by text NOT NULL CHECK (filed_by IN ('resident', 'helper')),
  helper_id text,
  helper_name text,
  consent jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'open', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'cancelled', 'expired')),
  status_reason text,
  -- When an open need expires unclaimed; when a claim is released if not fulfilled.
  expires_at timestamptz NOT NULL,
  claim_due_at timestamptz,
  opened_at timestamptz,
  claimed_by text REFERENCES volunteers(id),
  claimed_at timestamptz,
  fulfilled_at timestamptz,
  record_id text REFERENCES service_records(id),
  confirm_code_sealed text,
  confirm_failures int NOT NULL DEFAULT 0,
  confirmed_at timestamptz,
  confirmed_by text,
  rating int CHECK (rating BETWEEN 1 AND 5),
  rating_comment text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status <> 'claimed' OR (claimed_by IS NOT NULL AND claim_due_at IS NOT NULL)),
  CHECK (status NOT IN ('fulfilled', 'confirmed') OR record_id IS NOT NULL)
);
-- The board, longest waiting first; the organizer's queue; the caps; a volunteer's claims; the scheduler.
CREATE INDEX needs_board ON needs (channel_id, status, opened_at, id);
CREATE INDEX needs_org ON needs (org_id, status, seq);
CREATE INDEX needs_resident ON needs (channel_id, resident_key, service_code, created_at);
CREATE INDEX needs_claimer ON needs (claimed_by, seq) WHERE claimed_by IS NOT NULL;
CREATE INDEX needs_claim_due ON needs (claim_due_at) WHERE status = 'claimed';
CREATE INDEX needs_expiring ON needs (expires_at) WHERE status IN ('submitted', 'open');
