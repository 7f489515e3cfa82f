/*
 * gbench_shim.cc - the C API of gbench.h over Google Benchmark's
 * benchmark::State.  The project's only C++ file.
 *
 * Each registered benchmark is a lambda that wraps the C function and its
 * argument: it builds the thread's lb_gb_state on its stack, around the
 * library's State, and calls the function with it.
 *
 * Setup and teardown.  Google Benchmark calls a benchmark's Setup and
 * Teardown hooks once around each run, outside the run's threads, but a
 * hook is a plain function pointer, void (*)(const benchmark::State &),
 * with no user argument, and the State does not say which benchmark it
 * belongs to.  So the hooks are a fixed table of LB_GB_MAX_HOOKED
 * functions, hook_setup<0>, hook_setup<1>, ..., each bound at compile
 * time to one slot of a table of C callbacks; registering a benchmark
 * with setup or teardown takes the next free slot and hands the library
 * that slot's pair of functions.  A slot also keeps whether the run's
 * setup failed and why, for the run's threads to report.
 *
 * Nothing here lets a C++ exception reach C: every entry point that can
 * allocate catches and returns -1 with errno.
 */
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <utility>

#include <benchmark/benchmark.h>

#include "harness/gbench.h"

struct lb_gb_state {
	benchmark::State *s;
	bool paused; /* lb_gb_pause'd: the timer is stopped               */
	bool done;   /* keep_running said false: the library stopped it    */
};

namespace {

struct hook_slot {
	int (*setup)(void *arg, int threads, char *err, size_t errlen);
	void (*teardown)(void *arg, int threads);
	void *arg;
	/* Written by the setup hook before the run's threads start (and so
	 * seen by them: thread creation orders it), read by the threads. */
	bool failed;
	char error[256];
};

hook_slot slots[LB_GB_MAX_HOOKED];
int nslots;

template <int N> void hook_setup(const benchmark::State &st)
{
	hook_slot &h = slots[N];

	h.failed = false;
	h.error[0] = '\0';
	if (h.setup && h.setup(h.arg, st.threads(), h.error, sizeof h.error) < 0) {
		h.failed = true;
		if (!h.error[0])
			std::snprintf(h.error, sizeof h.error, "setup failed");
	}
}

template <int N> void hook_teardown(const benchmark::State &st)
{
	hook_slot &h = slots[N];

	if (h.teardown && !h.failed)
		h.teardown(h.arg, st.threads());
}

using hook_fn = void (*)(const benchmark::State &);
struct hook_pair {
	hook_fn setup, teardown;
};

template <int... I>
constexpr std::array<hook_pair, sizeof...(I)> make_hooks(std::integer_sequence<int, I...>)
{
	return { { { &hook_setup<I>, &hook_teardown<I> }... } };
}

constexpr auto hooks = make_hooks(std::make_integer_sequence<int, LB_GB_MAX_HOOKED>());

/* The library's flags for a kind; false for a value outside the enum.
 * The kind comes from C, where any int fits the enum; in C++ a value
 * outside its range may not even be loaded, so it is read as an int. */
bool counter_flags(const enum lb_gb_counter_kind *kind, benchmark::Counter::Flags *f)
{
	int k;

	std::memcpy(&k, kind, sizeof k);
	switch (k) {
	case LB_GB_PLAIN: *f = benchmark::Counter::kDefaults; return true;
	case LB_GB_RATE: *f = benchmark::Counter::kIsRate; return true;
	case LB_GB_AVG_THREADS: *f = benchmark::Counter::kAvgThreads; return true;
	case LB_GB_AVG_THREADS_RATE: *f = benchmark::Counter::kAvgThreadsRate; return true;
	}
	return false;
}

/* Inside the timed loop, where the library requires pause and resume to
 * be: started (a State counts no iterations before its loop starts), not
 * finished, no error. */
bool in_loop(const lb_gb_state *st)
{
	return !st->done && st->s->iterations() > 0 && !st->s->error_occurred();
}

} // namespace

