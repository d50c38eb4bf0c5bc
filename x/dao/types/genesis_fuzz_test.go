package types_test

import (
	"testing"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/dmexchain/dmex/internal/genesisfuzz"
	"github.com/dmexchain/dmex/x/dao/types"
)

// FuzzGenesisValidate: arbitrary bytes as a genesis never panic validation, and an accepted one
// survives a JSON round trip (internal/genesisfuzz).
func FuzzGenesisValidate(f *testing.F) {
	genesisfuzz.Run(f, types.DefaultGenesis(), func(gs *types.GenesisState) error {
		return gs.Validate(addresscodec.NewBech32Codec("dmex"), []string{"hashnft"})
	})
}
