-- Search by recipient name at a million parcels (stock.search). A substring of a Chinese name may be two
-- characters (王芳 in 王芳芳), below FTS5 trigram's three, and unicode61 takes a whole name as one token; so
-- the station keeps its distinct names (a few thousand) with how many parcels carry each: a LIKE over that
-- short list finds the names, and the index below takes each name's parcels newest first.
-- Triggers keep it, so no writer of parcels can forget it.
CREATE TABLE recipient_names (
    recipient_name  TEXT PRIMARY KEY,
    parcels         INTEGER NOT NULL CHECK (parcels > 0)
);
INSERT INTO recipient_names (recipient_name, parcels)
    SELECT recipient_name, count(*) FROM parcels GROUP BY recipient_name;
CREATE INDEX parcels_name ON parcels(recipient_name, received_at);

CREATE TRIGGER recipient_names_insert AFTER INSERT ON parcels BEGIN
    INSERT INTO recipient_names (recipient_name, parcels) VALUES (NEW.recipient_name, 1)
        ON CONFLICT (recipient_name) DO UPDATE SET parcels = parcels + 1;
END;

CREATE TRIGGER recipient_names_update AFTER UPDATE OF recipient_name ON parcels
WHEN OLD.recipient_name IS NOT NEW.recipient_name BEGIN
    DELETE FROM recipient_names WHERE recipient_name = OLD.recipient_name AND parcels = 1;
    UPDATE recipient_names SET parcels = parcels - 1 WHERE recipient_name = OLD.recipient_name;
    INSERT INTO recipient_names (recipient_name, parcels) VALUES (NEW.recipient_name, 1)
        ON CONFLICT (recipient_name) DO UPDATE SET parcels = parcels + 1;
END;

CREATE TRIGGER recipient_names_delete AFTER DELETE ON parcels BEGIN
    DELETE FROM recipient_names WHERE recipient_name = OLD.recipient_name AND parcels = 1;
    UPDATE recipient_names SET parcels = parcels - 1 WHERE recipient_name = OLD.recipient_name;
END;
