// Package keeper keeps the DMEX authority: the one address that every DMEX module accepts for
// privileged messages. It starts as the council's x/group policy and can move to x/gov.
package keeper

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/dao/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	storeService store.KVStoreService
	addressCodec address.Codec
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	groupKeeper  types.GroupKeeper
	// upgradeKeeper schedules the authority's software upgrades (MsgScheduleUpgrade).
	upgradeKeeper types.UpgradeKeeper
	// govAddress is the x/gov module account: when it holds the authority the chain is in its DAO phase.
	govAddress sdk.AccAddress
	// hooks is what the governance hooks read: x/gov's proposals and x/group's execution period
	// (given to NewKeeper), and the modules registered with their deciders (RegisterDecider),
	// shared by every copy of the keeper.
	hooks *hookDeps

	Schema         collections.Schema
	Authority      collections.Item[[]byte]
	CouncilGroupID collections.Item[uint64]
	CouncilPolicy  collections.Item[[]byte]
	// Decisions links each (module, item) to the proposal that decides it (governance hooks).
	Decisions *collections.IndexedMap[collections.Pair[string, uint64], types.Decision, DecisionIndexes]
	// CouncilChecks: council proposals deciding items, due when their voting period ends.
	CouncilChecks queue.Queue[time.Time]
	// CouncilExpiries: accepted council proposals, due when x/group's execution period ends.
	CouncilExpiries queue.Queue[time.Time]
}

// DecisionKey is a decision's key: (module, item id).
type DecisionKey = collections.Pair[string, uint64]

// DecisionIndexes indexes decisions by (proposal kind, proposal id).
type DecisionIndexes struct {
	ByProposal *indexes.Multi[collections.Pair[int32, uint64], DecisionKey, types.Decision]
}

func (i DecisionIndexes) IndexesList() []collections.Index[DecisionKey, types.Decision] {
	return []collections.Index[DecisionKey, types.Decision]{i.ByProposal}
}

// hookDeps are the governance hooks' readers: the registered modules' items, x/gov's proposals
// and x/group's execution period.
type hookDeps struct {
	deciders           deciders
	govProposals       types.GovProposals
	maxExecutionPeriod time.Duration
}

// NewKeeper builds x/dao's keeper. govProposals reads x/gov's proposals and maxExecutionPeriod is
// x/group's (the app's group config): the governance hooks need both. uk is x/upgrade's keeper,
// through which the authority schedules software upgrades. The modules whose items
// proposals decide register afterwards (RegisterDecider): they are built after x/dao, whose
// authority they check.
func NewKeeper(
	cdc codec.BinaryCodec, storeService store.KVStoreService, ak types.AccountKeeper,
	bk types.BankKeeper, gk types.GroupKeeper, uk types.UpgradeKeeper, govAddress sdk.AccAddress,
	govProposals types.GovProposals, maxExecutionPeriod time.Duration,
) Keeper {
	if govProposals == nil {
		panic("x/dao: NewKeeper needs x/gov's proposals reader")
	}
	if uk == nil {
		panic("x/dao: NewKeeper needs x/upgrade's keeper")
	}
	if ak.GetModuleAddress(modaccounts.Foundation) == nil {
		panic(fmt.Sprintf("%s module account has not been set", modaccounts.Foundation))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:            cdc,
		storeService:   storeService,
		addressCodec:   ak.AddressCodec(),
		authKeeper:     ak,
		bankKeeper:     bk,
		groupKeeper:    gk,
		upgradeKeeper:  uk,
		govAddress:     govAddress,
		Authority:      collections.NewItem(sb, types.AuthorityKey, "authority", collections.BytesValue),
		CouncilGroupID: collections.NewItem(sb, types.CouncilGroupIDKey, "council_group_id", collections.Uint64Value),
		CouncilPolicy:  collections.NewItem(sb, types.CouncilPolicyKey, "council_policy", collections.BytesValue),
		Decisions: collections.NewIndexedMap(sb, types.DecisionsKey, "decisions",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key),
			codec.CollValue[types.Decision](cdc), DecisionIndexes{
				ByProposal: indexes.NewMulti(sb, types.DecisionsByProposalKey, "decisions_by_proposal",
					collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key),
					collections.PairKeyCodec(collections.StringKey, collections.Uint64Key),
					func(_ DecisionKey, d types.Decision) (collections.Pair[int32, uint64], error) {
						return collections.Join(int32(d.Kind), d.ProposalId), nil
					}),
			}),
		CouncilChecks:   queue.New(sb, types.CouncilChecksKey, "council_checks", sdk.TimeKey),
		CouncilExpiries: queue.New(sb, types.CouncilExpiriesKey, "council_expiries", sdk.TimeKey),
		hooks:           &hookDeps{govProposals: govProposals, maxExecutionPeriod: maxExecutionPeriod},
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the DMEX authority's address.
func (k Keeper) GetAuthority(ctx context.Context) (sdk.AccAddress, error) {
	bz, err := k.Authority.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrNoAuthority, err.Error())
	}
	return bz, nil
}

// CheckAuthority returns nil only when signer is the DMEX authority. Every privileged handler
// of every DMEX module calls it first.
func (k Keeper) CheckAuthority(ctx context.Context, signer string) error {
	want, err := k.GetAuthority(ctx)
	if err != nil {
		return err
	}
	got, gotStr, err := k.canonicalAddress("signer", signer)
	if err != nil {
		return err
	}
	if !bytes.Equal(want, got) {
		return errorsmod.Wrapf(types.ErrUnauthorized, "expected %s, got %s", k.addrString(want), gotStr)
	}
	return nil
}

// canonicalAddress parses a bech32 account address, in either case, and returns its bytes and
// its canonical (lowercase) spelling, which is what x/dao stores, compares and emits; what
// names the field in the error.
func (k Keeper) canonicalAddress(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}

// Phase says who holds the authority: the council, x/gov (the DAO), or another address.
func (k Keeper) Phase(ctx context.Context) (string, error) {
	auth, err := k.GetAuthority(ctx)
	if err != nil {
		return "", err
	}
	if bytes.Equal(auth, k.govAddress) {
		return types.PhaseDAO, nil
	}
	policy, err := k.CouncilPolicy.Get(ctx)
	if err == nil && bytes.Equal(auth, policy) {
		return types.PhaseCouncil, nil
	}
	return types.PhaseOther, nil
}

func (k Keeper) addrString(bz []byte) string {
	if len(bz) == 0 {
		return ""
	}
	s, err := k.addressCodec.BytesToString(bz)
	if err != nil {
		return ""
	}
	return s
}
