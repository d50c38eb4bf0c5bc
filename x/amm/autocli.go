package amm

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions: `dmexd query amm ...` and `dmexd tx amm ...`. A swap route is its hops as the
// last arguments, one JSON object per hop: '{"pool_id":1,"denom_out":"uusdt"}' (pool, then the
// denom that comes out of it), up to 3.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	auth := " " + cli.ExampleAuthority + " "
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.amm.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the AMM's rules (accepted denoms, fees, locked minimum, price history, buyback)", Example: cli.Example("q amm params")},
				{
					RpcMethod: "Pool", Use: "pool [pool-id]", Short: "Show a pool: its denoms, reserves, shares and swap fee",
					PositionalArgs: cli.Args("pool_id"), Example: cli.Example("q amm pool 1"),
				},
				{RpcMethod: "Pools", Use: "pools", Short: "List the pools by id", Example: cli.Example("q amm pools", "q amm pools --page-limit 10")},
				{
					RpcMethod: "PoolByDenoms", Use: "pool-by-denoms [denom-1] [denom-2]", Short: "Find the pool of a pair (in either order)",
					PositionalArgs: cli.Args("denom_1", "denom_2"), Example: cli.Example("q amm pool-by-denoms uusdt udmc"),
				},
				{
					RpcMethod: "SpotPrice", Use: "spot-price [pool-id] [base-denom] [quote-denom]",
					Short:          "Show the price of one base-denom in quote-denom now (reserve of quote / reserve of base)",
					PositionalArgs: cli.Args("pool_id", "base_denom", "quote_denom"),
					Example:        cli.Example("q amm spot-price 1 udmc uusdt", "q amm spot-price 1 uusdt udmc"),
				},
				{
					RpcMethod: "Twap", Use: "twap [pool-id] [base-denom] [quote-denom] [start-time]",
					Short:          "Show the time-weighted average price of one base-denom in quote-denom from start-time to --end-time (default: now)",
					PositionalArgs: cli.Args("pool_id", "base_denom", "quote_denom", "start_time"),
					Example: cli.Example("q amm twap 1 udmc uusdt 2026-03-01T00:00:00Z",
						"q amm twap 1 udmc uusdt 2026-03-01T00:00:00Z --end-time 2026-03-01T12:00:00Z"),
				},
				{
					RpcMethod: "EstimateSwapExactIn", Use: "estimate-swap-exact-in [token-in] [hop-json...]",
					Short:          "Show what swapping exactly token-in over a route of up to 3 pools would pay out now",
					PositionalArgs: cli.Varargs("token_in", "route"),
					Example: cli.Example(`q amm estimate-swap-exact-in 1000000uusdt '{"pool_id":1,"denom_out":"udmc"}'`,
						`q amm estimate-swap-exact-in 1000000uusdt '{"pool_id":1,"denom_out":"udmc"}' '{"pool_id":2,"denom_out":"aifil"}'`),
				},
				{
					RpcMethod: "EstimateSwapExactOut", Use: "estimate-swap-exact-out [denom-in] [token-out] [hop-json...]",
					Short:          "Show how much denom-in a swap for exactly token-out over a route of up to 3 pools would take now",
					PositionalArgs: cli.Varargs("denom_in", "token_out", "route"),
					Example:        cli.Example(`q amm estimate-swap-exact-out uusdt 1000000udmc '{"pool_id":1,"denom_out":"udmc"}'`),
				},
				{RpcMethod: "Buybacks", Use: "buybacks", Short: "List the buybacks in progress by denom (set aside, slices left, next slice)", Example: cli.Example("q amm buybacks")},
				{RpcMethod: "BuybackMonths", Use: "buyback-months", Short: "List each month's buyback per denom: set aside, spent, bought, burned, refused slices and why", Example: cli.Example("q amm buyback-months")},
				{RpcMethod: "Books", Use: "books", Short: "Show what the amm accounts hold: the pools' reserves and the buyback's set-aside", Example: cli.Example("q amm books")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.amm.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "CreatePool", Use: "create-pool [token-a] [token-b]",
					Short:          "Create the pool of two accepted denoms with its first liquidity (pays the creation fee; --swap-fee-bps, default the params')",
					PositionalArgs: cli.Args("token_a", "token_b"),
					Example: cli.Example("tx amm create-pool 1000000000udmc 2000000000uusdt --from alice",
						"tx amm create-pool 1000000000udmc 500000000000000000000aifil --swap-fee-bps 10 --from alice"),
				},
				{
					RpcMethod: "JoinPool", Use: "join-pool [pool-id] [max-a] [max-b] [min-shares]",
					Short:          "Add liquidity at the pool's ratio, at most max-a and max-b, for at least min-shares",
					PositionalArgs: cli.Args("pool_id", "max_a", "max_b", "min_shares"),
					Example:        cli.Example("tx amm join-pool 1 100000000udmc 200000000uusdt 1 --from bob"),
				},
				{
					RpcMethod: "ExitPool", Use: "exit-pool [pool-id] [shares] [min-a] [min-b]",
					Short:          "Burn shares for the pool's coins at its ratio, at least min-a and min-b",
					PositionalArgs: cli.Args("pool_id", "shares", "min_a", "min_b"),
					Example:        cli.Example("tx amm exit-pool 1 50000000 0 0 --from bob"),
				},
				{
					RpcMethod: "SwapExactIn", Use: "swap-exact-in [token-in] [min-out] [hop-json...]",
					Short:          "Swap exactly token-in over a route of up to 3 pools for at least min-out (--deadline: refused in a block after it)",
					PositionalArgs: cli.Varargs("token_in", "min_out", "route"),
					Example: cli.Example(`tx amm swap-exact-in 1000000uusdt 490000 '{"pool_id":1,"denom_out":"udmc"}' --from bob`,
						`tx amm swap-exact-in 1000000uusdt 1 '{"pool_id":1,"denom_out":"udmc"}' '{"pool_id":2,"denom_out":"aifil"}' --deadline 2026-06-01T00:00:00Z --from bob`),
				},
				{
					RpcMethod: "SwapExactOut", Use: "swap-exact-out [denom-in] [max-in] [token-out] [hop-json...]",
					Short:          "Swap at most max-in of denom-in over a route of up to 3 pools for exactly token-out (--deadline as for swap-exact-in)",
					PositionalArgs: cli.Varargs("denom_in", "max_in", "token_out", "route"),
					Example:        cli.Example(`tx amm swap-exact-out uusdt 2100000 1000000udmc '{"pool_id":1,"denom_out":"udmc"}' --from bob`),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]",
					Short:          "Replace the AMM's rules " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx amm update-params" + auth + "\"$(dmexd q amm params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
			},
		},
	}
}
