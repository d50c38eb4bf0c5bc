package accounts_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
)

var errInvalid = errorsmod.Register("accounts_test", 2, "invalid address")

func TestParseCanonicalizes(t *testing.T) {
	ac := addresscodec.NewBech32Codec("dmex")
	raw := sdk.AccAddress([]byte("01234567890123456789"))
	lower, err := ac.BytesToString(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{lower, strings.ToUpper(lower)} {
		bz, s, err := accounts.Parse(ac, errInvalid, "owner", in)
		if err != nil || s != lower || !bz.Equals(raw) {
			t.Fatalf("Parse(%q) = %v, %q, %v; want %q", in, bz, s, err, lower)
		}
	}
	for _, bad := range []string{"", "dmex1xyz", "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", strings.ToUpper(lower[:10]) + lower[10:]} {
		_, _, err := accounts.Parse(ac, errInvalid, "owner", bad)
		if !errInvalid.Is(err) || !strings.Contains(err.Error(), "owner") {
			t.Fatalf("Parse(%q): %v, want the caller's registered error naming the field", bad, err)
		}
	}
}
