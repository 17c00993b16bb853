-- MQTT broker state that survives a restart (issue 16, "Broker"; docs/iot.md "Persistence").
--
-- mqtt_retained: one retained message per topic (MQTT 5 §3.3.1.3). topic is the broker's topic, already in its
-- account's namespace ($nuage/<account>/... or $nuage-aws/<account>/...), so a restored message reaches the
-- subscribers of that account only, exactly as before the restart. An empty retained PUBLISH deletes the row.
-- expires_at (ticks, NULL = never) is when the Message Expiry Interval (§3.3.2.3.3) runs out; an expired row is
-- neither replayed nor kept. user_properties is the IoT service's JSON of the name/value pairs, in order.
CREATE TABLE mqtt_retained (
    topic            TEXT    NOT NULL PRIMARY KEY,
    payload          BLOB    NOT NULL,
    qos              INTEGER NOT NULL,
    payload_format   INTEGER NOT NULL,
    content_type     TEXT,
    response_topic   TEXT,
    correlation_data BLOB,
    user_properties  TEXT,
    expires_at       INTEGER
) WITHOUT ROWID;

-- Sessions that asked to outlive their connection (MQTT 5 clean start 0 with a Session Expiry Interval above 0,
-- §3.1.2.11.2; MQTT 3.1.1 clean session 0, which never expires). client_id is the broker's id ACCOUNT:CLIENTID.
-- expiry_seconds is 4294967295 for "never" (§3.1.2.11.2: 0xFFFFFFFF); disconnected_at (ticks) is NULL while the
-- client is connected: the session ends expiry_seconds after it.
CREATE TABLE mqtt_sessions (
    client_id       TEXT    NOT NULL PRIMARY KEY,
    expiry_seconds  INTEGER NOT NULL,
    disconnected_at INTEGER
) WITHOUT ROWID;

-- The subscriptions of those sessions (§3.8.3.1 options), topic_filter in the broker's namespaced form.
CREATE TABLE mqtt_subscriptions (
    client_id           TEXT    NOT NULL,
    topic_filter        TEXT    NOT NULL,
    qos                 INTEGER NOT NULL,
    no_local            INTEGER NOT NULL,
    retain_as_published INTEGER NOT NULL,
    retain_handling     INTEGER NOT NULL,
    identifier          INTEGER NOT NULL,
    PRIMARY KEY (client_id, topic_filter)
) WITHOUT ROWID;
