CREATE TABLE IF NOT EXISTS script_note (text TEXT);
