-- 0002: follow-ups and commands (issue 5), and the copy of each reply in
-- our own mailbox (issue 4). The case remembers the conversation (its
-- subject, the message that started it and our last message) so
-- follow-ups are threaded into it; a person's pending follow-ups are
-- found by a partial index, which holds only pending rows, so it stays
-- as small as the work still to do; replies are found by Message-ID
-- when their copy comes back, and a person's by person (FORGET); the
-- replies to inbound mail of the last hour (the hourly cap) are counted
-- on a partial index.
ALTER TABLE cases ADD COLUMN subject TEXT NOT NULL DEFAULT '';
	ALTER TABLE cases ADD COLUMN thread_root TEXT NOT NULL DEFAULT '';
	ALTER TABLE cases ADD COLUMN last_reply_id TEXT NOT NULL DEFAULT '';
	ALTER TABLE cases ADD COLUMN last_help_at BIGINT NOT NULL DEFAULT 0;
	CREATE INDEX followups_person ON followups (person) WHERE status = 'pending';
	CREATE INDEX outbox_message_id ON outbox (message_id);
	ALTER TABLE outbox ADD COLUMN person TEXT NOT NULL DEFAULT '';
	CREATE INDEX outbox_person ON outbox (person);
	CREATE INDEX outbox_replies ON outbox (created_at) WHERE inbound_id IS NOT NULL;
