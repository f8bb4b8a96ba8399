-- The "raw SQL" anchor of the search scenarios: the ranked full-text query at the heart of the PostgreSQL engine
-- (PostgresSearchService), without its prefix and typo branches: matches by the GIN index, ranks every match with
-- ts_rank_cd, returns the top 20. Run by pgbench -M simple -D kind=one|three|unique; each transaction draws one of
-- the 20,000 queries of its class (the same queries the HTTP runs send) and runs it with the text inlined, so the
-- planner sees the real words.
\set n random(1, 20000)
SELECT q FROM bench.query WHERE kind = ':kind' AND n = :n \gset
SELECT i.id, i.name, i.price_amount, i.currency
FROM item i, websearch_to_tsquery('english', ':q') query
WHERE i.search_document @@ query
ORDER BY ts_rank_cd(i.search_document, query) DESC, i.id
LIMIT 20;
