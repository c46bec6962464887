-- Two-character search terms (西湖, 社区: most Chinese words) through an index, so a page that
-- searches one does not read every row the other filters leave (docs/architecture.md, "Search").
-- A trigram index cannot hold them: '%西湖%' has no trigram. pg_bigm would, but neither PGlite
-- nor Debian's contrib ships it, so the bigrams are an expression index on this function.

-- Every two-character piece of the lower-cased text, once each. ILIKE lower-cases both sides
-- before comparing, so text ILIKE '%ab%' exactly when lower('ab') is one of these: the index
-- finds the candidates, and the query keeps its ILIKE as the check.
CREATE FUNCTION search_bigrams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower($1), i, 2)), '{}')
  FROM generate_series(1, char_length($1) - 1) AS i
$$;

-- The same expression as opportunities_search_trgm (migrations/002); searchOpportunities repeats it.
CREATE INDEX opportunities_search_bigrams ON opportunities
  USING gin (search_bigrams(title || ' ' || summary || ' ' || location_name || ' ' || location_address)) WITH (fastupdate = off);
CREATE INDEX organizations_name_bigrams ON organizations USING gin (search_bigrams(name)) WITH (fastupdate = off);
