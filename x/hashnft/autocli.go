package hashnft

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// disclosure is the --disclosure of the examples.
const disclosure = `'{"name":"Acme Mining","registration":"HK-123","contact":"ops@acme.example","uri":"https://acme.example"}'`

var durationFlag = &autocliv1.FlagOptions{Usage: "how long the auction runs, e.g. 24h (auctions only)"}

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.hashnft.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the hashrate NFT market's rules (fees, deposit, denoms, caps)", Example: cli.Example("q hashnft params")},
				{
					RpcMethod: "Applications", Use: "applications",
					Short: "List product applications, optionally of one status and/or one miner",
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"status": {Usage: "only applications of this status: pending, approved, rejected or expired"},
						"miner":  {Usage: "only this miner's applications"},
					},
					Example: cli.Example("q hashnft applications --status pending", "q hashnft applications --miner $(dmexd keys show miner -a)"),
				},
				{RpcMethod: "Application", Use: "application [id]", Short: "Show one application", PositionalArgs: cli.Args("id"), Example: cli.Example("q hashnft application 1")},
				{RpcMethod: "Products", Use: "products", Short: "List the products (NFT classes)", Example: cli.Example("q hashnft products")},
				{RpcMethod: "Product", Use: "product [id]", Short: "Show a product with its escrow and unsold count", PositionalArgs: cli.Args("id"), Example: cli.Example("q hashnft product 1")},
				{
					RpcMethod: "NFTsByOwner", Use: "nfts [owner]", Short: "List the NFTs an address owns, with power, term, listing and earnings",
					PositionalArgs: cli.Args("owner"),
					Example:        cli.Example("q hashnft nfts $(dmexd keys show alice -a)"),
				},
				{RpcMethod: "NFT", Use: "nft [id]", Short: "Show one NFT", PositionalArgs: cli.Args("id"), Example: cli.Example("q hashnft nft 1")},
				{
					RpcMethod: "Listings", Use: "listings [product-id]", Short: "List a product's NFTs for sale, cheapest first",
					PositionalArgs: cli.Args("product_id"),
					FlagOptions:    map[string]*autocliv1.FlagOptions{"denom": {Usage: "only listings priced in this denom"}},
					Example:        cli.Example("q hashnft listings 1 --denom uusdt"),
				},
				{RpcMethod: "Auctions", Use: "auctions", Short: "List the auctions", Example: cli.Example("q hashnft auctions")},
				{
					RpcMethod: "Auction", Use: "auction [id]", Short: "Show an auction with its bids, best first, and the current clearing price",
					PositionalArgs: cli.Args("id"),
					Example:        cli.Example("q hashnft auction 1"),
				},
				{
					RpcMethod: "MinerPower", Use: "miner-power [miner]", Short: "Show a miner's power on sale and active against the caps",
					PositionalArgs: cli.Args("miner"),
					Example:        cli.Example("q hashnft miner-power $(dmexd keys show miner -a)"),
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
					PositionalArgs: cli.Args("chain", "node_id", "power_unit", "power_per_nft", "count", "term_days", "sale_mode", "price"),
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"auction_duration": durationFlag,
						"disclosure":       {Usage: `who the miner is, as JSON: {"name":…,"registration":…,"contact":…,"uri":…}`},
					},
					Example: cli.Example(
						"tx hashnft apply FIL f01234 TiB 1 100 360 fixed-price 1000000uusdt --disclosure "+disclosure+" --from miner",
						"tx hashnft apply FIL f05678 TiB 2 50 540 auction 500000uusdt --auction-duration 24h --disclosure "+disclosure+" --from miner"),
				},
				{
					RpcMethod: "BuyNFTs", Use: "buy [product-id] [quantity] [max-unit-price]",
					Short:          "Buy NFTs of a product on fixed-price sale, paying at most max-unit-price each",
					PositionalArgs: cli.Args("product_id", "quantity", "max_unit_price"),
					Example:        cli.Example("tx hashnft buy 1 2 1000000uusdt --from alice"),
				},
				{
					RpcMethod: "PlaceBid", Use: "bid [auction-id] [quantity] [unit-price]",
					Short:          "Bid in an auction; quantity × unit-price stays locked until it settles",
					PositionalArgs: cli.Args("auction_id", "quantity", "unit_price"),
					Example:        cli.Example("tx hashnft bid 1 3 600000uusdt --from bob"),
				},
				{
					RpcMethod: "RelistProduct", Use: "relist [product-id] [sale-mode] [price]",
					Short:          "Put a product's unsold NFTs on sale again (its miner; auctions need --auction-duration)",
					PositionalArgs: cli.Args("product_id", "sale_mode", "price"),
					FlagOptions:    map[string]*autocliv1.FlagOptions{"auction_duration": durationFlag},
					Example:        cli.Example("tx hashnft relist 2 fixed-price 450000uusdt --from miner", "tx hashnft relist 2 auction 400000uusdt --auction-duration 48h --from miner"),
				},
				{
					RpcMethod: "RetireUnsold", Use: "retire-unsold [product-id]",
					Short:          "Withdraw a product's unsold NFTs for good, freeing the power cap (its miner)",
					PositionalArgs: cli.Args("product_id"),
					Example:        cli.Example("tx hashnft retire-unsold 2 --from miner"),
				},
				{
					RpcMethod: "TransferNFT", Use: "transfer [nft-id] [recipient]", Short: "Send an NFT to another address",
					PositionalArgs: cli.Args("nft_id", "recipient"),
					Example:        cli.Example("tx hashnft transfer 1 $(dmexd keys show bob -a) --from alice"),
				},
				{
					RpcMethod: "ListNFT", Use: "list [nft-id] [price]", Short: "Offer an NFT for sale on the secondary market",
					PositionalArgs: cli.Args("nft_id", "price"),
					Example:        cli.Example("tx hashnft list 1 2000000uusdt --from alice"),
				},
				{
					RpcMethod: "CancelListing", Use: "cancel-listing [nft-id]", Short: "Take an NFT off the market",
					PositionalArgs: cli.Args("nft_id"),
					Example:        cli.Example("tx hashnft cancel-listing 1 --from alice"),
				},
				{
					RpcMethod: "BuyListing", Use: "buy-listing [nft-id] [max-price]", Short: "Buy a listed NFT, paying at most max-price",
					PositionalArgs: cli.Args("nft_id", "max_price"),
					Example:        cli.Example("tx hashnft buy-listing 1 2000000uusdt --from bob"),
				},
				{
					RpcMethod: "ApproveApplication", Use: "approve [authority] [application-id]",
					Short:          "Approve an application, creating the product (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: cli.Authority("application_id"),
					Example:        cli.Example("tx hashnft approve " + cli.ExampleAuthority + " 1 --from council1 --generate-only"),
				},
				{
					RpcMethod: "RejectApplication", Use: "reject [authority] [application-id] [reason]",
					Short:          "Reject an application; its deposit goes to the risk fund (DMEX authority)",
					PositionalArgs: cli.Authority("application_id", "reason"),
					Example:        cli.Example("tx hashnft reject " + cli.ExampleAuthority + " 2 \"node f09999 is not the miner's\" --from council1 --generate-only"),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]",
					Short:          "Replace the market's rules (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx hashnft update-params " + cli.ExampleAuthority + " \"$(dmexd q hashnft params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
			},
		},
	}
}
