package types

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// NFTHooks let another module (the escrow and reward module, SPEC §5) act on the registry.
// BeforeNFTTransfer runs on every path that moves an NFT (a transfer, a secondary sale, a
// collateral move by lending) before the owner changes, so that what the NFT earned until then
// is settled to the previous holder; an error aborts the move. AfterNFTsCreated runs when NFTs
// first..last (consecutive ids of one product, one owner) come into being by a sale.
type NFTHooks interface {
	BeforeNFTTransfer(ctx context.Context, nftID uint64, from, to sdk.AccAddress) error
	AfterNFTsCreated(ctx context.Context, productID, firstID, lastID uint64, owner sdk.AccAddress) error
}

// MultiNFTHooks runs several hooks in order; the first error aborts the move (or the sale).
type MultiNFTHooks []NFTHooks

func (m MultiNFTHooks) BeforeNFTTransfer(ctx context.Context, nftID uint64, from, to sdk.AccAddress) error {
	for _, h := range m {
		if err := h.BeforeNFTTransfer(ctx, nftID, from, to); err != nil {
			return err
		}
	}
	return nil
}

func (m MultiNFTHooks) AfterNFTsCreated(ctx context.Context, productID, firstID, lastID uint64, owner sdk.AccAddress) error {
	for _, h := range m {
		if err := h.AfterNFTsCreated(ctx, productID, firstID, lastID, owner); err != nil {
			return err
		}
	}
	return nil
}

// MultiEarningsReader adds up what several modules report an NFT has earned (x/escrow's mining
// rewards today; lending and NFT staking later): earned, paid and pending summed, refunds added
// as coins; found when any reader has a record. All readers report in the NFT's reward denom; a
// reader in another denom fails the read with ErrEarningsDenom rather than hide an amount (a
// module paying in another coin needs a per-source field in the query first). One reader:
// exactly its figures.
type MultiEarningsReader []EarningsReader

func (m MultiEarningsReader) NFTEarnings(ctx context.Context, n NFT) (NFTEarnings, bool, error) {
	var sum NFTEarnings
	found := false
	for _, r := range m {
		e, ok, err := r.NFTEarnings(ctx, n)
		if err != nil {
			return NFTEarnings{}, false, err
		}
		if !ok {
			continue
		}
		if !found {
			sum, found = e, true
			continue
		}
		for _, c := range []sdk.Coin{e.Earned, e.Paid, e.Pending} {
			if c.Denom != sum.Earned.Denom {
				return NFTEarnings{}, false, errorsmod.Wrapf(ErrEarningsDenom,
					"NFT %d: earnings reported in %s by one module and in %s by another", n.Id, sum.Earned.Denom, c.Denom)
			}
		}
		sum.Earned = sum.Earned.Add(e.Earned)
		sum.Paid = sum.Paid.Add(e.Paid)
		sum.Pending = sum.Pending.Add(e.Pending)
		sum.Refunded = sum.Refunded.Add(e.Refunded...)
	}
	return sum, found, nil
}

// MultiPowerOracle is one power oracle per chain (x/oracle's Filecoin today; BTC and ETH
// later): the first oracle, in registration order, that covers the chain (and, for NodePower,
// the power unit) answers; none covering it is covered=false, so no check applies.
type MultiPowerOracle []PowerOracle

func (m MultiPowerOracle) NodePower(ctx context.Context, chain, nodeID, powerUnit string) (math.Int, uint64, bool, bool) {
	for _, o := range m {
		if power, day, found, covered := o.NodePower(ctx, chain, nodeID, powerUnit); covered {
			return power, day, found, true
		}
	}
	return math.ZeroInt(), 0, false, false
}

func (m MultiPowerOracle) NodeOwner(ctx context.Context, chain, nodeID string) (string, uint64, bool, bool) {
	for _, o := range m {
		if owner, day, found, covered := o.NodeOwner(ctx, chain, nodeID); covered {
			return owner, day, found, true
		}
	}
	return "", 0, false, false
}
