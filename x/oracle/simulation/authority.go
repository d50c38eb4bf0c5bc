package simulation

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/oracle/keeper"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// Default weights of the feeders' reports, the operators' withdrawal attestations, the
// authority messages (council decisions) and the refused messages.
const (
	WeightMsgReport           = 30
	WeightMsgAttestWithdrawal = 30
	WeightMsgSetFeeders       = 2
	WeightMsgSetOperators     = 2

	WeightMsgSetOperatorsUnauthorized = 5
	WeightMsgWithdrawTooSmall         = 5
	WeightMsgSetOperatorsBadThreshold = 2
)

// simNodes is how many Filecoin nodes (f01000, f01001, ...) the feeders report on.
const simNodes = 20

// AuthorityFactories registers x/oracle's authority messages, sent through the council:
// SetFeeders and SetOperators, each drawing its set from the simulation accounts so that the
// report and attestation factories, which read the sets from state, keep working; and the
// refused ones: operators set by a non-authority account, a withdrawal below the minimum, and a
// council decision with a threshold above its operators. x/oracle has no params message (its
// day length cannot change after genesis).
func AuthorityFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_set_feeders", WeightMsgSetFeeders), daosim.CouncilFactory(dk, gk, SetFeeders()))
	reg.Add(w.Get("msg_set_operators", WeightMsgSetOperators), daosim.CouncilFactory(dk, gk, SetOperators(k, false)))

	reg.Add(w.Get("msg_set_operators_unauthorized", WeightMsgSetOperatorsUnauthorized), MsgSetOperatorsUnauthorizedFactory(k, dk))
	reg.Add(w.Get("msg_withdraw_too_small", WeightMsgWithdrawTooSmall), MsgWithdrawTooSmallFactory(k))
	reg.Add(w.Get("msg_set_operators_bad_threshold", WeightMsgSetOperatorsBadThreshold),
		daosim.CouncilRefusalFactory(dk, gk, SetOperators(k, true), types.ErrInvalidOperators,
			func(ctx context.Context) string { return operatorsDigest(ctx, k) }))
}

// SetFeeders elects 4 to 6 random simulation accounts as the feeders (x/oracle wants 1 or at
// least MinFeeders).
func SetFeeders() daosim.AuthorityMsgFn[*types.MsgSetFeeders] {
	return func(_ context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSetFeeders {
		n := types.MinFeeders + data.Rand().Intn(3)
		if data.AccountsCount() < n {
			reporter.Skipf("%d simulation accounts, fewer than %d feeders", data.AccountsCount(), n)
			return nil
		}
		return &types.MsgSetFeeders{Authority: authority, Feeders: randomAccounts(data, reporter, n)}
	}
}

// SetOperators keeps the bridge operators (half the time) or elects three other simulation
// accounts, with a threshold of 1 to 3. With badThreshold the threshold is one above the
// operators, which x/oracle refuses.
func SetOperators(k keeper.Keeper, badThreshold bool) daosim.AuthorityMsgFn[*types.MsgSetOperators] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSetOperators {
		ops := randomAccounts(data, reporter, 3)
		if set, err := k.Operators.Get(ctx); err == nil && len(set.Operators) > 0 && data.Rand().Bool() {
			ops = set.Operators
		}
		threshold := uint32(1 + data.Rand().Intn(len(ops)))
		if badThreshold {
			threshold = uint32(len(ops) + 1)
		}
		return &types.MsgSetOperators{Authority: authority, Operators: ops, Threshold: threshold}
	}
}

