package keeper_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/runtime"

	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// fixedEarnings reports the same earnings for every NFT.
type fixedEarnings struct{ e types.NFTEarnings }

func (r fixedEarnings) NFTEarnings(context.Context, types.NFT) (types.NFTEarnings, bool, error) {
	return r.e, true, nil
}

func recoverMsg(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	fn()
	return ""
}

// A registration made after copies of the keeper were taken (the servers, a module's value)
// reaches those copies: the registry is shared.
func TestRegistrationsReachEveryCopy(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(5, "100uusdt"))
	ids := f.buy(f.alice, pid, 1, "100uusdt")
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper, a.AccountKeeper, a.BankKeeper, a.DmcKeeper, nil)
	msg, query := keeper.NewMsgServerImpl(k), keeper.NewQueryServerImpl(k)

	rec := &recorder{}
	k.RegisterNFTHooks(rec)
	k.RegisterEarningsReader(fixedEarnings{types.NFTEarnings{Earned: coin("7aifil"), Paid: coin("0aifil"), Pending: coin("7aifil")}})
	if _, err := msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: f.alice.Addr.String(), NftId: ids[0], Recipient: f.bob.Addr.String()}); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("transfer %d %s>%s", ids[0], f.alice.Addr, f.bob.Addr); len(rec.calls) != 1 || rec.calls[0] != want {
		t.Fatalf("hooks registered after the server was built: calls %v, want [%s]", rec.calls, want)
	}
	res, err := query.NFT(f.ctx, &types.QueryNFTRequest{Id: ids[0]})
	if err != nil {
		t.Fatal(err)
	}
	if e := res.Nft.Earnings; e == nil || e.Earned.String() != "7aifil" {
		t.Fatalf("earnings reader registered after the server was built: %v", res.Nft.Earnings)
	}
}

// A keeper missing a required registration says which; the reward denoms are registered once;
// after the check, no registration is accepted; the app's keeper is wired.
func TestHashnftCheckWiring(t *testing.T) {
	f := newFixture(t)
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper, a.AccountKeeper, a.BankKeeper, a.DmcKeeper, nil)
	k.RegisterNFTHooks(&recorder{})
	k.RegisterRewardDenoms(a.EscrowKeeper)
	if msg := recoverMsg(func() { k.RegisterRewardDenoms(a.EscrowKeeper) }); !strings.Contains(msg, "RegisterRewardDenoms called twice") {
		t.Fatalf("second RegisterRewardDenoms: panic %q", msg)
	}
	k.RegisterRiskFund(a.RiskfundKeeper)
	if msg := recoverMsg(func() { k.RegisterRiskFund(a.RiskfundKeeper) }); !strings.Contains(msg, "RegisterRiskFund called twice") {
		t.Fatalf("second RegisterRiskFund: panic %q", msg)
	}
	err := k.CheckWiring()
	if err == nil || !strings.Contains(err.Error(), "no earnings reader registered (RegisterEarningsReader") ||
		strings.Contains(err.Error(), "RegisterNFTHooks") || strings.Contains(err.Error(), "RegisterRewardDenoms") ||
		strings.Contains(err.Error(), "RegisterRiskFund") {
		t.Fatalf("keeper without an earnings reader: %v", err)
	}
	for name, register := range map[string]func(){
		"RegisterNFTHooks":       func() { k.RegisterNFTHooks(&recorder{}) },
		"RegisterEarningsReader": func() { k.RegisterEarningsReader(a.EscrowKeeper) },
		"RegisterRewardDenoms":   func() { k.RegisterRewardDenoms(a.EscrowKeeper) },
		"RegisterRiskFund":       func() { k.RegisterRiskFund(a.RiskfundKeeper) },
	} {
		if msg := recoverMsg(register); !strings.Contains(msg, name+" after the app's wiring was checked") {
			t.Fatalf("%s after the check: panic %q", name, msg)
		}
	}
	if err := a.HashnftKeeper.CheckWiring(); err != nil {
		t.Fatalf("the app's keeper: %v", err)
	}
}
