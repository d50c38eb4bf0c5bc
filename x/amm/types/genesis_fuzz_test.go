package types_test

import (
	"testing"

	"github.com/dmexchain/dmex/internal/genesisfuzz"
	"github.com/dmexchain/dmex/x/amm/types"
)

// FuzzGenesisValidate: arbitrary bytes as a genesis never panic validation, and an accepted one
// survives a JSON round trip (internal/genesisfuzz).
func FuzzGenesisValidate(f *testing.F) {
	genesisfuzz.Run(f, types.DefaultGenesis(), func(gs *types.GenesisState) error { return gs.Validate() })
}
