package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// AllocationFile is the small file from which `dmexd genesis allocate` builds the genesis DMC
// allocation of SPEC §2 and the council of SPEC §9. Amounts are coin strings in udmc.
type AllocationFile struct {
	// Team members' accounts: 36 equal monthly tranches, the first one month after genesis.
	Team []Grant `json:"team"`
	// PrivatePlacement investors' accounts: 20% at genesis, then 20% at the end of each quarter.
	PrivatePlacement []Grant `json:"private_placement"`
	// RiskFund goes to the riskfund module account.
	RiskFund string `json:"risk_fund"`
	// Foundation's share: Grants are paid out of it at genesis (validators' self-delegations,
	// demo accounts), the rest stays in the foundation module account for the authority.
	Foundation FoundationShare `json:"foundation"`
	// Council is the 4-of-7 council whose group policy becomes the DMEX authority.
	Council CouncilFile `json:"council"`
}

// Grant is an address and the udmc it receives.
type Grant struct {
	Address string `json:"address"`
	Amount  string `json:"amount"`
}

// FoundationShare is the foundation's allocation and what is paid out of it at genesis.
type FoundationShare struct {
	Amount string  `json:"amount"`
	Grants []Grant `json:"grants"`
}

// CouncilFile describes the council.
type CouncilFile struct {
	Members      []string `json:"members"`
	Threshold    uint64   `json:"threshold"`
	VotingPeriod string   `json:"voting_period"`
}

// ReadAllocationFile reads and strictly decodes an allocation file: unknown fields are errors.
func ReadAllocationFile(path string) (AllocationFile, error) {
	var f AllocationFile
	bz, err := os.ReadFile(path) //nolint:gosec // G304: the operator names the file on the command line
	if err != nil {
		return f, err
	}
	dec := json.NewDecoder(bytes.NewReader(bz))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("allocation file %s: %w", path, err)
	}
	return f, nil
}

// Vesting schedules (SPEC §2), in seconds of block time.
const (
	TeamTranches    = 36
	QuarterSeconds  = 3 * MonthSeconds
	PlacementQuarts = 4
)

// TeamPeriods splits amount in 36 monthly tranches; the last takes the remainder of the division.
func TeamPeriods(amount math.Int) vestingtypes.Periods {
	tranche := amount.QuoRaw(TeamTranches)
	periods := make(vestingtypes.Periods, TeamTranches)
	for i := range periods {
		amt := tranche
		if i == TeamTranches-1 {
			amt = amount.Sub(tranche.MulRaw(TeamTranches - 1))
		}
		periods[i] = vestingtypes.Period{Length: MonthSeconds, Amount: sdk.NewCoins(sdk.NewCoin(BondDenom, amt))}
	}
	return periods
}

// PlacementPeriods: a fifth is free at genesis (not vesting), then four quarterly fifths; the
// last takes the remainder. It returns the vesting periods and the amount free at genesis.
func PlacementPeriods(amount math.Int) (vestingtypes.Periods, math.Int) {
	fifth := amount.QuoRaw(5)
	periods := make(vestingtypes.Periods, PlacementQuarts)
	for i := range periods {
		amt := fifth
		if i == PlacementQuarts-1 {
			amt = amount.Sub(fifth.MulRaw(PlacementQuarts))
		}
		periods[i] = vestingtypes.Period{Length: QuarterSeconds, Amount: sdk.NewCoins(sdk.NewCoin(BondDenom, amt))}
	}
	return periods, fifth
}

func parseUDMC(field, s string) (math.Int, error) {
	coin, err := sdk.ParseCoinNormalized(s)
	if err != nil {
		return math.Int{}, fmt.Errorf("%s: %q is not an amount like 1000000udmc: %w", field, s, err)
	}
	if coin.Denom != BondDenom {
		return math.Int{}, fmt.Errorf("%s: unknown denom %q: the allocation is in %s", field, coin.Denom, BondDenom)
	}
	if !coin.Amount.IsPositive() {
		return math.Int{}, fmt.Errorf("%s: amount must be positive, got %s", field, s)
	}
	return coin.Amount, nil
}

