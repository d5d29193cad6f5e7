-- What Hibernate's AUTO generator needs on SQLite (no sequences): a table of next values.
CREATE TABLE ticket (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE ticket_seq (
    next_val INTEGER
);
INSERT INTO ticket_seq (next_val) VALUES (1);
