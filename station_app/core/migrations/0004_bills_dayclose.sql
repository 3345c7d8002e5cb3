-- Bill payments made for villagers (生活缴费) and the closing of business days (日结).
CREATE TABLE bill_payments (
    id             TEXT PRIMARY KEY,
    type_code      TEXT NOT NULL,
    account        TEXT NOT NULL,
    payer_name     TEXT NOT NULL,
    payer_phone    TEXT NOT NULL,
    amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
    channel        TEXT NOT NULL,
    reference      TEXT NOT NULL DEFAULT '',
    commission_fen INTEGER NOT NULL DEFAULT 0,
    business_day   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'voided')),
    void_reason    TEXT NOT NULL DEFAULT '',
    voided_by      TEXT,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX bill_payments_account ON bill_payments(account);
CREATE INDEX bill_payments_phone ON bill_payments(payer_phone);
CREATE INDEX bill_payments_day ON bill_payments(business_day);

CREATE TABLE day_closes (
    day               TEXT PRIMARY KEY,      -- the local business date
    last_device_seq   INTEGER NOT NULL,      -- ops after this belong to the next open day
    expected_cash_fen INTEGER NOT NULL,
    counted_cash_fen  INTEGER NOT NULL,
    reason            TEXT NOT NULL DEFAULT '',
    totals            TEXT NOT NULL,          -- JSON, as reported
    closed_at         TEXT NOT NULL,
    closed_by         TEXT NOT NULL,
    reopened          INTEGER NOT NULL DEFAULT 0
);
