-- The federation's registry of bucket names (issue 17, docs/regions.md): bucket names are global across the regions
-- of a federation, and the control region keeps this table. One row per name: the account that owns the bucket, the
-- region it lives in, and when it was claimed. The primary key is what makes two regions racing for one name end with
-- exactly one winner: both claims reach this one table, and the second INSERT finds the row. Only names, owners and
-- regions cross a region boundary; no object data is ever here. Member regions keep the table empty.
CREATE TABLE bucket_registry (
    name        TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX bucket_registry_by_owner ON bucket_registry (owner, name);
