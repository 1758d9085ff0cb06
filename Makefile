# dscope build. `make` builds build/dscope; `make check` runs every test
# (sanitized build); `make demo` is the README's main job.

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
B := build

CPPFLAGS += -Isrc -D_GNU_SOURCE -DDSCOPE_VERSION='"$(VERSION)"'
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wshadow -Wformat=2 -Wno-format-nonliteral -pthread
# CI and the test build treat warnings as errors; a user's newer compiler
# should not stop an install.
ifneq ($(CI),)
CFLAGS += -Werror
endif

# Libraries found with pkg-config (one list; add a package here).
PKG_LIBS := libmnl libsystemd
CPPFLAGS += $(shell $(PKG_CONFIG) --cflags $(PKG_LIBS) 2>/dev/null)
LDLIBS += $(shell $(PKG_CONFIG) --libs $(PKG_LIBS) 2>/dev/null || echo -lmnl -lsystemd)

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

ALL_SRCS := $(shell find src -name '*.c' | sort)

# The eBPF backend (src/trace/ebpf.c) is built when libbpf, bpftool, clang
# and the kernel's BTF are all there; otherwise its stub (ebpf_stub.c),
# which says it was not built. EBPF=0 builds the stub anyway. Everything
# generated (vmlinux.h, the BPF object, its skeleton) is under $(B)/bpf.
BPFTOOL ?= $(shell command -v bpftool 2>/dev/null || ls /usr/sbin/bpftool 2>/dev/null)
BPF_CLANG ?= clang
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
ifneq ($(EBPF),0)
EBPF := $(shell $(PKG_CONFIG) --exists libbpf 2>/dev/null && [ -n "$(BPFTOOL)" ] && \
	command -v $(BPF_CLANG) >/dev/null 2>&1 && [ -r $(VMLINUX_BTF) ] && echo 1 || echo 0)
endif
# The backend's files: the loader, and what it reads of the records.
EBPF_SRCS := src/trace/ebpf.c src/trace/ebpf_load.c src/trace/ebpf_records.c \
	src/trace/ebpf_fds.c src/trace/ebpf_calls.c src/trace/ebpf_queue.c \
	src/trace/ebpf_fdgen.c src/trace/tracefs.c
