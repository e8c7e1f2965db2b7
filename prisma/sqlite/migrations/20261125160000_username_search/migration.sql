-- Substring search on usernames (users.list search) without reading every row: an FTS5
-- trigram index over username_key. It is only an index: the reader narrows to the rows it
-- names, then applies the same LIKE test as before, so results cannot change.
-- The indexed column comes first (the index then needs no column numbers: a smaller index).
-- Each entry also carries the columns a list filters and sorts on (id, created_at, role,
-- is_active), so a search page is filtered and sorted inside the index and only the rows of
-- the page are read from users. It keeps its own copy rather than pointing at the rowid of
-- users, which VACUUM and table rebuilds may renumber, and the triggers below keep it in
-- step with every write to users. Search text shorter than three characters cannot use it.
CREATE VIRTUAL TABLE "users_username_search" USING fts5(
    "username_key",
    "id" UNINDEXED,
    "created_at" UNINDEXED,
    "role" UNINDEXED,
    "is_active" UNINDEXED,
    tokenize = 'trigram case_sensitive 1',
    columnsize = 0
);

INSERT INTO "users_username_search" ("username_key", "id", "created_at", "role", "is_active")
SELECT "username_key", "id", "created_at", "role", "is_active" FROM "users";

CREATE TRIGGER "users_username_search_insert" AFTER INSERT ON "users" BEGIN
    INSERT INTO "users_username_search" ("username_key", "id", "created_at", "role", "is_active")
    VALUES (NEW."username_key", NEW."id", NEW."created_at", NEW."role", NEW."is_active");
END;

-- The old entry is found through the index itself (the phrase of its whole key), then by id.
CREATE TRIGGER "users_username_search_delete" AFTER DELETE ON "users" BEGIN
    DELETE FROM "users_username_search" WHERE rowid IN (
        SELECT rowid FROM "users_username_search"
        WHERE "users_username_search" MATCH '"' || replace(OLD."username_key", '"', '""') || '"' AND "id" = OLD."id"
    );
END;

CREATE TRIGGER "users_username_search_update" AFTER UPDATE ON "users"
WHEN OLD."id" IS NOT NEW."id" OR OLD."username_key" IS NOT NEW."username_key" OR OLD."created_at" IS NOT NEW."created_at"
    OR OLD."role" IS NOT NEW."role" OR OLD."is_active" IS NOT NEW."is_active"
BEGIN
    DELETE FROM "users_username_search" WHERE rowid IN (
        SELECT rowid FROM "users_username_search"
        WHERE "users_username_search" MATCH '"' || replace(OLD."username_key", '"', '""') || '"' AND "id" = OLD."id"
    );
    INSERT INTO "users_username_search" ("username_key", "id", "created_at", "role", "is_active")
    VALUES (NEW."username_key", NEW."id", NEW."created_at", NEW."role", NEW."is_active");
END;
