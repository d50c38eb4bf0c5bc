package keeper_test

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// addrs are n fresh addresses (not funded) whose first byte is tag.
func addrs(tag byte, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = sdk.AccAddress([]byte{tag, byte(i), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}).String()
	}
	return out
}

// A rogue feeder's extreme report among honest ones cannot move a finalized figure outside the
// range of the honest reports: for every feeder set size from 4 to 10, f = floor((n-1)/3) rogue
// feeders report first (so that they are part of the quorum) the lowest or the highest figure
// allowed, then honest feeders report until the day finalizes. The market average, the node's
// power and reward must each be one of the honest figures (the lower median is a reported figure),
// and the node's owner the honest one.
func TestRogueFeedersStayInsideTheHonestRange(t *testing.T) {
	f := newFixture(t)
	honestOwner, rogueOwner := f.e.Accounts[0].Addr.String(), f.e.Accounts[1].Addr.String()
	day := day0
	for n := types.MinFeeders; n <= 10; n++ {
		rogues := (n - 1) / 3
		feeders := addrs('r', n)
		if _, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: feeders}); err != nil {
			t.Fatal(err)
		}
		for _, extreme := range []struct {
			name, reward, power string
		}{
			{"low", "0", "0"},
			{"high", types.MaxAttoFIL.String(), types.MaxPowerBytes.String()},
		} {
			t.Run(fmt.Sprintf("%d feeders, %d rogue, %s", n, rogues, extreme.name), func(t *testing.T) {
				day++
				f.at(day)
				for i := 0; i < rogues; i++ {
					node := fmt.Sprintf("f01234:%s:%s:%s", extreme.power, extreme.reward, rogueOwner)
					if _, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: feeders[i], Day: day, RewardPerTib: extreme.reward, Nodes: []string{node}}); err != nil {
						t.Fatal(err)
					}
				}
				honest := map[string]bool{}
				finalized := false
				for i := rogues; i < n && !finalized; i++ {
					v := fmt.Sprint(1000 + 10*(i-rogues)) // 1000, 1010, …
					honest[v] = true
					node := fmt.Sprintf("f01234:%s:%s:%s", v, v, honestOwner)
					res, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: feeders[i], Day: day, RewardPerTib: v, Nodes: []string{node}})
					if err != nil {
						t.Fatal(err)
					}
					finalized = res.Finalized
				}
				if !finalized {
					t.Fatalf("day %d not finalized by %d feeders", day, n)
				}
				avg, _ := f.k.MarketAverage(f.ctx, day)
				nd, err := f.k.NodeDays.Get(f.ctx, collections.Join("f01234", day))
				if err != nil {
					t.Fatal(err)
				}
				for what, v := range map[string]math.Int{"market average": avg, "power": nd.Figures.Power, "reward": nd.Figures.Reward} {
					if !honest[v.String()] {
						t.Fatalf("%s %s is not one of the honest figures %v", what, v, honest)
					}
				}
				if nd.Figures.Owner != honestOwner {
					t.Fatalf("owner %q, want the honest feeders' %s", nd.Figures.Owner, honestOwner)
				}
			})
		}
	}
}

// A feeder set of 2 or 3 tolerates no rogue feeder (with 3, a day finalizes on 2 reports, one of
// them the rogue's): it is refused at genesis and by MsgSetFeeders; 0, 1 (a local network) and 4
// or more are accepted.
func TestFeederSetSizes(t *testing.T) {
	f := newFixture(t)
	ac := f.e.App.AccountKeeper.AddressCodec()
	for n := 0; n <= 5; n++ {
		feeders := addrs('z', n)
		refused := n == 2 || n == 3
		says := fmt.Sprintf("%d feeders do not tolerate one rogue feeder: want 1 (a local network) or at least 4", n)

		gs := types.DefaultGenesis()
		gs.Feeders.Feeders = feeders
		err := gs.Validate(ac)
		if refused != (err != nil) || (refused && (!errors.Is(err, types.ErrInvalidGenesis) || !strings.Contains(err.Error(), says))) {
			t.Fatalf("genesis with %d feeders: %v", n, err)
		}

		before := f.snapshot()
		_, err = f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: feeders})
		if !refused {
			if err != nil {
				t.Fatalf("%d feeders: %v", n, err)
			}
			continue
		}
		if !errors.Is(err, types.ErrInvalidFeeders) || !strings.Contains(err.Error(), says) {
			t.Fatalf("%d feeders: %v, want %q", n, err, says)
		}
		if f.snapshot() != before {
			t.Fatalf("a refused feeder set of %d changed state", n)
		}
	}
}

