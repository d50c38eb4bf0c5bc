package lending

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions: `dmexd query lending ...` and `dmexd tx lending ...`.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	auth := " " + cli.ExampleAuthority + " "
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.lending.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the lending rules (denoms, fee, maximum term, grace)", Example: cli.Example("q lending params")},
				{RpcMethod: "Books", Use: "books", Short: "Show what the module holds per denom: locked principal and IFIL collateral", Example: cli.Example("q lending books")},
				{
					RpcMethod: "Offer", Use: "offer [offer-id]", Short: "Show an open offer",
					PositionalArgs: cli.Args("offer_id"), Example: cli.Example("q lending offer 1"),
				},
				{RpcMethod: "Offers", Use: "offers", Short: "List the open offers", Example: cli.Example("q lending offers")},
				{
					RpcMethod: "OffersByLender", Use: "offers-by-lender [lender]", Short: "List a lender's open offers",
					PositionalArgs: cli.Args("lender"), Example: cli.Example("q lending offers-by-lender $(dmexd keys show lender -a)"),
				},
				{
					RpcMethod: "Request", Use: "request [request-id]", Short: "Show an open loan request",
					PositionalArgs: cli.Args("request_id"), Example: cli.Example("q lending request 1"),
				},
				{RpcMethod: "Requests", Use: "requests", Short: "List the open loan requests", Example: cli.Example("q lending requests")},
				{
					RpcMethod: "Loan", Use: "loan [loan-id]", Short: "Show a loan with what it owes, its due time and its grace end",
					PositionalArgs: cli.Args("loan_id"), Example: cli.Example("q lending loan 1"),
				},
				{
					RpcMethod: "LoansByBorrower", Use: "loans-by-borrower [borrower]", Short: "List a borrower's loans",
					PositionalArgs: cli.Args("borrower"), Example: cli.Example("q lending loans-by-borrower $(dmexd keys show alice -a)"),
				},
				{
					RpcMethod: "LoansByLender", Use: "loans-by-lender [lender]", Short: "List a lender's loans",
					PositionalArgs: cli.Args("lender"), Example: cli.Example("q lending loans-by-lender $(dmexd keys show lender -a)"),
				},
				{
					RpcMethod: "OffersByKind", Use: "offers-by-kind [kind]", Short: "List the open offers of one collateral kind (nft | product | miner | ifil)",
					PositionalArgs: cli.Args("kind"), Example: cli.Example("q lending offers-by-kind product"),
				},
				{
					RpcMethod: "BestOffers", Use: "best-offers [product-id]",
					Short:          "List the offers for a product's NFTs (its product offers and offers for one of its NFTs), lowest interest per principal first",
					PositionalArgs: cli.Args("product_id"), Example: cli.Example("q lending best-offers 1", "q lending best-offers 1 --denom uusdt"),
				},
				{
					RpcMethod: "BestMinerOffers", Use: "best-miner-offers", Short: "List the miner offers (any chain or miner node), lowest interest per principal first",
					Example: cli.Example("q lending best-miner-offers --denom uusdt"),
				},
				{
					RpcMethod: "LoansByStatus", Use: "loans-by-status [status]", Short: "List the loans of one status (active | repaid | foreclosed | foreclosure-parked)",
					PositionalArgs: cli.Args("status"), Example: cli.Example("q lending loans-by-status foreclosure-parked"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.lending.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "CreateOffer", Use: "create-offer [principal] [interest] [term] [collateral-json] [max-loans] [expiry]",
					Short:          "Offer a loan (principal × max-loans is locked at once) against an NFT, any NFT of a product, or IFIL",
					PositionalArgs: cli.Args("principal", "interest", "term", "collateral", "max_loans", "expiry"),
					Example: cli.Example(
						`tx lending create-offer 1000000000uusdt 50000000 720h '{"kind":"COLLATERAL_KIND_PRODUCT","product_id":"1","amount":"0"}' 5 2026-06-01T00:00:00Z --from lender`,
						`tx lending create-offer 500000000uusdt 20000000 720h '{"kind":"COLLATERAL_KIND_IFIL","amount":"1000000000000000000000"}' 1 2026-06-01T00:00:00Z --from lender`,
					),
				},
				{
					RpcMethod: "CancelOffer", Use: "cancel-offer [offer-id]", Short: "Withdraw your offer; its locked principal returns",
					PositionalArgs: cli.Args("offer_id"), Example: cli.Example("tx lending cancel-offer 1 --from lender"),
				},
				{
					RpcMethod: "TakeOffer", Use: "take-offer [offer-id] [nft-id]", Short: "Take an offer: lock the NFT (0 for IFIL offers) and receive the principal",
					PositionalArgs: cli.Args("offer_id", "nft_id"), Example: cli.Example("tx lending take-offer 1 12 --from alice"),
				},
				{
					RpcMethod: "CreateRequest", Use: "create-request [ifil] [principal] [interest] [term] [expiry] [nft-id...]",
					Short:          "Ask for a loan: NFTs (by id) or IFIL (an amount; then no NFTs) are locked at once",
					PositionalArgs: cli.Varargs("ifil", "principal", "interest", "term", "expiry", "nft_ids"),
					Example:        cli.Example("tx lending create-request 0 1000000000uusdt 50000000 720h 2026-06-01T00:00:00Z 12 13 --from alice"),
				},
				{
					RpcMethod: "CancelRequest", Use: "cancel-request [request-id]", Short: "Withdraw your unfilled request; its collateral returns",
					PositionalArgs: cli.Args("request_id"), Example: cli.Example("tx lending cancel-request 1 --from alice"),
				},
				{
					RpcMethod: "FillRequest", Use: "fill-request [request-id]", Short: "Fill a request: its principal goes from you to the borrower",
					PositionalArgs: cli.Args("request_id"), Example: cli.Example("tx lending fill-request 1 --from lender"),
				},
				{
					RpcMethod: "Repay", Use: "repay [loan-id] [amount]", Short: "Repay part or all of a loan (anyone may; the collateral returns to the borrower)",
					PositionalArgs: cli.Args("loan_id", "amount"), Example: cli.Example("tx lending repay 1 500000000uusdt --from alice"),
				},
				{
					RpcMethod: "ProposeExtension", Use: "propose-extension [loan-id] [new-maturity] [extra-interest]",
					Short:          "Propose a later maturity for extra interest (borrower or lender, before maturity)",
					PositionalArgs: cli.Args("loan_id", "new_maturity", "extra_interest"),
					Example:        cli.Example("tx lending propose-extension 1 2026-08-01T00:00:00Z 10000000 --from alice"),
				},
				{
					RpcMethod: "AcceptExtension", Use: "accept-extension [loan-id] [new-maturity] [extra-interest]",
					Short:          "Accept the other party's extension, restating its terms",
					PositionalArgs: cli.Args("loan_id", "new_maturity", "extra_interest"),
					Example:        cli.Example("tx lending accept-extension 1 2026-08-01T00:00:00Z 10000000 --from lender"),
				},
				{
					RpcMethod: "RetryForeclosure", Use: "retry-foreclosure [loan-id]",
					Short:          "Retry the foreclosure of a parked loan (anyone may): its collateral goes to the lender, or nothing changes",
					PositionalArgs: cli.Args("loan_id"), Example: cli.Example("tx lending retry-foreclosure 3 --from lender"),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]",
					Short:          "Replace the lending rules " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx lending update-params" + auth + "\"$(dmexd q lending params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
			},
		},
	}
}
