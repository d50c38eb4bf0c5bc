package keeper_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// An address spelled in uppercase bech32 is the same account, in every escrow message: the
// miner's deposit through the real app is accepted and recorded under the canonical spelling, a
// holder's claim and the authority's suspension are accepted; a malformed address is
// ErrInvalidAddress with escrow's code.
func TestUppercaseAddresses(t *testing.T) {
	f := newFixture(t)
	alice := f.e.Accounts[1]
	p := f.product(10, 30, "f01111")
	f.buy(alice, p, 2)
	upper := func(a sdk.AccAddress) string { return strings.ToUpper(a.String()) }

	res := f.e.Deliver(f.miner, &types.MsgDepositRewards{Miner: upper(f.miner.Addr), ProductId: p, Amount: sdk.NewInt64Coin("aifil", 100)})
	if res.Code != 0 {
		t.Fatalf("deposit by the miner in uppercase: code %d %s", res.Code, res.Log)
	}
	mr, err := f.q.MinerRecord(f.e.Ctx(), &types.QueryMinerRecordRequest{Miner: f.miner.Addr.String()})
	if err != nil || mr.Record.Miner != f.miner.Addr.String() || mr.Record.Deposits != 1 {
		t.Fatalf("miner record %+v %v", mr, err)
	}
	for _, ev := range res.Events {
		for _, a := range ev.Attributes {
			if strings.Contains(a.Value, upper(f.miner.Addr)) {
				t.Fatalf("event %s carries the uppercase spelling: %s", ev.Type, a.Value)
			}
		}
	}

	ms := keeper.NewMsgServerImpl(f.e.App.EscrowKeeper)
	ctx, _ := f.e.Ctx().CacheContext()
	if _, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: upper(f.miner.Addr), ProductId: p, Amount: sdk.NewInt64Coin("aifil", 10)}); err != nil {
		t.Fatal(err)
	}
	got, err := ms.ClaimRewards(ctx, &types.MsgClaimRewards{Holder: upper(alice.Addr)})
	if err != nil || !got.Paid.AmountOf("aifil").Equal(math.NewInt(110)) { // both deposits: no round ran yet
		t.Fatalf("claim in uppercase: %v %v", got, err)
	}
	if _, err := ms.SuspendEscrow(ctx, &types.MsgSuspendEscrow{Authority: strings.ToUpper(f.auth), ProductId: p}); err != nil {
		t.Fatalf("suspension by the authority in uppercase: %v", err)
	}
	if _, err := ms.ResumeEscrow(ctx, &types.MsgResumeEscrow{Authority: strings.ToUpper(f.auth), ProductId: p}); err != nil {
		t.Fatalf("resume by the authority in uppercase: %v", err)
	}

	for _, msg := range []sdk.Msg{
		&types.MsgDepositRewards{Miner: "dmex1notanaddress", ProductId: p, Amount: sdk.NewInt64Coin("aifil", 1)},
		&types.MsgClaimRewards{Holder: "dmex1notanaddress"},
		&types.MsgSuspendEscrow{Authority: "dmex1notanaddress", ProductId: p},
	} {
		var err error
		switch m := msg.(type) {
		case *types.MsgDepositRewards:
			_, err = ms.DepositRewards(ctx, m)
		case *types.MsgClaimRewards:
			_, err = ms.ClaimRewards(ctx, m)
		case *types.MsgSuspendEscrow:
			_, err = ms.SuspendEscrow(ctx, m)
		}
		if space, code, _ := errorsmod.ABCIInfo(err, false); space != types.ModuleName || code != types.ErrInvalidAddress.ABCICode() {
			t.Fatalf("%T with a malformed address: %s/%d %v", msg, space, code, err)
		}
	}
}
