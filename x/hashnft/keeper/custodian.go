package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

var _ types.HolderPayments = Keeper{}

// custodian is a registered collateral custodian with its module account.
type custodian struct {
	name    string
	addr    sdk.AccAddress
	addrStr string
	c       types.CollateralCustodian
}

// RegisterCollateralCustodian makes module name (the name it locks NFTs by, and its module
// account) the payee of termination payments for the NFTs it holds (types.CollateralCustodian).
// Optional; one per name. NFTs locked by a name with no custodian are paid to their owner.
func (k Keeper) RegisterCollateralCustodian(name string, c types.CollateralCustodian) {
	k.wiring.open("RegisterCollateralCustodian")
	if name == "" || c == nil {
		panic("x/hashnft: RegisterCollateralCustodian needs a module name and a custodian")
	}
	if k.custodian(name) != nil {
		panic("x/hashnft: RegisterCollateralCustodian called twice for " + name)
	}
	addr := k.authKeeper.GetModuleAddress(name)
	if addr == nil {
		panic("x/hashnft: collateral custodian " + name + " has no module account")
	}
	addrStr, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		panic(err)
	}
	k.wiring.custodians = append(k.wiring.custodians, custodian{name: name, addr: addr, addrStr: addrStr, c: c})
}

func (k Keeper) custodian(name string) *custodian {
	for i := range k.wiring.custodians {
		if k.wiring.custodians[i].name == name {
			return &k.wiring.custodians[i]
		}
	}
	return nil
}

// PayeeOf is who is paid for NFT n now: the module account of the custodian that locked it, if
// that custodian holds it (types.CollateralCustodian.Holds), otherwise its owner.
func (k Keeper) PayeeOf(ctx context.Context, n types.NFT) (string, error) {
	if n.LockedBy == "" {
		return n.Owner, nil
	}
	c := k.custodian(n.LockedBy)
	if c == nil {
		return n.Owner, nil
	}
	holds, err := c.c.Holds(ctx, n)
	if err != nil || !holds {
		return n.Owner, err
	}
	return c.addrStr, nil
}

// PayNFTHolder pays coins for NFT nftID to payee (PayeeOf's answer, now or when a claim was
// recorded) through send. A custodian's account is paid module to module and the custodian books
// the coins for the NFT at once; anyone else is paid as an account.
func (k Keeper) PayNFTHolder(ctx context.Context, nftID uint64, payee string, coins sdk.Coins, send types.SendFunc) error {
	if coins.IsZero() {
		return nil
	}
	for _, c := range k.wiring.custodians {
		if c.addrStr == payee {
			if err := send(ctx, c.addr, c.name, coins); err != nil {
				return err
			}
			return c.c.Hold(ctx, nftID, coins)
		}
	}
	to, err := k.addressCodec.StringToBytes(payee)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "payee %q of NFT %d: %v", payee, nftID, err)
	}
	return send(ctx, to, "", coins)
}
