-- A migration that turns foreign keys off (for a bulk import, say) and never turns them on
-- again: Flyway runs a PRAGMA outside a transaction, so it would stick on the shared connection.
PRAGMA foreign_keys = OFF;
