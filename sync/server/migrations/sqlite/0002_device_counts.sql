-- What health reads per device instead of the ledger: the distinct sequence numbers received (high_seq minus this
-- is the gap count) and when its last op arrived. The columns come from storage.ADDED_COLUMNS; filled once here
-- from the ledger, then kept at ingest (storage.apply_batch). Re-runnable.
UPDATE devices SET
    seqs_received = (SELECT count(DISTINCT device_seq) FROM ledger l WHERE l.device_id = devices.device_id
                     AND l.station = devices.station AND l.device_seq <= devices.high_seq),
    last_received_at = (SELECT max(received_at) FROM ledger l WHERE l.device_id = devices.device_id
                        AND l.station = devices.station);
