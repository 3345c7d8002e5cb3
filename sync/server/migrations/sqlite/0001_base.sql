-- SQLite's baseline is sync/server/schema.sql (run at every start, CREATE … IF NOT EXISTS) followed by
-- storage.migrate's steps for files made by older servers (ADDED_COLUMNS, PRAGMA user_version ≤ 3). This
-- number only records that the baseline is in place; changes after it are 0002_… here and in postgresql/.
SELECT 1;
