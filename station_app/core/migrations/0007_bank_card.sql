-- One name for paying by bank card: bills always said bank_card, produce payouts said bank. Stored rows move to
-- bank_card; ops already in the journal keep what they said (the journal is never rewritten) and readers take
-- both (core.produce.METHOD_ALIASES).
UPDATE consignors SET payout = 'bank_card' WHERE payout = 'bank';
UPDATE settlements SET paid_by = 'bank_card' WHERE paid_by = 'bank';
