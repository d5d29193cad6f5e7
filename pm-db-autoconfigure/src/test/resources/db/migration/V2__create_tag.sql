CREATE TABLE tag (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES item (id),
    label   TEXT NOT NULL CHECK (length(label) > 0)
);
