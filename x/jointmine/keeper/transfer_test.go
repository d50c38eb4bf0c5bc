package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/x/jointmine/types"
)

// TestEveryBankPathMovesShares: a multi-send of dToken to two accounts moves the booked shares
// to each (x/bank applies the send restriction per output); a send above the balance fails and
// moves nothing; a send to oneself changes nothing; share-time accrues to the new holders from
// the transfer on.
func TestEveryBankPathMovesShares(t *testing.T) {
	f := setup(t)
	e := f.e
	id := f.approved("f01234", 4)
	f.deposit(id, f.alice, ifil(60))
	f.deposit(id, f.bob, ifil(40))
	denom := types.PoolDenom(id)
	multi := &banktypes.MsgMultiSend{
		Inputs: []banktypes.Input{{Address: f.alice.Addr.String(), Coins: sdk.NewCoins(shares(id, whole(30)))}},
		Outputs: []banktypes.Output{
			{Address: f.carol.Addr.String(), Coins: sdk.NewCoins(shares(id, whole(10)))},
			{Address: f.dave.Addr.String(), Coins: sdk.NewCoins(shares(id, whole(20)))},
		},
	}
	e.MustDeliver(f.alice, multi)
	for _, c := range []struct {
		who  string
		addr sdk.AccAddress
		want int64
	}{{"alice", f.alice.Addr, 30}, {"carol", f.carol.Addr, 10}, {"dave", f.dave.Addr, 20}, {"bob", f.bob.Addr, 40}} {
		h, err := f.q.Holder(e.Ctx(), &types.QueryHolderRequest{PoolId: id, Address: c.addr.String()})
		if err != nil {
			t.Fatal(err)
		}
		wantEq(t, c.who+"'s booked shares", h.Holder.Holder.Shares, whole(c.want))
		wantEq(t, c.who+"'s balance", f.bal(c.addr, denom), whole(c.want))
	}
	if r := e.Deliver(f.carol, banktypes.NewMsgSend(f.carol.Addr, f.bob.Addr, sdk.NewCoins(shares(id, whole(11))))); r.Code == 0 {
		t.Fatal("a send above the balance succeeded")
	}
	wantEq(t, "carol's shares after a failed send", f.holder(id, f.carol).Holder.Shares, whole(10))
	e.MustDeliver(f.bob, banktypes.NewMsgSend(f.bob.Addr, f.bob.Addr, sdk.NewCoins(shares(id, whole(5)))))
	wantEq(t, "bob's shares after sending to himself", f.holder(id, f.bob).Holder.Shares, whole(40))
	d0, a0 := f.holder(id, f.dave).ShareTime, f.holder(id, f.alice).ShareTime
	e.NextBlock()
	dd, da := f.holder(id, f.dave).ShareTime.Sub(d0), f.holder(id, f.alice).ShareTime.Sub(a0)
	if !dd.IsPositive() || !da.Equal(dd.MulInt64(3).QuoInt64(2)) {
		t.Fatalf("one block: dave (20) gained %s, alice (30) %s: want 2:3", dd, da)
	}
}
