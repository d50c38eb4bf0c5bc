package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var (
	webOnce sync.Once
	webErr  error
)

// buildWeb runs scripts/web.sh (npm ci when needed, then esbuild) once: web/dist and the test
// wallet web/dist-test/testwallet.js.
func buildWeb(t *testing.T) {
	t.Helper()
	webOnce.Do(func() {
		cmd := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "web.sh"))
		if out, err := cmd.CombinedOutput(); err != nil {
			webErr = fmt.Errorf("scripts/web.sh: %w\n%s", err, out)
		}
	})
	if webErr != nil {
		t.Fatal(webErr)
	}
}

// chromium is Debian's chromium (scripts/web-deps.sh installs it), or $CHROMIUM. Without it the
// test is skipped, unless DMEX_WEB_REQUIRED=1 (make test-web, CI) makes that a failure.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DMEX_WEB_REQUIRED") == "1" {
		t.Fatal("no chromium: run scripts/web-deps.sh")
	}
	t.Skip("no chromium (scripts/web-deps.sh installs it; make test-web)")
	return ""
}

// exportKey is the hex private key of a key of the node's test keyring.
func (n *node) exportKey(t *testing.T, name string) string {
	t.Helper()
	cmd := exec.Command(n.bin, "keys", "export", name, "--unarmored-hex", "--unsafe", "--keyring-backend", "test", "--home", n.home)
	cmd.Stdin = strings.NewReader("y\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("keys export %s: %v", name, err)
	}
	key := strings.TrimSpace(string(out))
	if len(key) != 64 {
		t.Fatalf("keys export %s: %d hex digits, want 64", name, len(key))
	}
	return key
}

// sixDecimals formats an amount of a 6-decimal denom as the app does ("1960000" -> "1.96").
func sixDecimals(amount string) string {
	s := amount
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	whole, frac := strings.TrimLeft(s[:len(s)-6], "0"), strings.TrimRight(s[len(s)-6:], "0")
	if whole == "" {
		whole = "0"
	}
	if frac != "" {
		return whole + "." + frac
	}
	return whole
}

// browser drives one headless Chromium tab; shot saves a screenshot into dir and logs its path.
type browser struct {
	t   *testing.T
	ctx context.Context
	dir string
}

func (b *browser) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		b.t.Fatalf("browser: %s: %v (page message: %q)", what, err, b.text("#msg"))
	}
}

func (b *browser) shot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.t.Logf("screenshot: %s", path)
}

// text is the text of the first element matching sel, or "" if there is none.
func (b *browser) text(sel string) string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q)||{}).textContent||""`, sel)))
	return s
}

// eval evaluates js in the page and returns its value.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("browser: evaluate %s: %v", js, err)
	}
	return v
}

// waitText waits until the element sel's text contains want.
func (b *browser) waitText(sel, want string, timeout time.Duration) string {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if s := b.text(sel); strings.Contains(s, want) {
			return s
		}
		time.Sleep(300 * time.Millisecond)
	}
	b.shot("timeout-" + strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, sel), "-"))
	b.t.Fatalf("browser: %s does not show %q after %s: %q (page message: %q)", sel, want, timeout, b.text(sel), b.text("#msg"))
	return ""
}

// message waits for the page's message of the kind ok or error after an action and returns it.
func (b *browser) message(kind string, timeout time.Duration) string {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		k, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#msg").dataset.kind||""`))
		cancel()
		if k == "ok" || k == "error" {
			msg := b.text("#msg")
			if k != kind {
				b.shot("unexpected-" + k)
				b.t.Fatalf("browser: page says %s %q, want a message of kind %s", k, msg, kind)
			}
			return msg
		}
		time.Sleep(300 * time.Millisecond)
	}
	b.t.Fatalf("browser: no %s message after %s (page message: %q)", kind, timeout, b.text("#msg"))
	return ""
}

// clearMessage resets the page's message so that message() waits for the next one.
func (b *browser) clearMessage() {
	b.t.Helper()
	_ = eval[int](b, `(()=>{const m=document.querySelector("#msg");m.dataset.kind="";m.textContent="";m.hidden=true;return 0})()`)
}

