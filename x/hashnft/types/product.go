package types

import "cosmossdk.io/math"

// Unsold is what the product may still sell: count − sold − retired.
func (p Product) Unsold() uint64 { return p.Count - p.Sold - p.Retired }

// CommittedPower is what the product counts against its miner's cap: the power of every NFT
// not retired (sold or still for sale), while the product is active.
func (p Product) CommittedPower() math.Int {
	if p.Status != PRODUCT_STATUS_ACTIVE {
		return math.ZeroInt()
	}
	return p.PowerPerNft.Mul(math.NewIntFromUint64(p.Count - p.Retired))
}

// Power is what the application asks to sell: power per NFT × count.
func (a Application) Power() math.Int { return a.PowerPerNft.Mul(math.NewIntFromUint64(a.Count)) }

// Ranks reports whether bid a ranks before bid b: a higher unit price, then the earlier bid.
func Ranks(a, b Bid) bool {
	if c := a.UnitPrice.Amount.BigInt().Cmp(b.UnitPrice.Amount.BigInt()); c != 0 {
		return c > 0
	}
	return a.Id < b.Id
}
