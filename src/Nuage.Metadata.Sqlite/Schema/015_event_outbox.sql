-- Events waiting to be delivered (issue 16, "The other way: storage events to devices and applications"; later the
-- replication outbox of issue 17). A row is written in the transaction of the change it reports, so an event exists
-- exactly when its change was committed: a crash after the commit loses no event, a rolled-back change sends none.
-- The dispatcher delivers a row, then deletes it; a failed delivery is retried after next_attempt_at.
--
-- destination: where the event goes, as the dispatcher reads it (Nuage.Storage.Notifications.EventDestination).
-- body: the event as delivered (S3's event JSON).

CREATE TABLE event_outbox (
    seq             INTEGER PRIMARY KEY,
    destination     TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL
);

-- The dispatcher's question: what is due now, oldest first.
CREATE INDEX event_outbox_due ON event_outbox (next_attempt_at, seq);
