-- Columns typed as the README says each java.time type is stored: ISO-8601 text.
CREATE TABLE moment (
    id               INTEGER PRIMARY KEY,
    at               TEXT,
    created          TEXT,
    day              TEXT,
    local_at         TEXT,
    offset_at        TEXT,
    time_of_day      TEXT,
    price            TEXT,
    numeric_price    NUMERIC
);
