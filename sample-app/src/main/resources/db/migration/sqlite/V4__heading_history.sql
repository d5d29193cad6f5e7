-- History for epics and features too: `pm epic update` and `pm feature update` write a row that
-- says what changed. Such a row has no task: its task_id is NULL and its task_key holds the epic's
-- or the feature's key (which never changes).
--
-- SQLite cannot drop a NOT NULL in place, so task_history is rebuilt with every row and id kept
-- (AUTOINCREMENT carries on after the highest id copied, so no id is ever reused). Its triggers
-- refuse DELETE, not DROP TABLE, and go with the old table; they are made again below.

CREATE TABLE task_history_v4 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id     INTEGER,         -- NULL for a row of an epic or a feature
    task_key    TEXT NOT NULL,   -- the key at the time: a task's, an epic's or a feature's
    event       TEXT NOT NULL,   -- the command: created, imported, started, claimed, completed, updated, ...
    from_status TEXT,
    to_status   TEXT,
    agent       TEXT,
    notes       TEXT,
    at          TEXT NOT NULL    -- ISO-8601 UTC instant
);

INSERT INTO task_history_v4 (id, task_id, task_key, event, from_status, to_status, agent, notes, at)
SELECT id, task_id, task_key, event, from_status, to_status, agent, notes, at FROM task_history ORDER BY id;

DROP TABLE task_history;
ALTER TABLE task_history_v4 RENAME TO task_history;

CREATE INDEX task_history_task ON task_history (task_id, id);

CREATE TRIGGER task_history_is_append_only_update BEFORE UPDATE ON task_history
BEGIN
    SELECT RAISE(ABORT, 'task_history is append-only');
END;

CREATE TRIGGER task_history_is_append_only_delete BEFORE DELETE ON task_history
BEGIN
    SELECT RAISE(ABORT, 'task_history is append-only');
END;
