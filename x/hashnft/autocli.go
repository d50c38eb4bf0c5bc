package hashnft

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

func args(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return out
}

var durationFlag = &autocliv1.FlagOptions{Usage: "how long the auction runs, e.g. 24h (auctions only)"}

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.hashnft.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the hashrate NFT market's rules (fees, deposit, denoms, caps)"},
				{
					RpcMethod: "Applications", Use: "applications",
					Short: "List product applications, optionally of one status and/or one miner",
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"status": {Usage: "only applications of this status: pending, approved, rejected or expired"},
						"miner":  {Usage: "only this miner's applications"},
					},
				},
				{RpcMethod: "Application", Use: "application [id]", Short: "Show one application", PositionalArgs: args("id")},
				{RpcMethod: "Products", Use: "products", Short: "List the products (NFT classes)"},
				{RpcMethod: "Product", Use: "product [id]", Short: "Show a product with its escrow and unsold count", PositionalArgs: args("id")},
				{
					RpcMethod: "NFTsByOwner", Use: "nfts [owner]", Short: "List the NFTs an address owns, with power, term, listing and earnings",
					PositionalArgs: args("owner"),
				},
				{RpcMethod: "NFT", Use: "nft [id]", Short: "Show one NFT", PositionalArgs: args("id")},
				{
					RpcMethod: "Listings", Use: "listings [product-id]", Short: "List a product's NFTs for sale, cheapest first",
					PositionalArgs: args("product_id"),
					FlagOptions:    map[string]*autocliv1.FlagOptions{"denom": {Usage: "only listings priced in this denom"}},
				},
				{RpcMethod: "Auctions", Use: "auctions", Short: "List the auctions"},
				{
					RpcMethod: "Auction", Use: "auction [id]", Short: "Show an auction with its bids, best first, and the current clearing price",
					PositionalArgs: args("id"),
				},
				{
					RpcMethod: "MinerPower", Use: "miner-power [miner]", Short: "Show a miner's power on sale and active against the caps",
					PositionalArgs: args("miner"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.hashnft.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "ApplyProduct",
					Use:       "apply [chain] [node-id] [power-unit] [power-per-nft] [count] [term-days] [sale-mode] [price]",
					Short:     "Apply for a product, paying the deposit (sale-mode fixed-price or auction; price per NFT, or the reserve)",
					Long: "Apply for a hashrate product. The disclosure is a JSON object, e.g.\n" +
						`--disclosure '{"name":"Acme Mining","registration":"HK-123","contact":"ops@acme.example","uri":"https://acme.example"}'` +
						"\nAuctions need --auction-duration (e.g. 24h).",
					PositionalArgs: args("chain", "node_id", "power_unit", "power_per_nft", "count", "term_days", "sale_mode", "price"),
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"auction_duration": durationFlag,
						"disclosure":       {Usage: `who the miner is, as JSON: {"name":…,"registration":…,"contact":…,"uri":…}`},
					},
				},
				{
					RpcMethod: "BuyNFTs", Use: "buy [product-id] [quantity] [max-unit-price]",
					Short:          "Buy NFTs of a product on fixed-price sale, paying at most max-unit-price each",
					PositionalArgs: args("product_id", "quantity", "max_unit_price"),
				},
				{
					RpcMethod: "PlaceBid", Use: "bid [auction-id] [quantity] [unit-price]",
					Short:          "Bid in an auction; quantity × unit-price stays locked until it settles",
					PositionalArgs: args("auction_id", "quantity", "unit_price"),
				},
				{
					RpcMethod: "RelistProduct", Use: "relist [product-id] [sale-mode] [price]",
					Short:          "Put a product's unsold NFTs on sale again (its miner; auctions need --auction-duration)",
					PositionalArgs: args("product_id", "sale_mode", "price"),
					FlagOptions:    map[string]*autocliv1.FlagOptions{"auction_duration": durationFlag},
				},
				{
					RpcMethod: "RetireUnsold", Use: "retire-unsold [product-id]",
					Short:          "Withdraw a product's unsold NFTs for good, freeing the power cap (its miner)",
					PositionalArgs: args("product_id"),
				},
				{
					RpcMethod: "TransferNFT", Use: "transfer [nft-id] [recipient]", Short: "Send an NFT to another address",
					PositionalArgs: args("nft_id", "recipient"),
				},
				{
					RpcMethod: "ListNFT", Use: "list [nft-id] [price]", Short: "Offer an NFT for sale on the secondary market",
					PositionalArgs: args("nft_id", "price"),
				},
				{
					RpcMethod: "CancelListing", Use: "cancel-listing [nft-id]", Short: "Take an NFT off the market",
					PositionalArgs: args("nft_id"),
				},
				{
					RpcMethod: "BuyListing", Use: "buy-listing [nft-id] [max-price]", Short: "Buy a listed NFT, paying at most max-price",
					PositionalArgs: args("nft_id", "max_price"),
				},
				{
					RpcMethod: "ApproveApplication", Use: "approve [authority] [application-id]",
					Short:          "Approve an application, creating the product (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: args("authority", "application_id"),
				},
				{
					RpcMethod: "RejectApplication", Use: "reject [authority] [application-id] [reason]",
					Short:          "Reject an application; its deposit goes to the risk fund (DMEX authority)",
					PositionalArgs: args("authority", "application_id", "reason"),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]",
					Short:          "Replace the market's rules (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: args("authority", "params"),
				},
			},
		},
	}
}
