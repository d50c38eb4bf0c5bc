// Package cli holds the few helpers every DMEX module's AutoCLI descriptors (autocli.go) use, so
// that the commands read alike: positional arguments named by their request fields, the
// authority's messages with the authority first, and one spelling of examples.
//
// The pattern, for a module's autocli.go:
//   - a user's message takes its signer from --from (AutoCLI fills the signer field), the other
//     fields as positional arguments: Args("product_id", "quantity", "max_unit_price");
//   - a message only the DMEX authority sends takes the authority as its first argument, so that
//     `--generate-only` prints the message for a council or gov proposal: Authority("farm_id"),
//     and its Short ends with AuthorityNote;
//   - every command, query or tx, has an Example made with Example (a realistic invocation, the
//     way the module's README walks it);
//   - every RPC of the module's Query and Msg services has a command: app/autocli_test.go checks it
//     for every DMEX module, with each command's Short and Example, and parses every Example and
//     every dmexd command of the READMEs against the real root command.
package cli

import (
	"strings"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AuthorityNote ends the Short of a command whose message only the DMEX authority sends.
const AuthorityNote = "(DMEX authority; send through a council or gov proposal, --generate-only prints it)"

// Args are positional arguments, one per request field, in order.
func Args(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return out
}

// Varargs is Args whose last field is repeated and takes every remaining argument.
func Varargs(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := Args(fields...)
	if len(out) > 0 {
		out[len(out)-1].Varargs = true
	}
	return out
}

// Authority is the positional arguments of an authority's message: "authority", then fields.
func Authority(fields ...string) []*autocliv1.PositionalArgDescriptor {
	return Args(append([]string{"authority"}, fields...)...)
}

// AuthorityVarargs is Authority whose last field is repeated.
func AuthorityVarargs(fields ...string) []*autocliv1.PositionalArgDescriptor {
	return Varargs(append([]string{"authority"}, fields...)...)
}

// Example is a command's Example: each line a dmexd invocation without the leading "dmexd ".
func Example(lines ...string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = "dmexd " + l
	}
	return strings.Join(out, "\n")
}

// ExampleAuthority is the authority in examples: x/gov's account, the DMEX authority once the
// council hands over (during the council phase it is the council's group policy, `dmexd q dao
// authority`).
const ExampleAuthority = "dmex10d07y265gmmuvt4z0w9aw880jnsr700j5l0ldr"
