package lazycms

// Created is how many stores a branch has created (for tests).
func Created(b *Branch) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.stores)
}
