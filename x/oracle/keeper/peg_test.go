package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/oracle/types"
)

const (
	cid1   = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"
	cid2   = "bafy2bzaceb4sixr2oqgfkqc4ip3ekrizxrm4pkyzf6bmuvlupy6ol3xwzq6km"
	payout = "bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2"
)

var filAddr = types.FilecoinAddress('f', 1, []byte("0123456789abcdefghij"))

func (f *fixture) attest(op int, cid string, to *testutil.Account, amount string) bool {
	f.t.Helper()
	res, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: f.operators[op], Cid: cid, Recipient: to.Addr.String(), Amount: amount})
	if err != nil {
		f.t.Fatal(err)
	}
	f.check()
	return res.Minted
}

func TestDepositMintsOnceAtThreshold(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	before := f.ifil(a.Addr)
	if f.attest(0, cid1, a, "5000") {
		t.Fatal("minted on 1 of 2 attestations")
	}
	if !f.ifil(a.Addr).Equal(before) {
		t.Fatal("balance moved before the threshold")
	}
	if !f.attest(1, cid1, a, "5000") {
		t.Fatal("not minted on 2 of 2")
	}
	if got := f.ifil(a.Addr).Sub(before); !got.Equal(math.NewInt(5000)) {
		t.Fatalf("minted %s, want 5000", got)
	}
	// The third operator is too late: the CID is spent.
	if _, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: f.operators[2], Cid: cid1, Recipient: a.Addr.String(), Amount: "5000"}); !types.ErrAlreadyMinted.Is(err) {
		t.Fatalf("third attestation: %v", err)
	}
	if got := f.ifil(a.Addr).Sub(before); !got.Equal(math.NewInt(5000)) {
		t.Fatalf("minted %s after a third attestation, want 5000", got)
	}
	d, err := f.query.Deposit(f.ctx, &types.QueryDepositRequest{Cid: cid1})
	if err != nil || !d.Deposit.Minted || len(d.Deposit.AttestedBy) != 2 {
		t.Fatalf("deposit %v %v", d, err)
	}
}

func TestRemovedOperatorsClaimIsReplaced(t *testing.T) {
	f := newFixture(t)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	f.attest(0, cid2, b, "999") // rogue: wrong recipient
	if _, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: f.operators[1], Cid: cid2, Recipient: a.Addr.String(), Amount: "10"}); !types.ErrConflictingAttestation.Is(err) {
		t.Fatalf("conflict: %v", err)
	}
	// The authority removes operator 0; the honest claim is accepted.
	if _, err := f.msg.SetOperators(f.ctx, &types.MsgSetOperators{Authority: f.auth, Operators: f.operators[1:], Threshold: 2}); err != nil {
		t.Fatal(err)
	}
	before := f.ifil(a.Addr)
	f.attest(1, cid2, a, "10")
	if !f.attest(2, cid2, a, "10") {
		t.Fatal("honest claim not minted")
	}
	if got := f.ifil(a.Addr).Sub(before); !got.Equal(math.NewInt(10)) {
		t.Fatalf("minted %s, want 10", got)
	}
}

func TestWithdrawalBurnsAndCompletes(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	f.attest(0, cid1, a, "5000")
	f.attest(1, cid1, a, "5000")
	before := f.ifil(a.Addr)
	supply := f.e.App.BankKeeper.GetSupply(f.ctx, types.IFILDenom).Amount
	res, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: a.Addr.String(), Amount: "20000000000000000", FilecoinAddress: filAddr})
	if err != nil {
		t.Fatal(err)
	}
	f.check()
	if got := before.Sub(f.ifil(a.Addr)); !got.Equal(math.NewInt(20_000_000_000_000_000)) {
		t.Fatalf("burned %s from the holder, want 0.02 FIL", got)
	}
	if got := supply.Sub(f.e.App.BankKeeper.GetSupply(f.ctx, types.IFILDenom).Amount); !got.Equal(math.NewInt(20_000_000_000_000_000)) {
		t.Fatalf("supply fell by %s, want 0.02 FIL", got)
	}
	ps, err := f.query.PegSupply(f.ctx, &types.QueryPegSupplyRequest{})
	if err != nil || !ps.Minted.Equal(math.NewInt(5000)) || !ps.Burned.Equal(math.NewInt(20_000_000_000_000_000)) || ps.PendingWithdrawals != 1 ||
		!ps.Supply.Equal(ps.GenesisSupply.Add(ps.Minted).Sub(ps.Burned)) {
		t.Fatalf("peg supply %v %v", ps, err)
	}
	attestW := func(op int, cid string) (*types.MsgAttestWithdrawalResponse, error) {
		return f.msg.AttestWithdrawal(f.ctx, &types.MsgAttestWithdrawal{Operator: f.operators[op], WithdrawalId: res.WithdrawalId, PayoutCid: cid})
	}
	if r, err := attestW(0, payout); err != nil || r.Completed {
		t.Fatalf("first attestation %v %v", r, err)
	}
	if _, err := attestW(1, cid2); !types.ErrConflictingAttestation.Is(err) {
		t.Fatalf("conflicting payout: %v", err)
	}
	if r, err := attestW(1, payout); err != nil || !r.Completed {
		t.Fatalf("second attestation %v %v", r, err)
	}
	if _, err := attestW(2, payout); !types.ErrWithdrawalCompleted.Is(err) {
		t.Fatalf("after completion: %v", err)
	}
	pending, err := f.query.Withdrawals(f.ctx, &types.QueryWithdrawalsRequest{PendingOnly: true})
	if err != nil || len(pending.Withdrawals) != 0 {
		t.Fatalf("pending %v %v", pending, err)
	}
	all, _ := f.query.Withdrawals(f.ctx, &types.QueryWithdrawalsRequest{})
	if len(all.Withdrawals) != 1 || all.Withdrawals[0].Status != types.WITHDRAWAL_STATUS_COMPLETED || all.Withdrawals[0].PayoutCid != payout {
		t.Fatalf("withdrawals %v", all)
	}
	f.check()
}

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	f.report(0, day0, "100", "f01234:1000:7")
	f.report(1, day0, "100", "f01234:1000:7")
	f.report(2, day0, "100", "f01234:1000:7")
	f.report(0, day0-1, "50")
	f.attest(0, cid1, a, "5000")
	f.attest(1, cid1, a, "5000")
	f.attest(0, cid2, a, "7")
	if _, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: a.Addr.String(), Amount: "10000000000000000", FilecoinAddress: "f01234"}); err != nil {
		t.Fatal(err)
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(f.e.App.AccountKeeper.AddressCodec()); err != nil {
		t.Fatal(err)
	}
	// Import into a fresh keeper over the same bank (a chain restarted from this export).
	ctx, _ := f.ctx.CacheContext()
	fresh := f.e.App.OracleKeeper
	if err := fresh.Reports.Clear(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := fresh.InitGenesis(ctx, *gs); err != nil {
		t.Fatal(err)
	}
	again, err := fresh.ExportGenesis(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gs.String() != again.String() {
		t.Fatalf("export/import differs:\n%s\n%s", gs, again)
	}
	g1, _ := f.k.GenesisSupply.Get(f.ctx)
	g2, _ := fresh.GenesisSupply.Get(ctx)
	if !g1.Equal(g2) {
		t.Fatalf("genesis supply %s, after import %s", g1, g2)
	}
	if err := fresh.CheckPeg(ctx); err != nil {
		t.Fatal(err)
	}
}