// MsgReportFactory has a feeder that has not reported yet report today's or yesterday's figures
// (whichever is open and not finalized): a reward per TiB and a few of the simulation's nodes,
// each owned by a simulation account that every feeder names alike.
func MsgReportFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReport] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgReport) {
		set, err := k.Feeders.Get(ctx)
		if err != nil || len(set.Feeders) == 0 {
			reporter.Skip("no feeders")
			return nil, nil
		}
		feeder := set.Feeders[data.Rand().Intn(len(set.Feeders))]
		from := data.GetAccount(reporter, feeder)
		if reporter.IsSkipped() {
			return nil, nil
		}
		today, err := k.Day(ctx)
		if err != nil {
			reporter.Skipf("day: %v", err)
			return nil, nil
		}
		var day uint64
		open := false
		for _, d := range []uint64{today, keeper.FirstOpenDay(today)} {
			finalized, _ := k.NetworkDays.Has(ctx, d)
			reported, _ := k.Reports.Has(ctx, collections.Join(d, feeder))
			if !finalized && !reported {
				day, open = d, true
				break
			}
		}
		if !open {
			reporter.Skip("the feeder reported every open day")
			return nil, nil
		}
		msg := &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: math.NewInt(1 + data.Rand().Int63n(1_000_000_000_000_000)).String()}
		for _, i := range data.Rand().Perm(simNodes)[:1+data.Rand().Intn(5)] {
			power := math.NewInt(1 + data.Rand().Int63n(1<<50)) // up to 1 PiB
			reward := math.NewInt(data.Rand().Int63n(1_000_000_000_000_000_000))
			node := fmt.Sprintf("f0%d:%s:%s", 1000+i, power, reward)
			if i < data.AccountsCount() {
				node += ":" + data.AccountAt(reporter, i).AddressBech32
			}
			msg.Nodes = append(msg.Nodes, node)
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgAttestWithdrawalFactory has an operator that has not attested a pending withdrawal yet
// attest its payout: the CID the current attesters claim, or a new one.
func MsgAttestWithdrawalFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAttestWithdrawal] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAttestWithdrawal) {
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
		var pending []types.Withdrawal
		_ = k.Withdrawals.Walk(ctx, nil, func(_ uint64, w types.Withdrawal) (bool, error) {
			if w.Status == types.WITHDRAWAL_STATUS_PENDING && !contains(w.AttestedBy, op) {
				pending = append(pending, w)
			}
			return len(pending) >= 100, nil
		})
		if len(pending) == 0 {
			reporter.Skip("no pending withdrawal to attest")
			return nil, nil
		}
		w := pending[data.Rand().Intn(len(pending))]
		cid := w.PayoutCid
		attested := false
		for _, a := range w.AttestedBy {
			attested = attested || contains(set.Operators, a)
		}
		if !attested || cid == "" {
			cid = randomCID(data)
		}
		return []simsx.SimAccount{from}, &types.MsgAttestWithdrawal{Operator: op, WithdrawalId: w.Id, PayoutCid: cid}
	}
}

// MsgSetOperatorsUnauthorizedFactory has an account that is not the authority name itself the
// only operator: refused (x/dao's ErrUnauthorized), the operators unchanged.
func MsgSetOperatorsUnauthorizedFactory(k keeper.Keeper, dk daokeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgSetOperators] {
	return daosim.UnauthorizedFactory(dk, func(from simsx.SimAccount, _ *simsx.ChainDataSource) *types.MsgSetOperators {
		return &types.MsgSetOperators{Authority: from.AddressBech32, Operators: []string{from.AddressBech32}, Threshold: 1}
	}, func(ctx context.Context) string { return operatorsDigest(ctx, k) })
}

// MsgWithdrawTooSmallFactory has an aifil holder withdraw less than the minimum: refused
// (ErrWithdrawalTooSmall), nothing burned, no withdrawal recorded.
func MsgWithdrawTooSmallFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgWithdraw] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgWithdraw, simsx.SimDeliveryResultHandler) {
		params, err := k.Params.Get(ctx)
		if err != nil || !params.MinWithdrawal.GT(math.OneInt()) {
			reporter.Skip("no minimum withdrawal above 1 aifil")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter, simsx.WithDenomBalance(types.IFILDenom))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		amt := math.OneInt().Add(data.Rand().Amount(params.MinWithdrawal.SubRaw(2)))
		msg := &types.MsgWithdraw{Holder: from.AddressBech32, Amount: amt.String(), FilecoinAddress: fmt.Sprintf("f0%d", 1000+data.Rand().Intn(1_000_000))}
		digest := func() string {
			burned, _ := k.Burned.Get(ctx)
			next, _ := k.NextWithdrawalID.Peek(ctx)
			return fmt.Sprintf("burned %s, next withdrawal %d", burned, next)
		}
		return []simsx.SimAccount{from}, msg, daosim.ExpectRefusal(types.ErrWithdrawalTooSmall, digest)
	})
}

// randomAccounts draws n distinct simulation accounts.
func randomAccounts(data *simsx.ChainDataSource, reporter simsx.SimulationReporter, n int) []string {
	var out []string
	for _, i := range data.Rand().Perm(data.AccountsCount())[:min(n, data.AccountsCount())] {
		out = append(out, data.AccountAt(reporter, i).AddressBech32)
	}
	return out
}

// randomCID is a base32 CIDv1-looking string, as x/oracle checks CIDs.
func randomCID(data *simsx.ChainDataSource) string {
	cid := []byte("bafy")
	for i := 0; i < 40; i++ {
		cid = append(cid, cidAlphabet[data.Rand().Intn(len(cidAlphabet))])
	}
	return string(cid)
}

// operatorsDigest is the operator set.
func operatorsDigest(ctx context.Context, k keeper.Keeper) string {
	set, _ := k.Operators.Get(ctx)
	return fmt.Sprintf("%v threshold %d", set.Operators, set.Threshold)
}
