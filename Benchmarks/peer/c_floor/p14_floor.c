/* Vendored from the project's peers/c_floor/p14_floor.c (the C + LAPACKE floor of issue 12), unchanged below this line,
   so that Benchmarks/floor-ratio.sh needs nothing outside the repository. */
/* The C floor for one small linear reconciliation (all streams measured): plain C + LAPACKE/OpenBLAS.
   Per solve: S = A V A^T, Cholesky, lambda = S^-1 r, x = y - V A^T lambda, chi2 = r^T lambda,
   W_ii = ||L^-1 (A V)_i||^2 (the adjustment variances for the measurement test), nodal residuals.
   usage: p14_floor streams.csv [reps]    prints the median microseconds per solve over 21 batches. */
#include <lapacke.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define MAXS 512
#define MAXN 256
static char names[MAXN][64]; static int nn;
static int node(const char *s) { if (!*s) return -1; for (int i = 0; i < nn; i++) if (!strcmp(names[i], s)) return i;
  strcpy(names[nn], s); return nn++; }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "r"); char line[512]; int n = 0; int from[MAXS], to[MAXS]; double y[MAXS], sig[MAXS];
  fgets(line, sizeof line, f);
  while (fgets(line, sizeof line, f)) {
    char *fields[5]; char *p = line; for (int k = 0; k < 5; k++) { fields[k] = p; p = strchr(p, ','); if (p) *p++ = 0; else p = ""; }
    fields[4][strcspn(fields[4], "\r\n")] = 0;
    from[n] = node(fields[1]); to[n] = node(fields[2]); y[n] = atof(fields[3]); sig[n] = atof(fields[4]); n++;
  }
  int m = nn, reps = argc > 2 ? atoi(argv[2]) : 20000;
  static double A[MAXN * MAXS], AV[MAXN * MAXS], S[MAXN * MAXN], r[MAXN], lam[MAXN], x[MAXS], w[MAXS];
  double times[21], chi2 = 0;
  for (int b = 0; b < 21; b++) {
    double t0 = now();
    for (int rep = 0; rep < reps; rep++) {
      memset(A, 0, sizeof(double) * m * n);              /* column-major m x n incidence */
      for (int j = 0; j < n; j++) { if (to[j] >= 0) A[j * m + to[j]] += 1; if (from[j] >= 0) A[j * m + from[j]] -= 1; }
      for (int j = 0; j < n; j++) { double v = sig[j] * sig[j]; for (int i = 0; i < m; i++) AV[j * m + i] = A[j * m + i] * v; }
      for (int i = 0; i < m; i++) { r[i] = 0; for (int j = 0; j < n; j++) r[i] += A[j * m + i] * y[j]; }
      for (int i = 0; i < m; i++) for (int k = 0; k <= i; k++) { double s = 0; for (int j = 0; j < n; j++) s += AV[j * m + i] * A[j * m + k]; S[k * m + i] = s; }
      if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', m, S, m)) return 1;
      memcpy(lam, r, sizeof(double) * m);
      LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', m, 1, S, m, lam, m);
      chi2 = 0; for (int i = 0; i < m; i++) chi2 += r[i] * lam[i];
      for (int j = 0; j < n; j++) { double c = 0; for (int i = 0; i < m; i++) c += AV[j * m + i] * lam[i]; x[j] = y[j] - c; }
      LAPACKE_dtrtrs(LAPACK_COL_MAJOR, 'L', 'N', 'N', m, n, S, m, AV, m);
      for (int j = 0; j < n; j++) { double s = 0; for (int i = 0; i < m; i++) s += AV[j * m + i] * AV[j * m + i]; w[j] = s; }
    }
    times[b] = (now() - t0) / reps * 1e6;
  }
  qsort(times, 21, sizeof(double), cmp);
  printf("streams %d nodes %d chi2 %.6f x1 %.6f w1 %.6f\n", n, m, chi2, x[0], w[0]);
  printf("median %.2f us per solve (min %.2f, max %.2f)\n", times[10], times[0], times[20]);
  return 0;
}
