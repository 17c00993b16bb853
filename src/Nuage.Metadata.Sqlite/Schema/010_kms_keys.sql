-- SSE-KMS (issue 15): Nuage's own key store, named keys per account. A key's attributes (alias, description,
-- state) and its key material versions, each sealed (AES-256-GCM) under the data directory's master key before
-- it reaches this table, are one JSON body written and read by the storage service's key ring only, which holds
-- every key in memory (an account has a handful). Rotation appends a material version; old versions stay, so
-- objects written under them remain readable. Keys are never deleted: their objects would become unreadable.
CREATE TABLE kms_keys (
    key_id      TEXT NOT NULL PRIMARY KEY,
    account_id  TEXT NOT NULL,
    body        TEXT NOT NULL
) WITHOUT ROWID;
