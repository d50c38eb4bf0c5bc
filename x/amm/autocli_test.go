package amm_test

import (
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/x/amm"
	_ "github.com/dmexchain/dmex/x/amm/types" // registers the services
)

// Every RPC has a command with a Short and an Example invoking it, naming only request fields.
// (app/autocli_test.go parses the Examples against the real root command once the module is wired.)
func TestAutoCLICoversEveryRPC(t *testing.T) {
	opts := amm.AppModule{}.AutoCLIOptions()
	for verb, svc := range map[string]*autocliv1.ServiceCommandDescriptor{"q": opts.Query, "tx": opts.Tx} {
		d, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc.Service))
		if err != nil {
			t.Fatal(err)
		}
		sd := d.(protoreflect.ServiceDescriptor)
		covered := map[string]bool{}
		for _, o := range svc.RpcCommandOptions {
			m := sd.Methods().ByName(protoreflect.Name(o.RpcMethod))
			if m == nil {
				t.Fatalf("%s has no method %s", svc.Service, o.RpcMethod)
			}
			covered[o.RpcMethod] = true
			for _, a := range o.PositionalArgs {
				if m.Input().Fields().ByName(protoreflect.Name(a.ProtoField)) == nil {
					t.Errorf("%s: %s is not a field of %s", o.RpcMethod, a.ProtoField, m.Input().FullName())
				}
			}
			use := strings.Fields(o.Use)[0]
			if o.Short == "" || !strings.Contains(o.Example, "dmexd "+verb+" amm "+use) {
				t.Errorf("%s %s: Short %q, Example %q", verb, use, o.Short, o.Example)
			}
		}
		for i := 0; i < sd.Methods().Len(); i++ {
			if n := string(sd.Methods().Get(i).Name()); !covered[n] {
				t.Errorf("%s.%s has no command", svc.Service, n)
			}
		}
	}
}
