-- Outbound QoS 2 exactly once across a restart (issue 16 "Broker"; docs/iot.md "Flow control and topic aliases"). A
-- queued QoS 2 message (schema 021) whose client answered with PUBREC is the client's: MQTT 5 §4.4 (3.1.1 §4.4 alike)
-- has the server send the PUBREL again on a resumed session, not the PUBLISH, under the same packet identifier.
-- released_packet_id is that identifier, written before the PUBREL leaves; null while the PUBREC has not come.
-- SQLite's 028 in PostgreSQL.
ALTER TABLE mqtt_queued ADD COLUMN released_packet_id INTEGER;
