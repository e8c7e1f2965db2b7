-- Substring search on usernames (users.list search) without reading every row: a pg_trgm
-- GIN index over username_key. The planner reads it for LIKE with a leading wildcard when it
-- expects few matches, and keeps walking the keyset indexes when it expects many.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "users_username_key_trgm_idx" ON "users" USING GIN ("username_key" gin_trgm_ops);

-- The planner estimates how many names hold a text from a sample of names (the column
-- histogram). With the default 100 entries a term held by 1 name in 100 is missed about half
-- the time and taken for a rare one, and its pages then sort thousands of rows. 1 000 entries
-- make such estimates steady, at the price of a longer ANALYZE.
ALTER TABLE "users" ALTER COLUMN "username_key" SET STATISTICS 1000;
