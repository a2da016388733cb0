package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"jobback/domain"
	"jobback/internal/pgtest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// *Postgres has every exported method of *SQLite with the same signature,
// Backup and the Explain* methods aside (the daemon's interfaces, the
// outbox's Store and the mailbox's Cursor are made of them).
func TestPostgresHasSQLiteMethods(t *testing.T) {
	sq, pg := reflect.TypeFor[*SQLite](), reflect.TypeFor[*Postgres]()
	n := 0
	for i := range sq.NumMethod() {
		m := sq.Method(i)
		if m.Name == "Backup" || strings.HasPrefix(m.Name, "Explain") {
			continue
		}
		p, ok := pg.MethodByName(m.Name)
		if !ok {
			t.Errorf("*Postgres has no method %s", m.Name)
			continue
		}
		// The receiver is the first argument: compare the rest.
		if a, b := m.Type, p.Type; a.NumIn() != b.NumIn() || a.NumOut() != b.NumOut() || a.IsVariadic() != b.IsVariadic() {
			t.Errorf("%s: *SQLite's is %v, *Postgres's %v", m.Name, a, b)
		} else {
			for j := 1; j < a.NumIn(); j++ {
				if a.In(j) != b.In(j) {
					t.Errorf("%s: argument %d is %v, want %v", m.Name, j, b.In(j), a.In(j))
				}
			}
			for j := range a.NumOut() {
				if a.Out(j) != b.Out(j) {
					t.Errorf("%s: result %d is %v, want %v", m.Name, j, b.Out(j), a.Out(j))
				}
			}
		}
		n++
	}
	if n < 40 {
		t.Fatalf("compared %d methods: the method set is not what it was", n)
	}
}

