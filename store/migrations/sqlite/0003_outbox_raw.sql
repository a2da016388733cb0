-- 0003: each reply's bytes in a table of their own. SQLite rewrites a
-- whole row, overflow pages and all, when a column changes size, so
-- with the message in the outbox row every claim and every "sent"
-- rewrote its 10 to 20 KB; now they rewrite a few dozen bytes. The
-- bytes go with their row (ON DELETE CASCADE: FORGET), and those of a
-- FORGET confirmation are erased once it is sent, as its recipient is.
-- outbox_created goes: no query uses it (the hourly cap counts on
-- outbox_replies), and every reply queued had to update it.
-- 'confirm_forget' is domain.KindConfirmForget.
CREATE TABLE outbox_raw (
		id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
		raw BLOB NOT NULL
	);
	INSERT INTO outbox_raw (id, raw) SELECT id, raw FROM outbox;
	ALTER TABLE outbox DROP COLUMN raw;
	CREATE TRIGGER outbox_forgotten_sent AFTER UPDATE OF status ON outbox
		WHEN NEW.kind = 'confirm_forget' AND NEW.status = 'sent'
		BEGIN UPDATE outbox_raw SET raw = x'' WHERE id = NEW.id; END;
	DROP INDEX outbox_created;
