-- SQLite's own way to number rows: where SQL must differ, each database has its migration.
CREATE TABLE note (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL
);
