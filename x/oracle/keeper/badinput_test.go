package keeper_test

import (
	"errors"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/oracle/types"
)

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
	report := func(feeder string, day uint64, reward string, nodes ...string) func() error {
		return func() error {
			_, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: reward, Nodes: nodes})
			return err
		}
	}
	attest := func(op, cid, to, amount string) func() error {
		return func() error {
			_, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: op, Cid: cid, Recipient: to, Amount: amount})
			return err
		}
	}
	withdraw := func(holder, amount, addr string) func() error {
		return func() error {
			_, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: holder, Amount: amount, FilecoinAddress: addr})
			return err
		}
	}
	attestW := func(op string, id uint64, cid string) func() error {
		return func() error {
			_, err := f.msg.AttestWithdrawal(f.ctx, &types.MsgAttestWithdrawal{Operator: op, WithdrawalId: id, PayoutCid: cid})
			return err
		}
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
	for _, tc := range []struct {
		name string
		run  func() error
		want *errorsmod.Error
		says string
	}{
		{"report for a future day", report(f.feeders[1], day0+1, "100"), types.ErrFutureDay, "day 20001 is after today"},
		{"late report", report(f.feeders[1], day0-2, "100"), types.ErrLateReport, "day 19998 closed"},
		{"duplicate report", report(f.feeders[0], day0, "100"), types.ErrDuplicateReport, "already reported day 20000"},
		{"report by a non-feeder", report(stranger, day0, "100"), types.ErrNotFeeder, stranger},
		{"non-numeric reward", report(f.feeders[1], day0, "12.5"), types.ErrInvalidFigure, `"12.5" is not a decimal integer`},
		{"negative reward", report(f.feeders[1], day0, "-3"), types.ErrInvalidFigure, "-3 must be non-negative"},
		{"non-numeric power", report(f.feeders[1], day0, "1", "f01234:lots:1"), types.ErrInvalidFigure, `power of node f01234 "lots"`},
		{"negative node reward", report(f.feeders[1], day0, "1", "f01234:1:-1"), types.ErrInvalidFigure, "reward of node f01234 -1"},
		{"node id not an ID address", report(f.feeders[1], day0, "1", "f1abc:1:1"), types.ErrInvalidNode, `"f1abc"`},
		{"malformed node entry", report(f.feeders[1], day0, "1", "f01234=1"), types.ErrInvalidNode, "not node_id:power:reward"},
		{"node twice", report(f.feeders[1], day0, "1", "f01:1:1", "f01:2:2"), types.ErrInvalidNode, "f01 reported twice"},
		{"too many nodes", report(f.feeders[1], day0, "1", many...), types.ErrInvalidNode, "201 nodes"},
		{"reward above the bound", report(f.feeders[1], day0, aboveFIL), types.ErrFigureOutOfRange,
			"reward_per_tib 2000000000000000000000000001 is above the bound 2000000000000000000000000000 attoFIL"},
		{"reward near 2^255", report(f.feeders[1], day0, huge), types.ErrFigureOutOfRange, "reward_per_tib has 77 digits, above the bound"},
		{"node power above the bound", report(f.feeders[1], day0, "1", "f01234:"+abovePower+":1"), types.ErrFigureOutOfRange,
			"power of node f01234 1208925819614629174706177 is above the bound 1208925819614629174706176 bytes"},
		{"node reward above the bound", report(f.feeders[1], day0, "1", "f01234:1:"+aboveFIL), types.ErrFigureOutOfRange,
			"reward of node f01234 2000000000000000000000000001 is above the bound"},
		{"node owner not an address", report(f.feeders[1], day0, "1", "f01234:1:1:dmex1nope"), types.ErrInvalidAddress, `owner of node f01234 "dmex1nope"`},
		{"node entry with five parts", report(f.feeders[1], day0, "1", "f01234:1:1:"+holder+":x"), types.ErrInvalidNode, "not node_id:power:reward[:owner]"},
		{"three feeders", func() error {
			_, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: f.feeders[:3]})
			return err
		}, types.ErrInvalidFeeders, "3 feeders do not tolerate one rogue feeder"},
		{"feeder twice in two spellings", func() error {
			_, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: append(f.feeders[:3:3], strings.ToUpper(f.feeders[0]))})
			return err
		}, types.ErrInvalidFeeders, "listed twice"},
		{"deposit above the bound", attest(f.operators[1], payout, holder, aboveFIL), types.ErrFigureOutOfRange, "amount 2000000000000000000000000001 is above the bound"},
		{"withdrawal above the bound", withdraw(holder, aboveFIL, filAddr), types.ErrFigureOutOfRange, "amount 2000000000000000000000000001 is above the bound"},
		{"dust withdrawal", withdraw(holder, "1", filAddr), types.ErrWithdrawalTooSmall, "withdrawing 1aifil, below the minimum withdrawal 10000000000000000aifil"},
		{"feeders set by a stranger", func() error {
			_, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: stranger, Feeders: []string{stranger}})
			return err
		}, daotypes.ErrUnauthorized, ""},
		{"feeder twice", func() error {
			_, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: []string{stranger, stranger}})
			return err
		}, types.ErrInvalidFeeders, "listed twice"},
		{"threshold above operators", func() error {
			_, err := f.msg.SetOperators(f.ctx, &types.MsgSetOperators{Authority: f.auth, Operators: f.operators[:2], Threshold: 3})
			return err
		}, types.ErrInvalidOperators, "threshold 3 with 2 operators"},
		{"CID attested twice by one operator", attest(f.operators[0], cid1, holder, "5000"), types.ErrDuplicateAttestation, "already attested deposit " + cid1},
		{"conflicting amount", attest(f.operators[1], cid1, holder, "5001"), types.ErrConflictingAttestation, "attested as 5000aifil to " + holder + ", this attestation says 5001aifil"},
		{"conflicting recipient", attest(f.operators[1], cid1, stranger, "5000"), types.ErrConflictingAttestation, "this attestation says 5000aifil to " + stranger},
		{"attestation of a minted CID", attest(f.operators[2], cid2, holder, "70"), types.ErrAlreadyMinted, "already minted 70aifil"},
		{"attestation by a non-operator", attest(stranger, payout, holder, "1"), types.ErrNotOperator, stranger},
		{"malformed CID", attest(f.operators[1], "Qm-not-a-cid", holder, "1"), types.ErrInvalidCID, "Qm-not-a-cid"},
		{"zero deposit", attest(f.operators[1], payout, holder, "0"), types.ErrInvalidAmount, "amount 0 must be positive"},
		{"non-numeric deposit", attest(f.operators[1], payout, holder, "1e18"), types.ErrInvalidAmount, `"1e18" is not a decimal integer`},
		{"withdrawal to a malformed address", withdraw(holder, min, "f1notbase32!"), types.ErrInvalidFilAddress, "f1notbase32!"},
		{"withdrawal to a bad checksum", withdraw(holder, min, badChecksum(filAddr)), types.ErrInvalidFilAddress, "checksum"},
		{"withdrawal to an unknown protocol", withdraw(holder, min, "f9abc"), types.ErrInvalidFilAddress, "protocol"},
		{"withdrawal to a dmex address", withdraw(holder, min, holder), types.ErrInvalidFilAddress, "network prefix"},
		{"negative withdrawal", withdraw(holder, "-1", filAddr), types.ErrInvalidAmount, "-1 must be positive"},
		{"withdrawal above the balance", withdraw(stranger, "1000000000000000000000000001", filAddr), types.ErrInvalidAmount, "holds"},
		{"payout attested twice", attestW(f.operators[0], w.WithdrawalId, payout), types.ErrDuplicateAttestation, "already attested withdrawal 1"},
		{"conflicting payout", attestW(f.operators[1], w.WithdrawalId, cid1), types.ErrConflictingAttestation, "attested as paid in " + payout},
		{"unknown withdrawal", attestW(f.operators[1], 99, payout), types.ErrUnknownWithdrawal, "withdrawal 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot()
			err := tc.run()
			if !errors.Is(err, tc.want) {
				t.Fatalf("want %v, got %v", tc.want, err)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("error %q does not say %q", err, tc.says)
			}
			if after := f.snapshot(); after != before {
				t.Fatalf("state changed:\n%s\n%s", before, after)
			}
			f.check()
		})
	}
	_ = sdk.AccAddress{}
}

// badChecksum changes the last character of an address (part of its checksum).
func badChecksum(addr string) string {
	last := byte('a')
	if addr[len(addr)-1] == 'a' {
		last = 'b'
	}
	return addr[:len(addr)-1] + string(last)
}
