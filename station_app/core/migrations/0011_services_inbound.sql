-- 一点多能: services recorded for villagers (the catalogue is reference data), and the inbound 客货邮 run (到车).
CREATE TABLE service_records (
    id             TEXT PRIMARY KEY,
    service_code   TEXT NOT NULL,
    category       TEXT NOT NULL,
    business_type  TEXT NOT NULL DEFAULT '',
    villager_name  TEXT NOT NULL,
    villager_phone TEXT NOT NULL DEFAULT '',  -- full mobile, kept here to find a repeat villager
    id_type        TEXT NOT NULL DEFAULT '',
    id_masked      TEXT NOT NULL DEFAULT '',  -- an ID number is never kept whole
    amount_fen     INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    fee_fen        INTEGER NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
    channel        TEXT NOT NULL,
    reference      TEXT NOT NULL DEFAULT '',
    business_day   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'voided')),
    void_reason    TEXT NOT NULL DEFAULT '',
    voided_by      TEXT,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX service_records_phone ON service_records(villager_phone);
CREATE INDEX service_records_day ON service_records(business_day);

CREATE TABLE inbound_runs (
    id           TEXT PRIMARY KEY,
    route_code   TEXT NOT NULL,
    scheduled_at TEXT,                        -- the timetable's arrival (UTC), NULL for an unscheduled run
    arrived_at   TEXT NOT NULL,
    plate        TEXT NOT NULL DEFAULT '',
    driver       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at    TEXT,
    late_minutes INTEGER,                     -- arrived − scheduled, whole minutes
    punctuality  TEXT NOT NULL DEFAULT 'unscheduled',  -- on_time · late · unscheduled
    started_by   TEXT NOT NULL
);
CREATE UNIQUE INDEX inbound_runs_one_open ON inbound_runs(status) WHERE status = 'open';

CREATE TABLE inbound_run_expected (           -- the county's list for the run, as it stood when the bus came
    run_id      TEXT NOT NULL REFERENCES inbound_runs(id),
    waybill_key TEXT NOT NULL,
    waybill     TEXT NOT NULL,
    PRIMARY KEY (run_id, waybill_key)
);

ALTER TABLE manifest ADD COLUMN route_code TEXT NOT NULL DEFAULT '';
