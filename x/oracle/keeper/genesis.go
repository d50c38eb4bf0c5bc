package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/oracle/types"
)

// InitGenesis loads the state. The genesis aifil supply (what the peg did not mint: e.g. the
// local network's demo balances) is recorded as bank supply - minted + burned, so a fresh chain
// and a re-imported export both start with supply = genesis + minted - burned. x/bank must be
// initialised first.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	// Addresses are kept in their canonical form (an upper-case genesis address is the same account).
	feeders, err := types.CanonicalAddresses(k.addressCodec, types.ErrInvalidGenesis, "feeder", gs.Feeders.Feeders, types.MaxFeeders)
	if err != nil {
		return err
	}
	operators, err := types.CanonicalAddresses(k.addressCodec, types.ErrInvalidGenesis, "operator", gs.Operators.Operators, types.MaxOperators)
	if err != nil {
		return err
	}
	if err := k.Feeders.Set(ctx, types.FeederSet{Feeders: feeders}); err != nil {
		return err
	}
	for _, r := range gs.Reports {
		if err := k.Reports.Set(ctx, collections.Join(r.Day, r.Feeder), r); err != nil {
			return err
		}
	}
	for _, d := range gs.NetworkDays {
		if err := k.NetworkDays.Set(ctx, d.Day, d); err != nil {
			return err
		}
	}
	for _, d := range gs.NodeDays {
		id := d.Figures.NodeId
		if err := k.NodeDays.Set(ctx, collections.Join(id, d.Day), d); err != nil {
			return err
		}
		if latest, err := k.NodeLatest.Get(ctx, id); err != nil || d.Day > latest {
			if err := k.NodeLatest.Set(ctx, id, d.Day); err != nil {
				return err
			}
		}
	}
	ops := types.OperatorSet{Operators: operators, Threshold: gs.Operators.Threshold}
	if err := k.Operators.Set(ctx, ops); err != nil {
		return err
	}
	for _, d := range gs.Deposits {
		if err := k.Deposits.Set(ctx, d.Cid, d); err != nil {
			return err
		}
	}
	for _, w := range gs.Withdrawals {
		if err := k.Withdrawals.Set(ctx, w.Id, w); err != nil {
			return err
		}
	}
	if err := k.NextWithdrawalID.Set(ctx, gs.NextWithdrawalId); err != nil {
		return err
	}
	if err := k.Minted.Set(ctx, gs.Minted); err != nil {
		return err
	}
	if err := k.Burned.Set(ctx, gs.Burned); err != nil {
		return err
	}
	supply := k.bankKeeper.GetSupply(ctx, types.IFILDenom).Amount
	genesis := supply.Sub(gs.Minted).Add(gs.Burned)
	if genesis.IsNegative() {
		return types.ErrInvalidGenesis.Wrapf("aifil supply %s is below minted %s - burned %s", supply, gs.Minted, gs.Burned)
	}
	return k.GenesisSupply.Set(ctx, genesis)
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := types.DefaultGenesis()
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Feeders, err = k.Feeders.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Operators, err = k.Operators.Get(ctx); err != nil {
		return nil, err
	}
	if err := k.Reports.Walk(ctx, nil, func(_ collections.Pair[uint64, string], r types.Report) (bool, error) {
		gs.Reports = append(gs.Reports, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.NetworkDays.Walk(ctx, nil, func(_ uint64, d types.NetworkDay) (bool, error) {
		gs.NetworkDays = append(gs.NetworkDays, d)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.NodeDays.Walk(ctx, nil, func(_ collections.Pair[string, uint64], d types.NodeDay) (bool, error) {
		gs.NodeDays = append(gs.NodeDays, d)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Deposits.Walk(ctx, nil, func(_ string, d types.Deposit) (bool, error) {
		gs.Deposits = append(gs.Deposits, d)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Withdrawals.Walk(ctx, nil, func(_ uint64, w types.Withdrawal) (bool, error) {
		gs.Withdrawals = append(gs.Withdrawals, w)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.NextWithdrawalId, err = k.NextWithdrawalID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.Minted, err = k.Minted.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Burned, err = k.Burned.Get(ctx); err != nil {
		return nil, err
	}
	return gs, nil
}
