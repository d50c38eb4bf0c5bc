package keeper_test

import (
	"strings"
	"testing"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// Every bad oracle or bridge message is a registered error, with its ABCI code, naming the wrong
// value, and changes no store (testutil.BadInputs).
func TestBadInputChangesNothing(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	// State the rows run against: a day with one report, a deposit attested once, a minted one,
	// a pending withdrawal attested once.
	f.report(0, day0, "100", "f01234:1:1")
	f.attest(0, cid1, a, "5000")
	f.attest(0, cid2, a, "70")
	f.attest(1, cid2, a, "70")
	w, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: a.Addr.String(), Amount: "20000000000000000", FilecoinAddress: filAddr})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.msg.AttestWithdrawal(f.ctx, &types.MsgAttestWithdrawal{Operator: f.operators[0], WithdrawalId: w.WithdrawalId, PayoutCid: payout}); err != nil {
		t.Fatal(err)
	}
	stranger := f.e.Accounts[2].Addr.String()
	report := func(feeder string, day uint64, reward string, nodes ...string) *types.MsgReport {
		return &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: reward, Nodes: nodes}
	}
	attest := func(op, cid, to, amount string) *types.MsgAttestDeposit {
		return &types.MsgAttestDeposit{Operator: op, Cid: cid, Recipient: to, Amount: amount}
	}
	withdraw := func(holder, amount, addr string) *types.MsgWithdraw {
		return &types.MsgWithdraw{Holder: holder, Amount: amount, FilecoinAddress: addr}
	}
	attestW := func(op string, id uint64, cid string) *types.MsgAttestWithdrawal {
		return &types.MsgAttestWithdrawal{Operator: op, WithdrawalId: id, PayoutCid: cid}
	}
	many := make([]string, types.MaxNodesPerReport+1)
	for i := range many {
		many[i] = "f01:1:1"
	}
	holder := a.Addr.String()
	aboveFIL := types.MaxAttoFIL.AddRaw(1).String()
	abovePower := types.MaxPowerBytes.AddRaw(1).String()
	min := "10000000000000000"            // params.min_withdrawal
	huge := "5" + strings.Repeat("0", 76) // near 2^255
	testutil.BadInputs(t, f.e.App, f.ctx, []testutil.BadInput{
		{Name: "report for a future day", Msg: report(f.feeders[1], day0+1, "100"), Err: types.ErrFutureDay, Says: "day 20001 is after today"},
		{Name: "late report", Msg: report(f.feeders[1], day0-2, "100"), Err: types.ErrLateReport, Says: "day 19998 closed"},
		{Name: "duplicate report", Msg: report(f.feeders[0], day0, "100"), Err: types.ErrDuplicateReport, Says: "already reported day 20000"},
		{Name: "report by a non-feeder", Msg: report(stranger, day0, "100"), Err: types.ErrNotFeeder, Says: stranger},
		{Name: "non-numeric reward", Msg: report(f.feeders[1], day0, "12.5"), Err: types.ErrInvalidFigure, Says: `"12.5" is not a decimal integer`},
		{Name: "negative reward", Msg: report(f.feeders[1], day0, "-3"), Err: types.ErrInvalidFigure, Says: "-3 must be non-negative"},
		{Name: "non-numeric power", Msg: report(f.feeders[1], day0, "1", "f01234:lots:1"), Err: types.ErrInvalidFigure, Says: `power of node f01234 "lots"`},
		{Name: "negative node reward", Msg: report(f.feeders[1], day0, "1", "f01234:1:-1"), Err: types.ErrInvalidFigure, Says: "reward of node f01234 -1"},
		{Name: "node id not an ID address", Msg: report(f.feeders[1], day0, "1", "f1abc:1:1"), Err: types.ErrInvalidNode, Says: `"f1abc"`},
		{Name: "malformed node entry", Msg: report(f.feeders[1], day0, "1", "f01234=1"), Err: types.ErrInvalidNode, Says: "not node_id:power:reward"},
		{Name: "node twice", Msg: report(f.feeders[1], day0, "1", "f01:1:1", "f01:2:2"), Err: types.ErrInvalidNode, Says: "f01 reported twice"},
		{Name: "too many nodes", Msg: report(f.feeders[1], day0, "1", many...), Err: types.ErrInvalidNode, Says: "201 nodes"},
		{Name: "reward above the bound", Msg: report(f.feeders[1], day0, aboveFIL), Err: types.ErrFigureOutOfRange,
			Says: "reward_per_tib 2000000000000000000000000001 is above the bound 2000000000000000000000000000 attoFIL"},
		{Name: "reward near 2^255", Msg: report(f.feeders[1], day0, huge), Err: types.ErrFigureOutOfRange, Says: "reward_per_tib has 77 digits, above the bound"},
		{Name: "node power above the bound", Msg: report(f.feeders[1], day0, "1", "f01234:"+abovePower+":1"), Err: types.ErrFigureOutOfRange,
			Says: "power of node f01234 1208925819614629174706177 is above the bound 1208925819614629174706176 bytes"},
		{Name: "node reward above the bound", Msg: report(f.feeders[1], day0, "1", "f01234:1:"+aboveFIL), Err: types.ErrFigureOutOfRange,
			Says: "reward of node f01234 2000000000000000000000000001 is above the bound"},
		{Name: "node owner not an address", Msg: report(f.feeders[1], day0, "1", "f01234:1:1:dmex1nope"), Err: types.ErrInvalidAddress, Says: `owner of node f01234 "dmex1nope"`},
		{Name: "node entry with five parts", Msg: report(f.feeders[1], day0, "1", "f01234:1:1:"+holder+":x"), Err: types.ErrInvalidNode, Says: "not node_id:power:reward[:owner]"},
		{Name: "three feeders", Msg: &types.MsgSetFeeders{Authority: f.auth, Feeders: f.feeders[:3]}, Err: types.ErrInvalidFeeders, Says: "3 feeders do not tolerate one rogue feeder"},
		{Name: "feeder twice in two spellings", Msg: &types.MsgSetFeeders{Authority: f.auth, Feeders: append(f.feeders[:3:3], strings.ToUpper(f.feeders[0]))}, Err: types.ErrInvalidFeeders, Says: "listed twice"},
		{Name: "deposit above the bound", Msg: attest(f.operators[1], payout, holder, aboveFIL), Err: types.ErrFigureOutOfRange, Says: "amount 2000000000000000000000000001 is above the bound"},
		{Name: "withdrawal above the bound", Msg: withdraw(holder, aboveFIL, filAddr), Err: types.ErrFigureOutOfRange, Says: "amount 2000000000000000000000000001 is above the bound"},
		{Name: "dust withdrawal", Msg: withdraw(holder, "1", filAddr), Err: types.ErrWithdrawalTooSmall, Says: "withdrawing 1aifil, below the minimum withdrawal 10000000000000000aifil"},
		{Name: "feeders set by a stranger", Msg: &types.MsgSetFeeders{Authority: stranger, Feeders: []string{stranger}}, Err: daotypes.ErrUnauthorized},
		{Name: "feeder twice", Msg: &types.MsgSetFeeders{Authority: f.auth, Feeders: []string{stranger, stranger}}, Err: types.ErrInvalidFeeders, Says: "listed twice"},
		{Name: "threshold above operators", Msg: &types.MsgSetOperators{Authority: f.auth, Operators: f.operators[:2], Threshold: 3}, Err: types.ErrInvalidOperators, Says: "threshold 3 with 2 operators"},
		{Name: "CID attested twice by one operator", Msg: attest(f.operators[0], cid1, holder, "5000"), Err: types.ErrDuplicateAttestation, Says: "already attested deposit " + cid1},
		{Name: "conflicting amount", Msg: attest(f.operators[1], cid1, holder, "5001"), Err: types.ErrConflictingAttestation, Says: "attested as 5000aifil to " + holder + ", this attestation says 5001aifil"},
		{Name: "conflicting recipient", Msg: attest(f.operators[1], cid1, stranger, "5000"), Err: types.ErrConflictingAttestation, Says: "this attestation says 5000aifil to " + stranger},
		{Name: "attestation of a minted CID", Msg: attest(f.operators[2], cid2, holder, "70"), Err: types.ErrAlreadyMinted, Says: "already minted 70aifil"},
		{Name: "attestation by a non-operator", Msg: attest(stranger, payout, holder, "1"), Err: types.ErrNotOperator, Says: stranger},
		{Name: "malformed CID", Msg: attest(f.operators[1], "Qm-not-a-cid", holder, "1"), Err: types.ErrInvalidCID, Says: "Qm-not-a-cid"},
		{Name: "zero deposit", Msg: attest(f.operators[1], payout, holder, "0"), Err: types.ErrInvalidAmount, Says: "amount 0 must be positive"},
		{Name: "non-numeric deposit", Msg: attest(f.operators[1], payout, holder, "1e18"), Err: types.ErrInvalidAmount, Says: `"1e18" is not a decimal integer`},
		{Name: "withdrawal to a malformed address", Msg: withdraw(holder, min, "f1notbase32!"), Err: types.ErrInvalidFilAddress, Says: "f1notbase32!"},
		{Name: "withdrawal to a bad checksum", Msg: withdraw(holder, min, badChecksum(filAddr)), Err: types.ErrInvalidFilAddress, Says: "checksum"},
		{Name: "withdrawal to an unknown protocol", Msg: withdraw(holder, min, "f9abc"), Err: types.ErrInvalidFilAddress, Says: "protocol"},
		{Name: "withdrawal to a dmex address", Msg: withdraw(holder, min, holder), Err: types.ErrInvalidFilAddress, Says: "network prefix"},
		{Name: "negative withdrawal", Msg: withdraw(holder, "-1", filAddr), Err: types.ErrInvalidAmount, Says: "-1 must be positive"},
		{Name: "withdrawal above the balance", Msg: withdraw(stranger, "1000000000000000000000000001", filAddr), Err: types.ErrInvalidAmount, Says: "holds"},
		{Name: "payout attested twice", Msg: attestW(f.operators[0], w.WithdrawalId, payout), Err: types.ErrDuplicateAttestation, Says: "already attested withdrawal 1"},
		{Name: "conflicting payout", Msg: attestW(f.operators[1], w.WithdrawalId, cid1), Err: types.ErrConflictingAttestation, Says: "attested as paid in " + payout},
		{Name: "unknown withdrawal", Msg: attestW(f.operators[1], 99, payout), Err: types.ErrUnknownWithdrawal, Says: "withdrawal 99"},
	})
	f.check()
}

// badChecksum changes the last character of an address (part of its checksum).
func badChecksum(addr string) string {
	last := byte('a')
	if addr[len(addr)-1] == 'a' {
		last = 'b'
	}
	return addr[:len(addr)-1] + string(last)
}
