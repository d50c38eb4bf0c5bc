package keeper_test

import (
	"testing"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// Bad queries through the app's ABCI Query carry x/hashnft's codespace and code.
func TestHashnftQueryErrorsCarryTheirCode(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1})
	e.WantQueryCode("/dmex.hashnft.v1.Query/Product", &types.QueryProductRequest{Id: 999}, types.ErrUnknownProduct)
	e.WantQueryCode("/dmex.hashnft.v1.Query/NFT", &types.QueryNFTRequest{Id: 999}, types.ErrUnknownNFT)
	e.WantQueryCode("/dmex.hashnft.v1.Query/Auction", &types.QueryAuctionRequest{Id: 999}, types.ErrUnknownAuction)
	e.WantQueryCode("/dmex.hashnft.v1.Query/Listings", &types.QueryListingsRequest{ProductId: 999}, types.ErrUnknownProduct)
	e.WantQueryCode("/dmex.hashnft.v1.Query/NFTsByOwner", &types.QueryNFTsByOwnerRequest{Owner: "dmex1notanaddress"}, types.ErrInvalidAddress)
}
