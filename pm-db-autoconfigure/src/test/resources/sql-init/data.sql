INSERT OR IGNORE INTO item (name) VALUES ('from data.sql');
