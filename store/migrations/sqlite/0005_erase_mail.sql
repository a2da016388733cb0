-- 0005 (called migration 10 in its Go comment and in commit 7a4ac7a;
-- schema version 5): FORGET also erases the person's messages and our
-- copies of the replies to them from the assistant's mailbox (issue 15,
-- finding 2): their Message-IDs wait here until the mailbox has expunged
-- them.
CREATE TABLE erase_mail (
		message_id TEXT PRIMARY KEY,
		created_at BIGINT NOT NULL
	) WITHOUT ROWID;
