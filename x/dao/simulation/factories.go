package simulation

import (
	"context"
	"fmt"

	"cosmossdk.io/math"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	"github.com/dmexchain/dmex/x/dao/types"
)

// Default weights of x/dao's messages (simsx.ParamWeightSource keys msg_spend_foundation, ...).
// Council decisions are rare next to the users' messages.
const (
	WeightMsgSpendFoundation = 10
	WeightMsgUpdateCouncil   = 3
	WeightMsgUpdateAuthority = 2
	// The refused ones: a non-authority's spend, and the council's spend above the foundation.
	WeightMsgSpendFoundationUnauthorized = 5
	WeightMsgSpendFoundationOverdraw     = 3
	WeightMsgScheduleUpgradeUnauthorized = 2
)

// CouncilSize is the council the simulation keeps re-electing: seven simulation accounts, as at
// genesis, so that every council factory can still reach the threshold.
const CouncilSize = 7

// BankKeeper is what x/dao's factories read of x/bank.
type BankKeeper interface {
	SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// AccountKeeper finds the foundation's account.
type AccountKeeper interface {
	GetModuleAddress(name string) sdk.AccAddress
}

// Factories registers x/dao's factories: the council's foundation spends, re-elections and
// (no-op) authority hand-overs, and two refusals: a spend signed by a non-authority account, and
// a council spend above what the foundation holds, and an upgrade scheduled by a non-authority.
func Factories(k daokeeper.Keeper, gk GroupKeeper, ak AccountKeeper, bk BankKeeper, uk UpgradeKeeper, w simsx.WeightSource, reg simsx.Registry) {
	foundation := ak.GetModuleAddress(modaccounts.Foundation)
	reg.Add(w.Get("msg_spend_foundation", WeightMsgSpendFoundation), CouncilFactory(k, gk, SpendFoundation(foundation, bk)))
	reg.Add(w.Get("msg_update_council", WeightMsgUpdateCouncil), CouncilFactory(k, gk, UpdateCouncil()))
	reg.Add(w.Get("msg_update_authority", WeightMsgUpdateAuthority), CouncilFactory(k, gk, UpdateAuthority(k)))
	reg.Add(w.Get("msg_spend_foundation_unauthorized", WeightMsgSpendFoundationUnauthorized),
		MsgSpendFoundationUnauthorizedFactory(k, foundation, bk))
	reg.Add(w.Get("msg_spend_foundation_overdraw", WeightMsgSpendFoundationOverdraw),
		CouncilRefusalFactory(k, gk, SpendFoundationOverdraw(foundation, bk), types.ErrInsufficientFunds, balancesDigest(bk, foundation)))
	reg.Add(w.Get("msg_schedule_upgrade_unauthorized", WeightMsgScheduleUpgradeUnauthorized),
		MsgScheduleUpgradeUnauthorizedFactory(k, uk))
}

// SpendFoundation pays a random simulation account up to 1% of one of the foundation's coins
// (so that the foundation lasts the run).
func SpendFoundation(foundation sdk.AccAddress, bk BankKeeper) AuthorityMsgFn[*types.MsgSpendFoundation] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSpendFoundation {
		held := bk.SpendableCoins(ctx, foundation)
		if held.Empty() {
			reporter.Skip("the foundation holds nothing")
			return nil
		}
		coin := data.Rand().Coin(held)
		amt := data.Rand().Amount(coin.Amount.QuoRaw(100))
		if !amt.IsPositive() {
			amt = math.OneInt()
		}
		to := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil
		}
		return &types.MsgSpendFoundation{Authority: authority, Recipient: to.AddressBech32, Amount: sdk.NewCoins(sdk.NewCoin(coin.Denom, amt))}
	}
}

// SpendFoundationOverdraw asks one more of a coin than the foundation holds (or a coin it does
// not hold): x/dao refuses it (ErrInsufficientFunds).
func SpendFoundationOverdraw(foundation sdk.AccAddress, bk BankKeeper) AuthorityMsgFn[*types.MsgSpendFoundation] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSpendFoundation {
		held := bk.SpendableCoins(ctx, foundation)
		amt := sdk.NewInt64Coin("udmc", 1)
		if !held.Empty() {
			c := data.Rand().Coin(held)
			amt = sdk.NewCoin(c.Denom, c.Amount.AddRaw(1))
		}
		to := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil
		}
		return &types.MsgSpendFoundation{Authority: authority, Recipient: to.AddressBech32, Amount: sdk.NewCoins(amt)}
	}
}

