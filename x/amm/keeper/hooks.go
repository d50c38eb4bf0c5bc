package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/x/amm/types"
)

// MonthEpoch is the x/epochs identifier whose end sets the buyback aside.
const MonthEpoch = "month"

// EpochHooks set the month's buyback aside at the end of each `month` epoch.
type EpochHooks struct{ k Keeper }

var _ epochstypes.EpochHooks = EpochHooks{}

func (k Keeper) EpochHooks() EpochHooks { return EpochHooks{k} }

func (EpochHooks) GetModuleName() string { return types.ModuleName }

// AfterEpochEnd runs SetAside for the month that ended (its epoch number is the buyback's month),
// through blockhook: a failure is logged and emitted, never halts the chain, and changes nothing.
func (h EpochHooks) AfterEpochEnd(ctx context.Context, identifier string, epochNumber int64) error {
	if identifier != MonthEpoch || epochNumber < 1 {
		return nil
	}
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "buyback_month", func(c sdk.Context) error {
		return h.k.SetAside(c, epochNumber)
	})
	return nil
}

func (EpochHooks) BeforeEpochStart(context.Context, string, int64) error { return nil }
