-- The agents' workflow on PostgreSQL: the same schema as sqlite/V2__agent_workflow.sql, reached
-- the way PostgreSQL allows (constraints and columns are changed in place; SQLite has to rebuild
-- the table). Kept apart because the SQL differs: identity columns, a PL/pgSQL trigger, to_char.

-- A surrogate key that never changes (and is never reused), so that history follows a task
-- through `pm task move`, which changes its key.
ALTER TABLE task_dependency DROP CONSTRAINT task_dependency_task_key_fkey,
    DROP CONSTRAINT task_dependency_depends_on_key_fkey;
ALTER TABLE task DROP CONSTRAINT task_pkey;
ALTER TABLE task ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
ALTER TABLE task ADD CONSTRAINT task_key_key UNIQUE (key);

ALTER TABLE task DROP CONSTRAINT task_status_check;
ALTER TABLE task ADD CONSTRAINT task_status_check
    CHECK (status IN ('todo', 'in_progress', 'blocked', 'ready_for_review', 'completed', 'archived'));
ALTER TABLE task ADD COLUMN priority INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    ADD COLUMN agent_type TEXT,
    ADD COLUMN blocked_reason TEXT,
    -- ISO-8601 UTC instants.
    ADD COLUMN started_at TEXT,
    ADD COLUMN updated_at TEXT;

-- With the status, it covers the progress counts of `pm epic list` and `pm feature list`.
DROP INDEX task_feature;
CREATE INDEX task_feature ON task (feature_key, status);
DROP INDEX task_status;
-- `pm task next` and `pm task claim` walk the available tasks in this order.
CREATE INDEX task_queue ON task (status, priority, created, key);

-- ON UPDATE CASCADE: `pm task move` renames a task and its dependencies follow.
ALTER TABLE task_dependency
    ADD CONSTRAINT task_dependency_task_key_fkey FOREIGN KEY (task_key) REFERENCES task (key)
        ON DELETE CASCADE ON UPDATE CASCADE,
    ADD CONSTRAINT task_dependency_depends_on_key_fkey FOREIGN KEY (depends_on_key) REFERENCES task (key)
        ON UPDATE CASCADE;

-- Who changed what. No foreign key: the history of a deleted task stays.
CREATE TABLE task_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     BIGINT NOT NULL,
    task_key    TEXT NOT NULL,   -- the key at the time
    event       TEXT NOT NULL,   -- the command: created, imported, started, claimed, completed, ...
    from_status TEXT,
    to_status   TEXT,
    agent       TEXT,
    notes       TEXT,
    at          TEXT NOT NULL    -- ISO-8601 UTC instant
);

CREATE INDEX task_history_task ON task_history (task_id, id);

CREATE FUNCTION task_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'task_history is append-only';
END
$$;

CREATE TRIGGER task_history_is_append_only BEFORE UPDATE OR DELETE ON task_history
    FOR EACH ROW EXECUTE FUNCTION task_history_is_append_only();

-- History starts here: one `imported` row per task, with the status it had.
INSERT INTO task_history (task_id, task_key, event, from_status, to_status, agent, notes, at)
SELECT id, key, 'imported', NULL, status, assigned_agent, 'upgraded from schema version 1',
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM task ORDER BY id;
