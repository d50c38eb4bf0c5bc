package keeper

import (
	"errors"

	"github.com/dmexchain/dmex/x/dmc/types"
)

// wiring holds what the app registers with x/dmc after x/hashnft is built (x/dmc comes first:
// x/hashnft pays its channel fees into x/dmc's revenue ledger). CheckWiring, which the app calls
// at the end of New, says what required registration is missing and closes the registrations.
type wiring struct {
	nfts   types.NFTRegistry
	sealed bool
}

// RegisterNFTRegistry installs x/hashnft's registry, which NFT farms read and lock staked NFTs
// in. Required, and only one.
func (k Keeper) RegisterNFTRegistry(r types.NFTRegistry) {
	if k.wiring.sealed {
		panic("x/dmc: RegisterNFTRegistry after the app's wiring was checked")
	}
	if k.wiring.nfts != nil {
		panic("x/dmc: RegisterNFTRegistry called twice")
	}
	k.wiring.nfts = r
}

// CheckWiring returns an error naming each required registration that is missing, and closes
// the registrations.
func (k Keeper) CheckWiring() error {
	k.wiring.sealed = true
	if k.wiring.nfts == nil {
		return errors.New("x/dmc: no NFT registry registered (RegisterNFTRegistry: NFT farms read and lock x/hashnft's NFTs)")
	}
	return nil
}

// nfts is the registered NFT registry, or an error (never a nil call) if the app did not wire it.
func (k Keeper) nfts() (types.NFTRegistry, error) {
	if k.wiring.nfts == nil {
		return nil, types.ErrNotWired.Wrap("no NFT registry registered")
	}
	return k.wiring.nfts, nil
}
