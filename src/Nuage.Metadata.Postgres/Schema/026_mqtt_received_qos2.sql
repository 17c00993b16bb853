-- QoS 2 PUBLISHes received from a persistent session's client, answered with PUBREC and waiting for their PUBREL
-- (MQTT 5 §4.3.3, §4.1): the SQLite engine's Schema/026_mqtt_received_qos2.sql.
CREATE TABLE mqtt_received_qos2 (
    client_id TEXT COLLATE "C" NOT NULL,
    packet_id INTEGER NOT NULL,
    PRIMARY KEY (client_id, packet_id)
);