// Upper-case bech32 is the same account as lower case: addresses are compared and stored in
// their canonical form, so a feeder or operator cannot report or attest twice under two
// spellings, and what is stored and emitted is lower case.
func TestUpperCaseAddressesAreTheSameAccount(t *testing.T) {
	f := newFixture(t)
	upper := strings.ToUpper
	up := make([]string, len(f.feeders))
	for i, a := range f.feeders {
		up[i] = upper(a)
	}
	if _, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: append(up[:3:3], f.feeders[3])}); err != nil {
		t.Fatal(err)
	}
	set, _ := f.k.Feeders.Get(f.ctx)
	if strings.Join(set.Feeders, ",") != strings.Join(sortedStrings(f.feeders), ",") {
		t.Fatalf("stored feeders %v, want the lower-case %v", set.Feeders, f.feeders)
	}
	if _, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: []string{f.feeders[0], up[0], f.feeders[1], f.feeders[2]}}); !errors.Is(err, types.ErrInvalidFeeders) ||
		!strings.Contains(err.Error(), "listed twice") {
		t.Fatalf("one feeder in two spellings: %v", err)
	}
	owner := f.e.Accounts[0].Addr.String()
	if _, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: up[0], Day: day0, RewardPerTib: "1", Nodes: []string{"f01234:1:1:" + upper(owner)}}); err != nil {
		t.Fatalf("report by an upper-case feeder: %v", err)
	}
	if _, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: f.feeders[0], Day: day0, RewardPerTib: "1"}); !errors.Is(err, types.ErrDuplicateReport) {
		t.Fatalf("the same feeder in lower case: %v, want a duplicate", err)
	}
	r, err := f.k.Reports.Get(f.ctx, collections.Join(day0, f.feeders[0]))
	if err != nil || r.Feeder != f.feeders[0] || r.Nodes[0].Owner != owner {
		t.Fatalf("stored report %v %v: want lower-case feeder and owner", r, err)
	}

	a := f.e.Accounts[0]
	if _, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: upper(f.operators[0]), Cid: cid1, Recipient: upper(a.Addr.String()), Amount: "5000"}); err != nil {
		t.Fatalf("attestation by an upper-case operator: %v", err)
	}
	if _, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: f.operators[0], Cid: cid1, Recipient: a.Addr.String(), Amount: "5000"}); !errors.Is(err, types.ErrDuplicateAttestation) {
		t.Fatalf("the same operator in lower case: %v, want a duplicate", err)
	}
	before := f.ifil(a.Addr)
	if res, err := f.msg.AttestDeposit(f.ctx, &types.MsgAttestDeposit{Operator: f.operators[1], Cid: cid1, Recipient: a.Addr.String(), Amount: "5000"}); err != nil || !res.Minted {
		t.Fatalf("second operator, lower-case recipient: %v %v, want the same claim minted", res, err)
	}
	if got := f.ifil(a.Addr).Sub(before); !got.Equal(math.NewInt(5000)) {
		t.Fatalf("minted %s, want 5000", got)
	}
	d, _ := f.k.Deposits.Get(f.ctx, cid1)
	if d.Recipient != a.Addr.String() || d.AttestedBy[0] != f.operators[0] {
		t.Fatalf("stored deposit %v: want lower-case addresses", d)
	}
	w, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: upper(a.Addr.String()), Amount: fmt.Sprint(types.DefaultMinWithdrawal), FilecoinAddress: filAddr})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.k.Withdrawals.Get(f.ctx, w.WithdrawalId); got.Holder != a.Addr.String() {
		t.Fatalf("withdrawal holder %q, want lower case", got.Holder)
	}
	f.check()
}

