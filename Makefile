# Continuum Planner build file. `make help` lists the targets.

GO ?= go

# Fyne's thread-safety migration is switched on in FyneApp.toml; a plain
# `go build`/`go test` has to be told the matching build tag.
TAGS ?= migrated_fynedo

BIN_DIR  := bin
DIST_DIR := dist
APP_DIR  := cmd/continuum-planner
APP_PKG  := ./$(APP_DIR)
CTL_PKG  := ./cmd/continuumctl
APP_BIN  := $(BIN_DIR)/continuum-planner
CTL_BIN  := $(BIN_DIR)/continuumctl

ARGS      ?=
TESTFLAGS ?=
BENCH     ?= .
PKGS      ?= ./...

# Debian packages needed to compile Fyne's cgo parts (GL and GLFW).
DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev
# What the tests check exports with, beside the build: a JSON schema
# checker for CASE packages, and PHP, which reads Moodle CSV files as
# Moodle's importer does, and msoffcrypto-tool, which decrypts a
# password-protected export as a tool apart from ours, and poppler-utils,
# whose pdftotext reads the progress reports' PDFs back.
TEST_DEBS := python3-jsonschema php-cli python3-msoffcrypto-tool poppler-utils
# `fyne package` writes its archive with `tar -J`.
PACKAGE_DEBS := xz-utils

# Tools are installed into GOBIN (or the first GOPATH entry's bin).
STATICCHECK_VERSION ?= v0.8.2
FYNE_CLI_VERSION    ?= v2.7.1
GOBIN_DIR   = $(or $(shell $(GO) env GOBIN 2>/dev/null),$(firstword $(subst :, ,$(shell $(GO) env GOPATH 2>/dev/null)))/bin)
STATICCHECK = $(GOBIN_DIR)/staticcheck
FYNE        = $(GOBIN_DIR)/fyne

# install_debs: install whichever of the listed Debian packages are missing.
# $(1) = label for messages, $(2) = package list.
define install_debs
@set -e; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "$(1): not a Debian-based system; make sure the equivalents of these are installed: $(2)"; \
		exit 0; \
	fi; \
	missing=""; \
	for p in $(2); do \
		case "$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null)" in \
			*" installed") ;; \
			*) missing="$$missing $$p" ;; \
		esac; \
	done; \
	if [ -z "$$missing" ]; then \
		echo "$(1): all system packages present"; \
		exit 0; \
	fi; \
	echo "$(1): installing$$missing"; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing
endef

.DEFAULT_GOAL := help

.PHONY: help deps build run test fuzz bench lint package clean screenshots

help: ## List the targets
	@echo "Usage: make TARGET [ARGS=...] [TESTFLAGS=...] [BENCH=regexp]"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

deps: ## Install the Debian packages Fyne needs (only the missing ones) and check Go
	@command -v $(GO) >/dev/null 2>&1 || { \
		echo "deps: '$(GO)' is not on PATH. Install Go 1.26+ (https://go.dev/dl/) and add its bin directory, e.g. export PATH=\$$PATH:/usr/local/go/bin"; \
		exit 1; }
	$(call install_debs,deps,$(DEBS))

build: ## Build the desktop app and the command-line tool into bin/
	$(GO) build -tags $(TAGS) -o $(APP_BIN) $(APP_PKG)
	CGO_ENABLED=0 $(GO) build -o $(CTL_BIN) $(CTL_PKG)

run: deps build ## Build and launch the desktop app on the default store (pass ARGS="...")
	./$(APP_BIN) $(ARGS)

test: deps ## Run all tests (extra flags via TESTFLAGS="...")
	$(call install_debs,test,$(TEST_DEBS))
	$(GO) test -tags $(TAGS) -count=1 $(TESTFLAGS) $(PKGS)

# FUZZTIME is how long each fuzz test runs under `make fuzz`.
FUZZTIME ?= 1m

fuzz: ## Run every fuzz test (the readers of files from outside) for FUZZTIME each (default 1m); not part of make test
	@set -e; for pkg in $$($(GO) list -tags $(TAGS) ./...); do \
		dir=$$($(GO) list -tags $(TAGS) -f '{{.Dir}}' $$pkg); \
		for fz in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
			echo "fuzz: $$pkg $$fz for $(FUZZTIME)"; \
			$(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$fz$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

bench: ## Run benchmarks matching BENCH (default: all) with memory figures
	$(GO) test -tags $(TAGS) -run '^$$' -bench '$(BENCH)' -benchmem $(TESTFLAGS) $(PKGS)

lint: ## Run go vet, the gofmt check and staticcheck
	$(GO) vet -tags $(TAGS) $(PKGS)
	@unformatted="$$(find . -path ./.git -prune -o -path '*/testdata' -prune -o -name '*.go' -exec gofmt -l {} +)"; \
	if [ -n "$$unformatted" ]; then \
		echo "lint: these files need gofmt:"; echo "$$unformatted"; exit 1; \
	fi
	@[ -x "$(STATICCHECK)" ] || { \
		echo "lint: installing staticcheck $(STATICCHECK_VERSION)"; \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION); }
	$(STATICCHECK) -tags $(TAGS) $(PKGS)