extern "C" {

int lb_gb_register(const char *name, lb_gb_fn fn, void *arg, const struct lb_gb_spec *spec)
{
	static const struct lb_gb_spec none = {};

	if (!spec)
		spec = &none;
	if (!name || !fn || spec->nthreads < 0 || (spec->nthreads > 0 && !spec->threads)) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < spec->nthreads; i++)
		if (spec->threads[i] < 1) {
			errno = EINVAL;
			return -1;
		}
	const bool hooked = spec->setup || spec->teardown;
	if (hooked && nslots == LB_GB_MAX_HOOKED) {
		errno = ENOSPC;
		return -1;
	}
	hook_slot *h = hooked ? &slots[nslots] : nullptr;

	try {
		benchmark::internal::Benchmark *b = benchmark::RegisterBenchmark(
			name, [fn, arg, h](benchmark::State &s) {
				lb_gb_state st = { &s, false, false };
				if (h && h->failed) {
					s.SkipWithError(h->error);
					while (s.KeepRunning()) {
					}
					return;
				}
				fn(&st, arg);
			});
		for (int i = 0; i < spec->nthreads; i++)
			b->Threads(spec->threads[i]);
		if (spec->use_real_time)
			b->UseRealTime();
		if (hooked) {
			*h = hook_slot{ spec->setup, spec->teardown, arg, false, {} };
			b->Setup(hooks[nslots].setup);
			b->Teardown(hooks[nslots].teardown);
			nslots++;
		}
	} catch (...) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* The library's last KeepRunning stops the timer, which must then be
 * running: a paused timer is resumed first. */
bool lb_gb_keep_running(struct lb_gb_state *st)
{
	if (__builtin_expect(st->paused, 0))
		lb_gb_resume(st);
	if (__builtin_expect(st->s->KeepRunning(), 1))
		return true;
	st->done = true;
	return false;
}

/* Cut to what is left of the pass: iterations() is what the batches so
 * far took (0 before the first), so a pass never runs past max_iterations,
 * whose excess the library would count. */
uint64_t lb_gb_keep_running_batch(struct lb_gb_state *st, uint64_t n)
{
	const benchmark::IterationCount left = st->s->max_iterations - st->s->iterations();
	benchmark::IterationCount want = n ? static_cast<benchmark::IterationCount>(n) : 1;

	if (left > 0 && want > left)
		want = left;
	if (__builtin_expect(st->paused, 0))
		lb_gb_resume(st);
	if (__builtin_expect(st->s->KeepRunningBatch(want), 1))
		return static_cast<uint64_t>(want);
	st->done = true;
	return 0;
}

int lb_gb_pause(struct lb_gb_state *st)
{
	if (st->paused || !in_loop(st)) {
		errno = EINVAL;
		return -1;
	}
	st->s->PauseTiming();
	st->paused = true;
	return 0;
}

int lb_gb_resume(struct lb_gb_state *st)
{
	if (!st->paused || !in_loop(st)) {
		errno = EINVAL;
		return -1;
	}
	st->s->ResumeTiming();
	st->paused = false;
	return 0;
}

int lb_gb_counter(struct lb_gb_state *st, const char *name, double value,
		  enum lb_gb_counter_kind kind)
{
	benchmark::Counter::Flags f;

	if (!name || !counter_flags(&kind, &f)) {
		errno = EINVAL;
		return -1;
	}
	try {
		st->s->counters[name] = benchmark::Counter(value, f);
	} catch (...) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int lb_gb_thread_index(const struct lb_gb_state *st)
{
	return st->s->thread_index();
}

int lb_gb_threads(const struct lb_gb_state *st)
{
	return st->s->threads();
}

uint64_t lb_gb_iterations(const struct lb_gb_state *st)
{
	return static_cast<uint64_t>(st->s->iterations());
}

uint64_t lb_gb_max_iterations(const struct lb_gb_state *st)
{
	return static_cast<uint64_t>(st->s->max_iterations);
}

int lb_gb_skip_with_error(struct lb_gb_state *st, const char *msg)
{
	if (st->s->error_occurred()) {
		errno = EINVAL;
		return -1;
	}
	st->s->SkipWithError(msg ? msg : "error");
	st->paused = false; /* SkipWithError stops a running timer */
	return 0;
}

int lb_gb_run(int *argc, char **argv)
{
	if (!argc || *argc < 1 || !argv) {
		errno = EINVAL;
		return -1;
	}
	try {
		benchmark::Initialize(argc, argv);
		if (benchmark::ReportUnrecognizedArguments(*argc, argv)) {
			benchmark::Shutdown();
			errno = EINVAL;
			return -1;
		}
		benchmark::RunSpecifiedBenchmarks();
		benchmark::Shutdown();
	} catch (...) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void lb_gb_print_flags(void)
{
	try {
		benchmark::PrintDefaultHelp();
	} catch (...) {
	}
}

} // extern "C"
