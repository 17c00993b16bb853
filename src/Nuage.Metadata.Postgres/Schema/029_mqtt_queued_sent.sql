-- Outbound QoS 2 exactly once across a restart (issue 16 "Broker"; docs/iot.md "Flow control and topic aliases"). A
-- queued QoS 2 message (schema 021) sent to its client but not yet answered may have reached it: MQTT 5 §4.4 has the
-- server resend it on a resumed session with DUP 1 under the same packet identifier, or the client, knowing it under
-- another, takes it as a new message (§4.3.3 method A delivers it twice). sent_packet_id is that identifier, written
-- before the PUBLISH first leaves; null while the message was never sent. 028's released_packet_id takes over once
-- the PUBREC came.
-- SQLite's 029 in PostgreSQL.
ALTER TABLE mqtt_queued ADD COLUMN sent_packet_id INTEGER;
