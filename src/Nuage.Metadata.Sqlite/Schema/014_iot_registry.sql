-- The IoT device registry (issue 16, docs/iot-devices.md): things, thing groups and their members, device
-- credentials, and IoT policies with their attachments, each per account. Names follow AWS IoT's rules (checked by
-- the registry service, not here); a thing, group or policy is identified by (account_id, name), as on AWS IoT
-- where names are unique per account and region.

-- A thing: its type (free text here, Nuage has no thing-type objects yet), its attributes as a JSON object of
-- string values, and the version AWS IoT increments on every UpdateThing (expectedVersion checks it).
CREATE TABLE iot_things (
    account_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    thing_type  TEXT,
    attributes  TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

CREATE TABLE iot_thing_groups (
    account_id   TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

CREATE TABLE iot_thing_group_members (
    account_id  TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    thing_name  TEXT NOT NULL,
    PRIMARY KEY (account_id, group_name, thing_name)
) WITHOUT ROWID;

-- The groups of one thing (its policies are those of the thing and of its groups), and the members a thing's
-- deletion removes.
CREATE INDEX iot_thing_group_members_thing ON iot_thing_group_members (account_id, thing_name);

-- A device's credential: a public id (the MQTT user name) and the SHA-256 of its secret token (the MQTT password).
-- The token itself is shown once when created and never stored. credential_id is unique across accounts: the broker
-- finds the account from it before the secret is checked.
CREATE TABLE iot_credentials (
    credential_id  TEXT    NOT NULL PRIMARY KEY,
    account_id     TEXT    NOT NULL,
    thing_name     TEXT    NOT NULL,
    token_hash     BLOB    NOT NULL,
    active         INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX iot_credentials_thing ON iot_credentials (account_id, thing_name);

-- An IoT policy: a named JSON policy document of iot: actions.
CREATE TABLE iot_policies (
    account_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    document    TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

-- A policy attached to a thing (target_kind 0) or a thing group (target_kind 1).
CREATE TABLE iot_policy_attachments (
    account_id   TEXT    NOT NULL,
    policy_name  TEXT    NOT NULL,
    target_kind  INTEGER NOT NULL,
    target_name  TEXT    NOT NULL,
    PRIMARY KEY (account_id, policy_name, target_kind, target_name)
) WITHOUT ROWID;

CREATE INDEX iot_policy_attachments_target ON iot_policy_attachments (account_id, target_kind, target_name);
