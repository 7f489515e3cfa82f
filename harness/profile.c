/*
 * profile.c - the files of `lockbench profile`, read back: each process
 * that loaded the preload library left one (profile/record.h); each of
 * its records is one row.  Rows come most waited-on first: total wait,
 * then contended acquisitions, then acquisitions.
 *
 * Columns.  wait_* are over the acquisitions that waited (contended),
 * each timed; hold_* over the sampled holds (one exclusive acquisition
 * in hold_sample per thread is timed), so hold_max_ns is the longest
 * hold sampled.  A distribution with nothing in it is NA.  `lock` says
 * what ran the lock: system (glibc), the --as lock with its options, or
 * real (recursive|errorcheck|special) where --as left a mutex to glibc.
 * wait_hist and hold_hist are the two histograms themselves, as
 * lb_hist_format writes them, so that a report can draw the
 * distributions and merge locks without losing a bucket.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/csv.h"
#include "harness/files.h"
#include "harness/options.h"
#include "harness/profile.h"
#include "profile/record.h"

#define LB_PROFILE_FILES_MAX 4096

struct lb_prow {
	const struct lb_prof_file *f;
	const struct lb_prof_rec *r;
};

struct lb_profile {
	const struct lb_prof_file **files;
	int nfiles;
	struct lb_prow *rows;
	int nrows;
};

static const char *const kind_names[] = { "?", "mutex", "rwlock", "spin", "cond" };

static const char *kind_name(uint32_t k)
{
	return k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

static int by_wait(const void *a, const void *b)
{
	const struct lb_prof_rec *x = ((const struct lb_prow *)a)->r, *y = ((const struct lb_prow *)b)->r;
	uint64_t kx[3] = { x->wait_total_ns, x->contended, x->acquisitions };
	uint64_t ky[3] = { y->wait_total_ns, y->contended, y->acquisitions };

	for (int i = 0; i < 3; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? 1 : -1;
	return 0;
}

static const struct lb_prof_file *map_file(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	void *p = MAP_FAILED;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == sizeof(struct lb_prof_file))
		p = mmap(NULL, sizeof(struct lb_prof_file), PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	const struct lb_prof_file *f = p;
	if (f->magic != LB_PROF_MAGIC || f->version != LB_PROF_VERSION) {
		munmap(p, sizeof *f);
		return NULL;
	}
	return f;
}

struct lb_profile *lb_profile_read(const char *dir, char *err, size_t errlen)
{
	struct lb_profile *p = calloc(1, sizeof *p);
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!p || !d || !(p->files = calloc(LB_PROFILE_FILES_MAX, sizeof *p->files))) {
		lb_err(err, errlen, "%s: %s", dir, strerror(errno));
		if (d)
			closedir(d);
		lb_profile_free(p);
		return NULL;
	}
	while ((de = readdir(d)) && p->nfiles < LB_PROFILE_FILES_MAX) {
		size_t n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 4, ".lbp") != 0)
			continue;
		const struct lb_prof_file *f = map_file(dirfd(d), de->d_name);
		if (f)
			p->files[p->nfiles++] = f;
	}
	closedir(d);
	size_t total = 0;
	for (int i = 0; i < p->nfiles; i++)
		total += LB_PROF_RECORDS;
	if (!(p->rows = calloc(total ? total : 1, sizeof *p->rows))) {
		lb_err(err, errlen, "%s", strerror(errno));
		lb_profile_free(p);
		return NULL;
	}
	for (int i = 0; i < p->nfiles; i++) {
		const struct lb_prof_file *f = p->files[i];
		uint32_t n = f->nrec < LB_PROF_RECORDS - 1 ? f->nrec : LB_PROF_RECORDS - 1;
		for (uint32_t k = 0; k < n; k++)
			p->rows[p->nrows++] = (struct lb_prow){ f, &f->rec[k] };
		if (f->rec[LB_PROF_RECORDS - 1].acquisitions)
			p->rows[p->nrows++] = (struct lb_prow){ f, &f->rec[LB_PROF_RECORDS - 1] };
	}
	qsort(p->rows, (size_t)p->nrows, sizeof *p->rows, by_wait);
	return p;
}

void lb_profile_free(struct lb_profile *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nfiles; i++)
		munmap((void *)p->files[i], sizeof *p->files[i]);
	free(p->files);
	free(p->rows);
	free(p);
}

int lb_profile_processes(const struct lb_profile *p)
{
	return p->nfiles;
}

int lb_profile_locks(const struct lb_profile *p)
{
	return p->nrows;
}

static void ran_name(const struct lb_prow *w, char *buf, size_t len)
{
	static const char *const real[] = { "system", "", "real (recursive)", "real (errorcheck)",
					    "real (special)" };
	uint32_t ran = w->r->ran;

	if (ran == LB_PROF_RAN_AS)
		snprintf(buf, len, "%.*s", (int)sizeof w->f->as, w->f->as);
	else
		snprintf(buf, len, "%s", ran < sizeof real / sizeof real[0] ? real[ran] : "?");
}

static void pct(char *buf, size_t len, const struct lb_hist *h, double q)
{
	if (h->count == 0)
		snprintf(buf, len, "NA");
	else
		snprintf(buf, len, "%" PRIu64, q > 100 ? h->max : lb_hist_percentile(h, q));
}

static int threads_of(const struct lb_prof_rec *r)
{
	int n = 0;
	for (int i = 0; i < 4; i++)
		n += __builtin_popcountll(r->threads[i]);
	return n;
}

/* A record's site as a string (the file, written by the program, need
 * not end it). */
