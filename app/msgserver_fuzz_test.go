package app_test

import (
	"fmt"
	"reflect"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// fuzzedMsgs are the messages FuzzMsgServers decodes its bytes into (by kind % len).
var fuzzedMsgs = []func() sdk.Msg{
	func() sdk.Msg { return &oracletypes.MsgReport{} },
	func() sdk.Msg { return &oracletypes.MsgWithdraw{} },
	func() sdk.Msg { return &oracletypes.MsgSetFeeders{} },
	func() sdk.Msg { return &hashnfttypes.MsgApplyProduct{} },
	func() sdk.Msg { return &hashnfttypes.MsgPlaceBid{} },
	func() sdk.Msg { return &hashnfttypes.MsgBuyNFTs{} },
	func() sdk.Msg { return &hashnfttypes.MsgUpdateParams{} },
	func() sdk.Msg { return &dmctypes.MsgStake{} },
	func() sdk.Msg { return &dmctypes.MsgCreateFarm{} },
	func() sdk.Msg { return &escrowtypes.MsgDepositRewards{} },
	func() sdk.Msg { return &escrowtypes.MsgClaimRewards{} },
	func() sdk.Msg { return &daotypes.MsgSpendFoundation{} },
	func() sdk.Msg { return &ammtypes.MsgCreatePool{} },
	func() sdk.Msg { return &ammtypes.MsgJoinPool{} },
	func() sdk.Msg { return &ammtypes.MsgExitPool{} },
	func() sdk.Msg { return &ammtypes.MsgSwapExactIn{} },
	func() sdk.Msg { return &ammtypes.MsgSwapExactOut{} },
	func() sdk.Msg { return &ammtypes.MsgUpdateParams{} },
}

// FuzzMsgServers decodes arbitrary proto bytes into one of fuzzedMsgs, optionally sets its
// signer (its first field) to a funded account, the DMEX authority or the oracle's feeder, and
// delivers it through the app's message router in a branch of a running chain's state. A handler
// never panics; one that fails returns an error with a registered code (never code 1 in
// "undefined") and leaves every store as it was.
func FuzzMsgServers(f *testing.F) {
	e := testutil.New(f, testutil.Options{NodePower: map[string]int64{"f01234": 100}})
	e.NextBlock()
	ctx := e.Ctx()
	auth, err := e.App.DaoKeeper.GetAuthority(ctx)
	if err != nil {
		f.Fatal(err)
	}
	signers := []string{e.Accounts[0].Addr.String(), auth.String(), e.Feeder.Addr.String()}
	for kind := range fuzzedMsgs {
		for who := range len(signers) + 1 {
			f.Add(uint8(kind), uint8(who), []byte{})
		}
	}
	seed := func(kind, who uint8, msg sdk.Msg) {
		bz, err := e.App.AppCodec().Marshal(msg)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(kind, who, bz)
	}
	seed(0, 3, &oracletypes.MsgReport{Day: 1, RewardPerTib: "10000", Nodes: []string{"f01234:1099511627776:5"}})
	seed(1, 1, &oracletypes.MsgWithdraw{Amount: "1000000000000000000", FilecoinAddress: "f01234"})
	seed(4, 1, &hashnfttypes.MsgPlaceBid{AuctionId: 1, Quantity: 2, UnitPrice: sdk.NewInt64Coin("uusdt", 100)})
	seed(5, 1, &hashnfttypes.MsgBuyNFTs{ProductId: 1, Quantity: 1})
	seed(7, 1, &dmctypes.MsgStake{FarmId: 1})
	seed(11, 2, &daotypes.MsgSpendFoundation{Recipient: signers[0]})

	f.Fuzz(func(t *testing.T, kind, who uint8, bz []byte) {
		msg := fuzzedMsgs[int(kind)%len(fuzzedMsgs)]()
		if err := e.App.AppCodec().Unmarshal(bz, msg); err != nil {
			return
		}
		if i := int(who) % (len(signers) + 1); i > 0 {
			reflect.ValueOf(msg).Elem().Field(0).SetString(signers[i-1])
		}
		handler := e.App.MsgServiceRouter().Handler(msg)
		if handler == nil {
			t.Fatalf("no handler for %T", msg)
		}
		branch, _ := ctx.CacheContext()
		branch = branch.WithEventManager(sdk.NewEventManager())
		before := testutil.StoreHashes(e.App, branch)
		var (
			herr     error
			panicked bool
		)
		func() {
			defer func() {
				if r := recover(); r != nil {
					herr, panicked = fmt.Errorf("panic: %v", r), true
				}
			}()
			_, herr = handler(branch, msg)
		}()
		if herr == nil {
			return
		}
		if panicked {
			t.Fatalf("%T %v panicked: %v", msg, msg, herr)
		}
		if space, code, _ := errorsmod.ABCIInfo(herr, false); code <= 1 || space == errorsmod.UndefinedCodespace {
			t.Fatalf("%T %v failed with %q, code %d in codespace %q: not a registered error", msg, msg, herr, code, space)
		}
		if changed := testutil.ChangedStores(before, testutil.StoreHashes(e.App, branch)); len(changed) > 0 {
			t.Fatalf("%T %v failed (%v) but changed the stores %v", msg, msg, herr, changed)
		}
	})
}