ifeq ($(EBPF),1)
SRCS := $(filter-out src/trace/ebpf_stub.c,$(ALL_SRCS))
CPPFLAGS += $(shell $(PKG_CONFIG) --cflags libbpf)
LDLIBS += $(shell $(PKG_CONFIG) --libs libbpf)
else
SRCS := $(filter-out $(EBPF_SRCS),$(ALL_SRCS))
endif
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
OBJS := $(SRCS:%.c=$(B)/obj/%.o)
SAN_OBJS := $(SRCS:%.c=$(B)/asan/obj/%.o)
SAN_LIB_OBJS := $(LIB_SRCS:%.c=$(B)/asan/obj/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/asan/tests/%)
HELPER_SRCS := $(sort $(wildcard tests/helpers/*.c))
HELPERS := $(HELPER_SRCS:tests/helpers/%.c=$(B)/helpers/%)

.PHONY: all check fuzz stress valgrind ebpf-info unit e2e demo install uninstall clean deps format bench-ps bench-fds bench-graph bench-inspect bench-trace
all: $(B)/dscope

$(B)/dscope: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The eBPF program: vmlinux.h from the running kernel's BTF, the object
# (CO-RE: it loads on other kernels with BTF too; bpftool gen object
# drops the DWARF, keeping the BTF), its libbpf skeleton.
$(B)/bpf/vmlinux.h:
	@mkdir -p $(dir $@)
	$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c >$@.tmp && mv $@.tmp $@

$(B)/bpf/trace.bpf.o: bpf/trace.bpf.c bpf/trace.h $(B)/bpf/vmlinux.h
	$(BPF_CLANG) -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 -Wall -Werror \
		-I$(B)/bpf -Ibpf -c -o $@.tmp.o $<
	$(BPFTOOL) gen object $@ $@.tmp.o && rm -f $@.tmp.o

$(B)/bpf/trace.skel.h: $(B)/bpf/trace.bpf.o
	$(BPFTOOL) gen skeleton $< name dscope_trace_bpf >$@.tmp && mv $@.tmp $@

ifeq ($(EBPF),1)
$(B)/obj/src/trace/ebpf.o $(B)/asan/obj/src/trace/ebpf.o \
$(B)/obj/src/trace/ebpf_load.o $(B)/asan/obj/src/trace/ebpf_load.o \
$(B)/obj/src/trace/ebpf_calls.o $(B)/asan/obj/src/trace/ebpf_calls.o \
$(B)/obj/src/trace/ebpf_fdgen.o $(B)/asan/obj/src/trace/ebpf_fdgen.o: $(B)/bpf/trace.skel.h
$(EBPF_SRCS:%.c=$(B)/obj/%.o) $(EBPF_SRCS:%.c=$(B)/asan/obj/%.o): CPPFLAGS += -I$(B)/bpf -Ibpf
endif

ebpf-info:
	@echo "eBPF backend: $(if $(filter 1,$(EBPF)),built,not built (needs libbpf-dev, bpftool, clang and $(VMLINUX_BTF); EBPF=$(EBPF)))"

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The sanitized build used by every test.
$(B)/asan/dscope: $(SAN_OBJS)
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/asan/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Werror -O1 $(SAN) -MMD -MP -c -o $@ $<

$(B)/asan/tests/%: tests/unit/%.c $(SAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CMOCKA_CFLAGS) $(CFLAGS) -Werror -O1 $(SAN) -MMD -MP -o $@ $< $(SAN_LIB_OBJS) $(CMOCKA_LIBS) $(LDLIBS)

$(B)/helpers/%: tests/helpers/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $< -pthread

# Fuzzing (tests/fuzz): each fuzz_NAME.c is a libFuzzer harness. make
# check replays each seed corpus (tests/fuzz/corpus/NAME) once through the
# sanitized build, replay.c standing in for libFuzzer's main; make fuzz
# runs each under libFuzzer (clang, ASan + UBSan) for FUZZ_SECONDS.
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_COMMON := tests/fuzz/json_check.c tests/fuzz/terminal_check.c
FUZZ_REPLAYS := $(FUZZ_NAMES:%=$(B)/asan/fuzz/fuzz_%)
FUZZ_BINS := $(FUZZ_NAMES:%=$(B)/fuzz/fuzz_%)
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
# libFuzzer's objects: the library without the eBPF backend (its stub)
FUZZ_LIB_OBJS := $(patsubst %.c,$(B)/fuzz/obj/%.o,$(filter-out src/main.c $(EBPF_SRCS),$(ALL_SRCS)))
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined

$(B)/asan/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_COMMON) tests/fuzz/fuzz.h $(SAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) -Werror -O1 $(SAN) -o $@ $< tests/fuzz/replay.c $(FUZZ_COMMON) $(SAN_LIB_OBJS) $(LDLIBS)

$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -MMD -MP -c -o $@ $<

$(B)/fuzz/%: tests/fuzz/%.c $(FUZZ_COMMON) tests/fuzz/fuzz.h $(FUZZ_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) -O1 -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_COMMON) $(FUZZ_LIB_OBJS) $(filter-out -lbpf,$(LDLIBS))

fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@scripts/fuzz $(B) $(FUZZ_SECONDS) $(FUZZ_NAMES)

deps:
	@scripts/install-deps --ensure

check: deps
	@$(MAKE) --no-print-directory $(B)/asan/dscope $(UNIT_BINS) $(FUZZ_REPLAYS) $(HELPERS) $(B)/dscope
	@tests/run $(B)

# Minutes, not part of check: scans under heavy process churn, hundreds
# of tracer attach/kill cycles (tests/stress; STRESS_SECONDS,
# STRESS_CYCLES).
stress: deps
	@$(MAKE) --no-print-directory $(B)/asan/dscope $(HELPERS) $(B)/dscope
	@tests/run $(B) stress

# The e2e tests that do not trace, with every dscope under valgrind's
# memcheck: errors and leaks fail. Tracing's tests run under ASan only:
# Debian 12's valgrind 3.19 does not implement pidfd_open, which trace
# uses, nor its signal-driven detach.
VALGRIND_TESTS ?= $(filter-out tests/e2e/trace% tests/e2e/hostile.t tests/e2e/limits.t,$(sort $(wildcard tests/e2e/*.t)))
valgrind: deps
	@$(MAKE) --no-print-directory $(B)/dscope $(B)/asan/dscope $(HELPERS)
	@scripts/valgrind-run $(B) $(VALGRIND_TESTS)

demo: deps
	@$(MAKE) -s --no-print-directory $(B)/dscope $(HELPERS)
	@scripts/demo $(B)

bench-ps: $(B)/dscope $(HELPERS)
	bench/ps.sh

bench-fds: $(B)/dscope $(HELPERS)
	bench/fds.sh

bench-graph: $(B)/dscope $(HELPERS)
	bench/graph.sh

bench-inspect: $(B)/dscope $(HELPERS)
	bench/inspect.sh

# bench/trace.sh builds its workloads (bench/trace-work.c) into $(B)/bench.
bench-trace: $(B)/dscope
	bench/trace.sh

install: $(B)/dscope
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/dscope $(DESTDIR)$(BINDIR)/dscope
	install -m 644 doc/dscope.1 $(DESTDIR)$(MANDIR)/man1/dscope.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dscope $(DESTDIR)$(MANDIR)/man1/dscope.1

format:
	clang-format -i $(SRCS) $(wildcard src/*/*.h src/*/*/*.h) $(UNIT_SRCS) $(HELPER_SRCS)

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) $(UNIT_BINS:=.d) $(FUZZ_LIB_OBJS:.o=.d)
