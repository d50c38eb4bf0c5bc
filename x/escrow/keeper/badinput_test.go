package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// Each bad input is a registered error, with its ABCI code, and changes no store
// (testutil.BadInputs).
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
	params := func(edit func(*types.Params)) *types.MsgUpdateParams {
		p := types.DefaultParams()
		edit(&p)
		return &types.MsgUpdateParams{Authority: f.auth, Params: p}
	}
	overBalance := sdk.NewCoin("aifil", f.bal(f.miner, "aifil").AddRaw(1))

	testutil.BadInputs(t, f.e.App, f.e.Ctx(), []testutil.BadInput{
		{Name: "deposit by someone other than the miner", Msg: &types.MsgDepositRewards{Miner: alice.Addr.String(), ProductId: active, Amount: aifil(100)}, Err: types.ErrNotMiner},
		{Name: "deposit in a wrong denom", Msg: &types.MsgDepositRewards{Miner: miner, ProductId: active, Amount: sdk.NewInt64Coin("udmc", 100)}, Err: types.ErrWrongDenom},
		{Name: "deposit of zero", Msg: &types.MsgDepositRewards{Miner: miner, ProductId: active, Amount: aifil(0)}, Err: types.ErrInvalidAmount},
		{Name: "deposit for an unknown product", Msg: &types.MsgDepositRewards{Miner: miner, ProductId: 99, Amount: aifil(100)}, Err: types.ErrUnknownEscrow},
		{Name: "deposit for an expired product", Msg: &types.MsgDepositRewards{Miner: miner, ProductId: expired, Amount: aifil(100)}, Err: types.ErrEscrowClosed},
		{Name: "deposit for a terminated product", Msg: &types.MsgDepositRewards{Miner: miner, ProductId: terminated, Amount: aifil(100)}, Err: types.ErrEscrowClosed},
		{Name: "deposit beyond the miner's balance", Msg: &types.MsgDepositRewards{Miner: miner, ProductId: active, Amount: overBalance}, Err: sdkerrors.ErrInsufficientFunds},
		{Name: "claim with nothing pending", Msg: &types.MsgClaimRewards{Holder: alice.Addr.String()}, Err: types.ErrNothingPending},
		{Name: "claim on someone else's NFT", Msg: &types.MsgClaimRewards{Holder: bob.Addr.String(), NftIds: []uint64{nft}}, Err: types.ErrNotOwner},
		{Name: "claim naming an NFT twice", Msg: &types.MsgClaimRewards{Holder: alice.Addr.String(), NftIds: []uint64{nft, nft}}, Err: types.ErrInvalidAmount},
		{Name: "terminate twice", Msg: &types.MsgTerminateEscrow{Authority: f.auth, ProductId: terminated}, Err: types.ErrWrongStatus},
		{Name: "resume an active product", Msg: &types.MsgResumeEscrow{Authority: f.auth, ProductId: active}, Err: types.ErrWrongStatus},
		{Name: "terminate by someone other than the authority", Msg: &types.MsgTerminateEscrow{Authority: alice.Addr.String(), ProductId: active}, Err: daotypes.ErrUnauthorized},
		{Name: "params with a reward denom listed twice", Msg: params(func(p *types.Params) { p.RewardDenoms = append(p.RewardDenoms, p.RewardDenoms[0]) }), Err: types.ErrInvalidParams},
		{Name: "params with below_market_bps above 10000", Msg: params(func(p *types.Params) { p.BelowMarketBps = 10_001 }), Err: types.ErrInvalidParams},
		{Name: "deposit by a malformed miner address", Msg: &types.MsgDepositRewards{Miner: "dmex1xyz", ProductId: active, Amount: aifil(100)}, Err: types.ErrInvalidAddress},
		{Name: "resume a terminated product", Msg: &types.MsgResumeEscrow{Authority: f.auth, ProductId: terminated}, Err: types.ErrWrongStatus},
		{Name: "params with no payouts per block", Msg: params(func(p *types.Params) { p.PayoutsPerBlock = 0 }), Err: types.ErrInvalidParams},
	})
}
