package simulation

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// Default weights of x/dmc's authority messages (council decisions, rare next to the users')
// and of its refused messages.
const (
	WeightMsgUpdateParams  = 3
	WeightMsgCreateFarm    = 4
	WeightMsgSetFarmWeight = 5
	WeightMsgCloseFarm     = 2
	WeightMsgSpendRevenue  = 5

	WeightMsgCreateFarmUnauthorized = 5
	WeightMsgUnstakeTooMuch         = 5
	WeightMsgSpendRevenueOverdraw   = 2
)

// minOpenFarms is how many farms CloseFarm leaves open, so that staking goes on.
const minOpenFarms = 3

// farmDenoms are the denoms a new farm takes: the simulation accounts hold each of them.
var farmDenoms = []string{"udmc", "uusdt", "uhusd", "uht", "uhbtc", "aifil"}

// AuthorityFactories registers x/dmc's authority messages, each sent through the council
// (x/dao's CouncilFactory): params, farms and revenue spends; and the refused ones: a farm
// created by a non-authority account, an unstake above the position, and a council spend above
// what the revenue ledger holds.
func AuthorityFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParams(k)))
	reg.Add(w.Get("msg_create_farm", WeightMsgCreateFarm), daosim.CouncilFactory(dk, gk, CreateFarm(k)))
	reg.Add(w.Get("msg_set_farm_weight", WeightMsgSetFarmWeight), daosim.CouncilFactory(dk, gk, SetFarmWeight(k)))
	reg.Add(w.Get("msg_close_farm", WeightMsgCloseFarm), daosim.CouncilFactory(dk, gk, CloseFarm(k)))
	reg.Add(w.Get("msg_spend_revenue", WeightMsgSpendRevenue), daosim.CouncilFactory(dk, gk, SpendRevenue(k, false)))

	reg.Add(w.Get("msg_create_farm_unauthorized", WeightMsgCreateFarmUnauthorized), MsgCreateFarmUnauthorizedFactory(k, dk))
	reg.Add(w.Get("msg_unstake_too_much", WeightMsgUnstakeTooMuch), MsgUnstakeTooMuchFactory(k))
	reg.Add(w.Get("msg_spend_revenue_overdraw", WeightMsgSpendRevenueOverdraw),
		daosim.CouncilRefusalFactory(dk, gk, SpendRevenue(k, true), types.ErrRevenueOverdraw, revenueDigest(k)))
}

// UpdateParams draws random valid params (RandomizedParams).
func UpdateParams(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		current, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skipf("params: %v", err)
			return nil
		}
		minted, err := k.MintedByMining.Get(ctx)
		if err != nil {
			reporter.Skipf("minted by mining: %v", err)
			return nil
		}
		open := uint32(len(openFarms(ctx, k)))
		return &types.MsgUpdateParams{Authority: authority, Params: RandomizedParams(data.Rand().Rand, current, minted, open)}
	}
}

// CreateFarm opens a farm for a (program, denom) pair no open farm takes, while the params
// allow another farm.
func CreateFarm(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgCreateFarm] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgCreateFarm {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skipf("params: %v", err)
			return nil
		}
		open := openFarms(ctx, k)
		if uint32(len(open)) >= p.MaxFarms {
			reporter.Skipf("%d open farms, the maximum", len(open))
			return nil
		}
		taken := map[string]bool{}
		for _, f := range open {
			taken[fmt.Sprintf("%s/%s", f.Program, f.Denom)] = true
		}
		programs := []types.Program{types.PROGRAM_BEHAVIORAL, types.PROGRAM_LIQUIDITY, types.PROGRAM_STAKED}
		var free []types.MsgCreateFarm
		for _, prog := range programs {
			for _, d := range farmDenoms {
				if !taken[fmt.Sprintf("%s/%s", prog, d)] {
					free = append(free, types.MsgCreateFarm{Program: prog, Denom: d})
				}
			}
		}
		if len(free) == 0 {
			reporter.Skip("every (program, denom) has an open farm")
			return nil
		}
		msg := free[data.Rand().Intn(len(free))]
		msg.Authority, msg.Weight = authority, uint64(1+data.Rand().Intn(10))
		return &msg
	}
}

// SetFarmWeight gives a random open farm a weight of 1 to 10.
func SetFarmWeight(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgSetFarmWeight] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSetFarmWeight {
		open := openFarms(ctx, k)
		if len(open) == 0 {
			reporter.Skip("no open farm")
			return nil
		}
		f := open[data.Rand().Intn(len(open))]
		return &types.MsgSetFarmWeight{Authority: authority, FarmId: f.Id, Weight: uint64(1 + data.Rand().Intn(10))}
	}
}

