-- Editing and claims that expire. Plain ADD COLUMN, which SQLite and PostgreSQL both run in place.

-- Markdown, as a task document's body or `pm task update --description` gives it.
ALTER TABLE task ADD COLUMN description TEXT;
ALTER TABLE epic ADD COLUMN description TEXT;
ALTER TABLE feature ADD COLUMN description TEXT;

-- A claim with a lease: how long each renewal lasts, and when the claim expires (an ISO-8601 UTC
-- instant, which compares as text). Both NULL for a claim without expiry.
ALTER TABLE task ADD COLUMN lease_seconds INTEGER;
ALTER TABLE task ADD COLUMN lease_expires_at TEXT;
