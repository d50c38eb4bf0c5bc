package types

import (
	"context"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DecisionMsg is what one message of a proposal decides: an item of the module, approved or
// rejected, by the signer that must be the current DMEX authority.
type DecisionMsg struct {
	ItemID    uint64
	Authority string
	Approve   bool // else reject
}

// Decider is what a module whose items are approved by governance (x/hashnft's product
// applications, joint-mining pools, ...) registers with x/dao (Keeper.RegisterDecider), so that
// the council's and x/gov's proposals that decide its items get x/dao's hooks and queries. x/dao
// only reads through it: an item is closed by the proposal's own message, executed by the
// module, or expires in the module, never by a hook.
type Decider interface {
	// Decision reads msg: ok when msg is one of the module's decision messages (whatever its
	// fields hold), with the item it decides, its signer, and whether it approves or rejects.
	Decision(msg sdk.Msg) (d DecisionMsg, ok bool)
	// ItemState says whether an item is still pending, or approved (neither: rejected, expired,
	// or otherwise closed). An unknown item is an error.
	ItemState(ctx context.Context, itemID uint64) (pending, approved bool, err error)
}

// IsDecisionMsgName says whether a message type URL names a DMEX decision message: a message of
// a dmex.* proto package named MsgApprove… or MsgReject…. Every such message must be claimed by
// a registered Decider of its own module (checked when the app registers its services).
func IsDecisionMsgName(typeURL string) bool {
	name := strings.TrimPrefix(typeURL, "/")
	if !strings.HasPrefix(name, "dmex.") {
		return false
	}
	msg := name[strings.LastIndex(name, ".")+1:]
	return strings.HasPrefix(msg, "MsgApprove") || strings.HasPrefix(msg, "MsgReject")
}

// DecisionMsgModule is the module of a DMEX message type URL: "hashnft" for
// "/dmex.hashnft.v1.MsgApproveApplication".
func DecisionMsgModule(typeURL string) string {
	parts := strings.Split(strings.TrimPrefix(typeURL, "/"), ".")
	if len(parts) < 3 || parts[0] != "dmex" {
		return ""
	}
	return parts[1]
}
