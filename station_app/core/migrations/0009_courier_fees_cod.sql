-- 派费 and cash on delivery (issue 16).
-- An expected parcel may carry an amount the recipient pays at pickup (到付运费 / 代收货款), in fen.
ALTER TABLE manifest ADD COLUMN cod_fen INTEGER NOT NULL DEFAULT 0;

-- One row per fee earned (or taken back): the statement's lines, and what reconciliation compares.
CREATE TABLE courier_fees (
    parcel_id  TEXT NOT NULL,                -- the parcel, or the sending for a parcel sent
    kind       TEXT NOT NULL CHECK (kind IN ('delivered', 'returned', 'sent')),
    waybill    TEXT NOT NULL,
    courier    TEXT NOT NULL,
    fee_fen    INTEGER NOT NULL,
    earned_at  TEXT NOT NULL,
    reversed   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (parcel_id, kind, earned_at)
);
CREATE INDEX courier_fees_month ON courier_fees(courier, earned_at);

-- A month's statement per courier once agreed, and its payment.
CREATE TABLE courier_statements (
    id          TEXT PRIMARY KEY,
    courier     TEXT NOT NULL,
    month       TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL,
    theirs_fen  INTEGER NOT NULL,
    agreed_by   TEXT NOT NULL,
    agreed_at   TEXT NOT NULL,
    paid_fen    INTEGER,
    paid_by     TEXT,
    paid_at     TEXT,
    channel     TEXT,
    reference   TEXT,
    UNIQUE (courier, month)
);

-- Cash on delivery per parcel: due, then collected (channel, reference) or waived (supervisor, reason).
CREATE TABLE cod (
    parcel_id     TEXT PRIMARY KEY REFERENCES parcels(id),
    waybill       TEXT NOT NULL,
    courier       TEXT NOT NULL,
    amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
    source        TEXT NOT NULL CHECK (source IN ('manifest', 'receipt')),
    status        TEXT NOT NULL CHECK (status IN ('due', 'collected', 'waived')),
    channel       TEXT,
    reference     TEXT,
    reason        TEXT,
    supervisor_id TEXT,
    settled_at    TEXT,
    settled_by    TEXT
);
CREATE INDEX cod_courier ON cod(courier, status);

-- COD handed on to the courier.
CREATE TABLE cod_remittances (
    id          TEXT PRIMARY KEY,
    courier     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    channel     TEXT NOT NULL,
    reference   TEXT NOT NULL,
    remitted_at TEXT NOT NULL,
    remitted_by TEXT NOT NULL
);