static void site_text(const struct lb_prof_rec *r, char buf[LB_PROF_SITE + 1])
{
	snprintf(buf, LB_PROF_SITE + 1, "%.*s", LB_PROF_SITE, r->site);
}

/* The longest text of a histogram: every bucket, each "LOW:COUNT ". */
#define LB_HIST_TEXT (LB_HIST_BUCKETS * 42 + 1)

int lb_profile_csv(const struct lb_profile *p, FILE *f)
{
	char *hist = malloc(LB_HIST_TEXT);

	if (!hist)
		return -1;
	fputs("lock_addr,kind,site,acquisitions,contended,wait_total_ns,wait_p50_ns,wait_p99_ns,"
	      "wait_max_ns,hold_p50_ns,hold_p99_ns,hold_max_ns,owner_changes,threads,lock,pid,"
	      "program,wait_hist,hold_hist\n", f);
	for (int i = 0; i < p->nrows; i++) {
		const struct lb_prow *w = &p->rows[i];
		const struct lb_prof_rec *r = w->r;
		char v[6][32], site[LB_PROF_SITE + 1], ran[200], prog[sizeof w->f->program + 1];

		pct(v[0], sizeof v[0], &r->wait, 50);
		pct(v[1], sizeof v[1], &r->wait, 99);
		pct(v[2], sizeof v[2], &r->wait, 101);
		pct(v[3], sizeof v[3], &r->hold, 50);
		pct(v[4], sizeof v[4], &r->hold, 99);
		pct(v[5], sizeof v[5], &r->hold, 101);
		site_text(r, site);
		snprintf(prog, sizeof prog, "%.*s", (int)sizeof w->f->program, w->f->program);
		ran_name(w, ran, sizeof ran);
		fprintf(f, "0x%" PRIx64 ",%s,", r->addr, kind_name(r->kind));
		lb_csv_field(f, site);
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,%s,%s,%s,%s,%s,%" PRIu64 ",%d,",
			(uint64_t)r->acquisitions, (uint64_t)r->contended, (uint64_t)r->wait_total_ns,
			v[0], v[1], v[2], v[3], v[4], v[5], (uint64_t)r->owner_changes,
			threads_of(r));
		lb_csv_field(f, ran);
		fprintf(f, ",%d,", (int)w->f->pid);
		lb_csv_field(f, prog);
		for (int k = 0; k < 2; k++) {
			fputc(',', f);
			lb_hist_format(hist, LB_HIST_TEXT, k ? &r->hold : &r->wait);
			lb_csv_field(f, hist);
		}
		fputc('\n', f);
	}
	free(hist);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

static void ms(char *buf, size_t len, uint64_t ns)
{
	snprintf(buf, len, "%.3f ms", (double)ns / 1e6);
}

void lb_profile_table(const struct lb_profile *p, FILE *f, int top)
{
	uint64_t acq = 0, cont = 0;
	int shown = 0, locks = 0;

	for (int i = 0; i < p->nrows; i++)
		if (p->rows[i].r->kind != LB_PROF_COND) {
			locks++;
			acq += p->rows[i].r->acquisitions;
			cont += p->rows[i].r->contended;
		}
	fprintf(f, "lockbench profile: %d lock%s and %d condition variable%s in %d process%s; "
		"the locks: %" PRIu64 " acquisitions, %" PRIu64 " contended\n", locks,
		locks == 1 ? "" : "s", p->nrows - locks, p->nrows - locks == 1 ? "" : "s",
		p->nfiles, p->nfiles == 1 ? "" : "es", acq, cont);
	/* The locks in the order of the CSV, most waited-on first. */
	for (int i = 0; i < p->nrows && shown < top; i++) {
		const struct lb_prow *w = &p->rows[i];
		const struct lb_prof_rec *r = w->r;
		char total[32], max[32], ran[200], site[LB_PROF_SITE + 1];
		/* shown as messages are (lb_visible): a site names an object's
		 * path, which may hold an escape or a line break */
		char vran[4 * sizeof ran], vsite[4 * sizeof site];
		if (r->kind == LB_PROF_COND || !r->contended)
			continue;
		if (shown++ == 0)
			fprintf(f, "  %10s %12s %14s %12s %7s  %-6s %-16s %s\n", "contended",
				"acquisitions", "wait total", "wait max", "threads", "kind", "lock",
				"site");
		ms(total, sizeof total, r->wait_total_ns);
		ms(max, sizeof max, r->wait.count ? r->wait.max : 0);
		ran_name(w, ran, sizeof ran);
		site_text(r, site);
		fprintf(f, "  %10" PRIu64 " %12" PRIu64 " %14s %12s %7d  %-6s %-16.40s %s\n",
			(uint64_t)r->contended, (uint64_t)r->acquisitions, total, max,
			threads_of(r), kind_name(r->kind), lb_visible(vran, sizeof vran, ran),
			lb_visible(vsite, sizeof vsite, site));
	}
	if (!shown && locks)
		fprintf(f, "  no lock was contended\n");
}
