-- QoS 2 PUBLISHes received from a persistent session's client, answered with PUBREC and waiting for their PUBREL
-- (issue 16 "Broker"; docs/iot.md "Persistence"). MQTT 5 §4.3.3 (3.1.1 §4.3.3 alike): until the PUBREL arrives the
-- broker answers a PUBLISH with the same packet identifier with PUBREC again and must not deliver it twice; §4.1
-- counts these identifiers in the session state, so they outlive a restart. client_id is the broker's id
-- ACCOUNT:CLIENTID. A row is written before its PUBREC is sent and deleted before the PUBCOMP is, and goes with its
-- session.
CREATE TABLE mqtt_received_qos2 (
    client_id TEXT    NOT NULL,
    packet_id INTEGER NOT NULL,
    PRIMARY KEY (client_id, packet_id)
) WITHOUT ROWID;
