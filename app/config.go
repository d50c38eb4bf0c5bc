package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the name of the chain's binary and app.
	AppName = "dmexd"
	// Bech32Prefix is the account address prefix: dmex1...
	Bech32Prefix = "dmex"
	// BondDenom is the staking, fee and governance denom.
	BondDenom = "udmc"
	// DaySeconds and MonthSeconds are the SPEC §1 epochs measured on block time.
	DaySeconds   = 86_400
	MonthSeconds = 2_628_000
)

// SetAddressPrefixes makes the SDK use dmex1..., dmexvaloper1..., dmexvalcons1... everywhere.
// It must run before any address is encoded; it is idempotent.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
	sdk.DefaultBondDenom = BondDenom
}

func init() { SetAddressPrefixes() }