# Screenshots of the main views, taken from the real app on the demo data
# under a virtual X display. Each view runs in a fresh display with its own
# preferences folder, so a remembered window size does not leak in.
SHOT_DIR   := docs/screenshots
SHOT_VIEWS := continua students evidence student:S003 class-map flex units unit:fractions notes calibration
SHOT_DEBS  := xvfb xauth imagemagick x11-utils

screenshots: deps build ## Write PNGs of the main views on the demo data to docs/screenshots/
	$(call install_debs,screenshots,$(SHOT_DEBS))
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp" 2>/dev/null || true' EXIT; \
	./$(CTL_BIN) --db "$$tmp/demo" demo >/dev/null; mkdir -p "$$tmp/empty" $(SHOT_DIR); \
	shoot() { name=$$1; shift; \
		XDG_CONFIG_HOME="$$tmp/config-$$name" LANG=en_US.UTF-8 xvfb-run -a -s "-screen 0 1366x768x24" \
		sh -c '"$$@" >/dev/null 2>&1 & pid=$$!; \
			for i in $$(seq 100); do xwininfo -root -tree 2>/dev/null | grep -q "Continuum Planner" && break; sleep 0.1; done; \
			sleep 3; id=$$(xwininfo -root -tree 2>/dev/null | grep "Continuum Planner" | head -1 | awk "{print \$$1}"); \
			import -window "$$id" "$$OUT"; kill $$pid; wait $$pid 2>/dev/null; true' sh "$$@"; \
		echo "screenshots: $$OUT"; }; \
	OUT=$(SHOT_DIR)/welcome.png shoot welcome ./$(APP_BIN) --db "$$tmp/empty"; \
	for v in $(SHOT_VIEWS); do \
		name=$$(echo $$v | tr ':' '-'); \
		OUT=$(SHOT_DIR)/$$name.png shoot $$name ./$(APP_BIN) --db "$$tmp/demo" --view $$v; \
	done

# `fyne package` reads FyneApp.toml from the directory of the main package
# (--src) and writes the archive into the current directory. The metadata lives
# at the repository root (so `go run` finds it during development), so it is
# copied beside the main package for the duration of the command and removed
# afterwards; fyne's own bump of the build number lands in that copy.
package: deps ## Build the Linux package dist/Continuum Planner.tar.xz with the fyne tool
	$(call install_debs,package,$(PACKAGE_DEBS))
	@[ -x "$(FYNE)" ] || { \
		echo "package: installing the fyne tool $(FYNE_CLI_VERSION)"; \
		$(GO) install fyne.io/fyne/v2/cmd/fyne@$(FYNE_CLI_VERSION); }
	@if [ -e $(APP_DIR)/FyneApp.toml ]; then \
		echo "package: $(APP_DIR)/FyneApp.toml exists; the metadata belongs in ./FyneApp.toml only"; exit 1; \
	fi
	mkdir -p $(DIST_DIR)
	trap 'rm -f "$(CURDIR)/$(APP_DIR)/FyneApp.toml"' EXIT; trap 'exit 130' INT TERM; \
	cp FyneApp.toml $(APP_DIR)/FyneApp.toml && \
	cd $(DIST_DIR) && GO=$(GO) $(FYNE) package --os linux --release \
		--src "$(CURDIR)/$(APP_DIR)" --icon "$(CURDIR)/assets/icon.png"
	@ls -l $(DIST_DIR)/*.tar.xz

clean: ## Remove build output, packaged archives and failed-test data
	rm -rf $(BIN_DIR) $(DIST_DIR)
	rm -f ./*.tar.xz
	find . -path ./.git -prune -o -type d -path '*/testdata/failed' -prune -exec rm -rf {} +
	@# leftovers of an interrupted `make package`
	@if cmp -s FyneApp.toml $(APP_DIR)/FyneApp.toml; then rm -f $(APP_DIR)/FyneApp.toml; fi
	rm -f $(APP_DIR)/fyne_metadata_init.go

# The whole commands on a district's workbook beside LibreOffice and
# openpyxl; see .ci/bench-district.sh. RUNS is how many runs of each.
RUNS ?= 3
.PHONY: bench-district
bench-district: ## Time import, export, flex suggest and positions on a district's workbook beside LibreOffice and openpyxl (RUNS=3); not part of make test
	@mkdir -p $(BIN_DIR)
	CGO_ENABLED=0 $(GO) build -tags $(TAGS) -o $(CTL_BIN) $(CTL_PKG)
	CTL=$(CTL_BIN) RUNS=$(RUNS) .ci/bench-district.sh
