-- The agents' workflow: review states, priorities, agent types, claims and an append-only history.
--
-- SQLite cannot change a CHECK constraint in place, so `task` is rebuilt and its data copied. Flyway
-- runs this in one transaction, where PRAGMA foreign_keys cannot be switched off; dropping `task`
-- while `task_dependency` refers to it would cascade-delete every dependency. So the dependencies
-- are set aside first, `task_dependency` is dropped, and both tables are built anew.

CREATE TABLE task_dependency_v1 AS SELECT task_key, depends_on_key FROM task_dependency;
DROP TABLE task_dependency;

CREATE TABLE task_v2 (
    -- A surrogate key that never changes (and is never reused), so that history follows a task
    -- through `pm task move`, which changes its key.
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    key            TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    -- No ON DELETE action: deleting a feature that still has tasks must fail.
    feature_key    TEXT NOT NULL REFERENCES feature (key),
    status         TEXT NOT NULL DEFAULT 'todo'
                   CHECK (status IN ('todo', 'in_progress', 'blocked', 'ready_for_review', 'completed', 'archived')),
    priority       INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    agent_type     TEXT,
    assigned_agent TEXT,
    estimated_time TEXT,
    created        TEXT NOT NULL,
    file_path      TEXT,
    blocked_reason TEXT,
    -- ISO-8601 UTC instants.
    started_at     TEXT,
    updated_at     TEXT
);

INSERT INTO task_v2 (key, title, feature_key, status, assigned_agent, estimated_time, created, file_path)
SELECT key, title, feature_key, status, assigned_agent, estimated_time, created, file_path
FROM task ORDER BY key;

DROP TABLE task;
ALTER TABLE task_v2 RENAME TO task;

-- With the status, it covers the progress counts of `pm epic list` and `pm feature list`: no row is read.
CREATE INDEX task_feature ON task (feature_key, status);
-- `pm task next` and `pm task claim` walk the available tasks in this order: the index gives it
-- without sorting.
CREATE INDEX task_queue ON task (status, priority, created, key);

CREATE TABLE task_dependency (
    -- ON UPDATE CASCADE: `pm task move` renames a task and its dependencies follow.
    task_key       TEXT NOT NULL REFERENCES task (key) ON DELETE CASCADE ON UPDATE CASCADE,
    depends_on_key TEXT NOT NULL REFERENCES task (key) ON UPDATE CASCADE,
    PRIMARY KEY (task_key, depends_on_key),
    CHECK (task_key <> depends_on_key)
);

INSERT INTO task_dependency (task_key, depends_on_key)
SELECT task_key, depends_on_key FROM task_dependency_v1 ORDER BY task_key, depends_on_key;
DROP TABLE task_dependency_v1;

CREATE INDEX task_dependency_depends_on ON task_dependency (depends_on_key);

-- Who changed what. No foreign key: the history of a deleted task stays.
CREATE TABLE task_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id     INTEGER NOT NULL,
    task_key    TEXT NOT NULL,   -- the key at the time
    event       TEXT NOT NULL,   -- the command: created, imported, started, claimed, completed, ...
    from_status TEXT,
    to_status   TEXT,
    agent       TEXT,
    notes       TEXT,
    at          TEXT NOT NULL    -- ISO-8601 UTC instant
);

CREATE INDEX task_history_task ON task_history (task_id, id);

CREATE TRIGGER task_history_is_append_only_update BEFORE UPDATE ON task_history
BEGIN
    SELECT RAISE(ABORT, 'task_history is append-only');
END;

CREATE TRIGGER task_history_is_append_only_delete BEFORE DELETE ON task_history
BEGIN
    SELECT RAISE(ABORT, 'task_history is append-only');
END;

-- History starts here: one `imported` row per task, with the status it had.
INSERT INTO task_history (task_id, task_key, event, from_status, to_status, agent, notes, at)
SELECT id, key, 'imported', NULL, status, assigned_agent, 'upgraded from schema version 1',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM task ORDER BY id;
