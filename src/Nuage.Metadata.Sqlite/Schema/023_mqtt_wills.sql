-- Wills with a Will Delay Interval (MQTT 5 §3.1.3.2.2) that must be published even if the process stops or is killed
-- before their delay ends (issue 16 "Broker"; docs/iot.md "Wills"). client_id is the broker's id ACCOUNT:CLIENTID.
-- will is the broker's encoding of the message and of who left it (the MQTT layer's, read back only by it).
-- due_at (ticks) is when the will is to be published; NULL while its client is connected: after a restart such a
-- will's delay counts from the start, as a session's expiry does (its connection was cut by the stop).
CREATE TABLE mqtt_wills (
    client_id TEXT    NOT NULL PRIMARY KEY,
    will      BLOB    NOT NULL,
    due_at    INTEGER
) WITHOUT ROWID;
