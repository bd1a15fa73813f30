# namigen — the targets CI and the README use. `make test` is what .ci/run calls.
GO      ?= go
PKGS    := ./...
GOFILES := $(shell git ls-files '*.go' 2>/dev/null)

.PHONY: all build generate check test lint golden bench

all: build

## build: compile every package and the namigen binary into bin/
build:
	$(GO) build $(PKGS)
	$(GO) build -o bin/namigen ./cmd/namigen

## generate: regenerate generated/namievents from schemas/nami
generate:
	$(GO) run ./cmd/namigen generate -in schemas/nami -out generated/namievents

## check: fail when generated/ is not what schemas/ generates now
check:
	$(GO) run ./cmd/namigen generate -in schemas/nami -out generated/namievents -check

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## test: lint, drift check, unit, golden, generated-package and conformance tests, end-to-end go generate
test: lint check
	$(GO) test -count=1 -timeout 30m $(PKGS)

## golden: rewrite the golden files of generator/testdata (review the diff!)
golden:
	$(GO) test ./generator/... -run Golden -update

## bench: the benchmarks whose figures the README reports
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
