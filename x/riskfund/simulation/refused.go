package simulation

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// WeightRefused is the default weight of each message the simulation sends to be refused.
const WeightRefused = 3

// refusedFactories registers the bad input: each message is delivered, must fail with its
// registered error, and must leave the fund's books and the NFT's policy unchanged.
func refusedFactories(k keeper.Keeper, escrows escrowkeeper.Keeper, nfts hashnftkeeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_insure_nft_not_holder", WeightRefused), MsgInsureNFTNotHolderFactory(k, nfts))
	reg.Add(w.Get("msg_insure_nft_already_insured", WeightRefused), MsgInsureNFTAlreadyInsuredFactory(k, nfts))
	reg.Add(w.Get("msg_insure_nft_premium_too_low", WeightRefused), MsgInsureNFTPremiumTooLowFactory(k, escrows, nfts))
	reg.Add(w.Get("msg_insure_nft_beyond_capacity", WeightRefused), MsgInsureNFTBeyondCapacityFactory(k, escrows, nfts))
}

// booksDigest is every denom's books and the next compensation id.
func booksDigest(ctx context.Context, k keeper.Keeper) string {
	next, _ := k.NextCompID.Peek(ctx)
	s := fmt.Sprintf("next compensation %d;", next)
	_ = k.Books.Walk(ctx, nil, func(denom string, b types.Books) (bool, error) {
		s += fmt.Sprintf("%s: %v;", denom, b)
		return false, nil
	})
	return s
}

// policyState is what a refused MsgInsureNFT must not change: the NFT's policy and the books.
func policyState(ctx context.Context, k keeper.Keeper, nftID uint64) func() string {
	return func() string {
		p, err := k.Policies.Get(ctx, nftID)
		return fmt.Sprintf("policy %v|%v; %s", p, err, booksDigest(ctx, k))
	}
}

// refusedInsure sends msg, signed by from, to be refused with want (the dry run must refuse it so).
func refusedInsure(ctx context.Context, k keeper.Keeper, reporter simsx.SimulationReporter, from simsx.SimAccount, msg *types.MsgInsureNFT, want *errorsmod.Error,
) ([]simsx.SimAccount, *types.MsgInsureNFT, simsx.SimDeliveryResultHandler) {
	if !hashnftsim.ExpectRefusal(ctx, reporter, want, func(c sdk.Context) error {
		_, err := keeper.NewMsgServerImpl(k).InsureNFT(c, msg)
		return err
	}) {
		return nil, nil, nil
	}
	return []simsx.SimAccount{from}, msg, hashnftsim.Refused(want, policyState(ctx, k, msg.NftId))
}

// MsgInsureNFTNotHolderFactory has an account insure an NFT someone else holds: ErrNotHolder.
func MsgInsureNFTNotHolderFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgInsureNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgInsureNFT, simsx.SimDeliveryResultHandler) {
		n, ok := hashnftsim.PickOne(ctx, data.Rand(), nfts.NFTs.Iterate, func(hashnfttypes.NFT) bool { return true })
		if !ok {
			reporter.Skip("no NFT")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter, simsx.ExcludeAddresses(n.Owner))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgInsureNFT{Holder: from.AddressBech32, NftId: n.Id, MaxPremium: sdk.NewInt64Coin("udmc", 1_000_000_000)}
		return refusedInsure(ctx, k, reporter, from, msg, types.ErrNotHolder)
	})
}

// MsgInsureNFTAlreadyInsuredFactory has the holder of an insured NFT insure it again:
// ErrAlreadyInsured, the first policy stays as it was.
func MsgInsureNFTAlreadyInsuredFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgInsureNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgInsureNFT, simsx.SimDeliveryResultHandler) {
		p, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Policies.Iterate, func(p types.Policy) bool {
			n, err := nfts.NFTs.Get(ctx, p.NftId)
			return err == nil && data.HasAccount(n.Owner)
		})
		if !ok {
			reporter.Skip("no policy of an NFT held by a simulation account")
			return nil, nil, nil
		}
		n, err := nfts.NFTs.Get(ctx, p.NftId)
		if err != nil {
			reporter.Skipf("NFT %d: %v", p.NftId, err)
			return nil, nil, nil
		}
		holder := data.GetAccount(reporter, n.Owner)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgInsureNFT{Holder: n.Owner, NftId: n.Id, MaxPremium: sdk.NewCoin(p.Denom, p.Premium.MulRaw(2).AddRaw(1))}
		return refusedInsure(ctx, k, reporter, holder, msg, types.ErrAlreadyInsured)
	})
}

// MsgInsureNFTPremiumTooLowFactory offers one unit less than the quote as the maximum premium:
// ErrPremiumTooHigh.
func MsgInsureNFTPremiumTooLowFactory(k keeper.Keeper, escrows escrowkeeper.Keeper, nfts hashnftkeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgInsureNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgInsureNFT, simsx.SimDeliveryResultHandler) {
		c, ok := pickInsurable(ctx, k, escrows, nfts, data, reporter, func(_ types.ProductRisk, premium math.Int, _ types.Books, _ types.Params) bool {
			return premium.IsPositive()
		})
		if !ok {
			return nil, nil, nil
		}
		msg := &types.MsgInsureNFT{Holder: c.nft.Owner, NftId: c.nft.Id, MaxPremium: sdk.NewCoin(c.risk.Denom, c.premium.SubRaw(1))}
		return refusedInsure(ctx, k, reporter, c.holder, msg, types.ErrPremiumTooHigh)
	})
}

// MsgInsureNFTBeyondCapacityFactory insures, at its quote, an NFT whose cover the fund's free
// capacity in its denom cannot take: ErrBeyondCapacity, no premium taken.
func MsgInsureNFTBeyondCapacityFactory(k keeper.Keeper, escrows escrowkeeper.Keeper, nfts hashnftkeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgInsureNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgInsureNFT, simsx.SimDeliveryResultHandler) {
		c, ok := pickInsurable(ctx, k, escrows, nfts, data, reporter, func(r types.ProductRisk, premium math.Int, b types.Books, p types.Params) bool {
			return !withinCapacity(r, premium, b, p)
		})
		if !ok {
			return nil, nil, nil
		}
		msg := &types.MsgInsureNFT{Holder: c.nft.Owner, NftId: c.nft.Id, MaxPremium: sdk.NewCoin(c.risk.Denom, c.premium)}
		return refusedInsure(ctx, k, reporter, c.holder, msg, types.ErrBeyondCapacity)
	})
}