// recordN records n answered messages from distinct senders, without
// follow-ups.
func recordN(t *testing.T, s backend, n int) {
	t.Helper()
	for i := range n {
		r := answered(uint32(i+1), fmt.Sprintf("m%d@x", i), fmt.Sprintf("p%d@example.org", i))
		r.Followups = nil
		if _, err := s.Record(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}

// Two instances starting at once on a new database migrate it once.
func TestPostgresMigrateAtOnce(t *testing.T) {
	dsn := pgtest.Database(t)
	var wg sync.WaitGroup
	stores := make([]*Postgres, 4)
	errs := make([]error, 4)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = OpenPostgres(context.Background(), dsn, PostgresOptions{Instance: fmt.Sprint("i", i)})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	var rows int
	if err := stores[0].pool.QueryRow(context.Background(), "SELECT COUNT(*) FROM schema_version").Scan(&rows); err != nil || rows != len(postgresMigrationsSQL) {
		t.Fatalf("schema_version has %d rows, %v; want %d", rows, err, len(postgresMigrationsSQL))
	}
	if v, err := stores[3].SchemaVersion(context.Background()); err != nil || v != len(postgresMigrationsSQL) {
		t.Fatalf("schema version %d, %v", v, err)
	}
}

// (a) Two instances, eight claimers each: every row is claimed exactly
// once, by one of them, and carries its owner.
func TestPostgresClaimsAcrossInstances(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	a, b := openPG(t, dsn, "a"), openPG(t, dsn, "b")
	const n = 500
	recordN(t, a, n)
	seen, by := claimAll(t, []backend{a, b}, 8, 7, time.Now())
	claimedOnce(t, seen, n)
	byOwner := map[string]int{"a": by[0], "b": by[1]}
	if by[0] == 0 || by[1] == 0 {
		t.Logf("one instance claimed every row: %v", byOwner)
	}
	owned := map[string]int{}
	rows, err := a.pool.Query(ctx, "SELECT owner, COUNT(*) FROM outbox WHERE status = 'sending' GROUP BY owner")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var o string
		var c int
		if err := rows.Scan(&o, &c); err != nil {
			t.Fatal(err)
		}
		owned[o] = c
	}
	if owned["a"] != byOwner["a"] || owned["b"] != byOwner["b"] || len(owned) > 2 {
		t.Fatalf("owners in the table %v, claims %v", owned, byOwner)
	}
}

// (b) An instance's expired lease is claimed by another; the first one's
// late outcome does not undo the second's claim; a restart under the same
// name releases nothing (a process with that name may be alive).
func TestPostgresLeasesAcrossInstances(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	a, b := openPG(t, dsn, "a"), openPG(t, dsn, "b")
	recordN(t, a, 3)
	ga, err := a.Claim(ctx, t0, time.Minute, 1)
	if err != nil || len(ga) != 1 {
		t.Fatalf("a claimed %d, %v", len(ga), err)
	}
	long, err := a.Claim(ctx, t0, time.Hour, 1)
	if err != nil || len(long) != 1 {
		t.Fatalf("a claimed %d, %v", len(long), err)
	}
	ga = append(ga, long...)
	// a's first lease runs out; b takes that row, and the third.
	gb, err := b.Claim(ctx, t0.Add(2*time.Minute), time.Hour, 2)
	if err != nil || len(gb) != 2 {
		t.Fatalf("b claimed %d, %v", len(gb), err)
	}
	if gb[0].ID != ga[0].ID || gb[0].Attempts != 2 {
		t.Fatalf("b claimed %+v, want a's first row (expired) at its second attempt first", gb)
	}
	// a, still alive, writes its late outcome of that row: b's claim stands.
	for name, mark := range map[string]func() error{
		"MarkRetry":  func() error { return a.MarkRetry(ctx, ga[0].ID, t0, "late") },
		"MarkFailed": func() error { return a.MarkFailed(ctx, ga[0].ID, t0, "late") },
	} {
		if err := mark(); !errors.Is(err, ErrNotFound) {
			t.Errorf("a's late %s of a row b holds: %v, want ErrNotFound", name, err)
		}
	}
	if o, _ := a.Outbox(ctx, ga[0].ID); o.Status != StatusSending {
		t.Fatalf("the row b holds is %s after a's late outcome, want sending", o.Status)
	}
	// Its own row it may still give back.
	if err := a.MarkRetry(ctx, ga[1].ID, t0, "retry"); err != nil {
		t.Fatalf("a's MarkRetry of its own row: %v", err)
	}
	if _, err := a.Claim(ctx, t0, time.Hour, 1); err != nil {
		t.Fatal(err)
	}
	// A second process named a starts: Recover releases nothing.
	a2 := openPG(t, dsn, "a")
	sent, released, err := a2.Recover(ctx, t0.Add(3*time.Minute))
	if err != nil || sent != 0 || released != 0 {
		t.Fatalf("Recover = %d, %d, %v; want 0, 0", sent, released, err)
	}
	if o, _ := a2.Outbox(ctx, ga[1].ID); o.Status != StatusSending {
		t.Fatalf("a's row is %s after a second a's Recover, want sending", o.Status)
	}
}

// (c) The same follow-up queued by two instances at once: once.
func TestPostgresQueueFollowupAcrossInstances(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	a, b := openPG(t, dsn, "a"), openPG(t, dsn, "b")
	const n = 20
	for i := range n {
		if _, err := a.Record(ctx, answered(uint32(i+1), fmt.Sprintf("m%d@x", i), fmt.Sprintf("p%d@example.org", i))); err != nil {
			t.Fatal(err)
		}
	}
	due, err := b.DueFollowupsAfter(ctx, t0.Add(100*time.Hour), FollowupCursor{}, 100)
	if err != nil || len(due) != n {
		t.Fatalf("due %d, %v", len(due), err)
	}
	for _, f := range due {
		o := NewOutbox{Kind: f.Kind, MessageID: fmt.Sprintf("n%d@x", f.ID), From: "h@x", Recipient: f.Person, Raw: []byte("x"), Person: f.Person}
		stores := []*Postgres{a, b}
		if ok, _ := atOnce(t, 2, func(i int) error {
			_, err := stores[i].QueueFollowup(ctx, t0.Add(73*time.Hour), f.ID, o, nil)
			return err
		}); ok != 1 {
			t.Fatalf("follow-up %d queued %d times", f.ID, ok)
		}
	}
	var nudges int
	if err := a.pool.QueryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE inbound_id IS NULL").Scan(&nudges); err != nil || nudges != n {
		t.Fatalf("%d follow-ups queued, %v; want %d", nudges, err, n)
	}
}

