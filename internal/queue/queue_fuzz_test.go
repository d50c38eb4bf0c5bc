package queue_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/colltest"

	"github.com/dmexchain/dmex/internal/queue"
)

type qkey struct{ due, id uint64 }

func keyLess(a, b qkey) int {
	if a.due != b.due {
		if a.due < b.due {
			return -1
		}
		return 1
	}
	switch {
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}

// FuzzQueue reads data as a program of Push, Remove and Process calls (4 bytes a step: opcode,
// due, id, max) on a height-keyed queue and compares it after every step with a model (a set of
// (due, id)). Process must hand over at most max items, each due at or before now, in (due, id)
// order, each once; finished items leave the queue, an item whose handler failed or was not done
// stays with its failures, a handler's re-push stays queued, and nothing else appears or vanishes.
func FuzzQueue(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 5, 1, 0, 0, 3, 2, 0, 0, 5, 3, 0, 2, 9, 0, 2, 2, 9, 0, 5})
	f.Add([]byte{0, 1, 1, 0, 0, 1, 2, 0, 1, 1, 1, 0, 2, 1, 0, 1, 6, 1, 7, 3})
	f.Add([]byte{0, 2, 9, 0, 0, 2, 8, 0, 3, 2, 0, 0, 4, 2, 0, 3, 5, 2, 0, 3, 2, 255, 0, 255})

	f.Fuzz(func(t *testing.T, data []byte) {
		ss, ctx := colltest.MockStore()
		sb := collections.NewSchemaBuilder(ss)
		q := queue.New(sb, collections.NewPrefix(9), "due", collections.Uint64Key)
		if _, err := sb.Build(); err != nil {
			t.Fatal(err)
		}
		model := map[qkey]uint32{} // key -> failures recorded by the queue
		errHandler := errors.New("handler failed")

		for n := 0; len(data) >= 4 && n < 300; n++ {
			op, due, id, arg := data[0], uint64(data[1]%16), uint64(data[2]%16), data[3]
			data = data[4:]
			switch op % 6 {
			case 0, 1:
				if err := q.Push(ctx, due, id); err != nil {
					t.Fatal(err)
				}
				model[qkey{due, id}] = 0
			case 2:
				if err := q.Remove(ctx, due, id); err != nil {
					t.Fatal(err)
				}
				delete(model, qkey{due, id})
			default:
				// Process at now=due, at most max=arg%8 items; the handler's outcome per item
				// comes from the item's id and op: done, re-push itself later, not done, or fail.
				now, max := due, int(arg%8)
				var want []qkey
				for k := range model {
					if k.due <= now {
						want = append(want, k)
					}
				}
				slices.SortFunc(want, keyLess)
				if len(want) > max {
					want = want[:max]
				}
				var handed []qkey
				outcome := func(k qkey) uint64 { return (k.id + uint64(op)) % 5 }
				finished, err := q.Process(ctx, now, max, func(c context.Context, it queue.Item[uint64]) (bool, error) {
					k := qkey{it.Due, it.ID}
					handed = append(handed, k)
					if it.Failures != model[k] {
						t.Fatalf("item %v handed with %d failures, the model has %d", k, it.Failures, model[k])
					}
					switch outcome(k) {
					case 3:
						return false, nil
					case 4:
						return false, errHandler
					case 2: // a follow-up round at a later height
						return true, q.Push(c, it.Due+16, it.ID)
					}
					return true, nil
				})
				if err != nil && !errors.Is(err, errHandler) {
					t.Fatal(err)
				}
				if len(handed) > max {
					t.Fatalf("max %d, handed %d", max, len(handed))
				}
				// Handed items are a prefix of what is due, in order; the run stops at the first
				// item not done or failed.
				if !slices.Equal(handed, want[:len(handed)]) {
					t.Fatalf("handed %v, due in order %v", handed, want)
				}
				for i, k := range handed {
					switch outcome(k) {
					case 3, 4:
						if i != len(handed)-1 {
							t.Fatalf("processing went on after %v was not finished", k)
						}
					default:
						delete(model, k)
						if outcome(k) == 2 {
							model[qkey{k.due + 16, k.id}] = 0
						}
					}
				}
				if len(handed) < len(want) && (len(handed) == 0 || outcome(handed[len(handed)-1]) < 3) {
					t.Fatalf("stopped after %v though %v was due and all finished", handed, want)
				}
				wantFinished := len(handed)
				if len(handed) > 0 && outcome(handed[len(handed)-1]) >= 3 {
					wantFinished--
				}
				if finished != wantFinished {
					t.Fatalf("finished %d, want %d (handed %v)", finished, wantFinished, handed)
				}
			}
			got := map[qkey]uint32{}
			if err := q.Walk(ctx, func(it queue.Item[uint64]) (bool, error) {
				k := qkey{it.Due, it.ID}
				if _, dup := got[k]; dup {
					t.Fatalf("%v walked twice", k)
				}
				got[k] = it.Failures
				return false, nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(model) {
				t.Fatalf("step %d: queue %v, model %v", n, got, model)
			}
			for k, fails := range model {
				if g, ok := got[k]; !ok || g != fails {
					t.Fatalf("step %d: %v: queue has %v (%d failures), model %d", n, k, ok, g, fails)
				}
			}
		}
	})
}
