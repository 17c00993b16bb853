-- Messages queued for a persistent MQTT session while its client is away (issue 16 "Broker": queued QoS 1/2
-- messages survive a restart; docs/iot.md "Persistence"). client_id is the broker's id ACCOUNT:CLIENTID; seq orders
-- one session's queue (MQTT 5 §4.6: messages to one subscriber keep their order). The message columns are those of
-- mqtt_retained; topic is the broker's namespaced topic and qos the QoS the session is to receive it with. A row
-- goes when its client acknowledges the message (PUBACK or PUBCOMP), when the session ends, or when the queue passes
-- its limit (oldest first, as the broker's own queue drops).
CREATE TABLE mqtt_queued (
    client_id        TEXT    NOT NULL,
    seq              INTEGER NOT NULL,
    topic            TEXT    NOT NULL,
    payload          BLOB    NOT NULL,
    qos              INTEGER NOT NULL,
    payload_format   INTEGER NOT NULL,
    content_type     TEXT,
    response_topic   TEXT,
    correlation_data BLOB,
    user_properties  TEXT,
    expires_at       INTEGER,
    PRIMARY KEY (client_id, seq)
) WITHOUT ROWID;
