package keeper_test

import (
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/cosmos-sdk/x/group"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
)

// Each bad dao message, even from the authority (what a proposal's execution sends), is an error
// registered in x/dao (a client sees codespace "dao" and its code, never code 1) that names the
// wrong value, and changes no store (testutil.BadInputs).
func TestBadInput(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth := authority(e).String()
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	user := e.Accounts[0].Addr.String()
	members := make([]string, len(e.Council))
	for i, m := range e.Council {
		members[i] = m.Addr.String()
	}
	udmc := func(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin("udmc", n)) }
	foundation := e.App.AccountKeeper.GetModuleAddress(modaccounts.Foundation)
	bonded := authtypes.NewModuleAddress(stakingtypes.BondedPoolName).String()
	held := e.App.BankKeeper.GetBalance(e.Ctx(), foundation, "udmc").Amount

	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{
		{Name: "update authority by a user", Msg: &daotypes.MsgUpdateAuthority{Authority: user, NewAuthority: gov}, Err: daotypes.ErrUnauthorized, Says: user},
		{Name: "update authority signed by a malformed address", Msg: &daotypes.MsgUpdateAuthority{Authority: "dmex1nope", NewAuthority: gov}, Err: daotypes.ErrInvalidAddress, Says: "dmex1nope"},
		{Name: "new authority malformed", Msg: &daotypes.MsgUpdateAuthority{Authority: auth, NewAuthority: "cosmos1xyz"}, Err: daotypes.ErrInvalidAddress, Says: "cosmos1xyz"},
		{Name: "new authority neither x/gov nor the council", Msg: &daotypes.MsgUpdateAuthority{Authority: auth, NewAuthority: user}, Err: daotypes.ErrInvalidAddress, Says: user},
		{Name: "spend to a malformed recipient", Msg: &daotypes.MsgSpendFoundation{Authority: auth, Recipient: "dmex1", Amount: udmc(1)}, Err: daotypes.ErrInvalidAddress, Says: "dmex1"},
		{Name: "spend nothing", Msg: &daotypes.MsgSpendFoundation{Authority: auth, Recipient: user}, Err: daotypes.ErrInvalidAmount, Says: "positive"},
		{Name: "spend a negative amount", Msg: &daotypes.MsgSpendFoundation{Authority: auth, Recipient: user, Amount: sdk.Coins{sdk.Coin{Denom: "udmc", Amount: held.Neg()}}}, Err: daotypes.ErrInvalidAmount, Says: "-"},
		{Name: "spend more than the foundation holds", Msg: &daotypes.MsgSpendFoundation{Authority: auth, Recipient: user, Amount: sdk.NewCoins(sdk.NewCoin("udmc", held.AddRaw(1)))}, Err: daotypes.ErrInsufficientFunds, Says: held.String()},
		{Name: "spend to a module account", Msg: &daotypes.MsgSpendFoundation{Authority: auth, Recipient: bonded, Amount: udmc(1)}, Err: daotypes.ErrInvalidAddress, Says: bonded},
		{Name: "council with no members", Msg: &daotypes.MsgUpdateCouncil{Authority: auth, Threshold: 1}, Err: daotypes.ErrInvalidCouncil, Says: "no members"},
		{Name: "council with a malformed member", Msg: &daotypes.MsgUpdateCouncil{Authority: auth, Members: append([]string{"dmex1bad"}, members[1:]...), Threshold: 4}, Err: daotypes.ErrInvalidAddress, Says: "dmex1bad"},
		{Name: "council member listed twice in two spellings", Msg: &daotypes.MsgUpdateCouncil{Authority: auth, Members: append([]string{strings.ToUpper(members[1])}, members[1:]...), Threshold: 4}, Err: daotypes.ErrInvalidCouncil, Says: members[1]},
		{Name: "council threshold 0", Msg: &daotypes.MsgUpdateCouncil{Authority: auth, Members: members, Threshold: 0}, Err: daotypes.ErrInvalidCouncil, Says: "threshold"},
		{Name: "council threshold above its members", Msg: &daotypes.MsgUpdateCouncil{Authority: auth, Members: members, Threshold: 8}, Err: daotypes.ErrInvalidCouncil, Says: "threshold 8"},
	})
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