// UpdateCouncil re-elects the council: seven distinct random simulation accounts (the sitting
// members or others) with a threshold of 4 to 7. The council factory reads the members from
// state, so it follows the new council from the next message on.
func UpdateCouncil() AuthorityMsgFn[*types.MsgUpdateCouncil] {
	return func(_ context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateCouncil {
		if data.AccountsCount() < CouncilSize {
			reporter.Skipf("%d simulation accounts, fewer than a council of %d", data.AccountsCount(), CouncilSize)
			return nil
		}
		var members []string
		for _, i := range data.Rand().Perm(data.AccountsCount())[:CouncilSize] {
			members = append(members, data.AccountAt(reporter, i).AddressBech32)
		}
		threshold := uint64(4 + data.Rand().Intn(CouncilSize-3))
		return &types.MsgUpdateCouncil{Authority: authority, Members: members, Threshold: threshold}
	}
}

// UpdateAuthority hands the authority to the council's own policy, a no-op hand-over. It is the
// only one that keeps the simulation going: handing it to x/gov would end every council
// factory (they skip once the council no longer holds the authority), and the simulation has
// no x/gov proposal that hands it back.
func UpdateAuthority(k daokeeper.Keeper) AuthorityMsgFn[*types.MsgUpdateAuthority] {
	return func(_ context.Context, authority string, _ *simsx.ChainDataSource, _ simsx.SimulationReporter) *types.MsgUpdateAuthority {
		return &types.MsgUpdateAuthority{Authority: authority, NewAuthority: authority}
	}
}

// MsgSpendFoundationUnauthorizedFactory has an account that is not the authority sign a
// foundation spend naming itself as the authority: x/dao must refuse it (ErrUnauthorized) and
// the foundation keep what it holds.
func MsgSpendFoundationUnauthorizedFactory(k daokeeper.Keeper, foundation sdk.AccAddress, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgSpendFoundation] {
	return UnauthorizedFactory(k, func(from simsx.SimAccount, _ *simsx.ChainDataSource) *types.MsgSpendFoundation {
		return &types.MsgSpendFoundation{Authority: from.AddressBech32, Recipient: from.AddressBech32, Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 1))}
	}, balancesDigest(bk, foundation))
}

// UpgradeKeeper reads x/upgrade's scheduled plan, for the refused schedule's check.
type UpgradeKeeper interface {
	GetUpgradePlan(ctx context.Context) (upgradetypes.Plan, error)
}

// MsgScheduleUpgradeUnauthorizedFactory has an account that is not the authority schedule an
// upgrade naming itself as the authority: x/dao must refuse it (ErrUnauthorized) and no plan be
// scheduled (a plan scheduled by a simulation would halt the run at its height).
func MsgScheduleUpgradeUnauthorizedFactory(k daokeeper.Keeper, uk UpgradeKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgScheduleUpgrade] {
	return UnauthorizedFactory(k, func(from simsx.SimAccount, _ *simsx.ChainDataSource) *types.MsgScheduleUpgrade {
		return &types.MsgScheduleUpgrade{Authority: from.AddressBech32, Name: "sim-upgrade", Height: 1_000_000_000, Info: "refused"}
	}, func(ctx context.Context) string {
		plan, err := uk.GetUpgradePlan(ctx)
		return fmt.Sprintf("%s@%d/%v", plan.Name, plan.Height, err)
	})
}

// balancesDigest reads the balances of addrs, for a refusal's before-and-after check.
func balancesDigest(bk BankKeeper, addrs ...sdk.AccAddress) func(ctx context.Context) string {
	return func(ctx context.Context) string {
		var s string
		for _, a := range addrs {
			s += fmt.Sprintf("%s=%s;", a, bk.GetAllBalances(ctx, a))
		}
		return s
	}
}
