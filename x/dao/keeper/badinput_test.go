package keeper_test

import (
	"errors"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/cosmos-sdk/x/group"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
)

// daoState is what a dao message can change: x/dao's genesis, the foundation's and the
// recipient's balances, and the council's members.
func daoState(e *testutil.Env, ctx sdk.Context, recipient sdk.AccAddress) string {
	gs, err := e.App.DaoKeeper.ExportGenesis(ctx)
	if err != nil {
		e.TB.Fatal(err)
	}
	groupID, _ := e.App.DaoKeeper.CouncilGroupID.Get(ctx)
	members, err := e.App.GroupKeeper.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: groupID})
	if err != nil {
		e.TB.Fatal(err)
	}
	foundation := e.App.AccountKeeper.GetModuleAddress(daotypes.FoundationAccount)
	return gs.String() + e.App.BankKeeper.GetAllBalances(ctx, foundation).String() +
		e.App.BankKeeper.GetAllBalances(ctx, recipient).String() + members.String()
}

// Each bad dao message, even from the authority (what a proposal's execution sends), is an error
// registered in x/dao (a client sees codespace "dao" and its code, never code 1) and changes
// nothing.
func TestBadInput(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth := authority(e).String()
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	user := e.Accounts[0].Addr.String()
	members := make([]string, len(e.Council))
	for i, m := range e.Council {
		members[i] = m.Addr.String()
	}
	ms := daoMsgServer(e)
	udmc := func(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin("udmc", n)) }
	foundation := e.App.AccountKeeper.GetModuleAddress(daotypes.FoundationAccount)
	bonded := authtypes.NewModuleAddress(stakingtypes.BondedPoolName).String()
	held := e.App.BankKeeper.GetBalance(e.Ctx(), foundation, "udmc").Amount

	rows := []struct {
		name string
		run  func(ctx sdk.Context) error
		want *errorsmod.Error
		says string // the message names the value
	}{
		{"update authority by a user", func(ctx sdk.Context) error {
			_, err := ms.UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: user, NewAuthority: gov})
			return err
		}, daotypes.ErrUnauthorized, user},
		{"update authority signed by a malformed address", func(ctx sdk.Context) error {
			_, err := ms.UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: "dmex1nope", NewAuthority: gov})
			return err
		}, daotypes.ErrInvalidAddress, "dmex1nope"},
		{"new authority malformed", func(ctx sdk.Context) error {
			_, err := ms.UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: auth, NewAuthority: "cosmos1xyz"})
			return err
		}, daotypes.ErrInvalidAddress, "cosmos1xyz"},
		{"new authority neither x/gov nor the council", func(ctx sdk.Context) error {
			_, err := ms.UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: auth, NewAuthority: user})
			return err
		}, daotypes.ErrInvalidAddress, user},
		{"spend to a malformed recipient", func(ctx sdk.Context) error {
			_, err := ms.SpendFoundation(ctx, &daotypes.MsgSpendFoundation{Authority: auth, Recipient: "dmex1", Amount: udmc(1)})
			return err
		}, daotypes.ErrInvalidAddress, "dmex1"},
		{"spend nothing", func(ctx sdk.Context) error {
			_, err := ms.SpendFoundation(ctx, &daotypes.MsgSpendFoundation{Authority: auth, Recipient: user})
			return err
		}, daotypes.ErrInvalidAmount, "positive"},
		{"spend a negative amount", func(ctx sdk.Context) error {
			_, err := ms.SpendFoundation(ctx, &daotypes.MsgSpendFoundation{Authority: auth, Recipient: user, Amount: sdk.Coins{sdk.Coin{Denom: "udmc", Amount: held.Neg()}}})
			return err
		}, daotypes.ErrInvalidAmount, "-"},
		{"spend more than the foundation holds", func(ctx sdk.Context) error {
			_, err := ms.SpendFoundation(ctx, &daotypes.MsgSpendFoundation{Authority: auth, Recipient: user, Amount: sdk.NewCoins(sdk.NewCoin("udmc", held.AddRaw(1)))})
			return err
		}, daotypes.ErrInsufficientFunds, held.String()},
		{"spend to a module account", func(ctx sdk.Context) error {
			_, err := ms.SpendFoundation(ctx, &daotypes.MsgSpendFoundation{Authority: auth, Recipient: bonded, Amount: udmc(1)})
			return err
		}, daotypes.ErrInvalidAddress, bonded},
		{"council with no members", func(ctx sdk.Context) error {
			_, err := ms.UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: auth, Threshold: 1})
			return err
		}, daotypes.ErrInvalidCouncil, "no members"},
		{"council with a malformed member", func(ctx sdk.Context) error {
			_, err := ms.UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: auth, Members: append([]string{"dmex1bad"}, members[1:]...), Threshold: 4})
			return err
		}, daotypes.ErrInvalidAddress, "dmex1bad"},
		{"council member listed twice in two spellings", func(ctx sdk.Context) error {
			_, err := ms.UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: auth, Members: append([]string{strings.ToUpper(members[1])}, members[1:]...), Threshold: 4})
			return err
		}, daotypes.ErrInvalidCouncil, members[1]},
		{"council threshold 0", func(ctx sdk.Context) error {
			_, err := ms.UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: auth, Members: members, Threshold: 0})
			return err
		}, daotypes.ErrInvalidCouncil, "threshold"},
		{"council threshold above its members", func(ctx sdk.Context) error {
			_, err := ms.UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: auth, Members: members, Threshold: 8})
			return err
		}, daotypes.ErrInvalidCouncil, "threshold 8"},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			ctx, _ := e.Ctx().CacheContext() // a branch: what the message leaves is read, never committed
			before := daoState(e, ctx, e.Accounts[0].Addr)
			err := r.run(ctx)
			if !errors.Is(err, r.want) {
				t.Fatalf("error %v, want %v", err, r.want)
			}
			space, code, log := errorsmod.ABCIInfo(err, false)
			if space != daotypes.ModuleName || code != r.want.ABCICode() || code < 2 {
				t.Fatalf("ABCI codespace %q code %d, want %q %d (%s)", space, code, daotypes.ModuleName, r.want.ABCICode(), log)
			}
			if !strings.Contains(err.Error(), r.says) {
				t.Fatalf("error %q does not name %q", err, r.says)
			}
			if after := daoState(e, ctx, e.Accounts[0].Addr); after != before {
				t.Fatalf("state changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
	e.CheckInvariants()
}

// An address spelled in upper case is the same account: every dao message accepts it, and
// stores, compares and emits the canonical lowercase spelling.
func TestUppercaseAddressesAreCanonical(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth := authority(e).String()
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	user := e.Accounts[0].Addr.String()
	up := strings.ToUpper
	ms := daoMsgServer(e)
	ctx, _ := e.Ctx().CacheContext()
	ctx = ctx.WithEventManager(sdk.NewEventManager())

	// The council re-elected with members in upper case: the group lists them in lowercase.
	members := []string{up(e.Council[0].Addr.String()), up(e.Council[1].Addr.String()), user}
	if _, err := ms.UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: up(auth), Members: members, Threshold: 2}); err != nil {
		t.Fatal(err)
	}
	groupID, _ := e.App.DaoKeeper.CouncilGroupID.Get(ctx)
	res, err := e.App.GroupKeeper.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: groupID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range res.Members {
		got = append(got, m.Member.Address)
	}
	want := []string{e.Council[0].Addr.String(), e.Council[1].Addr.String(), user}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found || len(got) != len(want) {
			t.Fatalf("council members %v, want %v", got, want)
		}
	}

	// The foundation pays an uppercase recipient.
	before := e.App.BankKeeper.GetBalance(ctx, e.Accounts[0].Addr, "udmc").Amount
	if _, err := ms.SpendFoundation(ctx, &daotypes.MsgSpendFoundation{Authority: up(auth), Recipient: up(user), Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 7))}); err != nil {
		t.Fatal(err)
	}
	if after := e.App.BankKeeper.GetBalance(ctx, e.Accounts[0].Addr, "udmc").Amount; !after.Equal(before.AddRaw(7)) {
		t.Fatalf("recipient has %s, want %s", after, before.AddRaw(7))
	}

	// The authority handed to x/gov by uppercase spellings, and back by x/gov's uppercase one.
	if _, err := ms.UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: up(auth), NewAuthority: up(gov)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ms.UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: up(gov), NewAuthority: up(auth)}); err != nil {
		t.Fatal(err)
	}
	if a, _ := e.App.DaoKeeper.GetAuthority(ctx); a.String() != auth {
		t.Fatalf("authority %s, want %s", a, auth)
	}

	// Every event carries the lowercase spellings only.
	for _, ev := range ctx.EventManager().Events() {
		for _, attr := range ev.Attributes {
			if strings.Contains(attr.Value, "DMEX1") {
				t.Fatalf("event %s carries %s=%s", ev.Type, attr.Key, attr.Value)
			}
		}
	}
	for _, ev := range []string{"dmex.dao.v1.EventCouncilUpdated", "dmex.dao.v1.EventFoundationSpent", "dmex.dao.v1.EventAuthorityUpdated"} {
		found := false
		for _, e := range ctx.EventManager().Events() {
			found = found || e.Type == ev
		}
		if !found {
			t.Fatalf("no %s", ev)
		}
	}
}
