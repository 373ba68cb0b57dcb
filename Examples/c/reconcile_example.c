/*
 * Reconciles the heat exchanger with bypass of Narasimhan & Jordache (2000) through the C interface of
 * AuditBalance, once from arrays and once from the case folder, and checks the published numbers:
 * reconciled S1 = 100.22, S2 = 64.50, S3 = 35.72 (to the 2 decimals published, tolerance 0.005),
 * chi-squared = 6.4075 (tolerance 1e-4) with 4 degrees of freedom. Exits non-zero on any mismatch.
 *
 *   cc -std=c11 -I Sources/CAuditBalance/include Examples/c/reconcile_example.c \
 *      -L .build/debug -lCAuditBalance -Wl,-rpath,$PWD/.build/debug -lm -pthread -o reconcile_example
 *   ./reconcile_example Datasets/published/nj_heat_exchanger_bypass
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "audit_balance.h"

static int failures = 0;

static void expect_near(const char *what, double actual, double expected, double tolerance) {
    int ok = fabs(actual - expected) <= tolerance;
    printf("  %-14s %12.6f  expected %10.4f ± %g  %s\n", what, actual, expected, tolerance, ok ? "ok" : "MISMATCH");
    if (!ok) failures++;
}

/* Prints the result and checks it against the published case. */
static void check_result(const char *title, const ab_result *result) {
    ab_error err;
    printf("%s\n", title);
    printf("  %-4s %10s %10s %10s %8s  %s\n", "id", "measured", "reconciled", "sigma", "z", "classification");
    static const char *const classes[] = {"redundant", "nonredundant", "observable", "unobservable", "fixed"};
    for (size_t i = 0; i < ab_result_stream_count(result); i++) {
        ab_stream_result s;
        if (ab_result_stream(result, i, &s, &err) != AB_OK) {
            fprintf(stderr, "ab_result_stream: %s\n", err.message);
            failures++;
            return;
        }
        printf("  %-4s %10.2f %10.2f %10.4f %8.3f  %s%s\n", s.id, s.measured, s.reconciled, s.reconciled_sigma, s.z,
               classes[s.classification], s.flagged ? " (flagged)" : "");
    }

    const char *ids[] = {"S1", "S2", "S3"};
    const double published[] = {100.22, 64.5, 35.72};
    for (int k = 0; k < 3; k++) {
        size_t index;
        ab_stream_result s;
        if (ab_result_find_stream(result, ids[k], &index, &err) != AB_OK ||
            ab_result_stream(result, index, &s, &err) != AB_OK) {
            fprintf(stderr, "%s: %s\n", ids[k], err.message);
            failures++;
            continue;
        }
        char label[32];
        snprintf(label, sizeof label, "%s reconciled", ids[k]);
        expect_near(label, s.reconciled, published[k], 0.005);
        if (!s.has_value || s.classification != AB_REDUNDANT) {
            printf("  %s should be redundant with a value\n", ids[k]);
            failures++;
        }
    }

    ab_global_test g;
    if (ab_result_global_test(result, &g, &err) != AB_OK) {
        fprintf(stderr, "ab_result_global_test: %s\n", err.message);
        failures++;
        return;
    }
    expect_near("chi-squared", g.statistic, 6.4075, 1e-4);
    expect_near("dof", g.dof, 4, 0);
    printf("  global test: critical %.4f, p = %.4f, %s; %zu gross error(s)\n", g.critical, g.p_value,
           g.passed ? "passed" : "FAILED", ab_result_gross_error_count(result));
    if (!g.passed) failures++;
}

/* Threads reconcile the same (immutable) case at once, each into its own result. */
typedef struct {
    const ab_case *c;
    double s1;
    ab_status status;
} job;

static void *reconcile_in_thread(void *argument) {
    job *j = argument;
    for (int k = 0; k < 200; k++) {
        ab_result *r = NULL;
        ab_stream_result s;
        j->status = ab_reconcile(j->c, 0.05, &r, NULL);
        if (j->status != AB_OK) return NULL;
        j->status = ab_result_stream(r, 0, &s, NULL);
        j->s1 = s.reconciled;
        ab_result_free(r);
        if (j->status != AB_OK) return NULL;
    }
    return NULL;
}

int main(int argc, char **argv) {
    ab_error err;
    printf("AuditBalance C interface %s\n", ab_version());

    /* 1. The case built from arrays. */
    const char *ids[] = {"S1", "S2", "S3", "S4", "S5", "S6"};
    const char *from[] = {NULL, "splitter", "splitter", "heat_exchanger", "bypass_valve", "mixer"};
    const char *to[] = {"splitter", "heat_exchanger", "bypass_valve", "mixer", "mixer", NULL};
    const double values[] = {101.91, 64.45, 34.65, 64.2, 36.44, 98.88};
    const double sigmas[] = {1, 1, 1, 1, 1, 1};
    ab_case *c = NULL;
    ab_result *r = NULL;
    if (ab_case_create(6, ids, from, to, values, sigmas, &c, &err) != AB_OK ||
        ab_reconcile(c, 0.05, &r, &err) != AB_OK) {
        fprintf(stderr, "%s: %s\n", ab_status_name(err.status), err.message);
        return 1;
    }
    check_result("Narasimhan & Jordache heat exchanger with bypass, from arrays:", r);
    ab_result_free(r);

    /* 1b. Four threads, 200 reconciliations each, on the same case: the same answer everywhere. */
    ab_blas_set_threads(1);
    pthread_t threads[4];
    job jobs[4];
    for (int t = 0; t < 4; t++) {
        jobs[t] = (job){c, NAN, AB_OK};
        pthread_create(&threads[t], NULL, reconcile_in_thread, &jobs[t]);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
        if (jobs[t].status != AB_OK || fabs(jobs[t].s1 - 100.22) > 0.005) {
            printf("thread %d: status %s, S1 = %f\n", t, ab_status_name(jobs[t].status), jobs[t].s1);
            failures++;
        }
    }
    printf("4 threads x 200 reconciliations of the same case: %s\n", failures ? "MISMATCH" : "ok");
    ab_case_free(c);

    /* 2. The same case from its folder. */
    if (argc > 1) {
        if (ab_case_load(argv[1], &c, &err) != AB_OK || ab_reconcile(c, 0.05, &r, &err) != AB_OK) {
            fprintf(stderr, "%s: %s\n", ab_status_name(err.status), err.message);
            return 1;
        }
        check_result("The same case loaded from its folder:", r);
        char *json = NULL;
        if (ab_result_json(r, &json, &err) != AB_OK || strstr(json, "\"globalTest\"") == NULL) {
            printf("  JSON output lacks globalTest\n");
            failures++;
        }
        ab_string_free(json);
        ab_result_free(r);
        ab_case_free(c);
    }

    /* 3. Bad data are reported with a status and a message, never a crash. */
    const double bad_sigmas[] = {1, 1, -1, 1, 1, 1};
    ab_status status = ab_case_create(6, ids, from, to, values, bad_sigmas, &c, &err);
    printf("negative sigma -> %s: %s\n", ab_status_name(status), err.message);
    if (status != AB_BAD_DATA) failures++;
    status = ab_reconcile(NULL, 0.05, &r, &err);
    if (status != AB_INVALID_ARGUMENT) failures++;

    if (failures) {
        printf("%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
