// Package modaccounts names the DMEX module accounts and their permissions in one place, with
// the contract of the shared ones that several modules pay into (the revenue ledger, the risk
// fund). Any module imports it without importing another module's keeper or types: it depends on
// the SDK only. app/app.go builds its module-account permissions and its blocked addresses from
// Permissions, so an account added here is created, permissioned and blocked from bank sends at
// once.
//
// A module's own account carries the module's name (x/<module>/types.ModuleName); the test of
// this package checks that each such name here is the module's.
package modaccounts

import (
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// The DMEX module accounts.
const (
	// Dao is x/dao's account (not used for funds today).
	Dao = "dao"
	// Foundation holds the foundation's DMC; x/dao pays its grants (SPEC §2).
	Foundation = "foundation"
	// Dmc is x/dmc's account: it mints DMC and holds the mining rewards not yet claimed.
	Dmc = "dmc"
	// DmcStake holds the coins staked in x/dmc's farms.
	DmcStake = "dmcstake"
	// Revenue holds the platform revenue (SPEC §7). Only x/dmc's revenue ledger moves coins in
	// and out of it (RevenueLedger); its books check holds the account to the ledger exactly.
	Revenue = "revenue"
	// RiskFund is the risk-control fund (SPEC §2, §8): 10,000,000 DMC at genesis, forfeited
	// application deposits, insurance premiums and what anyone deposits. x/riskfund owns its books
	// (per denom, checked against the account after every block in the tests); other modules pay
	// in only through RiskFundLedger (riskfund.go).
	RiskFund = "riskfund"
	// Hashnft holds pending application deposits and the funds locked by auction bids.
	Hashnft = "hashnft"
	// HashnftEscrow holds each product's primary sale proceeds after the channel fee.
	HashnftEscrow = "hashnftescrow"
	// Escrow is x/escrow's account: reward deposits not yet paid and termination refunds.
	Escrow = "escrow"
	// Oracle is x/oracle's account: the IFIL peg mints aifil for attested deposits and burns it
	// for withdrawals.
	Oracle = "oracle"
	// Lending is x/lending's account: the principal locked by open offers, IFIL collateral of
	// open requests and active loans (x/lending's books, checked against it after every block).
	Lending = "lending"
	// Amm is x/amm's account: every pool's reserves (x/amm's books, checked against it after
	// every block); it mints and burns the pools' share denoms amm/pool/{id}.
	Amm = "amm"
	// AmmBuyback holds the platform revenue set aside for the monthly buyback (SPEC §7) and, within
	// one slice, the DMC bought before x/dmc burns it.
	AmmBuyback = "ammbuyback"
	// Jointmine is x/jointmine's account: every pool's liquid IFIL and unpaid maturity fund and
	// the pending applications' deposits (x/jointmine's books); it mints and burns the pools'
	// dToken denoms jointmine/pool/{id}.
	Jointmine = "jointmine"
)

// Permissions returns the DMEX module accounts with what each may do (a fresh map: callers may
// add the SDK's accounts to it). Every account here is blocked from plain bank sends: coins reach
// it only through its module's keeper, so its books can be exact.
func Permissions() map[string][]string {
	return map[string][]string{
		Dao:           nil,
		Foundation:    nil,
		Dmc:           {authtypes.Minter, authtypes.Burner},
		DmcStake:      nil,
		Revenue:       nil,
		RiskFund:      nil,
		Hashnft:       nil,
		HashnftEscrow: nil,
		Escrow:        nil,
		Oracle:        {authtypes.Minter, authtypes.Burner},
		Lending:       nil,
		Amm:           {authtypes.Minter, authtypes.Burner},
		AmmBuyback:    {authtypes.Burner},
		Jointmine:     {authtypes.Minter, authtypes.Burner},
	}
}
