// Command openapi finishes the OpenAPI (Swagger 2.0) file protoc-gen-swagger merges from
// proto/dmex: it names the document, gives every operation a unique id and a tag by module
// (protoc-gen-swagger names them Query_<Rpc>, the same in every module), and writes it with
// sorted keys, so that `make proto-gen` always writes the same bytes. scripts/protocgen.sh runs it:
//
//	go run ./scripts/openapi <merged.swagger.json> <out.json>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: openapi <merged.swagger.json> <out.json>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "openapi:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	bz, err := os.ReadFile(in) //nolint:gosec // G304: protocgen.sh names its own temporary file
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(bz, &doc); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	doc["info"] = map[string]any{
		"title":       "DMEX chain REST API",
		"version":     "v1",
		"description": "The REST routes of every DMEX module's queries (/dmex/<module>/v1/...), generated from proto/dmex by `make proto-gen`. The Cosmos SDK's own routes are in its /swagger/.",
	}
	paths, _ := doc["paths"].(map[string]any)
	if len(paths) == 0 {
		return fmt.Errorf("%s has no paths", in)
	}
	seen := map[string]string{}
	for path, item := range paths {
		module, ok := moduleOf(path)
		if !ok {
			return fmt.Errorf("path %s is not under /dmex/<module>/v1", path)
		}
		ops, _ := item.(map[string]any)
		for method, v := range ops {
			op, ok := v.(map[string]any)
			if !ok {
				continue
			}
			id, _ := op["operationId"].(string)
			id = module + "_" + strings.TrimPrefix(id, "Query_")
			if other, dup := seen[id]; dup {
				return fmt.Errorf("operation %s of %s %s is also %s", id, method, path, other)
			}
			seen[id] = method + " " + path
			op["operationId"] = id
			op["tags"] = []string{module}
		}
	}
	bz, err = json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(bz, '\n'), 0o644) //nolint:gosec // G306: a committed, world-readable file
}

// moduleOf is <module> of /dmex/<module>/v1/....
func moduleOf(path string) (string, bool) {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(parts) < 3 || parts[0] != "dmex" || parts[1] == "" {
		return "", false
	}
	return parts[1], true
}
