# placesim's everyday commands. Every target needs only Go (and, for race, a C compiler for
# cgo); tools such as staticcheck come through the Go module proxy at a pinned version.

GO          ?= go
BIN         := bin/placesim
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X main.version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: build run test test-studies test-long test-browser race bench bench-readme bench-scale bench-go bench-region vet lint staticcheck fmt-check check-imports cover golden clean fuzz figures figures-check backtest-coverage backtest-coverage-guard study study-readme

# The fuzz targets, each PACKAGE:FUZZER; make fuzz runs each for FUZZTIME. Add new fuzzers here,
# and keep make fuzz within about 6 minutes: 14 targets at 20s, with about 4s each to build and
# replay the corpus, take 5.6 minutes.
FUZZ_TARGETS := ./scenarios:FuzzParse ./scenarios:FuzzSet ./scenarios:FuzzRun ./scenarios:FuzzInsideFolder \
                ./scenarios:FuzzParseRegion ./scenarios:FuzzRegionStock ./scenarios:FuzzRegionSet \
                ./scenarios:FuzzMergeRegionText ./scenarios:FuzzRunRegion \
                ./scenarios/ssda903:FuzzReadReturn ./sim/shard:FuzzParse ./cmd/placesim:FuzzParseManifest \
                ./cmd/placesim:FuzzFlags ./cmd/placesim/workspace:FuzzLevers
FUZZTIME     ?= 20s

## build: compile the command line into bin/placesim
build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/placesim

## run: simulate the built-in default scenario and write out/default/
run:
	$(GO) run -ldflags '$(LDFLAGS)' ./cmd/placesim run default --out out/default

## test: the full test suite
# The packages whose tests take longest start first (go test runs as many packages at a time as
# there are cores, in the order named), so that the short ones fill in beside them rather than a
# long one running alone at the end: cmd/placesim, whose tests run one at a time, about 40 s of
# CPU; the workspace about 19; sim 17; scenarios 13; scenarios/ssda903 7; plots 7, its three
# runs of Chromium, which mostly wait, side by side.
# The short versions of two studies of calibration (STUDIES_SHORT), a fifth of the suite's time
# on two cores, run in make test-studies instead; the checks that each run or prepare the
# England region (LONG_RUNS), and the statistical checks that each take dozens of calibrations
# or a thousand replications (LONG_STATS), in make test-long; .ci/run runs both,
# and the studies in full.
TEST_FIRST := ./cmd/placesim ./cmd/placesim/workspace ./sim ./scenarios ./scenarios/ssda903 ./plots
STUDIES_SHORT := ^(TestBacktestCoverage|TestMixByKind)$$
LONG_RUNS := ^(TestEnglandWithinRegion|TestRegionStartWaiting|TestCatalogueLabelsEngland)$$
LONG_STATS := ^(TestBacktestResamples|TestResampledEntryRates|TestResampledTrends|TestStaysOfOlderEntrants|TestImputedStartsByBand)$$
test:
	$(GO) test -skip '$(STUDIES_SHORT)|$(LONG_RUNS)|$(LONG_STATS)' $(TEST_FIRST) ./...

## test-studies: the short versions of the backtest's coverage (6 returns of one council) and of
## the calibrated placement mix (20 returns), which make test leaves out (about 20 s of CPU)
test-studies:
	$(GO) test -run '$(STUDIES_SHORT)' -count=1 ./scenarios/ssda903

## test-long: the checks that make test leaves out for time (about 27 s of CPU). Three each run
## or prepare a region: England for a year against the DfE's placement mix and the published
## distances from home (TestEnglandWithinRegion), the South East's starting stock waiting in
## emergency placements as its steady state does after a 30-year warm-up (TestRegionStartWaiting),
## and every label of England's KPIs and metrics against sim/testdata/labels-england.golden.txt
## (TestCatalogueLabelsEngland). Five are statistical: the backtest's bands wider with resamples
## than without over 500 replications each (TestBacktestResamples), the entry rates of 100
## resamples spread as the calibrated rate's interval says (TestResampledEntryRates), the trends
## of 60 resamples of two councils as the trend's posterior (TestResampledTrends), and the stays
## of children entering at 16-17 within 3% of the truth's over 60 returns (TestStaysOfOlderEntrants),
## and those of children entering at 1-4, between bands of longer stays, within 3% over 24
## returns (TestImputedStartsByBand)
test-long:
	$(GO) test -run '$(LONG_RUNS)|$(LONG_STATS)' -count=1 ./scenarios ./sim ./scenarios/ssda903 ./cmd/placesim

