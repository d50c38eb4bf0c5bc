package keeper_test

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// Each bad input is a clear error and changes nothing: the escrow's state and the balances of
// the sender and of both escrow accounts are the same after it.
func TestBadInput(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	active := f.product(10, 30, "f01111")
	expired := f.product(10, 1, "f02222")
	terminated := f.product(10, 30, "f03333")
	for _, p := range []uint64{active, expired, terminated} {
		f.buy(alice, p, 2)
	}
	f.passDay()
	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: terminated})
	for i := 0; i < 3; i++ {
		f.e.NextBlock()
	}
	if s := f.escrow(expired).Status; s != types.ESCROW_STATUS_EXPIRED {
		t.Fatalf("1-day product after a day: %s", s)
	}
	nft := uint64(1)
	miner := f.miner.Addr.String()
	aifil := func(n int64) sdk.Coin { return sdk.NewInt64Coin("aifil", n) }
	ms := keeper.NewMsgServerImpl(f.e.App.EscrowKeeper)

	rows := []struct {
		name   string
		sender sdk.AccAddress
		run    func(ctx sdk.Context) error
		want   error
	}{
		{"deposit by someone other than the miner", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: alice.Addr.String(), ProductId: active, Amount: aifil(100)})
			return err
		}, types.ErrNotMiner},
		{"deposit in a wrong denom", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: miner, ProductId: active, Amount: sdk.NewInt64Coin("udmc", 100)})
			return err
		}, types.ErrWrongDenom},
		{"deposit of zero", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: miner, ProductId: active, Amount: aifil(0)})
			return err
		}, types.ErrInvalidAmount},
		{"deposit for an unknown product", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: miner, ProductId: 99, Amount: aifil(100)})
			return err
		}, types.ErrUnknownEscrow},
		{"deposit for an expired product", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: miner, ProductId: expired, Amount: aifil(100)})
			return err
		}, types.ErrEscrowClosed},
		{"deposit for a terminated product", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: miner, ProductId: terminated, Amount: aifil(100)})
			return err
		}, types.ErrEscrowClosed},
		{"deposit beyond the miner's balance", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: miner, ProductId: active, Amount: sdk.NewCoin("aifil", f.bal(f.miner, "aifil").AddRaw(1))})
			return err
		}, nil},
		{"claim with nothing pending", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.ClaimRewards(ctx, &types.MsgClaimRewards{Holder: alice.Addr.String()})
			return err
		}, types.ErrNothingPending},
		{"claim on someone else's NFT", bob.Addr, func(ctx sdk.Context) error {
			_, err := ms.ClaimRewards(ctx, &types.MsgClaimRewards{Holder: bob.Addr.String(), NftIds: []uint64{nft}})
			return err
		}, types.ErrNotOwner},
		{"claim naming an NFT twice", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.ClaimRewards(ctx, &types.MsgClaimRewards{Holder: alice.Addr.String(), NftIds: []uint64{nft, nft}})
			return err
		}, types.ErrInvalidAmount},
		{"terminate twice", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.TerminateEscrow(ctx, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: terminated})
			return err
		}, types.ErrWrongStatus},
		{"resume an active product", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.ResumeEscrow(ctx, &types.MsgResumeEscrow{Authority: f.auth, ProductId: active})
			return err
		}, types.ErrWrongStatus},
		{"terminate by someone other than the authority", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.TerminateEscrow(ctx, &types.MsgTerminateEscrow{Authority: alice.Addr.String(), ProductId: active})
			return err
		}, daotypes.ErrUnauthorized},
		{"params with a reward denom listed twice", alice.Addr, func(ctx sdk.Context) error {
			p := types.DefaultParams()
			p.RewardDenoms = append(p.RewardDenoms, p.RewardDenoms[0])
			_, err := ms.UpdateParams(ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}, types.ErrInvalidParams},
		{"params with below_market_bps above 10000", alice.Addr, func(ctx sdk.Context) error {
			p := types.DefaultParams()
			p.BelowMarketBps = 10_001
			_, err := ms.UpdateParams(ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}, types.ErrInvalidParams},
		{"deposit by a malformed miner address", f.miner.Addr, func(ctx sdk.Context) error {
			_, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: "dmex1xyz", ProductId: active, Amount: aifil(100)})
			return err
		}, types.ErrInvalidAddress},
		{"resume a terminated product", alice.Addr, func(ctx sdk.Context) error {
			_, err := ms.ResumeEscrow(ctx, &types.MsgResumeEscrow{Authority: f.auth, ProductId: terminated})
			return err
		}, types.ErrWrongStatus},
		{"params with no payouts per block", alice.Addr, func(ctx sdk.Context) error {
			p := types.DefaultParams()
			p.PayoutsPerBlock = 0
			_, err := ms.UpdateParams(ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}, types.ErrInvalidParams},
	}
	k := f.e.App.EscrowKeeper
	snapshot := func(ctx sdk.Context, sender sdk.AccAddress) string {
		gs, err := k.ExportGenesis(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bk := f.e.App.BankKeeper
		return gs.String() + bk.GetAllBalances(ctx, sender).String() +
			bk.GetAllBalances(ctx, authtypes.NewModuleAddress(types.ModuleName)).String() +
			bk.GetAllBalances(ctx, authtypes.NewModuleAddress(hashnfttypes.EscrowAccount)).String()
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			ctx, _ := f.e.Ctx().CacheContext()
			before := snapshot(ctx, row.sender)
			err := row.run(ctx)
			if err == nil || (row.want != nil && !errors.Is(err, row.want)) {
				t.Fatalf("got %v, want %v", err, row.want)
			}
			// Registered, so clients see its code: not 1 in codespace "undefined".
			space, code, _ := errorsmod.ABCIInfo(err, false)
			if code <= 1 || space == errorsmod.UndefinedCodespace {
				t.Fatalf("ABCI code %d in codespace %q for %v", code, space, err)
			}
			if row.want != nil {
				if want := row.want.(*errorsmod.Error); code != want.ABCICode() || space != want.Codespace() { //nolint:errorlint // row.want is the registered error itself, never wrapped
					t.Fatalf("ABCI %s/%d, want %s/%d", space, code, want.Codespace(), want.ABCICode())
				}
			}
			t.Logf("%v", err)
			if after := snapshot(ctx, row.sender); after != before {
				t.Fatal("state changed")
			}
		})
	}
}
