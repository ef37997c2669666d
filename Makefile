# ProxyClash: `make run` and `make test` set up a fresh Debian machine that has the Swift toolchain.

SWIFT        ?= swift
APT_PACKAGES := libpcre2-dev zlib1g-dev libarchive-dev libsqlite3-dev pkg-config
RELEASE_BIN  := .build/release/proxyclash
PREFIX       ?= /usr/local

FUZZ_SECONDS ?= 600
FUZZ_TARGETS := FuzzScan FuzzDecoder FuzzCompressed FuzzArchive FuzzTextShapes FuzzPatterns FuzzTimestamps FuzzReportJSON
FUZZ_FLAGS   := -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld

.PHONY: deps build check-static man run test bench fuzz check-html check-patterns install uninstall deb check-deb clean

# Installs those of the Debian packages $(1) that are missing (sudo when not root).
define apt_install
	@missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

## deps: install the C libraries (apt-get) when they are missing
deps:
	$(call apt_install,$(APT_PACKAGES))

## build: release build of the proxyclash binary, the Swift runtime and Foundation linked in
##   (it needs only Debian's libc, libstdc++6, libgcc-s1, libpcre2-8-0, libsqlite3-0, zlib1g and libarchive13)
# No $$ORIGIN run path (it needs no library beside itself) and full RELRO (relocations resolved at
# start, then read-only), as Debian's hardening flags link.
build: deps
	$(SWIFT) build -c release --product proxyclash --static-swift-stdlib --disable-local-rpath \
	  -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now

## check-static: the release binary loads no Swift library (it runs where no toolchain is)
check-static: build
	@if ldd $(RELEASE_BIN) | grep -E 'libswift|libFoundation|libdispatch|/swift/'; then \
	  echo "$(RELEASE_BIN) still loads Swift libraries"; exit 1; fi
	@env -i $(RELEASE_BIN) --version >/dev/null && echo "$(RELEASE_BIN): no Swift library loaded, runs with an empty environment"

## run: build, then scan SampleLogs/ (exit 1 just means incidents were found)
run: build
	@$(RELEASE_BIN) scan SampleLogs/; status=$$?; [ $$status -le 1 ] || exit $$status

## test: the whole test suite (unit, golden, CLI)
test: deps
	$(SWIFT) build --build-tests
	SWIFT_BACKTRACE=interactive=no $(SWIFT) test --skip-build

## bench: generate logs once (bench-data/), time proxyclash and its peers, check the answers
bench: build
	$(call apt_install,ripgrep)
	python3 Benchmarks/bench.py

## fuzz: every libFuzzer target for FUZZ_SECONDS (default 600), seeded from SampleLogs/ and the fixtures.
fuzz: deps
	$(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz -c debug $(FUZZ_FLAGS)
	@set -e; for target in $(FUZZ_TARGETS); do \
	  corpus=bench-data/fuzz/$$target; mkdir -p $$corpus; \
	  crashes=bench-data/fuzz/crashes/$$target; rm -rf $$crashes; mkdir -p $$crashes; \
	  case $$target in \
	    FuzzPatterns) cp Patterns/*.yaml $$corpus/ ;; \
	    FuzzArchive) cp SampleLogs/*.zip SampleLogs/*.tar.gz Tests/ProxyClashCoreTests/Fixtures/*.zip \
	      Tests/ProxyClashCoreTests/Fixtures/archives/*.tar* Tests/ProxyClashCoreTests/Fixtures/archives/*.zip $$corpus/ ;; \
	    FuzzCompressed) for seed in SampleLogs/*.gz Tests/ProxyClashCoreTests/Fixtures/*.gz Tests/ProxyClashCoreTests/Fixtures/archives/*.log.*; do \
	      { printf '\000'; cat $$seed; } > $$corpus/$$(basename $$seed); done ;; \
	    *) cp SampleLogs/* $$corpus/ ;; \
	  esac; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=interactive=no .build-fuzz/debug/$$target $$corpus -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 \
	    -artifact_prefix=$$crashes/ -print_final_stats=1 < /dev/null 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" ; \
	  test -z "$$(ls $$crashes)" || { echo "$$target found a crash: $$crashes/"; exit 1; }; \
	done

## check-html: the HTML weekly summary is valid HTML5 and reads in headless Chromium at 1280 and 390 px
check-html:
	$(call apt_install,chromium chromium-driver)
	@python3 -c "import html5lib, selenium" 2>/dev/null || python3 -m pip install -q html5lib selenium
	python3 scripts/check-summary-html.py

## check-patterns: run every pattern sample and counter-sample
check-patterns: build
	$(RELEASE_BIN) patterns check

# Man pages, one per command (argument-parser's generate-manual, from the binary's help).
MAN_PAGES := proxyclash.1 proxyclash.scan.1 proxyclash.summary.1 proxyclash.remediate.1 proxyclash.merge.1 \
             proxyclash.patterns.1 proxyclash.patterns.list.1 proxyclash.patterns.check.1 proxyclash.help.1
MAN_DATE  := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

# What `make install` puts under $(DESTDIR)$(PREFIX), and `make uninstall` removes.
INSTALLED := bin/proxyclash share/bash-completion/completions/proxyclash share/zsh/site-functions/_proxyclash \
             share/fish/vendor_completions.d/proxyclash.fish $(addprefix share/proxyclash/patterns/,$(notdir $(wildcard Patterns/*.yaml))) \
             $(addprefix share/man/man1/,$(MAN_PAGES))

## man: the man pages, in .build/man
man: build
	$(SWIFT) build --product generate-manual
	rm -rf .build/man && mkdir -p .build/man
	.build/debug/generate-manual $(RELEASE_BIN) --multi-page --date $(MAN_DATE) --output-directory .build/man
	scripts/tidy-man-pages.sh $(addprefix .build/man/,$(MAN_PAGES))

## install: binary, patterns, man pages and shell completions under $(DESTDIR)$(PREFIX) (packagers set DESTDIR)
install: build man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/proxyclash/patterns $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/proxyclash
	install -m 644 Patterns/*.yaml $(DESTDIR)$(PREFIX)/share/proxyclash/patterns/
	install -m 644 $(addprefix .build/man/,$(MAN_PAGES)) $(DESTDIR)$(PREFIX)/share/man/man1/
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/proxyclash
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_proxyclash
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/proxyclash.fish

## uninstall: remove exactly what install put there (and the folder of the patterns when empty)
uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(INSTALLED))
	-rmdir $(DESTDIR)$(PREFIX)/share/proxyclash/patterns $(DESTDIR)$(PREFIX)/share/proxyclash 2>/dev/null

## deb: the Debian package, .build/deb/proxyclash_VERSION_ARCH.deb (dpkg-deb, no network; scripts/make-deb.sh)
deb:
	$(call apt_install,dpkg-dev)
	rm -rf .build/deb && mkdir -p .build/deb
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/.build/deb/debian/proxyclash PREFIX=/usr
	scripts/make-deb.sh .build/deb
	rm -rf .build/deb/debian

## check-deb: the .deb passes lintian and its unpacked binary runs without the toolchain, the systemd units
##   verify, make install/uninstall put and remove every file (scripts/check-deb.sh)
check-deb: deb
	$(call apt_install,lintian man-db systemd)
	INSTALLED="$(INSTALLED)" scripts/check-deb.sh .build/deb/proxyclash_*.deb

clean:
	rm -rf .build