## test-browser: the workspace's two browser journeys (a scenario's and a region's) in full:
## the live comparison at its default replications, axe-core at every page state they visit;
## the Seed box in the browser; a full run when the server stops; a date applied from Advanced,
## a file's two recruitment programmes and the Compare page's cost by year; a keyboard and screen-reader
## user's warnings, refused names and out-of-date results; and every report and board pack laid out as it prints on A4
test-browser:
	$(GO) test ./cmd/placesim/workspace -run '^Test(Workspace|Region|Seed|StoppedServer|YearlyCostAndProgrammes|ScreenReader)InBrowser$$' -every-state -count=1 -timeout 10m
	$(GO) test ./plots -run '^Test(Report|RegionPages)InChromium$$' -print-widths -count=1

## race: the short tests under the race detector (several times slower: a longer timeout)
race:
	$(GO) test -race -short -timeout 30m ./...

## bench: placesim against a bare Go event loop (bench/bareloop) on the same queueing workloads,
## engine and command, CPU time side by side, and the default county's run (wall clock, peak memory)
bench:
	$(GO) run ./bench

## bench-readme: make bench, writing its table into README.md's bench:speed region
bench-readme:
	$(GO) run ./bench -readme README.md

## bench-scale: the default county scaled by 100 (about England) against itself, 11 pairs in turn, written into README.md (under a minute)
bench-scale:
	$(GO) run ./bench -scale 100 -readme README.md

## bench-region: the region's two yardsticks, each alone in its process: the South East (14 councils) at 1000
## replications (aim: a minute on 2 CPUs) and England at 10 (aim: two minutes); time, CPU, peak memory, MB written
bench-region:
	$(GO) test -run '^$$' -bench '^BenchmarkRegionSouthEast1000$$' -benchtime 1x ./cmd/placesim
	$(GO) test -run '^$$' -bench '^BenchmarkRegionEngland10$$' -benchtime 1x ./cmd/placesim

## bench-go: every Go benchmark, with allocations
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## vet: go vet
vet:
	$(GO) vet ./...

## lint: formatting, go vet and staticcheck
lint: fmt-check vet staticcheck

staticcheck:
	$(GO) run $(STATICCHECK) ./...

## fmt-check: fail if any Go file is not gofmt-formatted
fmt-check:
	@files=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$files" ]; then echo "not gofmt-formatted (run gofmt -w):"; echo "$$files"; exit 1; fi

## check-imports: keep I/O, flags, YAML and plotting out of model and sim
check-imports:
	@GO=$(GO) ./.ci/check-imports

## fuzz: run each fuzzer of FUZZ_TARGETS for FUZZTIME (20s unless set: make fuzz FUZZTIME=5m);
## an input that fails is written to the package's testdata/fuzz/ and fails the target. Go 1.26's
## fuzzing engine can itself fail a target with "context deadline exceeded" as FUZZTIME ends,
## writing no input (golang/go#75804, fixed in Go 1.27): that is reported and not counted.
fuzz:
	@set -e; log=$$(mktemp); for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; dir=$$pkg/testdata/fuzz/$$fn; \
		before=$$(ls $$dir 2>/dev/null | wc -l); \
		echo "$(GO) test -run '^$$' -fuzz '^$$fn$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10s $$pkg"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s $$pkg > $$log 2>&1 && rc=0 || rc=$$?; \
		cat $$log; \
		if [ $$rc -ne 0 ]; then \
			after=$$(ls $$dir 2>/dev/null | wc -l); \
			if [ "$$after" = "$$before" ] && grep -q 'context deadline exceeded' $$log; then \
				echo "$$fn: the fuzzing engine's own deadline error at the end of FUZZTIME, no failing input written (golang/go#75804): not counted"; \
			else rm -f $$log; exit $$rc; fi; \
		fi; \
	done; rm -f $$log

