// Package accounts is DMEX's one way of reading an account address a user sends: bech32 accepts
// an all-uppercase spelling of the same account, so every module parses the string and stores,
// compares and emits only the canonical (lowercase) spelling that Parse returns.
package accounts

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Parse reads s (what names the field) and returns the account's bytes and canonical spelling.
// Its errors wrap invalid, the calling module's registered error, naming the field and the value.
func Parse(ac address.Codec, invalid *errorsmod.Error, what, s string) (sdk.AccAddress, string, error) {
	bz, err := ac.StringToBytes(s)
	if err != nil {
		return nil, "", errorsmod.Wrapf(invalid, "%s %q: %v", what, s, err)
	}
	if len(bz) == 0 {
		return nil, "", errorsmod.Wrapf(invalid, "%s is empty", what)
	}
	canonical, err := ac.BytesToString(bz)
	if err != nil {
		return nil, "", errorsmod.Wrapf(invalid, "%s %q: %v", what, s, err)
	}
	return bz, canonical, nil
}
