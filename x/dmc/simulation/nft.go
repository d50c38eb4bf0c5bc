package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// Default weights of the NFT farm messages.
const (
	WeightMsgCreateNFTFarm = 3
	WeightMsgStakeNFT      = 20
	WeightMsgUnstakeNFT    = 10

	WeightMsgUnstakeOthersNFT = 3
	WeightMsgStakeNFTTwice    = 3
)

// NFTSource is what the NFT farm factories read of x/hashnft: its NFTs and products.
type NFTSource interface {
	GetProduct(ctx context.Context, id uint64) (hashnfttypes.Product, error)
	WalkNFTs(ctx context.Context, fn func(hashnfttypes.NFT) (stop bool)) error
}

// NFTFactories registers the NFT farm messages: the council opens NFT farms (a chain or a product
// of the registry), holders stake and unstake their NFTs.
func NFTFactories(k keeper.Keeper, nfts NFTSource, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_create_nft_farm", WeightMsgCreateNFTFarm), daosim.CouncilFactory(dk, gk, CreateNFTFarm(k, nfts)))
	reg.Add(w.Get("msg_stake_nft", WeightMsgStakeNFT), MsgStakeNFTFactory(k, nfts))
	reg.Add(w.Get("msg_unstake_nft", WeightMsgUnstakeNFT), MsgUnstakeNFTFactory(k))
	reg.Add(w.Get("msg_unstake_others_nft", WeightMsgUnstakeOthersNFT), MsgUnstakeOthersNFTFactory(k))
	reg.Add(w.Get("msg_stake_nft_twice", WeightMsgStakeNFTTwice), MsgStakeNFTTwiceFactory(k))
}

// CreateNFTFarm opens an NFT farm for the chain or the product of a random NFT of the registry,
// when no open farm has that scope and max_nft_farms allows one more.
func CreateNFTFarm(k keeper.Keeper, nfts NFTSource) daosim.AuthorityMsgFn[*types.MsgCreateNFTFarm] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgCreateNFTFarm {
		var products []uint64
		_ = nfts.WalkNFTs(ctx, func(n hashnfttypes.NFT) bool {
			products = append(products, n.ProductId)
			return len(products) >= 100
		})
		if len(products) == 0 {
			reporter.Skip("no NFT in the registry")
			return nil
		}
		prod, err := nfts.GetProduct(ctx, products[data.Rand().Intn(len(products))])
		if err != nil {
			reporter.Skipf("product: %v", err)
			return nil
		}
		scope := types.NFTScope{Kind: types.NFT_SCOPE_KIND_CHAIN, Chain: prod.Chain}
		if data.Rand().Bool() {
			scope = types.NFTScope{Kind: types.NFT_SCOPE_KIND_PRODUCT, ProductId: prod.Id}
		}
		msg := &types.MsgCreateNFTFarm{Authority: authority, Program: types.PROGRAM_STAKED, Scope: scope, Weight: uint64(1 + data.Rand().Intn(10))}
		if !accepted(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).CreateNFTFarm(c, msg)
			return err
		}) {
			reporter.Skip("the scope has an open farm, or max_nft_farms are open")
			return nil
		}
		return msg
	}
}

// MsgStakeNFTFactory stakes a simulation account's NFT into an open NFT farm that accepts it
// (held, free, of an active product in its term, in the farm's scope). It looks at the first
// 2,000 free NFTs and picks among those some open NFT farm accepts.
func MsgStakeNFTFactory(k keeper.Keeper, nfts NFTSource) simsx.SimMsgFactoryFn[*types.MsgStakeNFT] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgStakeNFT) {
		var farms []types.Farm
		_ = k.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
			if f.IsNFT() && !f.Closed {
				farms = append(farms, f)
			}
			return false, nil
		})
		if len(farms) == 0 {
			reporter.Skip("no open NFT farm")
			return nil, nil
		}
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		type candidate struct {
			nft   hashnfttypes.NFT
			farms []uint64
		}
		var candidates []candidate
		products := map[uint64][]uint64{} // product id → the open farms that take its NFTs now
		walked := 0
		_ = nfts.WalkNFTs(ctx, func(n hashnfttypes.NFT) bool {
			walked++
			if n.LockedBy != "" || !data.HasAccount(n.Owner) {
				return walked >= 2000
			}
			accepting, seen := products[n.ProductId]
			if !seen {
				if prod, err := nfts.GetProduct(ctx, n.ProductId); err == nil &&
					prod.Status == hashnfttypes.PRODUCT_STATUS_ACTIVE && now.Before(prod.TermEnd) {
					for _, f := range farms {
						if f.NftScope.Matches(prod.Id, prod.NodeId, prod.Chain) {
							accepting = append(accepting, f.Id)
						}
					}
				}
				products[n.ProductId] = accepting
			}
			if len(accepting) > 0 && now.Before(n.TermEnd) {
				candidates = append(candidates, candidate{n, accepting})
			}
			return walked >= 2000
		})
		for range 10 {
			if len(candidates) == 0 {
				break
			}
			c := candidates[data.Rand().Intn(len(candidates))]
			msg := &types.MsgStakeNFT{Staker: c.nft.Owner, FarmId: c.farms[data.Rand().Intn(len(c.farms))], NftId: c.nft.Id}
			if !accepted(ctx, func(c sdk.Context) error {
				_, err := keeper.NewMsgServerImpl(k).StakeNFT(c, msg)
				return err
			}) {
				continue
			}
			from := data.GetAccount(reporter, c.nft.Owner)
			if reporter.IsSkipped() {
				return nil, nil
			}
			return []simsx.SimAccount{from}, msg
		}
		reporter.Skip("no NFT an open NFT farm accepts")
		return nil, nil
	}
}

