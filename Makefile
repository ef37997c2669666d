# ProxyClash: `make run` and `make test` set up a fresh Debian machine that has the Swift toolchain.

SWIFT        ?= swift
APT_PACKAGES := libpcre2-dev zlib1g-dev libsqlite3-dev pkg-config
RELEASE_BIN  := .build/release/proxyclash
PREFIX       ?= /usr/local

.PHONY: deps build run test bench check-html check-patterns install clean

## deps: install the C libraries (apt-get) when they are missing
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## build: release build of the proxyclash binary
build: deps
	$(SWIFT) build -c release --product proxyclash

## run: build, then scan SampleLogs/ (exit 1 just means incidents were found)
run: build
	@$(RELEASE_BIN) scan SampleLogs/; status=$$?; [ $$status -le 1 ] || exit $$status

## test: the whole test suite (unit, golden, CLI)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## bench: generate logs once (bench-data/), time proxyclash and its peers, check the answers
bench: build
	python3 Benchmarks/bench.py

## check-html: the HTML weekly summary is valid HTML5 and renders in headless Chromium
check-html:
	@command -v chromium >/dev/null || { if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium; }
	@python3 -c "import html5lib" 2>/dev/null || python3 -m pip install -q html5lib
	python3 scripts/check-summary-html.py

## check-patterns: run every pattern sample and counter-sample
check-patterns: build
	$(RELEASE_BIN) patterns check

## install: binary to $(PREFIX)/bin, patterns to $(PREFIX)/share/proxyclash/patterns
install: build
	install -d $(PREFIX)/bin $(PREFIX)/share/proxyclash/patterns
	install -m 755 $(RELEASE_BIN) $(PREFIX)/bin/proxyclash
	install -m 644 Patterns/*.yaml $(PREFIX)/share/proxyclash/patterns/

clean:
	rm -rf .build
