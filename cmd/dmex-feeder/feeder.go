package main

import (
	"context"
	"fmt"
	"log"
	"math/big"
	"strings"
	"time"
)

const (
	// EpochsPerDay is Filecoin's 30-second epochs in a day.
	EpochsPerDay = 2880
	tib          = 1 << 40
)

// Figures are one day's report.
type Figures struct {
	Day          uint64
	RewardPerTiB *big.Int
	Nodes        []NodeFigures
}

type NodeFigures struct {
	NodeID string
	Power  *big.Int // quality-adjusted power, bytes
	Reward *big.Int // expected reward for the day, attoFIL
	// Owner is the DMEX account the feeder attests may sell the node's power ("" if unknown).
	Owner string
}

// Args are the report's CLI arguments: day, reward per TiB, node:power:reward[:owner]….
func (f Figures) Args() []string {
	args := []string{fmt.Sprint(f.Day), f.RewardPerTiB.String()}
	for _, n := range f.Nodes {
		entry := fmt.Sprintf("%s:%s:%s", n.NodeID, n.Power, n.Reward)
		if n.Owner != "" {
			entry += ":" + n.Owner
		}
		args = append(args, entry)
	}
	return args
}

// Collect reads the figures from the Filecoin node at its chain head.
//
// The network's reward per TiB per day is ThisEpochReward × 2880 × 2^40 / total QA power; a node's
// reward is its expected share of the day's block rewards, ThisEpochReward × 2880 × its QA power /
// total QA power (the actual wins vary around it; summing them would walk every block of the day).
//
// A node is "id" or "id@owner": the owner, a DMEX address, is reported with the node's figures
// (the feeders attest which DMEX account may sell the node's power).
func Collect(ctx context.Context, l *Lotus, day uint64, nodes []string) (Figures, error) {
	head, err := l.ChainHead(ctx)
	if err != nil {
		return Figures{}, err
	}
	epochReward, err := l.ThisEpochReward(ctx, head.Cids)
	if err != nil {
		return Figures{}, err
	}
	daily := new(big.Int).Mul(epochReward, big.NewInt(EpochsPerDay))
	f := Figures{Day: day}
	var total *big.Int
	for _, node := range nodes {
		id, owner, _ := strings.Cut(node, "@")
		p, err := l.StateMinerPower(ctx, id, head.Cids)
		if err != nil {
			return Figures{}, err
		}
		qa, err := parseBig("power of "+id, p.MinerPower.QualityAdjPower)
		if err != nil {
			return Figures{}, err
		}
		if total, err = parseBig("total power", p.TotalPower.QualityAdjPower); err != nil {
			return Figures{}, err
		}
		f.Nodes = append(f.Nodes, NodeFigures{NodeID: id, Power: qa, Reward: share(daily, qa, total), Owner: owner})
	}
	if total == nil {
		// No node configured: the network's total comes with any miner's power; f01000 exists on every network.
		p, err := l.StateMinerPower(ctx, "f01000", head.Cids)
		if err != nil {
			return Figures{}, err
		}
		if total, err = parseBig("total power", p.TotalPower.QualityAdjPower); err != nil {
			return Figures{}, err
		}
	}
	f.RewardPerTiB = share(daily, big.NewInt(tib), total)
	return f, nil
}

func share(amount, part, total *big.Int) *big.Int {
	if total.Sign() == 0 {
		return new(big.Int)
	}
	return new(big.Int).Quo(new(big.Int).Mul(amount, part), total)
}

// Submitter sends a report to the chain.
type Submitter interface {
	// Submit returns done=true when the chain has the report (accepted now or before).
	Submit(ctx context.Context, f Figures) (done bool, err error)
	// CurrentDay is the chain's oracle day.
	CurrentDay(ctx context.Context) (uint64, error)
}

// Feeder runs one report with retries.
type Feeder struct {
	Lotus     *Lotus
	Chain     Submitter
	Nodes     []string
	Retries   int
	RetryWait time.Duration
	Log       *log.Logger
	// Day, if set, is the day to report; otherwise the chain's previous day (complete on Filecoin).
	Day uint64
}

// RunOnce reports one day: it retries collection and submission up to Retries times.
func (fd *Feeder) RunOnce(ctx context.Context) error {
	var last error
	for attempt := 1; attempt <= fd.Retries+1; attempt++ {
		if attempt > 1 {
			fd.Log.Printf("retrying in %s (attempt %d of %d)", fd.RetryWait, attempt, fd.Retries+1)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(fd.RetryWait):
			}
		}
		done, err := fd.try(ctx)
		if err == nil && done {
			return nil
		}
		last = err
		fd.Log.Printf("attempt %d failed: %v", attempt, err)
	}
	return fmt.Errorf("giving up after %d attempts: %w", fd.Retries+1, last)
}

func (fd *Feeder) try(ctx context.Context) (bool, error) {
	day := fd.Day
	if day == 0 {
		today, err := fd.Chain.CurrentDay(ctx)
		if err != nil {
			return false, fmt.Errorf("reading the chain's day: %w", err)
		}
		if today == 0 {
			return false, fmt.Errorf("the chain is on day 0")
		}
		day = today - 1
	}
	f, err := Collect(ctx, fd.Lotus, day, fd.Nodes)
	if err != nil {
		return false, fmt.Errorf("reading the Filecoin node: %w", err)
	}
	fd.Log.Printf("day %d: reward per TiB %s attoFIL, %d nodes", f.Day, f.RewardPerTiB, len(f.Nodes))
	for _, n := range f.Nodes {
		fd.Log.Printf("  node %s: power %s bytes, reward %s attoFIL", n.NodeID, n.Power, n.Reward)
	}
	done, err := fd.Chain.Submit(ctx, f)
	if err != nil {
		return false, fmt.Errorf("submitting: %w", err)
	}
	if done {
		fd.Log.Printf("day %d reported", f.Day)
	}
	return done, nil
}
