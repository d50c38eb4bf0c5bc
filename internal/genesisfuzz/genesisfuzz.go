// Package genesisfuzz is the one fuzz body of every module's genesis validation: arbitrary bytes
// (JSON as ValidateGenesis reads them, or the proto encoding) decoded into a GenesisState and
// validated never panic, and a state that is accepted encodes back to JSON that decodes to the
// same state and is accepted again. Each module keeps its own FuzzGenesisValidate (its committed
// corpus is under that name) and calls Run.
package genesisfuzz

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
)

// Run fuzzes validate over genesis states of type T, seeded with def (the module's default).
func Run[T any, P interface {
	*T
	proto.Message
}](f *testing.F, def P, validate func(P) error) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	f.Add(cdc.MustMarshalJSON(def), false)
	f.Add(cdc.MustMarshal(def), true)
	f.Add([]byte(`{}`), false)
	f.Add([]byte(`{"params":null}`), false)
	f.Add([]byte{}, true)

	f.Fuzz(func(t *testing.T, bz []byte, asProto bool) {
		gs := P(new(T))
		if asProto {
			if cdc.Unmarshal(bz, gs) != nil {
				return
			}
		} else if cdc.UnmarshalJSON(bz, gs) != nil {
			return
		}
		if validate(gs) != nil {
			return
		}
		js, err := cdc.MarshalJSON(gs)
		if err != nil {
			t.Fatalf("an accepted genesis does not encode: %v", err)
		}
		again := P(new(T))
		if err := cdc.UnmarshalJSON(js, again); err != nil {
			t.Fatalf("an accepted genesis does not decode from its own JSON: %v\n%s", err, js)
		}
		if err := validate(again); err != nil {
			t.Fatalf("an accepted genesis is rejected after a JSON round trip: %v\n%s", err, js)
		}
		if js2 := cdc.MustMarshalJSON(again); string(js2) != string(js) {
			t.Fatalf("JSON round trip changed the genesis:\n%s\n%s", js, js2)
		}
	})
}
