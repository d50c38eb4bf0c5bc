// Package simulation has x/lending's message factories for the app simulation: offers of the
// four collateral kinds and their takes, requests against NFTs or IFIL and their fills,
// cancellations, repayments in part and in full by the borrower or a third party, and
// extensions proposed and accepted, retries of parked foreclosures, each valid when delivered (dry-run first, skipped when
// nothing in the state fits); the authority's params, sent in a council proposal
// (authority.go); and messages sent to be refused (refused.go). The terms are short (hours to
// two days) so that loans mature, are repaid or foreclose, and offers and requests expire within
// a run. The module's books check runs after every block of the simulation.
package simulation

import (
	"context"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/keeper"
	"github.com/dmexchain/dmex/x/lending/types"
)

// Default weights of x/lending's user messages (simsx.ParamWeightSource keys).
const (
	WeightMsgCreateOffer      = 20
	WeightMsgCancelOffer      = 3
	WeightMsgTakeOffer        = 25
	WeightMsgCreateRequest    = 12
	WeightMsgCancelRequest    = 3
	WeightMsgFillRequest      = 15
	WeightMsgRepayFull        = 8
	WeightMsgRepayPart        = 8
	WeightMsgRepayThirdParty  = 4
	WeightMsgProposeExtension = 6
	WeightMsgAcceptExtension  = 6
	WeightMsgRetryForeclosure = 5
	maxDryRunsPerTake         = 5
	maxNFTsPerSimRequest      = 3
	maxLoansPerSimOffer       = 5
	simMaxTerm                = 48 * time.Hour
	simMaxExpiry              = 48 * time.Hour
	simMaxExtension           = 24 * time.Hour
	simMinExpiry              = time.Hour
	simMaxIFILMilli           = 10_000 // IFIL collateral: 0.001 to 10 FIL, in steps of 0.001
)

// Factories registers x/lending's user messages and the refused ones; nfts is x/hashnft's
// keeper (who holds which NFT, which product it is of, whether it is listed).
func Factories(k keeper.Keeper, nfts hashnftkeeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_create_offer", WeightMsgCreateOffer), MsgCreateOfferFactory(k, nfts))
	reg.Add(w.Get("msg_cancel_offer", WeightMsgCancelOffer), MsgCancelOfferFactory(k))
	reg.Add(w.Get("msg_take_offer", WeightMsgTakeOffer), MsgTakeOfferFactory(k, nfts))
	reg.Add(w.Get("msg_create_request", WeightMsgCreateRequest), MsgCreateRequestFactory(k, nfts))
	reg.Add(w.Get("msg_cancel_request", WeightMsgCancelRequest), MsgCancelRequestFactory(k))
	reg.Add(w.Get("msg_fill_request", WeightMsgFillRequest), MsgFillRequestFactory(k))
	reg.Add(w.Get("msg_repay_full", WeightMsgRepayFull), MsgRepayFactory(k, repayFull))
	reg.Add(w.Get("msg_repay_part", WeightMsgRepayPart), MsgRepayFactory(k, repayPart))
	reg.Add(w.Get("msg_repay_third_party", WeightMsgRepayThirdParty), MsgRepayFactory(k, repayThirdParty))
	reg.Add(w.Get("msg_propose_extension", WeightMsgProposeExtension), MsgProposeExtensionFactory(k))
	reg.Add(w.Get("msg_accept_extension", WeightMsgAcceptExtension), MsgAcceptExtensionFactory(k))
	reg.Add(w.Get("msg_retry_foreclosure", WeightMsgRetryForeclosure), MsgRetryForeclosureFactory(k))
	refusedFactories(k, w, reg)
}

