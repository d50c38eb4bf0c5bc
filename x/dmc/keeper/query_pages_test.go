package keeper_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// stakedEnv is an app with one staked farm and alice's position in it, after a block that mined.
func stakedEnv(t *testing.T) (*testutil.Env, *testutil.Account) {
	e := testutil.New(t, testutil.Options{})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	e.CouncilPropose(4, &types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1})
	alice := e.Accounts[0]
	e.MustDeliver(alice, &types.MsgStake{Staker: alice.Addr.String(), FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 10)})
	return e, alice
}

// The farms, a staker's positions and the allocation page by key past a page's maximum.
func TestDmcListsPageByKey(t *testing.T) {
	e, alice := stakedEnv(t)
	e.NextBlock()
	ctx, _ := e.Ctx().CacheContext()
	k := e.App.DmcKeeper
	f1, err := k.Farms.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	p1, err := k.Positions.Get(ctx, collections.Join(alice.Addr, uint64(1)))
	if err != nil {
		t.Fatal(err)
	}
	bob := e.Accounts[1]
	farms, positions := []string{"1"}, []string{"1"}
	for id := uint64(2); id <= pagination.MaxLimit+20; id++ {
		f := f1
		f.Id = id
		if err := k.Farms.Set(ctx, id, f); err != nil {
			t.Fatal(err)
		}
		farms = append(farms, fmt.Sprint(id))
		p := p1
		p.FarmId, p.Staker = id, alice.Addr.String()
		who := alice.Addr
		if id%4 == 0 { // bob's positions are not alice's
			p.Staker, who = bob.Addr.String(), bob.Addr
		} else {
			positions = append(positions, fmt.Sprint(id))
		}
		if err := k.Positions.Set(ctx, collections.Join(who, id), p); err != nil {
			t.Fatal(err)
		}
	}
	q := newQuery(e)
	t.Run("farms", func(t *testing.T) {
		testutil.CheckPages(t, farms, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Farms(ctx, &types.QueryFarmsRequest{Pagination: page})
			if err != nil {
				return nil, nil, err
			}
			var ids []string
			for _, f := range res.Farms {
				ids = append(ids, fmt.Sprint(f.Farm.Id))
			}
			return ids, res.Pagination, nil
		})
	})
	t.Run("positions", func(t *testing.T) {
		testutil.CheckPages(t, positions, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Positions(ctx, &types.QueryPositionsRequest{Staker: alice.Addr.String(), Pagination: page})
			if err != nil {
				return nil, nil, err
			}
			var ids []string
			sum := math.ZeroInt()
			for _, p := range res.Positions {
				if p.Position.Staker != alice.Addr.String() {
					return nil, nil, fmt.Errorf("position of %s listed for alice", p.Position.Staker)
				}
				ids = append(ids, fmt.Sprint(p.Position.FarmId))
				sum = sum.Add(p.Pending)
			}
			if !sum.Equal(res.TotalPending) || !sum.IsPositive() {
				return nil, nil, fmt.Errorf("total_pending %s, the page's positions sum to %s", res.TotalPending, sum)
			}
			return ids, res.Pagination, nil
		})
	})
	t.Run("allocation", func(t *testing.T) {
		// Allocation lines carry no id: each is told apart by its text (the amounts differ).
		var want []string
		last := uint64(0)
		err := k.Allocation.Walk(ctx, nil, func(id uint64, a types.Allocation) (bool, error) {
			want, last = append(want, a.String()), id
			return false, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for id := last + 1; id <= last+pagination.MaxLimit+5; id++ {
			a := types.Allocation{Category: "test", Address: bob.Addr.String(), Amount: math.NewIntFromUint64(id)}
			if err := k.Allocation.Set(ctx, id, a); err != nil {
				t.Fatal(err)
			}
			want = append(want, a.String())
		}
		testutil.CheckPages(t, want, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Allocation(ctx, &types.QueryAllocationRequest{Pagination: page})
			if err != nil {
				return nil, nil, err
			}
			var lines []string
			for _, a := range res.Allocation {
				lines = append(lines, a.String())
			}
			return lines, res.Pagination, nil
		})
	})
}

// Mining and claims emit their udmc as coin strings ("12udmc"), not bare integers.
func TestDmcEventAmountsAreCoins(t *testing.T) {
	e, alice := stakedEnv(t)
	res := e.NextBlock()
	if c := testutil.EventCoin(t, res.Events, "dmex.dmc.v1.EventBlockMined", "minted"); c.Denom != types.Denom || !c.IsPositive() {
		t.Fatalf("minted %s, want a positive udmc amount", c)
	}
	claim := e.MustDeliver(alice, &types.MsgClaim{Staker: alice.Addr.String()})
	if c := testutil.EventCoin(t, claim.Events, "dmex.dmc.v1.EventRewardsClaimed", "amount"); c.Denom != types.Denom || !c.IsPositive() {
		t.Fatalf("claimed %s, want a positive udmc amount", c)
	}
}
