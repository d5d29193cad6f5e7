CREATE TABLE item (
    id     INTEGER PRIMARY KEY,
    name   TEXT    NOT NULL,
    amount INTEGER NOT NULL
);
CREATE INDEX item_name ON item (name);