// The web app in headless Chromium against a real localnet (issue #21 item 4): the app is served
// by scripts/localnet.sh (WEB_PORT), a test wallet implementing the Keplr API over alice's key of
// the test keyring connects, buys NFTs of a product the miner applied for and the council
// approved, sees them under My NFTs, sees their rewards arrive after the miner's deposit, lists
// one and sees the listing on the market. Bad input: a purchase the chain refuses shows the
// chain's registered error and changes nothing; a rejected signature and a mistyped address send
// nothing; a node that is down is said so.
func TestWebAppInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	exe := chromium(t)
	t.Parallel()
	buildWeb(t)
	// The node takes rpc-1, rpc+1, rpc-25340 and rpc-27567 (startLocalnet); the app rpc+2.
	const rpc, webPort = 31757, 31759
	n, cmd, _ := startLocalnet(t, rpc, fmt.Sprintf("WEB_PORT=%d", webPort))
	n.waitHeight(2, 90*time.Second)
	start := time.Now()
	alice := n.addr("alice")
	auth := n.councilPolicy()

	// The product: the miner applies, the council approves (as in TestNFTFarmOverTheCLI).
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`
	n.hnTx(t, "apply", "FIL", "f01234", "TiB", "2", "10", "30", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	// Product 2: an auction of the miner's other node, reserve 0.5 USDT an NFT.
	n.hnTx(t, "apply", "FIL", "f05678", "TiB", "2", "10", "30", "auction", "500000uusdt", "--auction-duration", "1h", "--disclosure", disclosure, "--from", "miner")
	n.councilDecidesWithGas(t, "3000000", fmt.Sprintf(`{"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "1"},
 {"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "2"}`, auth, auth))
	t.Logf("products 1 (fixed price) and 2 (auction) approved after %s", time.Since(start))

	wallet, err := os.ReadFile(filepath.Join(repoRoot(t), "web", "dist-test", "testwallet.js"))
	if err != nil {
		t.Fatal(err)
	}
	inject := fmt.Sprintf("window.__DMEX_TEST_KEY=%q;\n%s", n.exportKey(t, "alice"), wallet)

	dir := os.Getenv("DMEX_WEB_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "dmex-web-artifacts")
	}
	dir = filepath.Join(dir, time.Now().UTC().Format("20060102-150405"))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU, chromedp.WindowSize(1300, 1000))...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	defer cancelCtx()
	// The first call starts the browser and lives as long as ctx: no timeout on it.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	b := &browser{t: t, ctx: ctx, dir: dir}
	url := fmt.Sprintf("http://127.0.0.1:%d/", webPort)

	// Open the app: the product is on sale; connect the wallet.
	b.run("open the app",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: inject})
			return err
		}),
		chromedp.Navigate(url+"#/"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="product-1"]`)),
	)
	b.waitText(`[data-testid="product-1"]`, "Acme Mining Ltd", 10*time.Second)
	b.waitText(`[data-testid="left-1"]`, "10", 10*time.Second)
	b.shot("01-products")
	// A locked wallet: a clear message, nothing connected; unlocked, it connects.
	_ = eval[bool](b, `window.__dmexTestWallet.locked = true`)
	b.clearMessage()
	b.run("connect a locked wallet", chromedp.Click(chromedp.CSS("#connect")))
	if msg := b.message("error", 20*time.Second); !strings.Contains(msg, "locked") {
		t.Fatalf("locked wallet: page says %q", msg)
	}
	if s := b.text("#address"); s != "" {
		t.Fatalf("a locked wallet shows as connected: %q", s)
	}
	_ = eval[bool](b, `window.__dmexTestWallet.locked = false`)
	b.run("connect", chromedp.Click(chromedp.CSS("#connect")), chromedp.WaitVisible(chromedp.CSS("#address")))
	b.waitText("#address", alice, 10*time.Second)
	suggested := eval[[]string](b, `window.__dmexTestWallet.suggested`)
	if len(suggested) != 1 || suggested[0] != "dmex-local-1" {
		t.Fatalf("the app suggested chains %v to the wallet, want [dmex-local-1]", suggested)
	}
	// What it suggested is networks/local/keplr.json with this node's URLs.
	var want map[string]any
	bz, err := os.ReadFile(filepath.Join(repoRoot(t), "networks", "local", "keplr.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(bz, &want); err != nil {
		t.Fatal(err)
	}
	want["rpc"], want["rest"] = fmt.Sprintf("http://127.0.0.1:%d", rpc), fmt.Sprintf("http://127.0.0.1:%d", n.apiPort)
	got := eval[map[string]any](b, `window.__dmexTestWallet.info[0]`)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the app suggested\n%v\nwant networks/local/keplr.json with the node's URLs\n%v", got, want)
	}

	// A purchase the chain refuses (more NFTs than are left): its registered error, nothing bought.
	b.clearMessage()
	b.run("buy 11", chromedp.SetValue(chromedp.CSS("#qty-1"), "11"), chromedp.Click(chromedp.CSS(`[data-buy="1"]`)))
	if msg := b.message("error", 60*time.Second); !strings.Contains(msg, "not enough NFTs left") {
		t.Fatalf("refused purchase: page says %q, want the chain's \"not enough NFTs left\"", msg)
	}
	b.shot("02-refused-purchase")
	if owned := n.hnOwned(t, alice); len(owned) != 0 {
		t.Fatalf("after a refused purchase alice holds %d NFTs", len(owned))
	}

	// Buy 2: the tx's block is shown; the product shows them sold.
	b.clearMessage()
	b.run("buy 2", chromedp.SetValue(chromedp.CSS("#qty-1"), "2"), chromedp.Click(chromedp.CSS(`[data-buy="1"]`)))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "done in block") {
		t.Fatalf("purchase: page says %q", msg)
	}
	b.waitText(`[data-testid="sold-1"]`, "2", 20*time.Second)
	b.waitText(`[data-testid="left-1"]`, "8", 20*time.Second)
	// A bid in product 2's auction: the page shows the auction's live clearing price.
	b.waitText(`[data-testid="clearing-2"]`, "no bids yet", 10*time.Second)
	b.clearMessage()
	b.run("bid", chromedp.SetValue(chromedp.CSS("#qty-2"), "1"), chromedp.SetValue(chromedp.CSS("#bid-2"), "0.6"), chromedp.Click(chromedp.CSS(`[data-bid="2"]`)))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "Bid on product #2: done in block") {
		t.Fatalf("bid: page says %q", msg)
	}
	var prod2 struct {
		Product struct {
			AuctionID string `json:"auction_id"`
		} `json:"product"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/hashnft/v1/products/2", n.apiPort), &prod2); err != nil {
		t.Fatal(err)
	}
	var auc struct {
		ClearingPrice struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"clearing_price"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/hashnft/v1/auctions/%s", n.apiPort, prod2.Product.AuctionID), &auc); err != nil {
		t.Fatal(err)
	}
	if auc.ClearingPrice.Denom != "uusdt" || auc.ClearingPrice.Amount == "0" {
		t.Fatalf("auction %s's clearing price %+v after alice's bid", prod2.Product.AuctionID, auc.ClearingPrice)
	}
	if s, want := b.text(`[data-testid="clearing-2"]`), sixDecimals(auc.ClearingPrice.Amount)+" USDT"; s != want {
		t.Fatalf("the page shows auction 2's clearing price %q, the chain %q", s, want)
	}
	b.shot("02b-bid")

	owned := n.hnOwned(t, alice)
	if len(owned) != 2 {
		t.Fatalf("alice holds %d NFTs after buying 2 in the app", len(owned))
	}
	nft := owned[0].Nft.ID
	t.Logf("bought NFTs %s and %s in the browser after %s", owned[0].Nft.ID, owned[1].Nft.ID, time.Since(start))

	// My NFTs: both, with nothing earned yet; the miner deposits; the rewards arrive.
	b.run("my NFTs", chromedp.Navigate(url+"#/nfts"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-testid="nft-%s"]`, nft))))
	b.waitText(fmt.Sprintf(`[data-testid="nft-%s"]`, owned[1].Nft.ID), "2 TiB", 10*time.Second)
	if s := b.text(fmt.Sprintf(`[data-testid="earned-%s"]`, nft)); !strings.HasPrefix(s, "0 ") && s != "–" {
		t.Fatalf("NFT %s earned %q before any deposit", nft, s)
	}
	b.shot("03-my-nfts")
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "2000000000000000000aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
		t.Fatalf("deposit: %d %s", code, log)
	}
	waitFor(t, "the rewards on My NFTs", 90*time.Second, func() bool {
		b.run("refresh", chromedp.Click(chromedp.CSS("#refresh")))
		time.Sleep(time.Second)
		s := b.text(fmt.Sprintf(`[data-testid="earned-%s"]`, nft))
		return strings.HasSuffix(s, " IFIL") && !strings.HasPrefix(s, "0 ")
	})
	// What the page shows is what the chain says the NFT earned.
	earned := b.text(fmt.Sprintf(`[data-testid="earned-%s"]`, nft))
	var info struct {
		Nfts []struct {
			Nft struct {
				ID string `json:"id"`
			} `json:"nft"`
			Earnings struct {
				Earned struct {
					Amount string `json:"amount"`
				} `json:"earned"`
			} `json:"earnings"`
		} `json:"nfts"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/hashnft/v1/owners/%s/nfts", n.apiPort, alice), &info); err != nil {
		t.Fatal(err)
	}
	for _, v := range info.Nfts {
		if v.Nft.ID == nft && (v.Earnings.Earned.Amount == "" || v.Earnings.Earned.Amount == "0") {
			t.Fatalf("the page shows NFT %s earned %q, the chain says %q", nft, earned, v.Earnings.Earned.Amount)
		}
	}
	if eval[int](b, `[...document.querySelectorAll("#rewards-chart rect")].filter(r => Number(r.getAttribute("height")) > 0).length`) != 1 {
		t.Fatal("the daily rewards chart does not show one day of rewards after the deposit")
	}
	b.shot("04-rewards")

	// The escrow pays the holders by itself: paid appears, nothing stays pending; a claim then is
	// refused by the chain with its message (the claim reached the chain's handler), nothing changed.
	waitFor(t, "the rewards paid on My NFTs", 60*time.Second, func() bool {
		paid := b.text(fmt.Sprintf(`[data-testid="paid-%s"]`, nft))
		pending := b.text(fmt.Sprintf(`[data-testid="pending-%s"]`, nft))
		if strings.HasPrefix(paid, "0 ") || !strings.HasPrefix(pending, "0 ") {
			b.run("refresh", chromedp.Click(chromedp.CSS("#refresh")))
			time.Sleep(time.Second)
			return false
		}
		return strings.HasSuffix(paid, " IFIL")
	})
	b.clearMessage()
	b.run("claim", chromedp.Click(chromedp.CSS("#claim-all")))
	if msg := b.message("error", 60*time.Second); !strings.Contains(msg, "nothing pending") {
		t.Fatalf("claim with nothing pending: page says %q, want the chain's \"nothing pending\"", msg)
	}

	// The product page: escrow and the deposits chart.
	b.run("product page", chromedp.Navigate(url+"#/product/1"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="escrow"]`)))
	// The escrow holds what the buyer paid less the channel fee: the page shows the chain's figure.
	var esw struct {
		PaidIn []struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"paid_in"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/escrow/v1/escrows/1", n.apiPort), &esw); err != nil {
		t.Fatal(err)
	}
	if len(esw.PaidIn) != 1 || esw.PaidIn[0].Denom != "uusdt" {
		t.Fatalf("escrow of product 1 paid in %+v, want uusdt", esw.PaidIn)
	}
	b.waitText(`[data-testid="paid-in"]`, sixDecimals(esw.PaidIn[0].Amount)+" USDT", 10*time.Second)
	b.waitText(`[data-testid="escrow-status"]`, "active", 10*time.Second)
	// The oracle's market average for the day (0.5 FIL per TiB, from the feeder): a line against
	// the deposits.
	var cur struct {
		Day string `json:"day"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/oracle/v1/current_day", n.apiPort), &cur); err != nil {
		t.Fatal(err)
	}
	if code, log := n.sendTx("tx", "oracle", "report", cur.Day, "500000000000000000", "f01234:1099511627776000:12000000000000000000", "--from", "feeder", "--gas", "1000000"); code != 0 {
		t.Fatalf("oracle report: %d %s", code, log)
	}
	b.run("product page again", chromedp.Click(chromedp.CSS("#refresh")))
	waitFor(t, "the market average on the deposits chart", 30*time.Second, func() bool {
		return eval[int](b, `document.querySelectorAll("#deposits-chart polyline").length`) == 1
	})
	if eval[int](b, `[...document.querySelectorAll("#deposits-chart rect")].filter(r => Number(r.getAttribute("height")) > 0).length`) != 1 {
		t.Fatal("the product's chart does not show the one day of deposits")
	}
	b.shot("05-product")

	// A mistyped address sends nothing (the wallet signs nothing).
	b.run("my NFTs again", chromedp.Navigate(url+"#/nfts"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-transfer="%s"]`, nft))))
	signed0 := eval[int](b, `window.__dmexTestWallet.signed`)
	b.clearMessage()
	b.run("transfer to a typo", chromedp.SetValue(chromedp.CSS("#to-"+nft), n.addr("bob")[:30]+"x"), chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-transfer="%s"]`, nft))))
	if msg := b.message("error", 10*time.Second); !strings.Contains(msg, "is not a valid recipient's address: Invalid checksum") {
		t.Fatalf("mistyped address: page says %q", msg)
	}
	if signed1 := eval[int](b, `window.__dmexTestWallet.signed`); signed1 != signed0 {
		t.Fatalf("the wallet signed %d transactions for a mistyped address", signed1-signed0)
	}

	// The other NFT goes to bob: it leaves My NFTs.
	other, bob := owned[1].Nft.ID, n.addr("bob")
	b.clearMessage()
	b.run("transfer", chromedp.SetValue(chromedp.CSS("#to-"+other), bob), chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-transfer="%s"]`, other))))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "done in block") {
		t.Fatalf("transfer: page says %q", msg)
	}
	if v := n.lnNFT(other); v.Owner != bob {
		t.Fatalf("NFT %+v after the transfer in the app, want bob's", v)
	}
	if s := b.text(fmt.Sprintf(`[data-testid="nft-%s"]`, other)); s != "" {
		t.Fatalf("NFT %s still on alice's page after the transfer: %q", other, s)
	}

	// Bob lists it at 3 USDT (CLI); alice buys it back on the market page.
	if code, log := n.sendTx("tx", "hashnft", "list", other, "3000000uusdt", "--from", "bob", "--gas", "1000000"); code != 0 {
		t.Fatalf("bob lists NFT %s: %d %s", other, code, log)
	}
	b.run("market with bob's listing", chromedp.Navigate(url+"#/market"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-buy-listing="%s"]`, other))))
	b.waitText(fmt.Sprintf(`[data-testid="listing-price-%s"]`, other), "3 USDT", 10*time.Second)
	b.clearMessage()
	b.run("buy the listing", chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-buy-listing="%s"]`, other))))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "done in block") {
		t.Fatalf("buy listing: page says %q", msg)
	}
	if v := n.lnNFT(other); v.Owner != alice {
		t.Fatalf("NFT %+v after alice bought bob's listing, want alice's", v)
	}
	if s := b.text(fmt.Sprintf(`[data-testid="listing-%s"]`, other)); s != "" {
		t.Fatalf("the sold listing is still on the market: %q", s)
	}
	b.run("my NFTs for the listing", chromedp.Navigate(url+"#/nfts"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-list="%s"]`, nft))))

	// List one NFT at 5 USDT; the market shows the listing.
	b.clearMessage()
	b.run("list", chromedp.SetValue(chromedp.CSS("#price-"+nft), "5"), chromedp.SetValue(chromedp.CSS("#denom-"+nft), "uusdt"), chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-list="%s"]`, nft))))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "done in block") {
		t.Fatalf("listing: page says %q", msg)
	}
	b.waitText(fmt.Sprintf(`[data-testid="listed-%s"]`, nft), "5 USDT", 20*time.Second)
	b.run("market", chromedp.Navigate(url+"#/market"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-testid="listing-%s"]`, nft))))
	b.waitText(fmt.Sprintf(`[data-testid="listing-price-%s"]`, nft), "5 USDT", 10*time.Second)
	b.shot("06-market")

	// A rejected signature: nothing sent, the listing stays.
	_ = eval[bool](b, `window.__dmexTestWallet.rejectNext = true`)
	b.clearMessage()
	b.run("cancel, rejected", chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-cancel="%s"]`, nft))))
	if msg := b.message("error", 30*time.Second); !strings.Contains(msg, "You rejected the signature") {
		t.Fatalf("rejected signature: page says %q", msg)
	}
	if v := n.lnNFT(nft); v.Owner != alice {
		t.Fatalf("NFT %+v after a rejected cancel", v)
	}
	var listings struct {
		Listings []struct {
			NftID string `json:"nft_id"`
		} `json:"listings"`
	}
	n.jsonQuery(&listings, "q", "hashnft", "listings", "1")
	if len(listings.Listings) != 1 || listings.Listings[0].NftID != nft {
		t.Fatalf("listings %+v after a rejected cancel, want NFT %s's", listings.Listings, nft)
	}

	// Stake the other NFT in farm 10 (the FIL products' NFTs): locked by dmc, still alice's.
	b.run("my NFTs to stake", chromedp.Navigate(url+"#/nfts"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-stake-nft="%s"]`, other))))
	b.clearMessage()
	b.run("stake the NFT", chromedp.SetValue(chromedp.CSS("#farm-"+other), "10"), chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-stake-nft="%s"]`, other))))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "done in block") {
		t.Fatalf("stake NFT: page says %q", msg)
	}
	if v := n.lnNFT(other); v.Owner != alice || v.LockedBy != "dmc" {
		t.Fatalf("NFT %+v after staking it in the app, want alice's and locked by dmc", v)
	}
	b.waitText(fmt.Sprintf(`[data-testid="nft-%s"]`, other), "locked by dmc", 10*time.Second)

	// The DMC page: stake 1 IFIL in farm 9; the position's pending DMC shows.
	b.run("dmc", chromedp.Navigate(url+"#/dmc"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="farm-10"]`)))
	b.waitText(`[data-testid="dmc"]`, "Block reward", 10*time.Second)
	b.waitText(`[data-testid="forecast-10"]`, "DMC", 10*time.Second)
	b.clearMessage()
	b.run("stake IFIL", chromedp.SetValue(chromedp.CSS("#stake-9"), "1"), chromedp.Click(chromedp.CSS(`[data-stake="9"]`)))
	if msg := b.message("ok", 90*time.Second); !strings.Contains(msg, "Stake in farm 9: done in block") {
		t.Fatalf("stake IFIL: page says %q", msg)
	}
	var farm9 struct {
		Farm struct {
			Farm struct {
				TotalStaked string `json:"total_staked"`
			} `json:"farm"`
		} `json:"farm"`
	}
	n.jsonQuery(&farm9, "q", "dmc", "farm", "9")
	if farm9.Farm.Farm.TotalStaked != "1000000000000000000" {
		t.Fatalf("farm 9 holds %s aifil after alice staked 1 IFIL in the app", farm9.Farm.Farm.TotalStaked)
	}
	b.waitText(`[data-testid="staked-9"]`, "1 IFIL", 10*time.Second)
	if s := b.text(`[data-testid="staked-9"]`); s != "1 IFIL" {
		t.Fatalf("farm 9's staked cell %q, want 1 IFIL", s)
	}
	b.shot("07-dmc")

	// Loans, pools and the risk fund (read only): the genesis pools and the fund's DMC.
	b.run("pools", chromedp.Navigate(url+"#/pools"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="pool-1"]`)))
	b.waitText(`[data-testid="pool-1"]`, "1.00000 USDT per DMC", 10*time.Second)
	b.waitText(`[data-testid="riskfund"]`, "10,000,000 DMC", 10*time.Second)
	b.shot("07c-pools")

	// A wrong chain id (the app set for another chain than the node's, in a tab of its own):
	// a clear message, nothing connected.
	wrong := inject + `
const realFetch = window.fetch.bind(window);
window.fetch = async (u, o) => {
  const r = await realFetch(u, o);
  if (!String(u).endsWith("config.json")) return r;
  const c = await r.json();
  c.chainId = "dmex-other-1";
  return new Response(JSON.stringify(c), { status: 200, headers: { "content-type": "application/json" } });
};`
	tab, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	b2 := &browser{t: t, ctx: tab, dir: dir}
	b2.run("open the app set for another chain",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: wrong})
			return err
		}),
		chromedp.Navigate(url+"#/"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="product-1"]`)),
		chromedp.Click(chromedp.CSS("#connect")),
	)
	if msg := b2.message("error", 30*time.Second); !strings.Contains(msg, "Wrong chain: the node at") || !strings.Contains(msg, "is dmex-local-1, the app and wallet are set for dmex-other-1") {
		t.Fatalf("wrong chain id: page says %q", msg)
	}
	if s := b2.text("#address"); s != "" {
		t.Fatalf("connected on the wrong chain: %q", s)
	}
	b2.shot("07b-wrong-chain")
	cancelTab()

	// No wallet in the browser at all (a tab without the test wallet): a clear message.
	bare, cancelBare := chromedp.NewContext(ctx)
	defer cancelBare()
	if err := chromedp.Do(bare, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	b3 := &browser{t: t, ctx: bare, dir: dir}
	b3.run("open the app without a wallet", chromedp.Navigate(url+"#/nfts"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="connect-first"]`)), chromedp.Click(chromedp.CSS("#connect")))
	if msg := b3.message("error", 20*time.Second); !strings.Contains(msg, "No wallet found: install Keplr") {
		t.Fatalf("no wallet: page says %q", msg)
	}
	cancelBare()

	// The node goes down: the page says so.
	_ = cmd.Process.Kill()
	_, _ = cmd.Process.Wait()
	b.run("refresh with the node down", chromedp.Click(chromedp.CSS("#refresh")))
	b.waitText("#node-down", "The DMEX node is down", 30*time.Second)
	b.waitText("#node-status", "node down", 15*time.Second)
	b.shot("08-node-down")
	t.Logf("done after %s; screenshots in %s", time.Since(start), dir)
}
