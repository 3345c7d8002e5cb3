-- 盘库 (issue 17): a shelf stocktake. What was scanned is kept here, not in memory, so a stocktake can be
-- paused with the app closed and resumed. Missing parcels are worked out from the parcels in stock while the
-- stocktake is open and kept in stocktake_missing when it is finished (the report stays as it was found).
CREATE TABLE stocktakes (
    id           TEXT PRIMARY KEY,
    status       TEXT NOT NULL CHECK (status IN ('open', 'finished')),
    started_at   TEXT NOT NULL,
    started_by   TEXT NOT NULL,
    finished_at  TEXT,
    current_shelf INTEGER                        -- the shelf being counted, so a resumed stocktake goes on there
);
-- at most one open stocktake at a time
CREATE UNIQUE INDEX stocktakes_one_open ON stocktakes(status) WHERE status = 'open';

-- the shelves counted in a stocktake: only their parcels can be missing
CREATE TABLE stocktake_shelves (
    stocktake_id TEXT NOT NULL REFERENCES stocktakes(id),
    shelf        INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, shelf)
);

-- each parcel scanned on a shelf: ok (recorded there), misplaced (in stock, recorded on another shelf) or
-- extra (not in stock: picked up, returned, lost, or never received)
CREATE TABLE stocktake_scans (
    stocktake_id   TEXT NOT NULL REFERENCES stocktakes(id),
    waybill_key    TEXT NOT NULL,
    waybill        TEXT NOT NULL,
    shelf          INTEGER NOT NULL,               -- where it was found
    finding        TEXT NOT NULL CHECK (finding IN ('ok', 'misplaced', 'extra')),
    parcel_id      TEXT,                           -- the parcel it is, if the station ever had it
    recorded_shelf INTEGER,                        -- where the station had it (misplaced)
    status         TEXT,                           -- the parcel's status when scanned ('' if never received)
    scanned_at     TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, waybill_key)
);
-- "not scanned yet" for a shelf is an anti-join from the parcels in stock (parcels_shelf) to this index
CREATE INDEX stocktake_scans_parcel ON stocktake_scans(stocktake_id, parcel_id);
CREATE INDEX stocktake_scans_shelf ON stocktake_scans(stocktake_id, shelf, scanned_at);

-- parcels missing when the stocktake was finished (their codes and shelves as they were then)
CREATE TABLE stocktake_missing (
    stocktake_id TEXT NOT NULL REFERENCES stocktakes(id),
    parcel_id    TEXT NOT NULL REFERENCES parcels(id),
    waybill      TEXT NOT NULL,
    shelf        INTEGER NOT NULL,
    pickup_code  TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, parcel_id)
);

-- corrections made from a stocktake: re-shelved (a misplaced parcel gets a code on the shelf it was found on)
-- or lost (a missing parcel leaves the stock)
CREATE TABLE stocktake_corrections (
    stocktake_id TEXT NOT NULL REFERENCES stocktakes(id),
    parcel_id    TEXT NOT NULL REFERENCES parcels(id),
    kind         TEXT NOT NULL CHECK (kind IN ('reshelved', 'lost')),
    at           TEXT NOT NULL,
    clerk_id     TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, parcel_id)
);
