-- History for epics and features too: `pm epic update` and `pm feature update` write a row that
-- says what changed. Such a row has no task: its task_id is NULL and its task_key holds the epic's
-- or the feature's key (which never changes). PostgreSQL drops the NOT NULL in place; SQLite has
-- to rebuild the table (sqlite/V4__heading_history.sql).
ALTER TABLE task_history ALTER COLUMN task_id DROP NOT NULL;
