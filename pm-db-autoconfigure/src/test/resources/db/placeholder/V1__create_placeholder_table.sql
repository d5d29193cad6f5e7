CREATE TABLE ${table_name} (
    id INTEGER PRIMARY KEY
);
