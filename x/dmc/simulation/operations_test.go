package simulation_test

import (
	"math/rand"
	"testing"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/dmc/simulation"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// A randomized run through the real app: random stakes, unstakes and claims (some of them
// refused) over 150 blocks; the supply and mining books are checked after every block by
// testutil, and in the end every staker can take out everything it staked.
func TestRandomizedMining(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 6})
	auth, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
	e.CouncilPropose(4,
		&types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1},
		&types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_STAKED, Denom: "udmc", Weight: 3},
		&types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_LIQUIDITY, Denom: "aifil", Weight: 1},
	)
	farmIDs := []uint64{1, 2, 3}
	r := rand.New(rand.NewSource(42))
	refused, accepted := 0, 0
	for block := 0; block < 150; block++ {
		var txs [][]byte
		for i := 0; i < r.Intn(4); i++ {
			acc := e.Accounts[r.Intn(len(e.Accounts))]
			msg := simulation.RandomMsg(e.Ctx(), r, e.App.DmcKeeper, e.App.BankKeeper, acc.Addr, farmIDs)
			txs = append(txs, e.SignTx(acc, msg))
		}
		res := e.NextBlock(txs...)
		for _, tr := range res.TxResults {
			if tr.Code == 0 {
				accepted++
			} else {
				refused++
			}
		}
	}
	if accepted == 0 || refused == 0 {
		t.Fatalf("accepted %d refused %d: the run should exercise both", accepted, refused)
	}
	minted, _ := e.App.DmcKeeper.MintedByMining.Get(e.Ctx())
	if !minted.IsPositive() {
		t.Fatal("nothing was mined")
	}
	for _, acc := range e.Accounts {
		for _, id := range farmIDs {
			p, err := e.App.DmcKeeper.Positions.Get(e.Ctx(), collections.Join(acc.Addr, id))
			if err != nil || p.Amount.IsZero() {
				continue
			}
			f, _ := e.App.DmcKeeper.Farms.Get(e.Ctx(), id)
			before := e.App.BankKeeper.GetBalance(e.Ctx(), acc.Addr, f.Denom).Amount
			e.MustDeliver(acc, &types.MsgUnstake{Staker: acc.Addr.String(), FarmId: id, Amount: sdk.NewCoin(f.Denom, p.Amount)})
			if got := e.App.BankKeeper.GetBalance(e.Ctx(), acc.Addr, f.Denom).Amount; !got.Equal(before.Add(p.Amount)) {
				t.Fatalf("unstaking %s gave back %s", p.Amount, got.Sub(before))
			}
		}
	}
	for _, id := range farmIDs {
		if f, _ := e.App.DmcKeeper.Farms.Get(e.Ctx(), id); !f.TotalStaked.IsZero() {
			t.Fatalf("farm %d still has %s staked after everyone left", id, f.TotalStaked)
		}
	}
}
