-- IoT rules (issue 16, "Rules: device data into buckets"; docs/iot-rules.md).
--
-- iot_rules: one row per rule of an account. definition is the rule as the IoT service reads it (JSON: topic
-- filter, condition, actions, batching); a rule is never updated in place, only created and deleted, so a batch
-- claimed under a rule is always rewritten under the same prefix.
CREATE TABLE iot_rules (
    account_id TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    definition TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

-- iot_rule_spool: messages a bucket rule matched, waiting to be written to the bucket. A row is written through the
-- group commit before a QoS 1 PUBLISH is acknowledged. line: the message's JSON line exactly as it goes into the
-- object. batch: NULL while waiting; set, in one transaction, to the seq of the first row of the batch the flusher
-- claimed them for. The object's key derives from (rule, first row's received_at, batch), so a batch rewritten after
-- a crash lands on the same key with the same bytes; its rows are deleted after the object is committed.
CREATE TABLE iot_rule_spool (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: a batch id names one object key forever
    account_id  TEXT    NOT NULL,
    rule_name   TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    line        TEXT    NOT NULL,
    batch       INTEGER
);

-- The flusher's questions: a rule's waiting rows in order, and the rows of one claimed batch.
CREATE INDEX iot_rule_spool_rule ON iot_rule_spool (account_id, rule_name, batch, seq);
CREATE INDEX iot_rule_spool_batch ON iot_rule_spool (batch) WHERE batch IS NOT NULL;
