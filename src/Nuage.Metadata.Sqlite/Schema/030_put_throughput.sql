-- PostgreSQL's 030 keeps small object bodies in the objects row rather than its TOAST table and keeps usage with
-- statement-level triggers (docs/metadata-engines.md "Writes"): neither has a SQLite counterpart (SQLite keeps a
-- row's bytes with the row, and its usage triggers cost no round trip). This script keeps the two engines' schema
-- versions equal (MigrationTables.SchemaVersion).
SELECT 1;
