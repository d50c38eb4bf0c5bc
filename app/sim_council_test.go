package app_test

import (
	"context"
	"math/rand"
	"strings"
	"testing"

	"cosmossdk.io/math"

	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
)

// The council factory's proposal, delivered through the real app, executes in its own
// transaction: the foundation pays the recipient. A spend the foundation cannot cover is
// skipped by the factory's dry run instead of being sent as a proposal that fails to execute.
func TestCouncilFactoryExecutes(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 2})
	recipient := e.Accounts[0]
	foundation := e.App.AccountKeeper.GetModuleAddress(modaccounts.Foundation)
	held := e.App.BankKeeper.GetBalance(e.Ctx(), foundation, "udmc").Amount
	if !held.IsPositive() {
		t.Fatal("the foundation holds no udmc")
	}

	spend := func(amt math.Int) daosim.AuthorityMsgFn[*daotypes.MsgSpendFoundation] {
		return func(_ context.Context, authority string, _ *simsx.ChainDataSource, _ simsx.SimulationReporter) *daotypes.MsgSpendFoundation {
			return &daotypes.MsgSpendFoundation{Authority: authority, Recipient: recipient.Addr.String(), Amount: sdk.NewCoins(sdk.NewCoin("udmc", amt))}
		}
	}

	signers, prop, reporter := runCouncilFactory(t, e, spend(held.AddRaw(1)))
	if prop != nil || !strings.Contains(reporter.Comment(), "would not execute") {
		t.Fatalf("a spend above the foundation's %s was not skipped by the dry run: %q", held, reporter.Comment())
	}
	t.Logf("skipped: %s", reporter.Comment())

	amt := math.NewInt(12_345)
	signers, prop, reporter = runCouncilFactory(t, e, spend(amt))
	if prop == nil {
		t.Fatalf("skipped: %s", reporter.Comment())
	}
	if len(signers) < 4 || len(prop.Proposers) != len(signers) || prop.Exec != group.Exec_EXEC_TRY {
		t.Fatalf("%d signers, proposers %v, exec %s: want at least the threshold 4, signing, with EXEC_TRY", len(signers), prop.Proposers, prop.Exec)
	}
	before := e.App.BankKeeper.GetBalance(e.Ctx(), recipient.Addr, "udmc").Amount
	res := e.NextBlock(signMulti(t, e, prop, signers))
	if c := res.TxResults[0].Code; c != 0 {
		t.Fatalf("council proposal tx failed: code %d: %s", c, res.TxResults[0].Log)
	}
	if got := testutil.EventAttr(res.TxResults[0].Events, "cosmos.group.v1.EventExec", "result"); got != group.PROPOSAL_EXECUTOR_RESULT_SUCCESS.String() {
		t.Fatalf("proposal execution result %s", got)
	}
	if got := e.App.BankKeeper.GetBalance(e.Ctx(), recipient.Addr, "udmc").Amount; !got.Equal(before.Add(amt)) {
		t.Fatalf("recipient holds %s after the council's spend, want %s", got, before.Add(amt))
	}
	if got := e.App.BankKeeper.GetBalance(e.Ctx(), foundation, "udmc").Amount; !got.Equal(held.Sub(amt)) {
		t.Fatalf("foundation holds %s after the spend, want %s", got, held.Sub(amt))
	}
}

// runCouncilFactory runs the council factory once over the test chain's accounts.
func runCouncilFactory[T sdk.Msg](t *testing.T, e *testutil.Env, fn daosim.AuthorityMsgFn[T]) ([]simsx.SimAccount, *group.MsgSubmitProposal, simsx.SimulationReporter) {
	t.Helper()
	var accs []simtypes.Account
	for _, a := range append(append([]*testutil.Account{}, e.Council...), e.Accounts...) {
		accs = append(accs, simtypes.Account{PrivKey: a.Key, PubKey: a.Key.PubKey(), Address: a.Addr, AddressBech32: a.Addr.String()})
	}
	ctx := e.Ctx()
	r := rand.New(rand.NewSource(7))
	data := simsx.NewChainDataSource(ctx, r, e.App.AccountKeeper, e.App.BankKeeper, e.App.AccountKeeper.AddressCodec(), accs...)
	reporter := simsx.NewBasicSimulationReporter().WithScope(&group.MsgSubmitProposal{})
	f := daosim.CouncilFactory(e.App.DaoKeeper, e.App.GroupKeeper, fn)
	signers, prop := f(ctx, data, reporter)
	return signers, prop, reporter
}

// signMulti signs a transaction by every signer, in order, as the simulation does.
func signMulti(t *testing.T, e *testutil.Env, msg sdk.Msg, signers []simsx.SimAccount) []byte {
	t.Helper()
	var nums, seqs []uint64
	var keys []cryptotypes.PrivKey
	for _, s := range signers {
		acc := e.App.AccountKeeper.GetAccount(e.Ctx(), s.Address)
		nums, seqs, keys = append(nums, acc.GetAccountNumber()), append(seqs, acc.GetSequence()), append(keys, s.PrivKey)
	}
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), e.App.TxConfig(), []sdk.Msg{msg},
		sdk.NewCoins(), 10_000_000, testutil.ChainID, nums, seqs, keys...)
	if err != nil {
		t.Fatal(err)
	}
	bz, err := e.App.TxConfig().TxEncoder()(tx)
	if err != nil {
		t.Fatal(err)
	}
	return bz
}
