# namigen — the targets CI and the README use. `make test` is what .ci/run calls.
GO      ?= go
PKGS    := ./...

.PHONY: all build generate check test test-race lint golden bench fresh-check

all: build

## build: compile every package and the namigen binary into bin/
build:
	$(GO) build $(PKGS)
	$(GO) build -o bin/namigen ./cmd/namigen

## generate: regenerate generated/namievents from schemas/nami, and generated/deepevents from
## schemas/deepevents (the deep benchmark corpus; its schema comes from `go run ./cmd/deepcorpus`)
generate:
	$(GO) run ./cmd/namigen generate -in schemas/nami -out generated/namievents
	$(GO) run ./cmd/namigen generate -in schemas/deepevents -out generated/deepevents

## check: fail when generated/ is not what schemas/ generates now
check:
	$(GO) run ./cmd/namigen generate -in schemas/nami -out generated/namievents -check
	$(GO) run ./cmd/namigen generate -in schemas/deepevents -out generated/deepevents -check

## lint: gofmt (every tracked or untracked, not ignored, .go file; a parse error fails) and go vet
lint:
	@files=$$(git ls-files --cached --others --exclude-standard -- '*.go' 2>/dev/null) || \
		files=$$(find . -name '*.go' -not -path './.git/*'); \
	if [ -z "$$files" ]; then echo "lint: no Go files found"; exit 1; fi; \
	out=$$(gofmt -l $$files) || { echo "lint: gofmt failed (a file does not parse?)"; exit 1; }; \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## test: lint, drift check, unit, golden, generated-package and conformance tests, end-to-end go generate
test: lint check
	$(GO) test -count=1 -timeout 30m $(PKGS)

## test-race: the generator's tests and the conformance mini suite (which generates packages in
## parallel) under the race detector; the end-to-end go generate test runs other processes only
test-race:
	$(GO) test -race -count=1 -skip TestGoGenerateEndToEnd ./generator/...
	$(GO) test -race -count=1 -run Mini ./cmd/conformance

## golden: rewrite the golden files of the packages that define -update (review the diff!)
golden:
	$(GO) test $$(grep -rl --include='*_test.go' 'flag.Bool("update"' generator cmd | xargs -n1 dirname | sort -u | sed 's|^|./|') -run Golden -update

## bench: the benchmarks whose figures the README reports: -count 5, then the median of each
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 $(PKGS) | tee bench.out
	@echo "medians of the runs above (bench.out):"
	@$(GO) run ./cmd/benchmedian < bench.out

## fresh-check: the README's two commands in a fresh clone of HEAD with empty GOMODCACHE and GOCACHE
fresh-check:
	bash .ci/fresh-machine
