package hashnft_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/x/hashnft"
	_ "github.com/dmexchain/dmex/x/hashnft/types"
)

// Every AutoCLI command names a method of its service, and every positional argument and flag
// option a field of the method's request (a wrong name panics dmexd at start), and every
// method has a command.
func TestAutoCLIOptionsMatchTheServices(t *testing.T) {
	opts := hashnft.AppModule{}.AutoCLIOptions()
	for _, svc := range []*autocliv1.ServiceCommandDescriptor{opts.Query, opts.Tx} {
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
			fields := m.Input().Fields()
			for _, a := range o.PositionalArgs {
				if fields.ByName(protoreflect.Name(a.ProtoField)) == nil {
					t.Errorf("%s: positional %s is not a field of %s", o.RpcMethod, a.ProtoField, m.Input().FullName())
				}
			}
			for f := range o.FlagOptions {
				if fields.ByName(protoreflect.Name(f)) == nil {
					t.Errorf("%s: flag %s is not a field of %s", o.RpcMethod, f, m.Input().FullName())
				}
			}
		}
		for i := 0; i < sd.Methods().Len(); i++ {
			if name := string(sd.Methods().Get(i).Name()); !covered[name] {
				t.Errorf("%s.%s has no command", svc.Service, name)
			}
		}
	}
}
