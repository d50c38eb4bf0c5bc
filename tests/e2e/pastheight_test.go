package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

// getJSONAtHeight is getJSON with the REST gateway's height header.
func getJSONAtHeight(url string, height int64, v any) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("x-cosmos-block-height", fmt.Sprint(height))
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s at height %d: %s: %s", url, height, resp.Status, body)
	}
	return json.Unmarshal(body, v)
}

// A query at a past height sees that height's block time: on a localnet whose oracle days last
// 10 s, `q oracle current-day --height H` (CLI) and the REST route with the height header still
// say H's day once several days have passed, and `q dmc supply --height H` says what it said at H.
func TestLocalnetPastHeightQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 31157, "DAY_EPOCH_SECONDS=10")
	n.waitHeight(3, 90*time.Second)

	h := n.height()
	var block struct {
		Result struct {
			Block struct {
				Header struct {
					Time time.Time `json:"time"`
				} `json:"header"`
			} `json:"block"`
		} `json:"result"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/block?height=%d", n.rpcPort, h), &block); err != nil {
		t.Fatal(err)
	}
	wantDay := fmt.Sprint(block.Result.Block.Header.Time.Unix() / 10)
	type supply struct {
		TotalSupply     string `json:"total_supply"`
		LockedInVesting string `json:"locked_in_vesting"`
	}
	var then supply
	n.jsonQuery(&then, "q", "dmc", "supply", "--height", fmt.Sprint(h))

	// Two oracle days and more.
	n.waitHeight(h+1, 30*time.Second)
	waitFor(t, "two oracle days to pass", 60*time.Second, func() bool {
		var cd struct {
			Day string `json:"day"`
		}
		n.jsonQuery(&cd, "q", "oracle", "current-day")
		return bigInt(t, cd.Day).Int64() >= bigInt(t, wantDay).Int64()+2
	})

	var cli, rest struct {
		Day string `json:"day"`
	}
	n.jsonQuery(&cli, "q", "oracle", "current-day", "--height", fmt.Sprint(h))
	if cli.Day != wantDay {
		t.Fatalf("q oracle current-day --height %d: day %s, want %s (the day of the block's time %s)", h, cli.Day, wantDay, block.Result.Block.Header.Time)
	}
	if err := getJSONAtHeight(fmt.Sprintf("http://127.0.0.1:%d/dmex/oracle/v1/current_day", n.apiPort), h, &rest); err != nil {
		t.Fatal(err)
	}
	if rest.Day != wantDay {
		t.Fatalf("REST current day at height %d: %s, want %s", h, rest.Day, wantDay)
	}
	var now supply
	n.jsonQuery(&now, "q", "dmc", "supply", "--height", fmt.Sprint(h))
	if now != then {
		t.Fatalf("q dmc supply --height %d: %+v, at that height it said %+v", h, now, then)
	}
}