func sortedStrings(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// MsgWithdraw below params.min_withdrawal (default 0.01 FIL) is refused: each withdrawal is a
// Filecoin payout the operators make and attest m times.
func TestMinWithdrawal(t *testing.T) {
	f := newFixture(t)
	p, _ := f.k.Params.Get(f.ctx)
	if !p.MinWithdrawal.Equal(math.NewInt(10_000_000_000_000_000)) {
		t.Fatalf("min_withdrawal %v, want 0.01 FIL", p.MinWithdrawal)
	}
	holder := f.e.Accounts[0].Addr.String()
	for _, amount := range []string{"1", "9999999999999999"} {
		before := f.snapshot()
		_, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: holder, Amount: amount, FilecoinAddress: filAddr})
		if !errors.Is(err, types.ErrWithdrawalTooSmall) ||
			!strings.Contains(err.Error(), "withdrawing "+amount+"aifil, below the minimum withdrawal 10000000000000000aifil") {
			t.Fatalf("withdrawing %s: %v", amount, err)
		}
		if f.snapshot() != before {
			t.Fatalf("a refused withdrawal of %s changed state", amount)
		}
	}
	if _, err := f.msg.Withdraw(f.ctx, &types.MsgWithdraw{Holder: holder, Amount: "10000000000000000", FilecoinAddress: filAddr}); err != nil {
		t.Fatalf("withdrawing exactly the minimum: %v", err)
	}
	f.check()
	ac := f.e.App.AccountKeeper.AddressCodec()
	for _, tc := range []struct {
		min  math.Int
		says string
	}{
		{math.Int{}, "min_withdrawal <nil> aifil must be 1 to"},
		{math.ZeroInt(), "min_withdrawal 0 aifil must be 1 to"},
		{types.MaxAttoFIL.AddRaw(1), "min_withdrawal 2000000000000000000000000001 aifil must be 1 to"},
		{math.OneInt(), ""},
	} {
		gs := types.DefaultGenesis()
		gs.Params.MinWithdrawal = tc.min
		err := gs.Validate(ac)
		if (tc.says == "") != (err == nil) || (err != nil && (!errors.Is(err, types.ErrInvalidGenesis) || !strings.Contains(err.Error(), tc.says))) {
			t.Fatalf("min_withdrawal %v: %v, want %q", tc.min, err, tc.says)
		}
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil || !gs.Params.MinWithdrawal.Equal(p.MinWithdrawal) {
		t.Fatalf("exported params %v %v", gs.Params, err)
	}
}

// Every oracle figure is bounded on entry (a report near 2^255 used to reach x/escrow's decimal
// arithmetic), and the figures of a genesis too.
func TestFiguresAreBoundedAtGenesis(t *testing.T) {
	ac := newFixture(t).e.App.AccountKeeper.AddressCodec()
	over := types.MaxPowerBytes.AddRaw(1)
	for _, tc := range []struct {
		name string
		edit func(*types.GenesisState)
		says string
	}{
		{"node power", func(gs *types.GenesisState) {
			gs.NodeDays = []types.NodeDay{{Day: 1, Reports: 1, Figures: types.NodeFigures{NodeId: "f01234", Power: over, Reward: math.ZeroInt()}}}
		}, "power of node f01234 1208925819614629174706177 is above the bound 1208925819614629174706176 bytes"},
		{"network reward", func(gs *types.GenesisState) {
			gs.NetworkDays = []types.NetworkDay{{Day: 1, Reports: 1, RewardPerTib: types.MaxAttoFIL.AddRaw(1)}}
		}, "network day 1: reward_per_tib 2000000000000000000000000001 is above the bound"},
		{"reported reward", func(gs *types.GenesisState) {
			gs.Reports = []types.Report{{Day: 1, Feeder: addrs('g', 1)[0], RewardPerTib: math.ZeroInt(), Nodes: []types.NodeFigures{
				{NodeId: "f01234", Power: math.ZeroInt(), Reward: types.MaxAttoFIL.AddRaw(1)}}}}
		}, "reward of node f01234 2000000000000000000000000001 is above the bound"},
		{"deposit", func(gs *types.GenesisState) {
			gs.Deposits = []types.Deposit{{Cid: cid1, Recipient: addrs('g', 1)[0], Amount: types.MaxAttoFIL.AddRaw(1)}}
		}, "want 1 to 2000000000000000000000000000"},
		{"non-canonical owner", func(gs *types.GenesisState) {
			gs.NodeDays = []types.NodeDay{{Day: 1, Reports: 1, Figures: types.NodeFigures{NodeId: "f01234", Power: math.ZeroInt(), Reward: math.ZeroInt(),
				Owner: strings.ToUpper(addrs('g', 1)[0])}}}
		}, "is not a canonical address"},
	} {
		gs := types.DefaultGenesis()
		tc.edit(gs)
		if err := gs.Validate(ac); !errors.Is(err, types.ErrInvalidGenesis) || !strings.Contains(err.Error(), tc.says) {
			t.Fatalf("%s: %v, want %q", tc.name, err, tc.says)
		}
	}
}