func now(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

func server(k keeper.Keeper) types.MsgServer { return keeper.NewMsgServerImpl(k) }

// terms are a loan's random terms within the params: 1 to 1,000 units of a principal denom,
// interest up to 10% of it, a term of a minute to min(max_term, 2 days), an expiry 1 h to 2 days
// away.
type terms struct {
	principal sdk.Coin
	interest  math.Int
	term      time.Duration
	expiry    time.Time
}

func randomTerms(r *simsx.XRand, p types.Params, t time.Time) terms {
	amt := 1_000_000 + r.Int63n(999_000_001)
	maxTerm := min(p.MaxTerm, simMaxTerm)
	return terms{
		principal: sdk.NewInt64Coin(p.PrincipalDenoms[r.Intn(len(p.PrincipalDenoms))], amt),
		interest:  math.NewInt(r.Int63n(amt/10 + 1)),
		term:      time.Minute + time.Duration(r.Int63n(int64(max(maxTerm-time.Minute, 0))+1)),
		expiry:    t.Add(simMinExpiry + time.Duration(r.Int63n(int64(simMaxExpiry-simMinExpiry)+1))),
	}
}

// randomIFIL is 0.001 to 10 FIL in aifil (18 decimals).
func randomIFIL(r *simsx.XRand) math.Int {
	return math.NewInt(1 + r.Int63n(simMaxIFILMilli)).Mul(math.NewIntWithDecimal(1, 15))
}

// usable says whether NFT n can be collateral of a loan maturing at maturity: held by a
// simulation account, not locked or listed, of an active product, its term ending after the
// maturity (the escrow's termination is the dry run's check).
func usable(ctx context.Context, nfts hashnftkeeper.Keeper, data *simsx.ChainDataSource, maturity time.Time) func(hashnfttypes.NFT) bool {
	return func(n hashnfttypes.NFT) bool {
		if n.LockedBy != "" || !data.HasAccount(n.Owner) || !n.TermEnd.After(maturity) {
			return false
		}
		if listed, err := nfts.Listings.Has(ctx, n.Id); err != nil || listed {
			return false
		}
		p, err := nfts.Products.Get(ctx, n.ProductId)
		return err == nil && p.Status == hashnfttypes.PRODUCT_STATUS_ACTIVE
	}
}

// dryRun says whether msg succeeds on a throw-away branch of the state.
func dryRun(ctx context.Context, run func(sdk.Context) error) error {
	return hashnftsim.DryRun(ctx, run)
}

// randomCollateral draws an offer's collateral terms, one of the four kinds at random: for the
// NFT kinds, from a usable NFT (that NFT, its product, or its chain and/or miner with a minimum
// power and term left it meets), so that its holder can take the offer; owners are the accounts
// that must not be the lender.
func randomCollateral(ctx context.Context, nfts hashnftkeeper.Keeper, data *simsx.ChainDataSource, reporter simsx.SimulationReporter, maturity time.Time, term time.Duration) (types.CollateralTerms, []string, bool) {
	r := data.Rand()
	kind := []types.CollateralKind{
		types.CollateralKind_COLLATERAL_KIND_NFT, types.CollateralKind_COLLATERAL_KIND_PRODUCT,
		types.CollateralKind_COLLATERAL_KIND_MINER, types.CollateralKind_COLLATERAL_KIND_IFIL,
	}[r.Intn(4)]
	c := types.CollateralTerms{Kind: kind, Amount: math.ZeroInt(), MinPower: math.ZeroInt()}
	if kind == types.CollateralKind_COLLATERAL_KIND_IFIL {
		c.Amount = randomIFIL(r)
		return c, nil, true
	}
	n, ok := hashnftsim.PickOne(ctx, r, nfts.NFTs.Iterate, usable(ctx, nfts, data, maturity))
	if !ok {
		reporter.Skipf("no usable NFT for a %s offer", kind)
		return c, nil, false
	}
	switch kind {
	case types.CollateralKind_COLLATERAL_KIND_NFT:
		c.NftId = n.Id
	case types.CollateralKind_COLLATERAL_KIND_PRODUCT:
		c.ProductId = n.ProductId
	default:
		p, err := nfts.Products.Get(ctx, n.ProductId)
		if err != nil {
			reporter.Skipf("product %d: %v", n.ProductId, err)
			return c, nil, false
		}
		switch r.Intn(3) {
		case 0:
			c.Chain = p.Chain
		case 1:
			c.MinerNodeId = n.MinerNodeId
		default:
			c.Chain, c.MinerNodeId = p.Chain, n.MinerNodeId
		}
		if !n.Power.IsNil() && n.Power.IsPositive() {
			c.MinPower = n.Power.MulRaw(int64(r.Intn(101))).QuoRaw(100)
		}
		c.MinTermLeft = time.Duration(r.Int63n(int64(term) + 1))
	}
	return c, []string{n.Owner}, true
}

// MsgCreateOfferFactory has an account holding the principal × max loans offer a loan against
// collateral of a random kind (NFT, product, miner or IFIL); an NFT offer's holder is not the
// lender.
func MsgCreateOfferFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateOffer] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreateOffer) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		r, t := data.Rand(), now(ctx)
		lt := randomTerms(r, p, t)
		coll, owners, ok := randomCollateral(ctx, nfts, data, reporter, t.Add(lt.term), lt.term)
		if !ok {
			return nil, nil
		}
		maxLoans := uint32(1 + r.Intn(int(min(p.MaxLoansPerOffer, maxLoansPerSimOffer))))
		locked := sdk.NewCoin(lt.principal.Denom, lt.principal.Amount.MulRaw(int64(maxLoans)))
		lender := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(locked), simsx.ExcludeAddresses(owners...))
		if reporter.IsSkipped() || !lender.LiquidBalance().BlockAmount(locked) {
			reporter.Skipf("no lender holds %s", locked)
			return nil, nil
		}
		msg := &types.MsgCreateOffer{
			Lender: lender.AddressBech32, Principal: lt.principal, Interest: lt.interest, Term: lt.term,
			Collateral: coll, MaxLoans: maxLoans, Expiry: lt.expiry,
		}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).CreateOffer(c, msg); return err }); err != nil {
			reporter.Skipf("offer refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{lender}, msg
	}
}

