// Package openapi serves the OpenAPI (Swagger 2.0) description of every DMEX query's REST route,
// generated from proto/dmex by `make proto-gen` (scripts/protocgen.sh) and checked by
// `make proto-check` like the Go code. The node serves it on its API server at Path, next to the
// Cosmos SDK's /swagger/.
package openapi

import (
	_ "embed"
	"net/http"

	"github.com/gorilla/mux"
)

// Path is where the API server serves the document.
const Path = "/dmex/openapi.json"

// Spec is the generated document.
//
//go:embed dmex.swagger.json
var Spec []byte

// Register serves Spec at Path on the API server's router.
func Register(r *mux.Router) {
	r.Path(Path).Methods(http.MethodGet, http.MethodHead).HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(Spec)
	})
}
