-- Accounts, IAM identities and access keys (issue 13), and per-bucket settings such as the bucket policy.
-- Identities (users, groups, roles, managed policies) are few and read whole at start by the IAM service, which
-- keeps them in memory: one table keyed by (account, kind, name), with the entity's attributes as a JSON body
-- written and read by that service only. Access keys get their own table: ids are global, and secrets are sealed
-- (AES-GCM) by the IAM service before they reach it, never stored in plain text.

CREATE TABLE accounts (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    settings    TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE identities (
    account_id  TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    id          TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    PRIMARY KEY (account_id, kind, name)
) WITHOUT ROWID;

CREATE TABLE access_keys (
    access_key_id  TEXT    NOT NULL PRIMARY KEY,
    account_id     TEXT    NOT NULL,
    user_name      TEXT,
    sealed_secret  BLOB    NOT NULL,
    active         INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX access_keys_by_owner ON access_keys (account_id, user_name);

-- One row per configured bucket feature (policy, ACL, ownership controls, public access block, ...): a feature
-- that was never set has no row. Deleted with the bucket.
CREATE TABLE bucket_settings (
    bucket  TEXT NOT NULL,
    name    TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (bucket, name)
) WITHOUT ROWID;

-- The operator's account keeps everything created before accounts existed. Until now the root key's owner id was
-- the word "root"; account ids are 12 digits, as AWS's are, so that ARNs and policy principals read as they do there.
INSERT INTO accounts (id, name, created_at, settings) VALUES ('000000000000', 'operator', 0, '{}');
UPDATE buckets SET owner = '000000000000' WHERE owner = 'root';
UPDATE objects SET owner = '000000000000' WHERE owner = 'root';
UPDATE uploads SET owner = '000000000000' WHERE owner = 'root';
