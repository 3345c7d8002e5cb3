-- Outbound: sending parcels (实名收寄), produce consignment (农产品上行), hand-over to the bus run (交接).

CREATE TABLE senders (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'company')),
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,
    id_type       TEXT NOT NULL,
    id_number     TEXT NOT NULL,      -- the contact's ID, also for a company
    company_name  TEXT NOT NULL DEFAULT '',
    credit_code   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX senders_phone ON senders(phone);
CREATE INDEX senders_id ON senders(id_number);

CREATE TABLE sendings (
    id              TEXT PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('accepted', 'dispatched', 'refused')),
    waybill         TEXT NOT NULL DEFAULT '',
    waybill_source  TEXT NOT NULL DEFAULT '',   -- courier (pre-printed) | station (from our range)
    courier         TEXT NOT NULL DEFAULT '',
    sender_id       TEXT REFERENCES senders(id),
    recipient_name  TEXT NOT NULL DEFAULT '',
    recipient_phone TEXT NOT NULL DEFAULT '',
    province        TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    county          TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    item            TEXT NOT NULL DEFAULT '',
    weight_g        INTEGER NOT NULL DEFAULT 0,
    chargeable_g    INTEGER NOT NULL DEFAULT 0,
    fee_fen         INTEGER NOT NULL DEFAULT 0,
    payment         TEXT NOT NULL DEFAULT '',
    refusal         TEXT NOT NULL DEFAULT '',
    approved_by     TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
);
CREATE UNIQUE INDEX sendings_waybill ON sendings(waybill) WHERE waybill != '';

CREATE TABLE consignors (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL UNIQUE,
    village     TEXT NOT NULL DEFAULT '',
    payout      TEXT NOT NULL DEFAULT 'cash',   -- cash | wechat | alipay | bank
    payout_account TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE lots (
    id             TEXT PRIMARY KEY,
    lot_no         TEXT NOT NULL UNIQUE,
    consignor_id   TEXT NOT NULL REFERENCES consignors(id),
    product_code   TEXT NOT NULL,
    product_name   TEXT NOT NULL,
    grade          TEXT NOT NULL,
    gross_g        INTEGER NOT NULL,
    tare_g         INTEGER NOT NULL,
    deduction_g    INTEGER NOT NULL,
    net_g          INTEGER NOT NULL,
    price_fen_per_kg INTEGER NOT NULL,
    boxes          INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('in_station', 'dispatched', 'closed')),
    returned_g     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
);

CREATE TABLE boxes (
    code     TEXT PRIMARY KEY,       -- the box label's Code 128: lot_no-nn
    lot_id   TEXT NOT NULL REFERENCES lots(id),
    status   TEXT NOT NULL DEFAULT 'in_station'
);

-- Each sale result for a lot (from the county feed or typed in); a settlement takes the unsettled ones.
CREATE TABLE sales (
    id             TEXT PRIMARY KEY,
    lot_id         TEXT NOT NULL REFERENCES lots(id),
    sold_g         INTEGER NOT NULL,
    sales_fen      INTEGER NOT NULL,
    source         TEXT NOT NULL,        -- county | manual
    settlement_id  TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE settlements (
    id            TEXT PRIMARY KEY,
    consignor_id  TEXT NOT NULL REFERENCES consignors(id),
    sales_fen     INTEGER NOT NULL,
    commission_fen INTEGER NOT NULL,
    fees_fen      INTEGER NOT NULL,
    payout_fen    INTEGER NOT NULL,
    paid_at       TEXT,
    paid_by       TEXT NOT NULL DEFAULT '',   -- the payout method used
    created_at    TEXT NOT NULL
);

CREATE TABLE dispatches (
    id          TEXT PRIMARY KEY,
    route_code  TEXT NOT NULL,
    departs_at  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at  TEXT NOT NULL,
    closed_at   TEXT
);
CREATE TABLE dispatch_items (
    dispatch_id TEXT NOT NULL REFERENCES dispatches(id),
    code        TEXT NOT NULL,           -- a sending's waybill or a box code
    kind        TEXT NOT NULL,           -- sending | box
    scanned_at  TEXT,
    PRIMARY KEY (dispatch_id, code)
);