// MsgCancelOfferFactory has a lender take an open offer off the book.
func MsgCancelOfferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelOffer] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelOffer) {
		o, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Offers.Iterate, func(o types.Offer) bool { return data.HasAccount(o.Lender) })
		if !ok {
			reporter.Skip("no open offer of a simulation account")
			return nil, nil
		}
		lender := data.GetAccount(reporter, o.Lender)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgCancelOffer{Lender: o.Lender, OfferId: o.Id}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).CancelOffer(c, msg); return err }); err != nil {
			reporter.Skipf("cancel refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{lender}, msg
	}
}

// offerCandidates are the NFTs an offer's collateral terms may accept, usable at the loan's
// maturity and not the lender's: the named NFT, a product's NFTs, or NFTs whose product's chain
// and miner match (the power and term left are the dry run's check).
func offerCandidates(ctx context.Context, nfts hashnftkeeper.Keeper, data *simsx.ChainDataSource, o types.Offer, maturity time.Time) []hashnfttypes.NFT {
	ok := usable(ctx, nfts, data, maturity)
	accept := func(n hashnfttypes.NFT) bool { return n.Owner != o.Lender && ok(n) }
	c := o.Collateral
	switch c.Kind {
	case types.CollateralKind_COLLATERAL_KIND_NFT:
		if n, err := nfts.NFTs.Get(ctx, c.NftId); err == nil && accept(n) {
			return []hashnfttypes.NFT{n}
		}
		return nil
	case types.CollateralKind_COLLATERAL_KIND_PRODUCT:
		it, err := nfts.NFTs.Indexes.Product.MatchExact(ctx, c.ProductId)
		if err != nil {
			return nil
		}
		defer it.Close()
		var out []hashnfttypes.NFT
		for visited := 0; it.Valid() && visited < hashnftsim.MaxVisits && len(out) < maxDryRunsPerTake; it.Next() {
			visited++
			id, err := it.PrimaryKey()
			if err != nil {
				break
			}
			if n, err := nfts.NFTs.Get(ctx, id); err == nil && accept(n) {
				out = append(out, n)
			}
		}
		return out
	default:
		return hashnftsim.Pick(ctx, data.Rand(), nfts.NFTs.Iterate, maxDryRunsPerTake, func(n hashnfttypes.NFT) bool {
			if c.MinerNodeId != "" && n.MinerNodeId != c.MinerNodeId {
				return false
			}
			if c.Chain != "" {
				p, err := nfts.Products.Get(ctx, n.ProductId)
				if err != nil || p.Chain != c.Chain {
					return false
				}
			}
			return accept(n)
		})
	}
}

