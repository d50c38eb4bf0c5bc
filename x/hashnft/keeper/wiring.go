package keeper

import (
	"context"
	"errors"
	"fmt"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// What x/hashnft publishes for the modules built on it (x/hashnft/types/published.go).
var (
	_ types.NFTReader    = Keeper{}
	_ types.EscrowLedger = Keeper{}
)

// wiring is what the reward module (x/escrow) registers with x/hashnft once both keepers exist:
// x/escrow is built on this keeper, and this keeper calls back into it (the NFT hooks, the
// earnings of the NFT queries, the chains' reward denoms). The keeper holds it by pointer, so a
// registration reaches every copy of the keeper whenever the copy was taken. CheckWiring, which
// the app calls at the end of New, says what required registration is missing and then closes
// the registrations (a later one panics: the hooks cannot change while the chain runs).
type wiring struct {
	hooks        types.MultiNFTHooks
	earnings     types.MultiEarningsReader
	rewardDenoms types.RewardDenoms
	riskFund     modaccounts.RiskFundLedger
	// custodians are the collateral custodians (custodian.go), in registration order.
	custodians []custodian
	sealed     bool
}

func (w *wiring) open(what string) {
	if w.sealed {
		panic(fmt.Sprintf("x/hashnft: %s after the app's wiring was checked", what))
	}
}

// RegisterNFTHooks adds NFT transfer and creation hooks; they run in registration order
// (types.MultiNFTHooks). Required: at least one (x/escrow's, which settles an NFT's rewards
// before it moves).
func (k Keeper) RegisterNFTHooks(h types.NFTHooks) {
	k.wiring.open("RegisterNFTHooks")
	k.wiring.hooks = append(k.wiring.hooks, h)
}

// RegisterEarningsReader adds a module's record of what an NFT earned to the NFT queries
// (types.MultiEarningsReader sums them). Required: at least one (x/escrow's reward index).
func (k Keeper) RegisterEarningsReader(r types.EarningsReader) {
	k.wiring.open("RegisterEarningsReader")
	k.wiring.earnings = append(k.wiring.earnings, r)
}

// RegisterRewardDenoms installs the table of each chain's reward denom that applications and
// approvals check (x/escrow's params). Required, and only one: a product is sold only on a chain
// whose rewards x/escrow can pay.
func (k Keeper) RegisterRewardDenoms(r types.RewardDenoms) {
	k.wiring.open("RegisterRewardDenoms")
	if k.wiring.rewardDenoms != nil {
		panic("x/hashnft: RegisterRewardDenoms called twice (one module owns the chains' reward denoms)")
	}
	k.wiring.rewardDenoms = r
}

// RegisterRiskFund installs the risk fund's ledger that a rejected application's deposit is paid
// into (x/riskfund). Required, and only one: the fund's books must see every coin it receives.
func (k Keeper) RegisterRiskFund(l modaccounts.RiskFundLedger) {
	k.wiring.open("RegisterRiskFund")
	if k.wiring.riskFund != nil {
		panic("x/hashnft: RegisterRiskFund called twice (one module owns the risk fund)")
	}
	k.wiring.riskFund = l
}

// CheckWiring returns an error naming each required registration that is missing, and closes
// the registrations. The app calls it at the end of New and panics on an error.
func (k Keeper) CheckWiring() error {
	w := k.wiring
	var errs []error
	if len(w.hooks) == 0 {
		errs = append(errs, errors.New("x/hashnft: no NFT hooks registered (RegisterNFTHooks: x/escrow settles an NFT's rewards before it moves)"))
	}
	if len(w.earnings) == 0 {
		errs = append(errs, errors.New("x/hashnft: no earnings reader registered (RegisterEarningsReader: the NFT queries show x/escrow's rewards)"))
	}
	if w.rewardDenoms == nil {
		errs = append(errs, errors.New("x/hashnft: no reward denoms registered (RegisterRewardDenoms: applications need x/escrow's reward denom of their chain)"))
	}
	if w.riskFund == nil {
		errs = append(errs, errors.New("x/hashnft: no risk fund registered (RegisterRiskFund: a rejected application's deposit is paid into x/riskfund's books)"))
	}
	w.sealed = true
	return errors.Join(errs...)
}

// ProductEndHooks is x/hashnft's listener to x/escrow's termination of a product
// (x/escrow/types.TerminationHooks): the product's sale stops (EndProduct) before x/escrow takes
// what the escrow still holds for the refund. A product whose sale had already ended is not an
// error.
type ProductEndHooks struct{ k Keeper }

// ProductEndHooks returns the listener the app registers with x/escrow.
func (k Keeper) ProductEndHooks() ProductEndHooks { return ProductEndHooks{k} }

func (h ProductEndHooks) BeforeProductTerminated(ctx context.Context, productID uint64) error {
	if err := h.k.EndProduct(ctx, productID); err != nil && !errors.Is(err, types.ErrProductEnded) {
		return err
	}
	return nil
}
