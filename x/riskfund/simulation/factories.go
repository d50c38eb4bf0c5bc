// Package simulation has x/riskfund's message factories for the app simulation: insuring a held
// NFT of an active product at the keeper's quote and depositing into the fund, each valid when
// delivered (dry-run first, skipped when nothing in the state fits); the authority's
// compensations and params, and the termination of an insured product (so that claims are
// recorded and paid), sent in a council proposal (authority.go); and messages sent to be
// refused (refused.go). The fund's books check runs after every block of the simulation.
package simulation

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// Default weights of x/riskfund's user messages (simsx.ParamWeightSource keys).
const (
	WeightMsgInsureNFT = 20
	WeightMsgDeposit   = 8
)

// depositDenoms are the denoms the market prices products in (the simulation's accepted
// denoms), so that deposits give the fund capacity where policies need it.
var depositDenoms = []string{"udmc", "uusdt", "uhusd"}

// Factories registers x/riskfund's user messages and the refused ones; escrows is x/escrow's
// keeper (the products' status and missed-day streak), nfts x/hashnft's (who holds which NFT).
func Factories(k keeper.Keeper, escrows escrowkeeper.Keeper, nfts hashnftkeeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_insure_nft", WeightMsgInsureNFT), MsgInsureNFTFactory(k, escrows, nfts))
	reg.Add(w.Get("msg_riskfund_deposit", WeightMsgDeposit), MsgDepositFactory(k))
	refusedFactories(k, escrows, nfts, w, reg)
}

// insurable says whether a product's escrow takes policies: active, with NFTs and no missed day
// in its current streak.
func insurable(e escrowtypes.ProductEscrow) bool {
	return e.Status == escrowtypes.ESCROW_STATUS_ACTIVE && e.Nfts > 0 && e.MissedDaysInRow == 0
}

// heldNFTs returns the NFTs of a product held by simulation accounts that accept takes, among
// the product's first MaxVisits NFTs.
func heldNFTs(ctx context.Context, nfts hashnftkeeper.Keeper, data *simsx.ChainDataSource, productID uint64, accept func(hashnfttypes.NFT) bool) []hashnfttypes.NFT {
	it, err := nfts.NFTs.Indexes.Product.MatchExact(ctx, productID)
	if err != nil {
		return nil
	}
	defer it.Close()
	var held []hashnfttypes.NFT
	for visited := 0; it.Valid() && visited < hashnftsim.MaxVisits; it.Next() {
		visited++
		id, err := it.PrimaryKey()
		if err != nil {
			break
		}
		if n, err := nfts.NFTs.Get(ctx, id); err == nil && data.HasAccount(n.Owner) && accept(n) {
			held = append(held, n)
		}
	}
	return held
}

// uninsured says whether an NFT has no policy.
func uninsured(ctx context.Context, k keeper.Keeper) func(hashnfttypes.NFT) bool {
	return func(n hashnfttypes.NFT) bool {
		has, err := k.Policies.Has(ctx, n.Id)
		return err == nil && !has
	}
}

// candidate is an NFT a simulation account could insure now, with its quote.
type candidate struct {
	nft     hashnfttypes.NFT
	risk    types.ProductRisk
	premium math.Int
	holder  simsx.SimAccount
}

// pickInsurable finds an uninsured NFT held by a simulation account, of an insurable product,
// whose quote fits (fits sees the quote and the fund's books and params), and its holder.
func pickInsurable(ctx context.Context, k keeper.Keeper, escrows escrowkeeper.Keeper, nfts hashnftkeeper.Keeper,
	data *simsx.ChainDataSource, reporter simsx.SimulationReporter, fits func(types.ProductRisk, math.Int, types.Books, types.Params) bool,
) (candidate, bool) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		reporter.Skip("no params")
		return candidate{}, false
	}
	r := data.Rand()
	products := hashnftsim.Pick(ctx, r, escrows.Escrows.Iterate, 10, insurable)
	r.Shuffle(len(products), func(i, j int) { products[i], products[j] = products[j], products[i] })
	for _, e := range products {
		risk, _, premium, err := k.Quote(ctx, e.ProductId)
		if err != nil {
			continue
		}
		b, err := k.Books.Get(ctx, risk.Denom)
		if err != nil {
			b = types.NewBooks(risk.Denom)
		}
		if !fits(risk, premium, b, params) {
			continue
		}
		held := heldNFTs(ctx, nfts, data, e.ProductId, uninsured(ctx, k))
		if len(held) == 0 {
			continue
		}
		n := held[r.Intn(len(held))]
		holder := data.GetAccount(reporter, n.Owner)
		if reporter.IsSkipped() {
			return candidate{}, false
		}
		return candidate{nft: n, risk: risk, premium: premium, holder: holder}, true
	}
	reporter.Skip("no uninsured NFT of an insurable product held by a simulation account")
	return candidate{}, false
}

// withinCapacity says whether the cover of one more policy fits the fund's free capacity, the
// premium included in the balance (as InsureNFT counts it).
func withinCapacity(risk types.ProductRisk, premium math.Int, b types.Books, p types.Params) bool {
	after := b
	after.Balance = b.Balance.Add(premium)
	return keeper.FreeCapacity(after, p).GTE(risk.InsuredValue)
}

// MsgInsureNFTFactory has the holder of an uninsured NFT of an active product without a
// missed-day streak insure it, offering the keeper's quote or up to 10% more as its maximum,
// where the fund has the capacity for its cover.
func MsgInsureNFTFactory(k keeper.Keeper, escrows escrowkeeper.Keeper, nfts hashnftkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgInsureNFT] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgInsureNFT) {
		c, ok := pickInsurable(ctx, k, escrows, nfts, data, reporter, withinCapacity)
		if !ok {
			return nil, nil
		}
		premium := sdk.NewCoin(c.risk.Denom, c.premium)
		if !c.holder.LiquidBalance().BlockAmount(premium) {
			reporter.Skipf("holder cannot pay the premium %s", premium)
			return nil, nil
		}
		maxPremium := premium
		if slack := c.premium.QuoRaw(10); slack.IsPositive() && data.Rand().Bool() {
			maxPremium.Amount = maxPremium.Amount.Add(data.Rand().Amount(slack))
		}
		msg := &types.MsgInsureNFT{Holder: c.nft.Owner, NftId: c.nft.Id, MaxPremium: maxPremium}
		if err := hashnftsim.DryRun(ctx, func(sc sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).InsureNFT(sc, msg)
			return err
		}); err != nil {
			reporter.Skipf("policy refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{c.holder}, msg
	}
}

// MsgDepositFactory has a random account send 0.1 to 1,000 units (10^5 to 10^9 of the base
// denom) of a market denom into the fund, where the capacity of new policies comes from.
func MsgDepositFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeposit] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDeposit) {
		r := data.Rand()
		amt := sdk.NewCoin(depositDenoms[r.Intn(len(depositDenoms))], math.NewInt(100_000+r.Int63n(1_000_000_000)))
		from := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(amt))
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(amt) {
			reporter.Skipf("no account holds %s", amt)
			return nil, nil
		}
		msg := &types.MsgDeposit{Sender: from.AddressBech32, Amount: sdk.NewCoins(amt)}
		if err := hashnftsim.DryRun(ctx, func(sc sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).Deposit(sc, msg)
			return err
		}); err != nil {
			reporter.Skipf("deposit refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}
