package store

import (
	"context"
	"fmt"
	"strings"
)

// CountMentions counts the rows, in every table, with a text or blob column
// containing s (case-insensitive for ASCII). It reads every row: it is for
// checking that FORGET left nothing behind (tests, and an operator's
// audit), not for the daemon's work.
func (s *SQLite) CountMentions(ctx context.Context, text string) (int, error) {
	if text == "" {
		return 0, fmt.Errorf("cannot count mentions of an empty string")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return 0, fmt.Errorf("cannot list tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return 0, fmt.Errorf("cannot list tables: %w", err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	total := 0
	for _, t := range tables {
		cols, err := s.db.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?)`, t)
		if err != nil {
			return 0, fmt.Errorf("cannot read columns of %s: %w", t, err)
		}
		var conds []string
		for cols.Next() {
			var name, typ string
			if err := cols.Scan(&name, &typ); err != nil {
				cols.Close()
				return 0, fmt.Errorf("cannot read columns of %s: %w", t, err)
			}
			if typ = strings.ToUpper(typ); typ == "TEXT" || typ == "BLOB" {
				conds = append(conds, fmt.Sprintf(`instr(lower(CAST(%q AS TEXT)), lower(?1)) > 0`, name))
			}
		}
		cols.Close()
		if len(conds) == 0 {
			continue
		}
		var n int
		q := fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE %s`, t, strings.Join(conds, " OR "))
		if err := s.db.QueryRowContext(ctx, q, text).Scan(&n); err != nil {
			return 0, fmt.Errorf("cannot search %s: %w", t, err)
		}
		total += n
	}
	return total, nil
}
