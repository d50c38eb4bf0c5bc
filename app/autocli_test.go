package app_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"cosmossdk.io/client/v2/autocli"

	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/cmd/dmexd/cmd"
	"github.com/dmexchain/dmex/testutil"
)

// dmexModules are the modules whose AutoCLI descriptors are ours (the SDK's are the SDK's).
func dmexModules(t *testing.T) map[string]*autocliv1.ModuleOptions {
	t.Helper()
	e := testutil.New(t, testutil.Options{Accounts: 1})
	out := map[string]*autocliv1.ModuleOptions{}
	for name, m := range e.App.AutoCliOpts().Modules {
		c, ok := m.(autocli.HasAutoCLIConfig)
		if !ok {
			continue
		}
		if o := c.AutoCLIOptions(); o.Tx != nil && strings.HasPrefix(o.Tx.Service, "dmex.") {
			out[name] = o
		}
	}
	for _, want := range []string{"dao", "dmc", "escrow", "hashnft", "oracle", "riskfund", "lending", "amm", "jointmine"} {
		if out[want] == nil {
			t.Fatalf("x/%s has no AutoCLI options", want)
		}
	}
	return out
}

// Every RPC of every DMEX module's Query and Msg service has a command (none skipped), every
// command names a method of its service and only fields of the method's request (a wrong name
// panics dmexd at start), and has a Short and an Example that invokes that very command.
func TestAutoCLICoversEveryRPC(t *testing.T) {
	for name, opts := range dmexModules(t) {
		for verb, svc := range map[string]*autocliv1.ServiceCommandDescriptor{"q": opts.Query, "tx": opts.Tx} {
			if svc == nil {
				t.Errorf("x/%s has no %s commands", name, verb)
				continue
			}
			d, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc.Service))
			if err != nil {
				t.Fatal(err)
			}
			sd := d.(protoreflect.ServiceDescriptor)
			covered := map[string]bool{}
			for _, o := range svc.RpcCommandOptions {
				m := sd.Methods().ByName(protoreflect.Name(o.RpcMethod))
				if m == nil {
					t.Errorf("%s has no method %s", svc.Service, o.RpcMethod)
					continue
				}
				if o.Skip {
					t.Errorf("%s.%s is skipped: every RPC must be reachable from the CLI", svc.Service, o.RpcMethod)
				}
				covered[o.RpcMethod] = true
				fields := m.Input().Fields()
				for _, a := range o.PositionalArgs {
					if fields.ByName(protoreflect.Name(a.ProtoField)) == nil {
						t.Errorf("%s: positional %s is not a field of %s", o.RpcMethod, a.ProtoField, m.Input().FullName())
					}
				}
				for f := range o.FlagOptions {
					if fields.ByName(protoreflect.Name(f)) == nil {
						t.Errorf("%s: flag %s is not a field of %s", o.RpcMethod, f, m.Input().FullName())
					}
				}
				if o.Short == "" {
					t.Errorf("%s.%s has no Short", svc.Service, o.RpcMethod)
				}
				use := strings.Fields(o.Use)
				if len(use) == 0 {
					t.Errorf("%s.%s has no Use", svc.Service, o.RpcMethod)
					continue
				}
				prefix := "dmexd " + verb + " " + name + " " + use[0]
				if o.Example == "" {
					t.Errorf("%s.%s has no Example", svc.Service, o.RpcMethod)
				}
				for _, line := range strings.Split(o.Example, "\n") {
					if line != prefix && !strings.HasPrefix(line, prefix+" ") {
						t.Errorf("%s.%s: example %q does not start with %q", svc.Service, o.RpcMethod, line, prefix)
					}
				}
			}
			for i := 0; i < sd.Methods().Len(); i++ {
				if m := string(sd.Methods().Get(i).Name()); !covered[m] {
					t.Errorf("%s.%s has no command", svc.Service, m)
				}
			}
		}
	}
}

