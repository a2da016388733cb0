package mailbox

import (
	"context"
	"sync"
)

// MemCursor is a Cursor kept in memory: for tests, and for a Watcher given no
// Cursor. It is safe for concurrent use.
type MemCursor struct {
	mu  sync.Mutex
	pos map[string][2]uint32
}

// NewMemCursor returns an empty MemCursor.
func NewMemCursor() *MemCursor {
	return &MemCursor{pos: make(map[string][2]uint32)}
}

// Position implements Cursor.
func (c *MemCursor) Position(_ context.Context, mailbox string) (uidValidity, lastUID uint32, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pos[mailbox]
	return p[0], p[1], nil
}

// SetPosition implements Cursor.
func (c *MemCursor) SetPosition(_ context.Context, mailbox string, uidValidity, lastUID uint32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pos[mailbox] = [2]uint32{uidValidity, lastUID}
	return nil
}
