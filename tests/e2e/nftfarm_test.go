package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// nfStakes is `q dmc nft-stakes`: the holder's staked NFTs and the DMC pending.
func (n *node) nfStakes(addr string) (nfts []string, pending int64) {
	var v struct {
		Nfts []struct {
			NftID  string `json:"nft_id"`
			FarmID string `json:"farm_id"`
		} `json:"nfts"`
		TotalPending flexInt `json:"total_pending"`
	}
	n.jsonQuery(&v, "q", "dmc", "nft-stakes", addr)
	for _, s := range v.Nfts {
		nfts = append(nfts, s.NftID)
	}
	return nfts, int64(v.TotalPending)
}

// DeFi mining with a hashrate NFT over the CLI on a real localnet (issue #18 item 6): the
// localnet opens farm 10 for the NFTs of FIL products. Alice buys an NFT of a FIL product and
// stakes it: it stays hers, locked by dmc (no transfer), earns DMC every block by its power,
// and the miner's reward deposit still reaches her. She unstakes it, is paid the DMC it earned,
// and transfers the NFT to bob.
func TestNFTFarmOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel()
	n, _, _ := startLocalnet(t, 32257)
	n.waitHeight(2, 90*time.Second)
	start := time.Now()
	alice, bob := n.addr("alice"), n.addr("bob")
	auth := n.councilPolicy()
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`

	var farm struct {
		Farm struct {
			Farm struct {
				NftScope struct {
					Kind      string `json:"kind"`
					Chain     string `json:"chain"`
					ProductID string `json:"product_id"`
				} `json:"nft_scope"`
			} `json:"farm"`
		} `json:"farm"`
	}
	n.jsonQuery(&farm, "q", "dmc", "farm", "10")
	if s := farm.Farm.Farm.NftScope; s.Kind != "NFT_SCOPE_KIND_CHAIN" || s.Chain != "FIL" {
		t.Fatalf("localnet farm 10 scope %+v, want the FIL chain", s)
	}

	n.hnTx(t, "apply", "FIL", "f01234", "TiB", "2", "10", "30", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	// One council decision approves the product and opens an NFT farm (11) for its NFTs; the
	// farm's message is the one `tx dmc create-nft-farm --generate-only` writes, as the README says.
	gen := n.cli("tx", "dmc", "create-nft-farm", auth, "staked", `{"kind":"NFT_SCOPE_KIND_PRODUCT","product_id":"1"}`, "2",
		"--from", "council1", "--generate-only")
	var genTx struct {
		Body struct {
			Messages []json.RawMessage `json:"messages"`
		} `json:"body"`
	}
	if err := json.Unmarshal([]byte(gen), &genTx); err != nil || len(genTx.Body.Messages) != 1 {
		t.Fatalf("create-nft-farm --generate-only: %v\n%s", err, gen)
	}
	n.councilDecidesWithGas(t, "2000000", fmt.Sprintf(`{"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "1"}, %s`,
		auth, genTx.Body.Messages[0]))
	n.jsonQuery(&farm, "q", "dmc", "farm", "11")
	if s := farm.Farm.Farm.NftScope; s.Kind != "NFT_SCOPE_KIND_PRODUCT" || s.ProductID != "1" {
		t.Fatalf("farm 11 scope %+v, want product 1's NFTs", s)
	}
	n.hnTx(t, "buy", "1", "2", "1000000uusdt", "--from", "alice")
	owned := n.hnOwned(t, alice)
	if len(owned) != 2 {
		t.Fatalf("alice holds %d NFTs, want 2", len(owned))
	}
	nft, other := owned[0].Nft.ID, owned[1].Nft.ID
	t.Logf("product approved, farm 11 opened and NFTs %s, %s bought after %s", nft, other, time.Since(start))

	// The council's product farm takes the product's NFTs by power, then gives the NFT back.
	if code, log := n.sendTx("tx", "dmc", "stake-nft", "11", other, "--from", "alice", "--gas", "1000000"); code != 0 {
		t.Fatalf("stake-nft into farm 11: %d %s", code, log)
	}
	var power11 struct {
		StakedPower flexInt `json:"staked_power"`
	}
	n.jsonQuery(&power11, "q", "dmc", "farm-power", "11")
	if power11.StakedPower != 2 {
		t.Fatalf("farm 11 staked power %d, want 2 (TiB)", power11.StakedPower)
	}
	if code, log := n.sendTx("tx", "dmc", "unstake-nft", other, "--from", "alice", "--gas", "1000000"); code != 0 {
		t.Fatalf("unstake-nft from farm 11: %d %s", code, log)
	}

	// Stake: locked by dmc, still alice's; bob cannot unstake it, alice cannot transfer it.
	if code, log := n.sendTx("tx", "dmc", "stake-nft", "10", nft, "--from", "alice", "--gas", "1000000"); code != 0 {
		t.Fatalf("stake-nft: %d %s", code, log)
	}
	if v := n.lnNFT(nft); v.Owner != alice || v.LockedBy != "dmc" {
		t.Fatalf("staked NFT %+v, want alice's and locked by dmc", v)
	}
	if code, log := n.sendTx("tx", "dmc", "stake-nft", "10", nft, "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "already staked") {
		t.Fatalf("staking twice: code %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "dmc", "unstake-nft", nft, "--from", "bob", "--gas", "1000000"); code == 0 || !strings.Contains(log, "staked by another account") {
		t.Fatalf("bob unstaking alice's NFT: code %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "hashnft", "transfer", nft, bob, "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "held as collateral by dmc") {
		t.Fatalf("transfer of a staked NFT: code %d %s", code, log)
	}
	var power struct {
		StakedPower flexInt `json:"staked_power"`
	}
	n.jsonQuery(&power, "q", "dmc", "farm-power", "10")
	if power.StakedPower != 2 {
		t.Fatalf("farm 10 staked power %d, want 2 (TiB)", power.StakedPower)
	}

	// IFIL in farm 9, beside the NFT; the forecast of farm 10 by power; a claim keeps the NFT staked.
	if code, log := n.sendTx("tx", "dmc", "stake", "9", "1000000000000000000aifil", "--from", "alice"); code != 0 {
		t.Fatalf("stake aifil in farm 9: %d %s", code, log)
	}
	var farm9 struct {
		Farm struct {
			Farm struct {
				Denom       string  `json:"denom"`
				TotalStaked flexInt `json:"total_staked"`
			} `json:"farm"`
		} `json:"farm"`
	}
	n.jsonQuery(&farm9, "q", "dmc", "farm", "9")
	if f := farm9.Farm.Farm; f.Denom != "aifil" || f.TotalStaked < 1_000_000_000_000_000_000 {
		t.Fatalf("farm 9 %+v, want aifil with alice's 1 IFIL staked", f)
	}
	var forecast struct {
		PerDay flexInt `json:"per_day"`
	}
	n.jsonQuery(&forecast, "q", "dmc", "forecast", "10", "2")
	if forecast.PerDay <= 0 {
		t.Fatalf("forecast of 2 TiB in farm 10: %d udmc/day", forecast.PerDay)
	}
	// Pending since the stake (several blocks) is paid: right after the claim it is at most the
	// claim block's and the next one's.
	_, before := n.nfStakes(alice)
	if code, log := n.sendTx("tx", "dmc", "claim", "10", "--from", "alice", "--gas", "1000000"); code != 0 {
		t.Fatalf("claim 10: %d %s", code, log)
	}
	if _, after := n.nfStakes(alice); before <= 0 || after >= before {
		t.Fatalf("pending %dudmc before the claim, %d after: the claim did not pay", before, after)
	}
	if v := n.lnNFT(nft); v.LockedBy != "dmc" {
		t.Fatalf("NFT %+v after a claim, want still staked", v)
	}

	// DMC every block.
	staked, p0 := n.nfStakes(alice)
	if len(staked) != 1 || staked[0] != nft {
		t.Fatalf("alice's staked NFTs %v, want [%s]", staked, nft)
	}
	for i := range 3 {
		h := n.height()
		n.waitHeight(h+1, 30*time.Second)
		_, p := n.nfStakes(alice)
		if p <= p0 {
			t.Fatalf("block %d: pending %dudmc, not above %d", i, p, p0)
		}
		p0 = p
	}

	// The NFT's mining rewards still reach alice.
	a0 := n.hnBalance(t, alice, "aifil")
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "3000aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
		t.Fatalf("deposit: %d %s", code, log)
	}
	waitFor(t, "the payout to the staked NFT's holder", 60*time.Second, func() bool {
		return n.hnBalance(t, alice, "aifil") > a0
	})

	// Unstake: paid at least what was pending, unlocked, and transferable.
	d0 := n.hnBalance(t, alice, "udmc")
	if code, log := n.sendTx("tx", "dmc", "unstake-nft", nft, "--from", "alice", "--gas", "1000000"); code != 0 {
		t.Fatalf("unstake-nft: %d %s", code, log)
	}
	// The fee is paid in udmc too: what was pending before is a lower bound of the payment.
	if got := n.hnBalance(t, alice, "udmc") - d0; got < p0-1_000_000 {
		t.Fatalf("unstake paid %dudmc net of fees, pending was %d", got, p0)
	}
	if staked, _ := n.nfStakes(alice); len(staked) != 0 {
		t.Fatalf("alice still has staked NFTs %v", staked)
	}
	if v := n.lnNFT(nft); v.LockedBy != "" {
		t.Fatalf("unstaked NFT %+v still locked", v)
	}
	if code, log := n.sendTx("tx", "hashnft", "transfer", nft, bob, "--from", "alice", "--gas", "1000000"); code != 0 {
		t.Fatalf("transfer after unstaking: %d %s", code, log)
	}
	if v := n.lnNFT(nft); v.Owner != bob {
		t.Fatalf("NFT %+v after the transfer, want bob's", v)
	}
	t.Logf("done after %s", time.Since(start))
}
