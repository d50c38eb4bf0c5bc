package modaccounts

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// RiskFundLedger is the one way another module puts coins into the risk fund (SPEC §8):
// x/riskfund's keeper implements it. The call moves the coins from the module's account into the
// RiskFund account and credits the fund's books per denom in one step (a coin sent any other way
// would break the fund's books check). The coins must be valid and positive; the source says
// where they came from (for example "rejected_deposit:application/7") and is in the event.
type RiskFundLedger interface {
	DepositFromModule(ctx context.Context, module string, coins sdk.Coins, source string) error
}
