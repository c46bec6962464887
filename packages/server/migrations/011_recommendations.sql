-- Recommendations a volunteer dismissed: hidden from their later answers. One row per volunteer
-- and activity, so dismissing twice changes nothing. See docs/architecture.md, "Recommendations".
CREATE TABLE recommendation_dismissals (
  volunteer_id text NOT NULL REFERENCES volunteers(id),
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  dismissed_at timestamptz NOT NULL,
  PRIMARY KEY (volunteer_id, opportunity_id)
);