// Every Example of a DMEX command, and every dmexd command of a DMEX module in the READMEs,
// parses against the real root command: the command exists, its flags exist, and it is given
// as many arguments as it takes.
func TestCLIExamplesAndREADMEParse(t *testing.T) {
	root := cmd.NewRootCmd()
	root.PersistentFlags().String(flags.FlagHome, app.DefaultNodeHome, "") // as svrcmd.Execute adds it in main
	var lines []string
	for _, opts := range dmexModules(t) {
		for _, svc := range []*autocliv1.ServiceCommandDescriptor{opts.Query, opts.Tx} {
			for _, o := range svc.RpcCommandOptions {
				lines = append(lines, strings.Split(o.Example, "\n")...)
			}
		}
	}
	readmes, err := filepath.Glob("../x/*/README.md")
	if err != nil {
		t.Fatal(err)
	}
	readmes = append(readmes, "../README.md")
	sort.Strings(readmes)
	dmexCmd := regexp.MustCompile(`^dmexd (tx|q|query) (dao|dmc|escrow|hashnft|oracle|riskfund|lending|amm|jointmine) `)
	found := 0
	for _, path := range readmes {
		bz, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range commandLines(string(bz)) {
			if dmexCmd.MatchString(l) {
				lines = append(lines, l)
				found++
			}
		}
	}
	if found < 10 {
		t.Fatalf("only %d dmexd commands found in the READMEs", found)
	}
	for _, line := range lines {
		if msg := parses(root, line); msg != "" {
			t.Errorf("%s: %s", line, msg)
		}
		// AutoCLI reads an enum argument by its short name ("staked"), not the proto name.
		for _, w := range shellWords(line) {
			if enumProtoName.MatchString(w) {
				t.Errorf("%s: argument %s is an enum's proto name; AutoCLI takes its short name", line, w)
			}
		}
	}
}

// enumProtoName is a whole word like PROGRAM_STAKED (inside JSON, protojson takes these).
var enumProtoName = regexp.MustCompile(`^[A-Z]+(_[A-Z]+)+$`)

// commandLines are the lines of a README's code blocks that run dmexd, continuation lines
// joined and comments cut.
func commandLines(readme string) []string {
	var out []string
	inBlock, cur := false, ""
	for _, l := range strings.Split(readme, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inBlock = !inBlock
			continue
		}
		if !inBlock {
			continue
		}
		l = strings.TrimSpace(l)
		if cur != "" {
			l = cur + " " + l
			cur = ""
		}
		if strings.HasSuffix(l, "\\") {
			cur = strings.TrimSuffix(l, "\\")
			continue
		}
		if i := strings.Index(l, " # "); i >= 0 {
			l = l[:i]
		}
		if strings.HasPrefix(l, "dmexd ") {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

var subshell = regexp.MustCompile(`\$\([^()]*\)`)

// parses is what is wrong with a dmexd command line for the root command, or "". Subshells
// and $POLICY stand for one address; a bare $VAR stands for flags (dropped) unless it is a flag's
// value.
func parses(root *cobra.Command, line string) string {
	words := shellWords(subshell.ReplaceAllString(line, "dmex1placeholder"))
	var args []string
	for i, w := range words[1:] {
		if w == "$POLICY" { // the council's address, set in the README's "Governance"
			w = "dmex1placeholder"
		}
		if strings.HasPrefix(w, "$") {
			if prev := words[i]; strings.HasPrefix(prev, "--") && !strings.Contains(prev, "=") {
				w = "value"
			} else {
				continue
			}
		}
		if w == "…" { // the README's "as above", for a JSON flag
			if prev := words[i]; strings.HasPrefix(prev, "--") {
				w = "{}"
			} else {
				continue
			}
		}
		args = append(args, w)
	}
	c, rest, err := root.Find(args)
	if err != nil {
		return err.Error()
	}
	if len(args) < 3 || c.Name() != args[2] {
		return "found the command " + c.CommandPath()
	}
	c.InitDefaultHelpFlag()
	if err := c.ParseFlags(rest); err != nil {
		return err.Error()
	}
	if err := c.ValidateArgs(c.Flags().Args()); err != nil {
		return err.Error()
	}
	return ""
}

// shellWords splits a command line as a shell would, for the quoting the READMEs use.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}