## cover: test coverage by function, total last
cover:
	$(GO) test -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -n 1

## golden: rewrite the golden files of every package whose tests take -update
golden:
	@pkgs=$$(grep -rlE --include='*_test.go' 'flag\.Bool\("update"' . | xargs -r -n1 dirname | sort -u); \
	if [ -z "$$pkgs" ]; then echo "no package defines -update"; exit 0; fi; \
	echo $(GO) test $$pkgs -update; $(GO) test $$pkgs -update

## study: the forecast study of calibration: synthetic returns of known truth (60, 150 and 350
## entries a year; short, medium and long stays), each calibrated and run ten years forward,
## against the truth's steady state and a Markov demand model, failing when README.md's
## study:forecast region no longer says what it finds (a few minutes; make test runs a short version)
study:
	$(GO) test ./scenarios/ssda903 -run '^TestForecastStudy$$' -study -v -count=1 -timeout 30m

## study-readme: make study, writing each truth's errors into README.md's study:forecast region
study-readme:
	$(GO) test ./scenarios/ssda903 -run '^TestForecastStudy$$' -study -readme $(CURDIR)/README.md -v -count=1 -timeout 30m

## figures: regenerate the model's figures quoted in README.md and the library's scenario files,
## their descriptions and header comments among them; a description rewritten, the listings of
## the scenarios that quote it (README.md's, testdata/scenarios.golden, scenarios/README.md's
## table) are regenerated after it, the command compiled again with the new files
figures:
	$(GO) test ./cmd/placesim -run '^TestFigures$$' -figures -update -timeout 30m
	$(GO) test ./cmd/placesim -run '^(TestReadmeScenariosList|TestScenariosList)$$' -update -count=1
	$(GO) test ./scenarios -run '^(TestEnglandWithinRegion|TestLibraryTable|TestRegionStockFigures)$$' -figures -update -count=1

## figures-check: fail if a figure quoted in README.md or a library scenario file is stale
figures-check:
	$(GO) test ./cmd/placesim -run '^(TestFigures|TestReadmeScenariosList|TestScenariosList)$$' -figures -timeout 30m
	$(GO) test ./scenarios -run '^(TestEnglandWithinRegion|TestLibraryTable|TestRegionStockFigures)$$' -figures -count=1
	$(GO) test ./sim -run '^TestRegionStock$$' -figures -count=1

## backtest-coverage: the full coverage study of the backtest's bands: 200 returns generated from
## each of four councils of known rates (small and large, short and long stays) backtested, and
## the months inside the 50% and 90% bands counted by kind and year of horizon, each with its 95%
## interval over the returns (about 20 minutes on two cores; make test runs a short one); it saves
## its cells in scenarios/ssda903/testdata/coverage/study.json and rewrites README.md's figures from them
backtest-coverage:
	$(GO) test ./scenarios/ssda903 -run '^TestBacktestCoverage$$' -coverage-study -coverage-write -count=1 -v -timeout 120m

## backtest-coverage-guard: the study on 100 returns of each council without the comparison,
## failing only where a cell falls below its kind's floor, the cells' intervals logged (.ci/run);
## COVERAGE_WRITE=-coverage-write saves its cells (testdata/coverage/guard.json) and README.md's figures
backtest-coverage-guard:
	$(GO) test ./scenarios/ssda903 -run '^TestBacktestCoverage$$' -coverage-study -coverage-guard $(COVERAGE_WRITE) -count=1 -v -timeout 60m

## clean: remove built binaries, outputs and coverage profiles
clean:
	rm -rf bin out cover.out

## slurm-proof: as root, install Slurm and munge, run the job array and merge of deploy/slurm on a one-node cluster, compare every merged file with one process; under CI=true, failing to install fails
.PHONY: slurm-proof
slurm-proof:
	@status=0; ./deploy/slurm/prove-on-one-machine.sh || status=$$?; \
	if [ $$status = 77 ] && [ "$${CI:-}" != true ]; then echo "slurm-proof: skipped"; else exit $$status; fi