// ApplyAllocation writes the allocation into appState (auth accounts, bank balances and supply,
// x/dmc's allocation, x/dao's council). appState changes only if every check passes.
func ApplyAllocation(cdc codec.Codec, appState map[string]json.RawMessage, f AllocationFile, genesisTime time.Time) error {
	accCodec := addresscodec.NewBech32Codec(Bech32Prefix)

	var dmcGen dmctypes.GenesisState
	if err := cdc.UnmarshalJSON(appState[dmctypes.ModuleName], &dmcGen); err != nil {
		return fmt.Errorf("read %s genesis: %w", dmctypes.ModuleName, err)
	}
	if len(dmcGen.Allocation) > 0 {
		return fmt.Errorf("the genesis is already allocated (%d lines in app_state.dmc.allocation)", len(dmcGen.Allocation))
	}

	// 1. The lines.
	var lines []dmctypes.Allocation
	add := func(category, field string, g Grant, vesting bool) error {
		if _, err := accCodec.StringToBytes(g.Address); err != nil {
			return fmt.Errorf("%s: address %q: %w", field, g.Address, err)
		}
		amt, err := parseUDMC(field, g.Amount)
		if err != nil {
			return err
		}
		lines = append(lines, dmctypes.Allocation{Category: category, Address: g.Address, Amount: amt, Vesting: vesting})
		return nil
	}
	for i, g := range f.Team {
		if err := add(dmctypes.CategoryTeam, fmt.Sprintf("team[%d]", i), g, true); err != nil {
			return err
		}
	}
	for i, g := range f.PrivatePlacement {
		if err := add(dmctypes.CategoryPrivatePlacement, fmt.Sprintf("private_placement[%d]", i), g, true); err != nil {
			return err
		}
	}
	riskFund, err := parseUDMC("risk_fund", f.RiskFund)
	if err != nil {
		return err
	}
	lines = append(lines, dmctypes.Allocation{Category: dmctypes.CategoryRiskFund,
		Address: authtypes.NewModuleAddress(modaccounts.RiskFund).String(), Amount: riskFund})
	foundation, err := parseUDMC("foundation.amount", f.Foundation.Amount)
	if err != nil {
		return err
	}
	granted := math.ZeroInt()
	for i, g := range f.Foundation.Grants {
		if err := add(dmctypes.CategoryFoundation, fmt.Sprintf("foundation.grants[%d]", i), g, false); err != nil {
			return err
		}
		granted = granted.Add(lines[len(lines)-1].Amount)
	}
	if granted.GT(foundation) {
		return fmt.Errorf("foundation.grants add up to %s%s, more than the foundation's %s%s", granted, BondDenom, foundation, BondDenom)
	}
	if rest := foundation.Sub(granted); rest.IsPositive() {
		lines = append(lines, dmctypes.Allocation{Category: dmctypes.CategoryFoundation,
			Address: authtypes.NewModuleAddress(modaccounts.Foundation).String(), Amount: rest})
	}
	if err := dmctypes.ValidateAllocation(accCodec, lines, dmcGen.Params.GenesisSupply); err != nil {
		return err
	}

	// 2. The council.
	period, err := time.ParseDuration(f.Council.VotingPeriod)
	if err != nil {
		return fmt.Errorf("council.voting_period %q: %w", f.Council.VotingPeriod, err)
	}
	council := &daotypes.CouncilBootstrap{Members: f.Council.Members, Threshold: f.Council.Threshold, VotingPeriod: period}
	if err := council.Validate(accCodec); err != nil {
		return fmt.Errorf("council: %w", err)
	}

	// 3. Accounts and balances.
	authGen := authtypes.GetGenesisStateFromAppState(cdc, appState)
	accounts, err := authtypes.UnpackAccounts(authGen.Accounts)
	if err != nil {
		return err
	}
	bankGen := banktypes.GetGenesisStateFromAppState(cdc, appState)
	for _, b := range bankGen.Balances {
		if amt := b.Coins.AmountOf(BondDenom); amt.IsPositive() {
			return fmt.Errorf("account %s already holds %s%s in the genesis: DMC must come only from the allocation", b.Address, amt, BondDenom)
		}
	}
	if amt := bankGen.Supply.AmountOf(BondDenom); amt.IsPositive() {
		return fmt.Errorf("the genesis supply already has %s%s: DMC must come only from the allocation", amt, BondDenom)
	}
	index := map[string]int{}
	for i, acc := range accounts {
		index[acc.GetAddress().String()] = i
	}
	setAccount := func(acc authtypes.GenesisAccount) {
		if i, ok := index[acc.GetAddress().String()]; ok {
			accounts[i] = acc
			return
		}
		index[acc.GetAddress().String()] = len(accounts)
		accounts = append(accounts, acc)
	}
	baseAccount := func(addr sdk.AccAddress) (*authtypes.BaseAccount, error) {
		i, ok := index[addr.String()]
		if !ok {
			return authtypes.NewBaseAccountWithAddress(addr), nil
		}
		base, ok := accounts[i].(*authtypes.BaseAccount)
		if !ok {
			return nil, fmt.Errorf("account %s is already a %T in the genesis; the allocation needs a plain account", addr, accounts[i])
		}
		return base, nil
	}
	start := genesisTime.Unix()
	total := math.ZeroInt()
	for _, l := range lines {
		addr := sdk.MustAccAddressFromBech32(l.Address)
		coins := sdk.NewCoins(sdk.NewCoin(BondDenom, l.Amount))
		total = total.Add(l.Amount)
		bankGen.Balances = append(bankGen.Balances, banktypes.Balance{Address: l.Address, Coins: coins})
		switch {
		case l.Category == dmctypes.CategoryRiskFund:
			setAccount(authtypes.NewEmptyModuleAccount(modaccounts.RiskFund))
		case l.Category == dmctypes.CategoryFoundation && !l.Vesting && l.Address == authtypes.NewModuleAddress(modaccounts.Foundation).String():
			setAccount(authtypes.NewEmptyModuleAccount(modaccounts.Foundation))
		case l.Vesting:
			base, err := baseAccount(addr)
			if err != nil {
				return err
			}
			periods := TeamPeriods(l.Amount)
			if l.Category == dmctypes.CategoryPrivatePlacement {
				periods, _ = PlacementPeriods(l.Amount)
			}
			vesting, err := vestingtypes.NewPeriodicVestingAccount(base, periods.TotalAmount(), start, periods)
			if err != nil {
				return fmt.Errorf("vesting account %s: %w", l.Address, err)
			}
			setAccount(vesting)
		default:
			base, err := baseAccount(addr)
			if err != nil {
				return err
			}
			setAccount(base)
		}
	}
	bankGen.Balances = banktypes.SanitizeGenesisBalances(mergeBalances(bankGen.Balances))
	if !bankGen.Supply.Empty() {
		bankGen.Supply = bankGen.Supply.Add(sdk.NewCoin(BondDenom, total))
	}
	if !hasMetadata(bankGen.DenomMetadata, BondDenom) {
		bankGen.DenomMetadata = append(bankGen.DenomMetadata, DMCMetadata())
	}

	// 4. Write everything back.
	packed, err := authtypes.PackAccounts(authtypes.SanitizeGenesisAccounts(accounts))
	if err != nil {
		return err
	}
	authGen.Accounts = packed
	dmcGen.Allocation = lines
	daoGen := daotypes.GenesisState{Council: council}
	authBz, err := cdc.MarshalJSON(&authGen)
	if err != nil {
		return err
	}
	bankBz, err := cdc.MarshalJSON(bankGen)
	if err != nil {
		return err
	}
	dmcBz, err := cdc.MarshalJSON(&dmcGen)
	if err != nil {
		return err
	}
	daoBz, err := cdc.MarshalJSON(&daoGen)
	if err != nil {
		return err
	}
	riskfundBz, err := riskfundGenesisWith(cdc, appState[riskfundtypes.ModuleName], sdk.NewCoin(BondDenom, riskFund))
	if err != nil {
		return err
	}
	appState[authtypes.ModuleName] = authBz
	appState[banktypes.ModuleName] = bankBz
	appState[dmctypes.ModuleName] = dmcBz
	appState[daotypes.ModuleName] = daoBz
	appState[riskfundtypes.ModuleName] = riskfundBz
	return nil
}

