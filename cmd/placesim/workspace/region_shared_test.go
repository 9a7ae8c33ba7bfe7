package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestRegionRunShared checks that two requests for the same region's run at once share one
// run, and that the runs kept are then forgotten in turn without a fault: every later run
// is answered.
func TestRegionRunShared(t *testing.T) {
	base, srv, _ := regionServer(t)
	var mu sync.Mutex
	reps := 0
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	// The first run waits after its second replication until the second request has asked
	// for the same run.
	hook := func(done int) {
		mu.Lock()
		reps++
		mu.Unlock()
		if done >= 2 {
			once.Do(func() { close(reached); <-release })
		}
	}
	srv.gate.onRep.Store(&hook)
	answers := make(chan string, 2)
	run := func(tab string) {
		b, _ := json.Marshal(regionState{Tab: tab, Ref: "two-counties.yaml"})
		req, _ := http.NewRequest(http.MethodPost, base+"/api/region/run", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answers <- err.Error()
			return
		}
		defer resp.Body.Close()
		var a regionRunResponse
		if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || a.Results == "" {
			answers <- fmt.Sprintf("%s: %v %v", resp.Status, err, a.Problems)
			return
		}
		answers <- ""
	}
	go run("a")
	<-reached
	go run("b")
	// The second request's progress counts the replications of the run it waits for.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var p progressReport
		if _, body := get(t, base+"/api/progress?job=b"); json.Unmarshal([]byte(body), &p) == nil && p.Running && p.Done >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the second request never waited for a run")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(release)
	for range 2 {
		if problem := <-answers; problem != "" {
			t.Errorf("a request for the region's run: %s", problem)
		}
	}
	q := srv.cfg.RegionQuickReps
	mu.Lock()
	if reps != q {
		t.Errorf("two requests at once for the same run ran %d replications, want %d: one run for both", reps, q)
	}
	mu.Unlock()
	// More strategies than the workspace keeps: the oldest runs are forgotten in turn.
	for k := 2; k <= 7; k++ {
		var a regionRunResponse
		resp := post(t, base, "/api/region/run", regionState{Tab: "c", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": fmt.Sprint(k)}}, &a)
		if resp.StatusCode != http.StatusOK || a.Results == "" {
			t.Fatalf("strategy %d after two runs at once: %s %v", k, resp.Status, a.Problems)
		}
	}
}
