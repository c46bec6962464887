-- Indexes for every filter and sort of the opportunity list, so a filtered page reads the rows it
-- needs and not the whole table (docs/architecture.md, "Query plans").

-- Substring search (ILIKE '%term%') over Chinese text: trigram GIN indexes. A term needs three
-- characters to have a trigram; shorter terms are matched by scanning what the other filters leave.
-- In public, once per database: schemas sharing a database (tests, --schema) all find it there.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
-- One expression over the opportunity's own searchable fields; searchOpportunities repeats it
-- verbatim (the planner matches the expression). Terms hold no spaces, so no match spans two fields.
-- fastupdate off: new rows go straight into the index, not a pending list that only VACUUM folds
-- in (PGlite runs no autovacuum) and that the planner, rightly, prices as a scan of the list.
CREATE INDEX opportunities_search_trgm ON opportunities
  USING gin ((title || ' ' || summary || ' ' || location_name || ' ' || location_address) gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX organizations_name_trgm ON organizations USING gin (name gin_trgm_ops) WITH (fastupdate = off);

CREATE INDEX opportunities_category ON opportunities (category);
-- regionCode is a prefix (LIKE '3301%'): pattern_ops serves it in any collation.
CREATE INDEX opportunities_region_prefix ON opportunities (region_code text_pattern_ops);
CREATE INDEX opportunities_skills ON opportunities USING gin (skills) WITH (fastupdate = off);
-- near + radiusKm: a latitude band narrows the rows before the exact distance.
CREATE INDEX opportunities_latitude ON opportunities (lat);
-- from/to: shifts overlapping a time window.
CREATE INDEX shifts_starts_at ON shifts (starts_at);
-- Stats by organization or region count the volunteers who served there.
CREATE INDEX service_records_opportunity ON service_records (opportunity_id);