// MsgTakeOfferFactory has a borrower take an open offer: an NFT offer with a usable NFT it
// holds that the offer accepts, an IFIL offer with the collateral amount.
func MsgTakeOfferFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgTakeOffer] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTakeOffer) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		r, t := data.Rand(), now(ctx)
		offers := hashnftsim.Pick(ctx, r, k.Offers.Iterate, 10, func(o types.Offer) bool { return t.Before(o.Expiry) })
		r.Shuffle(len(offers), func(i, j int) { offers[i], offers[j] = offers[j], offers[i] })
		take := func(msg *types.MsgTakeOffer) bool {
			return dryRun(ctx, func(c sdk.Context) error { _, err := server(k).TakeOffer(c, msg); return err }) == nil
		}
		tries := 0
		for _, o := range offers {
			if tries >= maxDryRunsPerTake {
				break
			}
			if o.Collateral.Kind == types.CollateralKind_COLLATERAL_KIND_IFIL {
				coll := sdk.NewCoin(p.CollateralDenom, o.Collateral.Amount)
				borrower := data.AnyAccount(reporter, simsx.ExcludeAddresses(o.Lender), simsx.WithLiquidBalanceGTE(coll))
				if reporter.IsSkipped() {
					return nil, nil
				}
				msg := &types.MsgTakeOffer{Borrower: borrower.AddressBech32, OfferId: o.Id}
				tries++
				if borrower.LiquidBalance().BlockAmount(coll) && take(msg) {
					return []simsx.SimAccount{borrower}, msg
				}
				continue
			}
			for _, n := range offerCandidates(ctx, nfts, data, o, t.Add(o.Term)) {
				if tries >= maxDryRunsPerTake {
					break
				}
				borrower := data.GetAccount(reporter, n.Owner)
				if reporter.IsSkipped() {
					return nil, nil
				}
				msg := &types.MsgTakeOffer{Borrower: n.Owner, OfferId: o.Id, NftId: n.Id}
				tries++
				if take(msg) {
					return []simsx.SimAccount{borrower}, msg
				}
			}
		}
		reporter.Skip("no open offer a simulation account can take")
		return nil, nil
	}
}

// ownerNFTs are up to want usable NFTs of n's owner, n first.
func ownerNFTs(ctx context.Context, nfts hashnftkeeper.Keeper, data *simsx.ChainDataSource, n hashnfttypes.NFT, maturity time.Time, want int) []uint64 {
	ids := []uint64{n.Id}
	owner, err := sdk.AccAddressFromBech32(n.Owner)
	if err != nil {
		return ids
	}
	it, err := nfts.NFTs.Indexes.Owner.MatchExact(ctx, owner)
	if err != nil {
		return ids
	}
	defer it.Close()
	ok := usable(ctx, nfts, data, maturity)
	for visited := 0; it.Valid() && visited < hashnftsim.MaxVisits && len(ids) < want; it.Next() {
		visited++
		id, err := it.PrimaryKey()
		if err != nil {
			break
		}
		if id == n.Id {
			continue
		}
		if m, err := nfts.NFTs.Get(ctx, id); err == nil && ok(m) {
			ids = append(ids, id)
		}
	}
	return ids
}

// MsgCreateRequestFactory has a borrower ask for a loan against 1 to 3 of its usable NFTs (two
// times in three) or against IFIL it holds.
func MsgCreateRequestFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateRequest] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreateRequest) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		r, t := data.Rand(), now(ctx)
		lt := randomTerms(r, p, t)
		msg := &types.MsgCreateRequest{Principal: lt.principal, Interest: lt.interest, Term: lt.term, Expiry: lt.expiry, Ifil: math.ZeroInt()}
		var borrower simsx.SimAccount
		if r.Intn(3) > 0 {
			n, ok := hashnftsim.PickOne(ctx, r, nfts.NFTs.Iterate, usable(ctx, nfts, data, t.Add(lt.term)))
			if !ok {
				reporter.Skip("no usable NFT held by a simulation account")
				return nil, nil
			}
			want := 1 + r.Intn(int(min(p.MaxNftsPerLoan, maxNFTsPerSimRequest)))
			msg.NftIds = ownerNFTs(ctx, nfts, data, n, t.Add(lt.term), want)
			msg.Borrower = n.Owner
			borrower = data.GetAccount(reporter, n.Owner)
			if reporter.IsSkipped() {
				return nil, nil
			}
		} else {
			msg.Ifil = randomIFIL(r)
			coll := sdk.NewCoin(p.CollateralDenom, msg.Ifil)
			borrower = data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(coll))
			if reporter.IsSkipped() || !borrower.LiquidBalance().BlockAmount(coll) {
				reporter.Skipf("no borrower holds %s", coll)
				return nil, nil
			}
			msg.Borrower = borrower.AddressBech32
		}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).CreateRequest(c, msg); return err }); err != nil {
			reporter.Skipf("request refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{borrower}, msg
	}
}

