package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/dmc/types"
)

type msgServer struct{ Keeper }

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

var _ types.MsgServer = msgServer{}

func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	current, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	// The genesis supply is history: changing it would break the supply books.
	if !msg.Params.GenesisSupply.Equal(current.GenesisSupply) {
		return nil, types.ErrInvalidParams.Wrapf("genesis_supply is fixed at %s, got %s", current.GenesisSupply, msg.Params.GenesisSupply)
	}
	minted, err := m.MintedByMining.Get(ctx)
	if err != nil {
		return nil, err
	}
	if p := msg.Params.MaxFarms; p < current.MaxFarms {
		open, err := m.openFarms(ctx)
		if err != nil {
			return nil, err
		}
		if open > p {
			return nil, types.ErrInvalidParams.Wrapf("max_farms %d is below the %d open farms", p, open)
		}
	}
	if msg.Params.MiningCap.LT(minted) {
		return nil, types.ErrInvalidParams.Wrapf("mining_cap %s is below what mining has minted already, %s", msg.Params.MiningCap, minted)
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}

func (k Keeper) openFarms(ctx context.Context) (uint32, error) {
	open := uint32(0)
	err := k.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
		if !f.Closed {
			open++
		}
		return false, nil
	})
	return open, err
}

// SpendRevenue pays platform revenue to an account (DMEX authority), through the ledger: it
// refuses to overdraw the denom.
func (m msgServer) SpendRevenue(ctx context.Context, msg *types.MsgSpendRevenue) (*types.MsgSpendRevenueResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	to, _, err := m.addr("recipient", msg.Recipient)
	if err != nil {
		return nil, err
	}
	if m.bankKeeper.BlockedAddr(to) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient %s is a module account that cannot receive bank sends", msg.Recipient)
	}
	if err := m.Keeper.SpendRevenue(ctx, modaccounts.UseAuthoritySpend, to, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgSpendRevenueResponse{}, nil
}
