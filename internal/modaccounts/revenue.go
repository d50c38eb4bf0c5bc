package modaccounts

import (
	"context"
	"slices"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// RevenueLedger is the one way platform revenue is paid (SPEC §7): x/dmc's keeper implements it;
// every fee path depends on this interface only. Each call moves the fee into the Revenue account
// and records it in x/dmc's ledger under its denom and source, in one step: a fee sent to the
// account any other way would break the ledger's books check. The fee must be positive, of a
// valid denom, and the source one of RevenueSources; a refused fee moves nothing.
type RevenueLedger interface {
	// PayRevenueFromAccount takes the fee from payer's balance.
	PayRevenueFromAccount(ctx context.Context, source string, payer sdk.AccAddress, fee sdk.Coin) error
	// PayRevenueFromModule takes the fee from a module account (the module's books must
	// already have let go of it).
	PayRevenueFromModule(ctx context.Context, source, module string, fee sdk.Coin) error
}

// The sources of platform revenue: what a fee is recorded under. A new fee path adds its source
// here (one line) and calls RevenueLedger.
const (
	// SourceChannelFee is x/hashnft's channel fee on primary sales.
	SourceChannelFee = "channel_fee"
	// SourceTradingFee is x/hashnft's trading fee on secondary sales.
	SourceTradingFee = "trading_fee"
	// SourceLendingFee is x/lending's fee on loans (SPEC §11).
	SourceLendingFee = "lending_fee"
	// SourcePoolShare is the platform's 5% of joint-mining income (SPEC §6).
	SourcePoolShare = "pool_share"
	// SourceRedemptionFee is the 2/1000 fee on dToken redemptions (SPEC §6).
	SourceRedemptionFee = "redemption_fee"
	// SourceSwapFee is the protocol share of x/amm's swap fees (SPEC §7).
	SourceSwapFee = "swap_fee"
	// SourcePoolCreationFee is x/amm's pool creation fee (SPEC §7).
	SourcePoolCreationFee = "pool_creation_fee"
	// SourceBuybackReturn is what the buyback gives back: DMC bought that would have taken the
	// supply below the burn floor, or a set-aside the floor leaves nothing to buy with (SPEC §7).
	SourceBuybackReturn = "buyback_return"
)

// RevenueSources are the known sources, in a fixed order.
var RevenueSources = []string{
	SourceChannelFee, SourceTradingFee, SourceLendingFee, SourcePoolShare,
	SourceRedemptionFee, SourceSwapFee, SourcePoolCreationFee, SourceBuybackReturn,
}

// The uses of platform revenue: what a spend from the ledger is recorded under.
const (
	// UseAuthoritySpend is a spend by the DMEX authority (x/dmc's MsgSpendRevenue).
	UseAuthoritySpend = "authority_spend"
	// UseBuyback is the monthly DMC buyback (x/amm, SPEC §7).
	UseBuyback = "buyback"
)

// RevenueUses are the known uses, in a fixed order.
var RevenueUses = []string{UseAuthoritySpend, UseBuyback}

// IsRevenueSource says whether s is a known source.
func IsRevenueSource(s string) bool { return slices.Contains(RevenueSources, s) }

// IsRevenueUse says whether s is a known use.
func IsRevenueUse(s string) bool { return slices.Contains(RevenueUses, s) }