// Through the real app, every refusal of an oracle message carries its registered code and the
// module's codespace (no code 1 "undefined").
func TestOracleErrorsCarryTheirCodes(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 2, NodePower: map[string]int64{"f01234": 10}})
	a, stranger := e.Accounts[0], e.Accounts[1]
	day, err := e.App.OracleKeeper.Day(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	feeder := e.Feeder.Addr.String()
	for _, tc := range []struct {
		name   string
		signer *testutil.Account
		msg    sdk.Msg
		want   *errorsmod.Error
		space  string
	}{
		{"report by a non-feeder", stranger, &types.MsgReport{Feeder: stranger.Addr.String(), Day: day, RewardPerTib: "1"}, types.ErrNotFeeder, types.ModuleName},
		{"reward out of range", e.Feeder, &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: types.MaxAttoFIL.AddRaw(1).String()}, types.ErrFigureOutOfRange, types.ModuleName},
		{"reward near 2^255", e.Feeder, &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: new(big.Int).Lsh(big.NewInt(1), 254).String()}, types.ErrFigureOutOfRange, types.ModuleName},
		{"power out of range", e.Feeder, &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: "1", Nodes: []string{"f01234:" + types.MaxPowerBytes.AddRaw(1).String() + ":0"}}, types.ErrFigureOutOfRange, types.ModuleName},
		{"owner not an address", e.Feeder, &types.MsgReport{Feeder: feeder, Day: day, RewardPerTib: "1", Nodes: []string{"f01234:1:0:dmex1nope"}}, types.ErrInvalidAddress, types.ModuleName},
		{"future day", e.Feeder, &types.MsgReport{Feeder: feeder, Day: day + 5, RewardPerTib: "1"}, types.ErrFutureDay, types.ModuleName},
		{"feeders set by a stranger", stranger, &types.MsgSetFeeders{Authority: stranger.Addr.String(), Feeders: []string{feeder}}, daotypes.ErrUnauthorized, daotypes.ModuleName},
		{"attestation by a non-operator", stranger, &types.MsgAttestDeposit{Operator: stranger.Addr.String(), Cid: cid1, Recipient: a.Addr.String(), Amount: "1"}, types.ErrNotOperator, types.ModuleName},
		{"withdrawal below the minimum", a, &types.MsgWithdraw{Holder: a.Addr.String(), Amount: "1", FilecoinAddress: filAddr}, types.ErrWithdrawalTooSmall, types.ModuleName},
		{"withdrawal out of range", a, &types.MsgWithdraw{Holder: a.Addr.String(), Amount: types.MaxAttoFIL.AddRaw(1).String(), FilecoinAddress: filAddr}, types.ErrFigureOutOfRange, types.ModuleName},
		{"withdrawal with no operators", a, &types.MsgWithdraw{Holder: a.Addr.String(), Amount: "10000000000000000", FilecoinAddress: filAddr}, types.ErrInvalidOperators, types.ModuleName},
		{"payout of an unknown withdrawal", stranger, &types.MsgAttestWithdrawal{Operator: stranger.Addr.String(), WithdrawalId: 9, PayoutCid: payout}, types.ErrNotOperator, types.ModuleName},
	} {
		res := e.Deliver(tc.signer, tc.msg)
		if res.Code != tc.want.ABCICode() || res.Codespace != tc.space {
			t.Fatalf("%s: code %d codespace %q (%s), want %d in %q", tc.name, res.Code, res.Codespace, res.Log, tc.want.ABCICode(), tc.space)
		}
	}
}
