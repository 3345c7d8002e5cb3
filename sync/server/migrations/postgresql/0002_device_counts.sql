-- What health reads per device instead of the ledger (see sqlite/0002), and the receipts round's index.
ALTER TABLE devices ADD COLUMN seqs_received BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN last_received_at TEXT;
UPDATE devices SET
    seqs_received = (SELECT count(DISTINCT device_seq) FROM ledger l WHERE l.device_id = devices.device_id
                     AND l.station = devices.station AND l.device_seq <= devices.high_seq),
    last_received_at = (SELECT max(received_at) FROM ledger l WHERE l.device_id = devices.device_id
                        AND l.station = devices.station);
CREATE INDEX IF NOT EXISTS sms_texts_receipts ON sms_texts(gateway, state, sent_at);
