package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// CollateralCustodian is a module that holds NFTs as collateral (x/lending) and keeps with the
// collateral what is paid for such an NFT at a product's termination (SPEC §11: a refund or an
// insurance cover stays with the loan). It is registered with x/hashnft under the name it locks
// NFTs by (Keeper.RegisterCollateralCustodian), which is also its module account's name: what it
// holds is paid into that account.
type CollateralCustodian interface {
	// Holds says whether the custodian keeps what is paid for NFT n now (n is locked under its
	// name; x/lending: by an active loan, not by an open request).
	Holds(ctx context.Context, n NFT) (bool, error)
	// Hold books coins the custodian's module account has just received for NFT nftID: kept with
	// the NFT's loan, or passed on to whoever got the NFT if the loan closed since the payee was
	// decided (a claim recorded earlier and paid now).
	Hold(ctx context.Context, nftID uint64, coins sdk.Coins) error
}

// SendFunc moves coins from the paying module to an account (toModule "") or to the module
// account toModule (whose address is to).
type SendFunc func(ctx context.Context, to sdk.AccAddress, toModule string, coins sdk.Coins) error

// HolderPayments is the one way a module pays an NFT's holder for a termination (x/escrow's
// refunds, x/riskfund's covers and compensations). PayeeOf decides who that is now: the
// custodian's module account when a custodian holds the NFT, otherwise its owner. PayNFTHolder
// pays a payee decided now or earlier (a claim's recorded recipient) through send, and, when the
// payee is a custodian's account, books the coins with it (Hold) in the same step.
type HolderPayments interface {
	PayeeOf(ctx context.Context, n NFT) (string, error)
	PayNFTHolder(ctx context.Context, nftID uint64, payee string, coins sdk.Coins, send SendFunc) error
}
