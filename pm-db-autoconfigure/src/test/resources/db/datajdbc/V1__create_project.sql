CREATE TABLE project (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    archived    BOOLEAN NOT NULL,
    version     INTEGER NOT NULL,
    owner_name  TEXT,
    owner_email TEXT
);
CREATE TABLE task (
    project     INTEGER NOT NULL REFERENCES project (id),
    project_key INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    PRIMARY KEY (project, project_key)
);