// MsgCancelRequestFactory has a borrower withdraw an open request.
func MsgCancelRequestFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelRequest] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelRequest) {
		q, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Requests.Iterate, func(q types.Request) bool { return data.HasAccount(q.Borrower) })
		if !ok {
			reporter.Skip("no open request of a simulation account")
			return nil, nil
		}
		borrower := data.GetAccount(reporter, q.Borrower)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgCancelRequest{Borrower: q.Borrower, RequestId: q.Id}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).CancelRequest(c, msg); return err }); err != nil {
			reporter.Skipf("cancel refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{borrower}, msg
	}
}

// MsgFillRequestFactory has an account holding the principal fill another's open request.
func MsgFillRequestFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgFillRequest] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgFillRequest) {
		t := now(ctx)
		q, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Requests.Iterate, func(q types.Request) bool { return t.Before(q.Expiry) })
		if !ok {
			reporter.Skip("no open request before its expiry")
			return nil, nil
		}
		lender := data.AnyAccount(reporter, simsx.ExcludeAddresses(q.Borrower), simsx.WithLiquidBalanceGTE(q.Principal))
		if reporter.IsSkipped() || !lender.LiquidBalance().BlockAmount(q.Principal) {
			reporter.Skipf("no lender holds %s", q.Principal)
			return nil, nil
		}
		msg := &types.MsgFillRequest{Lender: lender.AddressBech32, RequestId: q.Id}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).FillRequest(c, msg); return err }); err != nil {
			reporter.Skipf("fill refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{lender}, msg
	}
}

// repayable says whether a loan takes repayments now: active, before its grace end.
func repayable(t time.Time) func(types.Loan) bool {
	return func(l types.Loan) bool {
		return l.Status == types.LoanStatus_LOAN_STATUS_ACTIVE && t.Before(l.GraceEnd)
	}
}

// RepayKind is who repays how much: the borrower in full, the borrower in part, or a third
// party (neither borrower nor lender) in full or in part.
type RepayKind int

const (
	repayFull RepayKind = iota
	repayPart
	repayThirdParty
)

// MsgRepayFactory repays an active loan before its grace end, as kind says; a part is 1 to
// owed − 1 (a loan owing 1 is repaid in full).
func MsgRepayFactory(k keeper.Keeper, kind RepayKind) simsx.SimMsgFactoryFn[*types.MsgRepay] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRepay) {
		r := data.Rand()
		l, ok := hashnftsim.PickOne(ctx, r, k.Loans.Iterate, func(l types.Loan) bool {
			return repayable(now(ctx))(l) && (kind == repayThirdParty || data.HasAccount(l.Borrower))
		})
		if !ok {
			reporter.Skip("no loan to repay")
			return nil, nil
		}
		owed := l.Owed()
		amt := sdk.NewCoin(l.Principal.Denom, owed)
		if owed.GT(math.OneInt()) && (kind == repayPart || (kind == repayThirdParty && r.Bool())) {
			amt.Amount = math.OneInt().Add(r.Amount(owed.SubRaw(1)))
			if amt.Amount.GTE(owed) {
				amt.Amount = owed.SubRaw(1)
			}
		}
		var payer simsx.SimAccount
		if kind == repayThirdParty {
			payer = data.AnyAccount(reporter, simsx.ExcludeAddresses(l.Borrower, l.Lender), simsx.WithLiquidBalanceGTE(amt))
		} else {
			payer = data.GetAccount(reporter, l.Borrower)
		}
		if reporter.IsSkipped() || !payer.LiquidBalance().BlockAmount(amt) {
			reporter.Skipf("no payer holds %s", amt)
			return nil, nil
		}
		msg := &types.MsgRepay{Payer: payer.AddressBech32, LoanId: l.Id, Amount: amt}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).Repay(c, msg); return err }); err != nil {
			reporter.Skipf("repayment refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{payer}, msg
	}
}

