package simulation

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	"github.com/dmexchain/dmex/x/lending/keeper"
	"github.com/dmexchain/dmex/x/lending/types"
)

// WeightRefused is the default weight of each message the simulation sends to be refused.
const WeightRefused = 3

// refusedFactories registers the bad input: each message is delivered, must fail with its
// registered error, and must leave the records it names and the books unchanged.
func refusedFactories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_take_offer_own", WeightRefused), MsgTakeOfferOwnFactory(k))
	reg.Add(w.Get("msg_cancel_offer_not_lender", WeightRefused), MsgCancelOfferNotLenderFactory(k))
	reg.Add(w.Get("msg_fill_request_own", WeightRefused), MsgFillRequestOwnFactory(k))
	reg.Add(w.Get("msg_repay_too_much", WeightRefused), MsgRepayTooMuchFactory(k))
	reg.Add(w.Get("msg_repay_closed", WeightRefused), MsgRepayClosedFactory(k))
	reg.Add(w.Get("msg_accept_extension_own", WeightRefused), MsgAcceptExtensionOwnFactory(k))
	reg.Add(w.Get("msg_retry_foreclosure_not_parked", WeightRefused), MsgRetryForeclosureNotParkedFactory(k))
}

// booksDigest is every denom's books and the next ids.
func booksDigest(ctx context.Context, k keeper.Keeper) string {
	o, _ := k.NextOfferID.Peek(ctx)
	q, _ := k.NextRequestID.Peek(ctx)
	l, _ := k.NextLoanID.Peek(ctx)
	s := fmt.Sprintf("next offer %d request %d loan %d;", o, q, l)
	_ = k.Books.Walk(ctx, nil, func(denom string, b types.Books) (bool, error) {
		s += fmt.Sprintf("%s: %v;", denom, b)
		return false, nil
	})
	return s
}

func offerState(ctx context.Context, k keeper.Keeper, id uint64) func() string {
	return func() string {
		o, err := k.Offers.Get(ctx, id)
		return fmt.Sprintf("offer %v|%v; %s", o, err, booksDigest(ctx, k))
	}
}

func requestState(ctx context.Context, k keeper.Keeper, id uint64) func() string {
	return func() string {
		q, err := k.Requests.Get(ctx, id)
		return fmt.Sprintf("request %v|%v; %s", q, err, booksDigest(ctx, k))
	}
}

func loanState(ctx context.Context, k keeper.Keeper, id uint64) func() string {
	return func() string {
		l, err := k.Loans.Get(ctx, id)
		return fmt.Sprintf("loan %v|%v; %s", l, err, booksDigest(ctx, k))
	}
}

// refused sends msg, signed by from, to be refused with want (the dry run must refuse it so),
// with state read before and after delivery.
func refused[T sdk.Msg](ctx context.Context, reporter simsx.SimulationReporter, from simsx.SimAccount, msg T, want *errorsmod.Error,
	run func(sdk.Context) error, state func() string,
) ([]simsx.SimAccount, T, simsx.SimDeliveryResultHandler) {
	var zero T
	if !hashnftsim.ExpectRefusal(ctx, reporter, want, run) {
		return nil, zero, nil
	}
	return []simsx.SimAccount{from}, msg, hashnftsim.Refused(want, state)
}

// MsgTakeOfferOwnFactory has a lender take its own open offer: ErrSelfLoan.
func MsgTakeOfferOwnFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgTakeOffer] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTakeOffer, simsx.SimDeliveryResultHandler) {
		t := now(ctx)
		o, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Offers.Iterate, func(o types.Offer) bool { return t.Before(o.Expiry) && data.HasAccount(o.Lender) })
		if !ok {
			reporter.Skip("no open offer of a simulation account")
			return nil, nil, nil
		}
		lender := data.GetAccount(reporter, o.Lender)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgTakeOffer{Borrower: o.Lender, OfferId: o.Id, NftId: o.Collateral.NftId}
		return refused(ctx, reporter, lender, msg, types.ErrSelfLoan,
			func(c sdk.Context) error { _, err := server(k).TakeOffer(c, msg); return err }, offerState(ctx, k, o.Id))
	})
}

// MsgCancelOfferNotLenderFactory has an account cancel another's open offer: ErrNotLender.
func MsgCancelOfferNotLenderFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgCancelOffer] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelOffer, simsx.SimDeliveryResultHandler) {
		o, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Offers.Iterate, func(types.Offer) bool { return true })
		if !ok {
			reporter.Skip("no open offer")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter, simsx.ExcludeAddresses(o.Lender))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgCancelOffer{Lender: from.AddressBech32, OfferId: o.Id}
		return refused(ctx, reporter, from, msg, types.ErrNotLender,
			func(c sdk.Context) error { _, err := server(k).CancelOffer(c, msg); return err }, offerState(ctx, k, o.Id))
	})
}

