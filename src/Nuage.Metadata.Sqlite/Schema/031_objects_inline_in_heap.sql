-- PostgreSQL's 031 keeps small object bodies in the objects row rather than its TOAST table (a storage parameter
-- with no SQLite counterpart: SQLite keeps a row's bytes with the row, spilling to overflow pages on its own). This
-- script keeps the two engines' schema versions equal (MigrationTables.SchemaVersion).
SELECT 1;
