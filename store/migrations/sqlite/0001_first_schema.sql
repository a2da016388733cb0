-- 0001: the first schema: the mailbox positions, the inbound messages, the
-- cases, the outbox and the follow-ups.
CREATE TABLE mailbox_positions (
		mailbox     TEXT PRIMARY KEY,
		uidvalidity BIGINT NOT NULL,
		last_uid    BIGINT NOT NULL,
		updated_at  BIGINT NOT NULL
	);
	CREATE TABLE inbound (
		id          INTEGER PRIMARY KEY,
		mailbox     TEXT NOT NULL,
		uidvalidity BIGINT NOT NULL,
		uid         BIGINT NOT NULL,
		message_id  TEXT,
		from_addr   TEXT NOT NULL,
		subject     TEXT NOT NULL,
		size        BIGINT NOT NULL,
		decision    TEXT NOT NULL,
		reason      TEXT NOT NULL,
		received_at BIGINT NOT NULL,
		recorded_at BIGINT NOT NULL,
		UNIQUE (mailbox, uidvalidity, uid),
		UNIQUE (message_id)
	);
	CREATE INDEX inbound_from ON inbound (from_addr);
	CREATE TABLE cases (
		person          TEXT PRIMARY KEY,
		facts           TEXT NOT NULL,
		state           TEXT NOT NULL,
		tz_offset       INTEGER,
		messages        INTEGER NOT NULL,
		first_seen_at   BIGINT NOT NULL,
		last_message_at BIGINT NOT NULL,
		last_advice_at  BIGINT NOT NULL,
		updated_at      BIGINT NOT NULL
	);
	CREATE TABLE outbox (
		id              INTEGER PRIMARY KEY,
		inbound_id      BIGINT REFERENCES inbound (id),
		kind            TEXT NOT NULL,
		message_id      TEXT NOT NULL,
		from_addr       TEXT NOT NULL,
		recipient       TEXT NOT NULL,
		raw             BLOB NOT NULL,
		status          TEXT NOT NULL,
		attempts        INTEGER NOT NULL,
		created_at      BIGINT NOT NULL,
		arrived_at      BIGINT NOT NULL,
		next_attempt_at BIGINT NOT NULL,
		lease_until     BIGINT NOT NULL,
		last_error      TEXT NOT NULL,
		sent_at         BIGINT NOT NULL
	);
	CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
	CREATE INDEX outbox_created ON outbox (created_at);
	CREATE TABLE followups (
		id         INTEGER PRIMARY KEY,
		person     TEXT NOT NULL REFERENCES cases (person),
		kind       TEXT NOT NULL,
		due_at     BIGINT NOT NULL,
		status     TEXT NOT NULL,
		inbound_id BIGINT REFERENCES inbound (id),
		created_at BIGINT NOT NULL
	);
	CREATE INDEX followups_due ON followups (status, due_at);
