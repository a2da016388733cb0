-- 0006 (called migration 11 in its Go comment and in commit c83a166;
-- schema version 6): the cap per person counts a recipient whatever the
-- case of its letters (Info@Firm.example is info@firm.example); and the
-- confirmation of a FORGET loses its bytes, recipient and person when
-- it is given up on too, not only once sent.
-- 'confirm_forget' is domain.KindConfirmForget.
DROP INDEX outbox_recipient;
	CREATE INDEX outbox_recipient ON outbox (recipient COLLATE NOCASE, created_at);
	DROP TRIGGER outbox_forgotten_sent;
	CREATE TRIGGER outbox_forgotten_done AFTER UPDATE OF status ON outbox
		WHEN NEW.kind = 'confirm_forget' AND NEW.status IN ('sent', 'failed')
		BEGIN
			UPDATE outbox_raw SET raw = x'' WHERE id = NEW.id;
			UPDATE outbox SET recipient = '', person = '' WHERE id = NEW.id;
		END;
