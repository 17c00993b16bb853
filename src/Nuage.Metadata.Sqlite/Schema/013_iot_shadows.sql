-- Device shadows (issue 16): AWS IoT's Device Shadow service, one row per (account, thing, shadow). The classic
-- (unnamed) shadow has shadow_name ''; a named shadow's name is 1 to 64 of [a-zA-Z0-9:_-], so '' never clashes.
-- document is the shadow's JSON (state.desired, state.reported and their metadata), written and read by the IoT
-- service only. A deleted shadow keeps its row with document NULL, so the version of a shadow created again under
-- the same name follows the deleted one's ("Device Shadow service documents", Versioning: AWS keeps it 48 hours;
-- Nuage keeps it until the account is deleted). The version is checked and incremented inside the write
-- transaction, so two concurrent updates with the same expected version cannot both succeed.
CREATE TABLE iot_shadows (
    account_id   TEXT    NOT NULL,
    thing_name   TEXT    NOT NULL,
    shadow_name  TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    document     TEXT,
    PRIMARY KEY (account_id, thing_name, shadow_name)
) WITHOUT ROWID;