// MsgUnstakeNFTFactory unstakes a random staked NFT of a simulation account.
func MsgUnstakeNFTFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnstakeNFT] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnstakeNFT) {
		var stakes []types.NFTStake
		_ = k.NFTStakes.Walk(ctx, nil, func(_ uint64, st types.NFTStake) (bool, error) {
			if data.HasAccount(st.Staker) {
				stakes = append(stakes, st)
			}
			return len(stakes) >= 200, nil
		})
		if len(stakes) == 0 {
			reporter.Skip("no staked NFT")
			return nil, nil
		}
		st := stakes[data.Rand().Intn(len(stakes))]
		from := data.GetAccount(reporter, st.Staker)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgUnstakeNFT{Staker: st.Staker, NftId: st.NftId}
	}
}

// randomNFTStake is a random staked NFT of a simulation account (of the first 200).
func randomNFTStake(ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource) (types.NFTStake, bool) {
	var stakes []types.NFTStake
	_ = k.NFTStakes.Walk(ctx, nil, func(_ uint64, st types.NFTStake) (bool, error) {
		if data.HasAccount(st.Staker) {
			stakes = append(stakes, st)
		}
		return len(stakes) >= 200, nil
	})
	if len(stakes) == 0 {
		return types.NFTStake{}, false
	}
	return stakes[data.Rand().Intn(len(stakes))], true
}

// nftStakeDigest is what a refused NFT staking message must leave as it was: the stake, its
// farm's staked power and the NFT's lock.
func nftStakeDigest(ctx context.Context, k keeper.Keeper, st types.NFTStake) func() string {
	return func() string {
		got, err := k.NFTStakes.Get(ctx, st.NftId)
		farm, _ := k.Farms.Get(ctx, st.FarmId)
		return fmt.Sprintf("stake %+v (%v), farm %d staked %s", got, err, farm.Id, farm.TotalStaked)
	}
}

// MsgUnstakeOthersNFTFactory has another account unstake a staked NFT: refused
// (ErrNotNFTStaker), the stake and the farm unchanged.
func MsgUnstakeOthersNFTFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgUnstakeNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnstakeNFT, simsx.SimDeliveryResultHandler) {
		st, ok := randomNFTStake(ctx, k, data)
		if !ok {
			reporter.Skip("no staked NFT")
			return nil, nil, nil
		}
		staker := data.GetAccount(reporter, st.Staker)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		other := data.AnyAccount(reporter, simsx.ExcludeAccounts(staker))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgUnstakeNFT{Staker: other.AddressBech32, NftId: st.NftId}
		return []simsx.SimAccount{other}, msg, daosim.ExpectRefusal(types.ErrNotNFTStaker, nftStakeDigest(ctx, k, st))
	})
}

// MsgStakeNFTTwiceFactory has the staker stake a staked NFT again, into its own farm: refused
// (ErrNFTAlreadyStaked), the stake and the farm unchanged.
func MsgStakeNFTTwiceFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgStakeNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgStakeNFT, simsx.SimDeliveryResultHandler) {
		st, ok := randomNFTStake(ctx, k, data)
		if !ok {
			reporter.Skip("no staked NFT")
			return nil, nil, nil
		}
		if f, err := k.Farms.Get(ctx, st.FarmId); err != nil || f.Closed {
			reporter.Skip("the staked NFT's farm is closed (refused as closed first)")
			return nil, nil, nil
		}
		from := data.GetAccount(reporter, st.Staker)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgStakeNFT{Staker: st.Staker, FarmId: st.FarmId, NftId: st.NftId}
		return []simsx.SimAccount{from}, msg, daosim.ExpectRefusal(types.ErrNFTAlreadyStaked, nftStakeDigest(ctx, k, st))
	})
}
