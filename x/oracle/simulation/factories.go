// Package simulation has x/oracle's message factories for the app simulation: the IFIL peg's
// deposit and withdrawal attestations by the bridge operators, holders' withdrawals and the
// feeders' reports, each valid when delivered (skipped when no valid one exists); the feeder and
// operator sets through the council; and messages x/oracle must refuse.
package simulation

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/oracle/keeper"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// Default weights (simsx.ParamWeightSource keys msg_attest_deposit, msg_withdraw).
const (
	WeightMsgAttestDeposit = 40
	WeightMsgWithdraw      = 30
)

// Factories registers x/oracle's user factories: deposit and withdrawal attestations by the
// bridge operators, withdrawals and the feeders' reports. The authority messages are in
// AuthorityFactories.
func Factories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_attest_deposit", WeightMsgAttestDeposit), MsgAttestDepositFactory(k))
	reg.Add(w.Get("msg_withdraw", WeightMsgWithdraw), MsgWithdrawFactory(k))
	reg.Add(w.Get("msg_report", WeightMsgReport), MsgReportFactory(k))
	reg.Add(w.Get("msg_attest_withdrawal", WeightMsgAttestWithdrawal), MsgAttestWithdrawalFactory(k))
}

const cidAlphabet = "abcdefghijklmnopqrstuvwxyz234567"

// MsgAttestDepositFactory has a random operator attest a deposit: half the time one that
// others attested and it has not (toward the threshold), else a new one to a random account.
func MsgAttestDepositFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAttestDeposit] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAttestDeposit) {
		set, err := k.Operators.Get(ctx)
		if err != nil || len(set.Operators) == 0 {
			reporter.Skip("no bridge operators")
			return nil, nil
		}
		op := set.Operators[data.Rand().Intn(len(set.Operators))]
		from := data.GetAccount(reporter, op)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgAttestDeposit{Operator: op}
		if data.Rand().Bool() {
			_ = k.Deposits.Walk(ctx, nil, func(_ string, d types.Deposit) (bool, error) {
				if d.Minted || contains(d.AttestedBy, op) {
					return false, nil
				}
				msg.Cid, msg.Recipient, msg.Amount = d.Cid, d.Recipient, d.Amount.String()
				return true, nil
			})
		}
		if msg.Cid == "" {
			to := data.AnyAccount(reporter)
			if reporter.IsSkipped() {
				return nil, nil
			}
			// 0.001 to 1,000 FIL
			amt := math.NewInt(int64(1 + data.Rand().Intn(1_000_000))).Mul(math.NewIntWithDecimal(1, 15))
			msg.Cid, msg.Recipient, msg.Amount = randomCID(data), to.AddressBech32, amt.String()
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgWithdrawFactory has a holder of at least the minimum withdrawal burn part of its aifil
// for a Filecoin payout.
func MsgWithdrawFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgWithdraw] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgWithdraw) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		min := sdk.NewCoin(types.IFILDenom, params.MinWithdrawal)
		from := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(min.AddAmount(math.OneInt())))
		if reporter.IsSkipped() {
			return nil, nil
		}
		_, held := from.LiquidBalance().Find(types.IFILDenom)
		amt := params.MinWithdrawal.Add(data.Rand().Amount(held.Amount.Sub(params.MinWithdrawal).QuoRaw(10)))
		if !from.LiquidBalance().BlockAmount(sdk.NewCoin(types.IFILDenom, amt)) {
			reporter.Skip("aifil spent in this block")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgWithdraw{
			Holder: from.AddressBech32, Amount: amt.String(),
			FilecoinAddress: fmt.Sprintf("f0%d", 1000+data.Rand().Intn(1_000_000)),
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
