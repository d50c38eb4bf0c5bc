package app

import "fmt"

// wired is a keeper other modules register hooks, listeners or readers with after it is built.
// CheckWiring names each required registration that is missing and closes the registrations.
type wired interface {
	CheckWiring() error
}

// mustBeWired is the end of the keepers' wiring in New: a required registration missing is a
// wiring error, and the app does not start.
func mustBeWired(keepers ...wired) {
	for _, k := range keepers {
		if err := k.CheckWiring(); err != nil {
			panic(fmt.Sprintf("app: keeper wiring incomplete: %v", err))
		}
	}
}
