package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/lending/types"
)

// An offer against any NFT of a miner or chain with a minimum power and term left takes the NFTs
// that meet all three and refuses the others, naming why.
func TestMinerOffer(t *testing.T) {
	f := setup(t)
	offer := func(chain, node string, minPower int64, left int) uint64 {
		m := productOffer(f.lender, 0, 1)
		m.Collateral = types.CollateralTerms{
			Kind: types.CollateralKind_COLLATERAL_KIND_MINER, Chain: chain, MinerNodeId: node, MinPower: math.NewInt(minPower),
			MinTermLeft: dayN(left), Amount: math.ZeroInt(),
		}
		return f.createOffer(m)
	}
	for _, tc := range []struct {
		name string
		id   uint64
		why  string
	}{
		{"another chain", offer("BTC", "", 0, 0), "chain BTC"},
		{"another miner", offer("", "f09999", 0, 0), "miner f09999"},
		{"too little power", offer("FIL", "", 11, 0), "at least 11 power"},
		{"too little term left", offer("FIL", "f01234", 10, 361), "term left"},
	} {
		_, err := f.msg.TakeOffer(f.ctx, &types.MsgTakeOffer{Borrower: f.alice.String(), OfferId: tc.id, NftId: 1})
		if !types.ErrCollateralMismatch.Is(err) || !contains(err.Error(), tc.why) {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	loan := f.take(f.alice, offer("FIL", "f01234", 10, 300), 1)
	if f.loan(loan).Loan.NftIds[0] != 1 || f.nft(1).LockedBy != types.ModuleName {
		t.Fatal("the matching NFT was not taken as collateral")
	}
	// A miner offer names a chain or a miner; the miner fields are for miner offers only.
	bad := productOffer(f.lender, 0, 1)
	bad.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_MINER, MinPower: math.ZeroInt(), Amount: math.ZeroInt()}
	if _, err := f.msg.CreateOffer(f.ctx, bad); !types.ErrInvalidCollateral.Is(err) {
		t.Fatalf("miner offer without chain or miner: %v", err)
	}
	bad = productOffer(f.lender, 1, 1)
	bad.Collateral.Chain = "FIL"
	if _, err := f.msg.CreateOffer(f.ctx, bad); !types.ErrInvalidCollateral.Is(err) {
		t.Fatalf("product offer with a chain: %v", err)
	}
}
