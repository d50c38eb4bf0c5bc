package types_test

import (
	"strings"
	"testing"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// A genesis may hold addresses only in their canonical spelling: the keeper compares stored
// addresses as strings, so an uppercase spelling would make one account two.
func TestGenesisAddressesAreCanonical(t *testing.T) {
	ac := address.NewBech32Codec("dmex")
	miner, err := ac.BytesToString(sdk.AccAddress("a miner's account...."))
	if err != nil {
		t.Fatal(err)
	}
	withMiner := func(s string) *types.GenesisState {
		gs := types.DefaultGenesis()
		gs.Applications = []types.Application{{Id: 1, Miner: s, Status: types.APPLICATION_STATUS_PENDING,
			PowerPerNft: math.OneInt(), Count: 1, Deposit: types.DefaultParams().ApplicationDeposit}}
		gs.NextApplicationId = 2
		return gs
	}
	if err := withMiner(miner).Validate(ac); err != nil {
		t.Fatalf("canonical miner: %v", err)
	}
	err = withMiner(strings.ToUpper(miner)).Validate(ac)
	if !types.ErrInvalidGenesis.Is(err) || !strings.Contains(err.Error(), "not in its canonical spelling \""+miner+"\"") {
		t.Fatalf("uppercase miner: %v", err)
	}
}