// (d) One instance watches the mailbox; when its connection dies, it
// learns it, and another takes over.
func TestPostgresWatch(t *testing.T) {
	ctx := context.Background()
	admin := pgAdmin(t)
	dsn := pgtest.Database(t)
	a, b := openPG(t, dsn, "a"), openPG(t, dsn, "b")
	wa, err := a.TryWatch(ctx)
	if err != nil || wa == nil {
		t.Fatalf("a's TryWatch = %v, %v", wa, err)
	}
	defer wa.Release(ctx)
	wb, err := b.TryWatch(ctx)
	if err != nil || wb != nil {
		t.Fatalf("b's TryWatch while a watches = %v, %v; want nil, nil", wb, err)
	}
	who, beat, err := b.Watcher(ctx)
	if err != nil || who != "a" || time.Since(beat) > 5*time.Second {
		t.Fatalf("the store names %q (beat %v), %v; want a", who, beat, err)
	}
	if _, err := admin.Exec(ctx, "SELECT pg_terminate_backend($1)", int(wa.pid)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-wa.Done():
		if wa.Err() == nil {
			t.Fatal("the watch was lost without a reason")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a's watch is not Done 5 s after its connection was killed")
	}
	deadline := time.Now().Add(5 * time.Second)
	for wb == nil && time.Now().Before(deadline) {
		if wb, err = b.TryWatch(ctx); err != nil {
			t.Fatal(err)
		}
		if wb == nil {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if wb == nil {
		t.Fatal("b cannot watch 5 s after a's connection was killed")
	}
	if who, _, _ := a.Watcher(ctx); who != "b" {
		t.Fatalf("the store names %q, want b", who)
	}
	if w, err := a.TryWatch(ctx); err != nil || w != nil {
		t.Fatalf("a's TryWatch while b watches = %v, %v", w, err)
	}
	if err := wb.Release(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-wb.Done():
	default:
		t.Fatal("Done not closed by Release")
	}
	if who, _, _ := a.Watcher(ctx); who != "" {
		t.Fatalf("the store names %q after Release, want none", who)
	}
	w, err := a.TryWatch(ctx)
	if err != nil || w == nil {
		t.Fatalf("a's TryWatch after b's Release = %v, %v", w, err)
	}
	w.Release(ctx)
}

// (e) After a FORGET, the person's bytes are still in the tables' files
// (dead rows); the rewrite of EraseWAL takes them out, and keeps the
// others'.
func TestPostgresEraseReachesTheFiles(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	s := openPG(t, dsn, "a")
	person, story := "zelda.quartermaine@example.org", "Zanzibar Widget Cooperative"
	keeper := "keeper.of.bytes@example.org"
	for i := uint32(1); i <= 3; i++ {
		r := answered(i, fmt.Sprintf("m%d@x", i), person)
		r.Case.Facts = []byte(`{"action":"advise","company":"` + story + `"}`)
		r.Outbox[0].Raw = []byte("To: " + person + "\r\n\r\nabout " + story + "\r\n")
		if _, err := s.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Record(ctx, answered(10, "k@x", keeper)); err != nil {
		t.Fatal(err)
	}
	forget := Record{Inbound: Inbound{Key: InboundKey{"INBOX", 7, 9}, MessageID: "forget@x", From: person, Subject: "FORGET",
		Size: 10, Decision: domain.DecisionCommand, ReceivedAt: t0}, Case: &CaseUpdate{Person: person, MessageAt: t0},
		Forget: true, EraseMail: true, Now: t0}
	if _, err := s.Record(ctx, forget); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountMentions(ctx, person); err != nil || n != 0 {
		t.Fatalf("%d live rows mention the person, %v", n, err)
	}
	count := func(when string) map[string]int {
		t.Helper()
		if _, err := s.pool.Exec(ctx, "CHECKPOINT"); err != nil {
			t.Fatal(err)
		}
		var dir string
		if err := s.pool.QueryRow(ctx, "SHOW data_directory").Scan(&dir); err != nil {
			t.Fatal(err)
		}
		rows, err := s.pool.Query(ctx, `WITH t AS (SELECT oid, reltoastrelid FROM pg_class
				WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r')
			SELECT pg_relation_filepath(oid) FROM (
				SELECT oid FROM t
				UNION SELECT reltoastrelid FROM t WHERE reltoastrelid <> 0
				UNION SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM t UNION SELECT reltoastrelid FROM t)) r`)
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for rows.Next() {
			var f string
			if err := rows.Scan(&f); err != nil {
				t.Fatal(err)
			}
			files = append(files, filepath.Join(dir, f))
		}
		if rows.Err() != nil || len(files) < 9 {
			t.Fatalf("%d files of the store's tables, %v", len(files), rows.Err())
		}
		found := map[string]int{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if errors.Is(err, os.ErrPermission) || errors.Is(err, os.ErrNotExist) {
				t.Skipf("cannot read the server's files (the test must run on the server's machine, as a user who can read %s): %v", dir, err)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{person, story, keeper} {
				found[w] += bytes.Count(b, []byte(w))
			}
		}
		t.Logf("%s: %v", when, found)
		return found
	}
	before := count("before the rewrite")
	if before[person] == 0 || before[story] == 0 || before[keeper] == 0 {
		t.Fatalf("before the rewrite the files hold %v: the dead rows should still be there", before)
	}
	if err := s.vacuum(ctx, forgetTables...); err != nil {
		t.Fatal(err)
	}
	after := count("after the rewrite")
	if after[person] != 0 || after[story] != 0 {
		t.Errorf("after EraseWAL's rewrite the files still hold %v", after)
	}
	if after[keeper] == 0 {
		t.Errorf("the rewrite lost the other person's rows: %v", after)
	}
	s.EraseWAL(ctx) // the daemon's way in: no error to see, it must not fail either
	if n, _ := s.OutboxDepth(ctx); n != 1 {
		t.Fatalf("outbox depth %d after the rewrite, want the other person's reply", n)
	}
}

// CheckRights names the table and the right a user lacks.
func TestPostgresCheckRights(t *testing.T) {
	ctx := context.Background()
	admin := pgAdmin(t)
	role := fmt.Sprintf("jobback_t_role_%d", time.Now().UnixNano()%1e9)
	if _, err := admin.Exec(ctx, "CREATE ROLE "+role+" LOGIN"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP ROLE IF EXISTS "+role) })
	dsn := pgtest.Database(t)
	s := openPG(t, dsn, "a")
	if err := s.CheckRights(ctx); err != nil {
		t.Fatalf("the owner's rights: %v", err)
	}
	grant := func(q string) {
		t.Helper()
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	grant("GRANT USAGE ON SCHEMA public TO " + role)
	grant("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + role)
	u, err := OpenPostgres(ctx, dsnWithUser(t, dsn, role), PostgresOptions{Instance: "u"})
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if err := u.CheckRights(ctx); err == nil || !strings.Contains(err.Error(), "DELETE on table") ||
		!strings.Contains(err.Error(), fmt.Sprint("schema version ", len(postgresMigrationsSQL))) {
		t.Fatalf("without DELETE: %v", err)
	}
	grant("GRANT DELETE ON ALL TABLES IN SCHEMA public TO " + role)
	if err := u.CheckRights(ctx); err == nil || !strings.Contains(err.Error(), "USAGE on sequence") {
		t.Fatalf("without the sequences: %v", err)
	}
	grant("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role)
	if err := u.CheckRights(ctx); err == nil || !strings.Contains(err.Error(), "does not own table") {
		t.Fatalf("not the owner: %v", err)
	}
	if err := u.vacuum(ctx, forgetTables...); err == nil {
		t.Fatal("a rewrite by a user who does not own the tables did not fail")
	}
	if err := u.Ping(ctx); err != nil {
		t.Fatalf("Ping with the rights on the tables: %v", err)
	}
}

// dsnWithUser is dsn connecting as user.
func dsnWithUser(t *testing.T, dsn, user string) string {
	t.Helper()
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		i := strings.Index(dsn, "://") + 3
		rest := dsn[i:]
		if at := strings.Index(rest, "@"); at >= 0 && at < strings.IndexAny(rest+"/", "/") {
			rest = rest[at+1:]
		}
		return dsn[:i] + user + "@" + rest
	}
	return dsn + " user=" + user
}

// A FORGET's rewrite of the tables that fails (another session holds a
// lock on one of them) is tried again by CheckDisk, which reports it until
// it is done.
func TestPostgresEraseRetried(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	s := openPG(t, dsn, "a")
	// Another session reads the cases table in a transaction left open.
	other, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	tx, err := other.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE cases IN ACCESS SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	s.EraseWAL(ctx) // waits vacuumLockWait, then gives up
	if !s.eraseDue.Load() {
		t.Fatal("a failed rewrite is not marked to be tried again")
	}
	if err := s.CheckDisk(ctx); err == nil {
		t.Error("CheckDisk passes while the rewrite still fails")
	}
	tx.Rollback(ctx)
	if err := s.CheckDisk(ctx); err != nil {
		t.Fatalf("CheckDisk after the lock is gone: %v", err)
	}
	if s.eraseDue.Load() {
		t.Error("the rewrite done, it is still marked to be tried again")
	}
}

func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1":                       "SELECT 1",
		"a = ? AND b = ?":                "a = $1 AND b = $2",
		"x > ?1 AND y < ?2 AND z = ?1":   "x > $1 AND y < $2 AND z = $1",
		"VALUES (?, ?, ?)\nRETURNING id": "VALUES ($1, $2, $3)\nRETURNING id",
	} {
		if got := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}
