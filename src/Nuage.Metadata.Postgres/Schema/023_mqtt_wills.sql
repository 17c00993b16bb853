-- Wills with a Will Delay Interval (MQTT 5 §3.1.3.2.2) that must be published even if the process stops or is killed
-- before their delay ends: the SQLite engine's Schema/023_mqtt_wills.sql. due_at is UTC ticks, NULL while the
-- will's client is connected.
CREATE TABLE mqtt_wills (
    client_id TEXT   NOT NULL PRIMARY KEY,
    will      BYTEA  NOT NULL,
    due_at    BIGINT
);
