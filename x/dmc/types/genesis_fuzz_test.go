package types_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	"github.com/dmexchain/dmex/x/dmc/types"
)

// FuzzGenesisValidate decodes arbitrary bytes (JSON as ValidateGenesis reads them, or the proto
// encoding) into a GenesisState and validates it: it never panics, and a state it accepts
// encodes back to JSON that decodes to the same state and is accepted again.
func FuzzGenesisValidate(f *testing.F) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	def := types.DefaultGenesis()
	f.Add(cdc.MustMarshalJSON(def), false)
	f.Add(cdc.MustMarshal(def), true)
	f.Add([]byte(`{}`), false)
	f.Add([]byte(`{"params":null}`), false)
	f.Add([]byte{}, true)

	f.Fuzz(func(t *testing.T, bz []byte, asProto bool) {
		var gs types.GenesisState
		if asProto {
			if cdc.Unmarshal(bz, &gs) != nil {
				return
			}
		} else if cdc.UnmarshalJSON(bz, &gs) != nil {
			return
		}
		validate := func(gs types.GenesisState) error { return gs.Validate(addresscodec.NewBech32Codec("dmex")) }
		if validate(gs) != nil {
			return
		}
		js, err := cdc.MarshalJSON(&gs)
		if err != nil {
			t.Fatalf("an accepted genesis does not encode: %v", err)
		}
		var again types.GenesisState
		if err := cdc.UnmarshalJSON(js, &again); err != nil {
			t.Fatalf("an accepted genesis does not decode from its own JSON: %v\n%s", err, js)
		}
		if err := validate(again); err != nil {
			t.Fatalf("an accepted genesis is rejected after a JSON round trip: %v\n%s", err, js)
		}
		if js2 := cdc.MustMarshalJSON(&again); string(js2) != string(js) {
			t.Fatalf("JSON round trip changed the genesis:\n%s\n%s", js, js2)
		}
	})
}