// CloseFarm closes a random open farm while more than minOpenFarms are open. Its stakers keep
// their positions and can still unstake and claim.
func CloseFarm(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgCloseFarm] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgCloseFarm {
		open := openFarms(ctx, k)
		if len(open) <= minOpenFarms {
			reporter.Skipf("%d open farms: closing one would leave fewer than %d", len(open), minOpenFarms)
			return nil
		}
		f := open[data.Rand().Intn(len(open))]
		return &types.MsgCloseFarm{Authority: authority, FarmId: f.Id}
	}
}

// SpendRevenue pays a random simulation account part of what the revenue ledger holds of a
// denom (overdraw: one more than it holds, which x/dmc refuses).
func SpendRevenue(k keeper.Keeper, overdraw bool) daosim.AuthorityMsgFn[*types.MsgSpendRevenue] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSpendRevenue {
		var held sdk.Coins
		_ = k.RevenueBalance.Walk(ctx, nil, func(denom string, amt math.Int) (bool, error) {
			if amt.IsPositive() {
				held = held.Add(sdk.NewCoin(denom, amt))
			}
			return false, nil
		})
		var amt sdk.Coin
		switch {
		case overdraw && held.Empty():
			amt = sdk.NewInt64Coin("uusdt", 1)
		case overdraw:
			c := data.Rand().Coin(held)
			amt = sdk.NewCoin(c.Denom, c.Amount.AddRaw(1))
		case held.Empty():
			reporter.Skip("the revenue ledger holds nothing")
			return nil
		default:
			c := data.Rand().Coin(held)
			a := data.Rand().Amount(c.Amount)
			if !a.IsPositive() {
				a = c.Amount
			}
			amt = sdk.NewCoin(c.Denom, a)
		}
		to := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil
		}
		return &types.MsgSpendRevenue{Authority: authority, Recipient: to.AddressBech32, Amount: amt}
	}
}

// MsgCreateFarmUnauthorizedFactory has an account that is not the authority create a farm in
// its own name: refused (x/dao's ErrUnauthorized), no farm added.
func MsgCreateFarmUnauthorizedFactory(k keeper.Keeper, dk daokeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgCreateFarm] {
	return daosim.UnauthorizedFactory(dk, func(from simsx.SimAccount, data *simsx.ChainDataSource) *types.MsgCreateFarm {
		return &types.MsgCreateFarm{Authority: from.AddressBech32, Program: types.PROGRAM_STAKED, Denom: farmDenoms[data.Rand().Intn(len(farmDenoms))], Weight: 1}
	}, func(ctx context.Context) string { return farmsDigest(ctx, k) })
}

// MsgUnstakeTooMuchFactory has a staker take out one more than its position: refused
// (ErrInsufficientStake), the position and the farm unchanged.
func MsgUnstakeTooMuchFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgUnstake] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnstake, simsx.SimDeliveryResultHandler) {
		p, f, ok := randomPosition(ctx, k, data)
		if !ok {
			reporter.Skip("no position")
			return nil, nil, nil
		}
		from := data.GetAccount(reporter, p.Staker)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgUnstake{Staker: p.Staker, FarmId: f.Id, Amount: sdk.NewCoin(f.Denom, p.Amount.AddRaw(1))}
		digest := func() string {
			got, _ := k.Positions.Get(ctx, collections.Join(from.Address, f.Id))
			farm, _ := k.Farms.Get(ctx, f.Id)
			return fmt.Sprintf("position %s, farm staked %s", got.Amount, farm.TotalStaked)
		}
		return []simsx.SimAccount{from}, msg, daosim.ExpectRefusal(types.ErrInsufficientStake, digest)
	})
}

// openFarms lists the open farms in id order.
func openFarms(ctx context.Context, k keeper.Keeper) []types.Farm {
	var open []types.Farm
	_ = k.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
		if !f.Closed {
			open = append(open, f)
		}
		return false, nil
	})
	return open
}

// farmsDigest is every farm and the next farm id.
func farmsDigest(ctx context.Context, k keeper.Keeper) string {
	next, _ := k.NextFarmID.Peek(ctx)
	s := fmt.Sprintf("next %d;", next)
	_ = k.Farms.Walk(ctx, nil, func(id uint64, f types.Farm) (bool, error) {
		s += fmt.Sprintf("%d:%s/%s w%d closed=%t;", id, f.Program, f.Denom, f.Weight, f.Closed)
		return false, nil
	})
	return s
}

// revenueDigest is the revenue ledger's balance per denom.
func revenueDigest(k keeper.Keeper) func(context.Context) string {
	return func(ctx context.Context) string {
		var s string
		_ = k.RevenueBalance.Walk(ctx, nil, func(denom string, amt math.Int) (bool, error) {
			s += denom + "=" + amt.String() + ";"
			return false, nil
		})
		return s
	}
}
