-- 0004 (called migration 9 in its Go comment and in commit 16ba173; it
-- has always been schema version 4): the cap per person counts what was
-- queued to one recipient in the last day (issue 15: a loop sent 224
-- mails to one person).
CREATE INDEX outbox_recipient ON outbox (recipient, created_at);
