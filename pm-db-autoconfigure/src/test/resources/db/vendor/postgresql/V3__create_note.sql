-- PostgreSQL's own way to number rows: where SQL must differ, each database has its migration.
CREATE TABLE note (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body TEXT NOT NULL
);
