package openapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	gogoproto "github.com/cosmos/gogoproto/proto"

	"github.com/dmexchain/dmex/client/openapi"

	_ "github.com/dmexchain/dmex/app" // registers every module's protos
)

type spec struct {
	Paths map[string]map[string]struct {
		OperationID string   `json:"operationId"`
		Tags        []string `json:"tags"`
	} `json:"paths"`
}

// routes are the (method, path) of every RPC of every DMEX Query service, from the
// google.api.http options of the protos the binary carries.
func routes(t *testing.T) []string {
	t.Helper()
	var out []string
	files, err := gogoproto.MergedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	files.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if !strings.HasPrefix(string(fd.Package()), "dmex.") || !strings.HasSuffix(fd.Path(), "/query.proto") {
			return true
		}
		for i := 0; i < fd.Services().Len(); i++ {
			sd := fd.Services().Get(i)
			for j := 0; j < sd.Methods().Len(); j++ {
				m := sd.Methods().Get(j)
				rule, ok := proto.GetExtension(m.Options(), annotations.E_Http).(*annotations.HttpRule)
				if !ok || rule == nil || rule.GetGet() == "" {
					t.Errorf("%s has no GET route", m.FullName())
					continue
				}
				out = append(out, "get "+rule.GetGet())
			}
		}
		return true
	})
	sort.Strings(out)
	return out
}

// The committed document has exactly the DMEX queries' routes, each with a unique operation id
// tagged by its module; it is what the node serves.
func TestSpecCoversEveryQueryRoute(t *testing.T) {
	var s spec
	if err := json.Unmarshal(openapi.Spec, &s); err != nil {
		t.Fatal(err)
	}
	var got []string
	ids := map[string]bool{}
	for path, ops := range s.Paths {
		for method, op := range ops {
			got = append(got, method+" "+path)
			module := regexp.MustCompile(`^/dmex/([a-z]+)/`).FindStringSubmatch(path)
			if module == nil || len(op.Tags) != 1 || op.Tags[0] != module[1] || !strings.HasPrefix(op.OperationID, module[1]+"_") {
				t.Errorf("%s %s: operation %q tags %v, want %s_… tagged %s", method, path, op.OperationID, op.Tags, module, module)
			}
			if ids[op.OperationID] {
				t.Errorf("operation id %s twice", op.OperationID)
			}
			ids[op.OperationID] = true
		}
	}
	sort.Strings(got)
	want := routes(t)
	if len(want) < 50 {
		t.Fatalf("only %d DMEX query routes in the protos", len(want))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the OpenAPI routes differ from the protos' (run make proto-gen):\ngot  %d %v\nwant %d %v", len(got), got, len(want), want)
	}
}

func TestRegisterServesTheSpec(t *testing.T) {
	r := mux.NewRouter()
	openapi.Register(r)
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, openapi.Path, nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" || rec.Body.String() != string(openapi.Spec) {
		t.Fatalf("GET %s: %d %q, %d bytes", openapi.Path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
}
