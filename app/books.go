package app

import "github.com/dmexchain/dmex/internal/books"

// BooksChecks returns every module's books checks (books.HasBooksChecks), in genesis order: the
// list tests run after every block and the app simulation after every operation.
func (app *App) BooksChecks() []books.Check {
	var out []books.Check
	for _, name := range app.ModuleManager.OrderInitGenesis {
		if m, ok := app.ModuleManager.Modules[name].(books.HasBooksChecks); ok {
			out = append(out, m.BooksChecks()...)
		}
	}
	return out
}