// MsgProposeExtensionFactory has the borrower or the lender of an active loan before its
// maturity propose a later maturity (1 minute to 1 day later, within max_term from now) for up
// to 5% of the principal as extra interest.
func MsgProposeExtensionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgProposeExtension] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgProposeExtension) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		r, t := data.Rand(), now(ctx)
		l, ok := hashnftsim.PickOne(ctx, r, k.Loans.Iterate, func(l types.Loan) bool {
			return l.Status == types.LoanStatus_LOAN_STATUS_ACTIVE && t.Before(l.Maturity) && (data.HasAccount(l.Borrower) || data.HasAccount(l.Lender))
		})
		if !ok {
			reporter.Skip("no active loan before its maturity")
			return nil, nil
		}
		signer := l.Borrower
		if !data.HasAccount(signer) || (data.HasAccount(l.Lender) && r.Bool()) {
			signer = l.Lender
		}
		newMaturity := l.Maturity.Add(time.Minute + time.Duration(r.Int63n(int64(simMaxExtension))))
		if latest := t.Add(p.MaxTerm); newMaturity.After(latest) {
			newMaturity = latest
		}
		if !newMaturity.After(l.Maturity) {
			reporter.Skipf("loan %d cannot be extended within max_term %s", l.Id, p.MaxTerm)
			return nil, nil
		}
		from := data.GetAccount(reporter, signer)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgProposeExtension{
			Signer: signer, LoanId: l.Id, NewMaturity: newMaturity,
			ExtraInterest: r.Amount(l.Principal.Amount.QuoRaw(20).AddRaw(1)),
		}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).ProposeExtension(c, msg); return err }); err != nil {
			reporter.Skipf("extension refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgAcceptExtensionFactory has the other party of a pending extension accept it, restating its
// terms, before the loan's maturity.
func MsgAcceptExtensionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAcceptExtension] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAcceptExtension) {
		t := now(ctx)
		l, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Loans.Iterate, func(l types.Loan) bool {
			return l.Status == types.LoanStatus_LOAN_STATUS_ACTIVE && l.Extension != nil && t.Before(l.Maturity) && data.HasAccount(otherParty(l))
		})
		if !ok {
			reporter.Skip("no pending extension before maturity")
			return nil, nil
		}
		signer := otherParty(l)
		from := data.GetAccount(reporter, signer)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgAcceptExtension{Signer: signer, LoanId: l.Id, NewMaturity: l.Extension.NewMaturity, ExtraInterest: l.Extension.ExtraInterest}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).AcceptExtension(c, msg); return err }); err != nil {
			reporter.Skipf("acceptance refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// otherParty is the party of a loan with a pending extension who did not propose it.
func otherParty(l types.Loan) string {
	if l.Extension != nil && l.Extension.Proposer == l.Borrower {
		return l.Lender
	}
	return l.Borrower
}

// MsgRetryForeclosureFactory has the lender or any account retry a parked foreclosure; it is
// sent only where the dry run forecloses (a foreclosure still failing stays parked and is skipped).
func MsgRetryForeclosureFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRetryForeclosure] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRetryForeclosure) {
		l, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Loans.Iterate, func(l types.Loan) bool {
			return l.Status == types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED
		})
		if !ok {
			reporter.Skip("no parked foreclosure")
			return nil, nil
		}
		var from simsx.SimAccount
		if data.HasAccount(l.Lender) && data.Rand().Bool() {
			from = data.GetAccount(reporter, l.Lender)
		} else {
			from = data.AnyAccount(reporter)
		}
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgRetryForeclosure{Signer: from.AddressBech32, LoanId: l.Id}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).RetryForeclosure(c, msg); return err }); err != nil {
			reporter.Skipf("retry refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}
