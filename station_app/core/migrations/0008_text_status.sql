-- What became of each pickup text, as the county's feed says (issue 14): delivered joins the states, with the
-- county's reason for a failure and the time it said so. SQLite cannot widen a CHECK, so the table is rebuilt;
-- nothing refers to it.
CREATE TABLE notifications_v8 (
    id          TEXT PRIMARY KEY,
    parcel_id   TEXT NOT NULL REFERENCES parcels(id),
    kind        TEXT NOT NULL CHECK (kind IN ('arrival', 'reminder')),
    phone       TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sent', 'delivered', 'failed', 'cancelled')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',    -- the county's word for a failure (invalid_number, opted_out …)
    status_at   TEXT                         -- when the county says the state came about
);
INSERT INTO notifications_v8 (id, parcel_id, kind, phone, body, state, status_at, created_at, updated_at)
    SELECT id, parcel_id, kind, phone, body, state,
           CASE WHEN state IN ('sent', 'failed') THEN updated_at END, created_at, updated_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v8 RENAME TO notifications;
CREATE INDEX notifications_state ON notifications(state, created_at);
CREATE INDEX notifications_parcel ON notifications(parcel_id, created_at);

-- 已电话通知: the clerk phoned a parcel's recipient (the call list). The last call per parcel takes the parcel
-- off the list until something new puts it back (a later failed text, the next overdue tier).
CREATE TABLE parcel_calls (
    id         TEXT PRIMARY KEY,
    parcel_id  TEXT NOT NULL REFERENCES parcels(id),
    cause      TEXT NOT NULL,                -- why it was on the list: text_failed · opted_out · no_phone · overdue
    note       TEXT NOT NULL DEFAULT '',
    clerk_id   TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX parcel_calls_parcel ON parcel_calls(parcel_id, at);
