// Package books is how a DMEX module registers the checks of its books: what each of its module
// accounts holds equals what its state says it owes, and its records agree with each other. The
// app collects every module's checks (App.BooksChecks) in genesis order; tests run them after
// every block, and the app simulation after every operation, so a new module's checks cannot be
// forgotten: implementing HasBooksChecks on its AppModule is all it takes.
package books

import "context"

// Check is one books check of a module.
type Check struct {
	Module string
	Name   string
	Run    func(ctx context.Context) error
}

// HasBooksChecks is implemented by the AppModule of every module that keeps books.
type HasBooksChecks interface {
	BooksChecks() []Check
}