// MsgFillRequestOwnFactory has a borrower fill its own open request: ErrSelfLoan.
func MsgFillRequestOwnFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgFillRequest] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgFillRequest, simsx.SimDeliveryResultHandler) {
		t := now(ctx)
		q, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Requests.Iterate, func(q types.Request) bool { return t.Before(q.Expiry) && data.HasAccount(q.Borrower) })
		if !ok {
			reporter.Skip("no open request of a simulation account")
			return nil, nil, nil
		}
		borrower := data.GetAccount(reporter, q.Borrower)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgFillRequest{Lender: q.Borrower, RequestId: q.Id}
		return refused(ctx, reporter, borrower, msg, types.ErrSelfLoan,
			func(c sdk.Context) error { _, err := server(k).FillRequest(c, msg); return err }, requestState(ctx, k, q.Id))
	})
}

// MsgRepayTooMuchFactory has a borrower repay one unit more than its loan owes: ErrRepayTooMuch.
func MsgRepayTooMuchFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgRepay] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRepay, simsx.SimDeliveryResultHandler) {
		t := now(ctx)
		l, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Loans.Iterate, func(l types.Loan) bool { return repayable(t)(l) && data.HasAccount(l.Borrower) })
		if !ok {
			reporter.Skip("no loan to repay of a simulation account")
			return nil, nil, nil
		}
		borrower := data.GetAccount(reporter, l.Borrower)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgRepay{Payer: l.Borrower, LoanId: l.Id, Amount: sdk.NewCoin(l.Principal.Denom, l.Owed().AddRaw(1))}
		return refused(ctx, reporter, borrower, msg, types.ErrRepayTooMuch,
			func(c sdk.Context) error { _, err := server(k).Repay(c, msg); return err }, loanState(ctx, k, l.Id))
	})
}

// MsgRepayClosedFactory has a borrower repay a loan already repaid or foreclosed: ErrLoanClosed.
func MsgRepayClosedFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgRepay] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRepay, simsx.SimDeliveryResultHandler) {
		l, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Loans.Iterate, func(l types.Loan) bool {
			return l.Status != types.LoanStatus_LOAN_STATUS_ACTIVE && data.HasAccount(l.Borrower)
		})
		if !ok {
			reporter.Skip("no closed loan of a simulation account")
			return nil, nil, nil
		}
		borrower := data.GetAccount(reporter, l.Borrower)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgRepay{Payer: l.Borrower, LoanId: l.Id, Amount: sdk.NewCoin(l.Principal.Denom, l.Principal.Amount)}
		return refused(ctx, reporter, borrower, msg, types.ErrLoanClosed,
			func(c sdk.Context) error { _, err := server(k).Repay(c, msg); return err }, loanState(ctx, k, l.Id))
	})
}

// MsgAcceptExtensionOwnFactory has the proposer of a pending extension accept it itself:
// ErrExtension.
func MsgAcceptExtensionOwnFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgAcceptExtension] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAcceptExtension, simsx.SimDeliveryResultHandler) {
		t := now(ctx)
		l, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Loans.Iterate, func(l types.Loan) bool {
			return l.Status == types.LoanStatus_LOAN_STATUS_ACTIVE && l.Extension != nil && t.Before(l.Maturity) && data.HasAccount(l.Extension.Proposer)
		})
		if !ok {
			reporter.Skip("no pending extension of a simulation account")
			return nil, nil, nil
		}
		proposer := data.GetAccount(reporter, l.Extension.Proposer)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgAcceptExtension{Signer: l.Extension.Proposer, LoanId: l.Id, NewMaturity: l.Extension.NewMaturity, ExtraInterest: l.Extension.ExtraInterest}
		return refused(ctx, reporter, proposer, msg, types.ErrExtension,
			func(c sdk.Context) error { _, err := server(k).AcceptExtension(c, msg); return err }, loanState(ctx, k, l.Id))
	})
}

// MsgRetryForeclosureNotParkedFactory has an account retry the foreclosure of a loan that is not
// parked (active, repaid or foreclosed): ErrNotParked.
func MsgRetryForeclosureNotParkedFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgRetryForeclosure] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRetryForeclosure, simsx.SimDeliveryResultHandler) {
		l, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Loans.Iterate, func(l types.Loan) bool {
			return l.Status != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED
		})
		if !ok {
			reporter.Skip("no loan that is not parked")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgRetryForeclosure{Signer: from.AddressBech32, LoanId: l.Id}
		return refused(ctx, reporter, from, msg, types.ErrNotParked,
			func(c sdk.Context) error { _, err := server(k).RetryForeclosure(c, msg); return err }, loanState(ctx, k, l.Id))
	})
}
