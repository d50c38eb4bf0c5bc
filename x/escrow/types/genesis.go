package types

import "fmt"

func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the params and that every position belongs to a listed escrow.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	seen := map[uint64]bool{}
	for _, e := range gs.Escrows {
		if seen[e.ProductId] {
			return fmt.Errorf("%w: escrow of product %d listed twice", ErrInvalidGenesis, e.ProductId)
		}
		seen[e.ProductId] = true
	}
	nft := map[uint64]bool{}
	for _, p := range gs.Positions {
		if !seen[p.ProductId] || nft[p.NftId] {
			return fmt.Errorf("%w: position of NFT %d: product %d unknown or NFT listed twice", ErrInvalidGenesis, p.NftId, p.ProductId)
		}
		nft[p.NftId] = true
	}
	return nil
}
