-- The plan: epics contain features, features contain tasks, tasks depend on tasks.
-- Dates are ISO-8601 text, which sorts and compares correctly in SQLite.

CREATE TABLE epic (
    key     TEXT PRIMARY KEY,
    title   TEXT NOT NULL,
    created TEXT NOT NULL
);

CREATE TABLE feature (
    key      TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    epic_key TEXT NOT NULL REFERENCES epic (key),
    created  TEXT NOT NULL
);

CREATE INDEX feature_epic ON feature (epic_key);

CREATE TABLE task (
    key            TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    -- No ON DELETE action: deleting a feature that still has tasks must fail.
    feature_key    TEXT NOT NULL REFERENCES feature (key),
    status         TEXT NOT NULL DEFAULT 'todo'
                   CHECK (status IN ('todo', 'in_progress', 'blocked', 'completed')),
    assigned_agent TEXT,
    estimated_time TEXT,
    created        TEXT NOT NULL,
    file_path      TEXT
);

CREATE INDEX task_feature ON task (feature_key);
CREATE INDEX task_status ON task (status);

CREATE TABLE task_dependency (
    task_key       TEXT NOT NULL REFERENCES task (key) ON DELETE CASCADE,
    depends_on_key TEXT NOT NULL REFERENCES task (key),
    PRIMARY KEY (task_key, depends_on_key),
    CHECK (task_key <> depends_on_key)
);

CREATE INDEX task_dependency_depends_on ON task_dependency (depends_on_key);