// riskfundGenesisWith adds the fund's allocation to x/riskfund's books of its denom (x/riskfund's
// genesis checks that its account holds exactly its books).
func riskfundGenesisWith(cdc codec.JSONCodec, bz json.RawMessage, c sdk.Coin) (json.RawMessage, error) {
	gs := riskfundtypes.DefaultGenesis()
	if len(bz) > 0 {
		if err := cdc.UnmarshalJSON(bz, gs); err != nil {
			return nil, fmt.Errorf("riskfund genesis: %w", err)
		}
	}
	found := false
	for i := range gs.Books {
		if gs.Books[i].Denom == c.Denom {
			gs.Books[i].Balance = gs.Books[i].Balance.Add(c.Amount)
			found = true
		}
	}
	if !found {
		b := riskfundtypes.NewBooks(c.Denom)
		b.Balance = c.Amount
		gs.Books = append(gs.Books, b)
	}
	if err := gs.Validate(); err != nil {
		return nil, fmt.Errorf("riskfund genesis with the allocation: %w", err)
	}
	return cdc.MarshalJSON(gs)
}

// mergeBalances merges the lines of one address into one (an address may already hold other
// denoms when DMC is added).
func mergeBalances(in []banktypes.Balance) []banktypes.Balance {
	index := map[string]int{}
	var out []banktypes.Balance
	for _, b := range in {
		if i, ok := index[b.Address]; ok {
			out[i].Coins = out[i].Coins.Add(b.Coins...)
			continue
		}
		index[b.Address] = len(out)
		out = append(out, b)
	}
	return out
}

func hasMetadata(md []banktypes.Metadata, base string) bool {
	for _, m := range md {
		if m.Base == base {
			return true
		}
	}
	return false
}

// DMCMetadata describes DMC for wallets: 1 DMC = 10^6 udmc.
func DMCMetadata() banktypes.Metadata {
	return banktypes.Metadata{
		Description: "DMC, the DMEX platform token",
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: BondDenom, Exponent: 0},
			{Denom: "dmc", Exponent: 6},
		},
		Base: BondDenom, Display: "dmc", Name: "DMC", Symbol: "DMC",
	}
}
