/*
 * audit_balance.h — the C interface of AuditBalance (libCAuditBalance.so).
 *
 * Linear data reconciliation of plant balances (material, water, energy flows) for other programs:
 * audit tools in C or C++, Python through ctypes, anything with a C foreign-function interface.
 * The computation is the one of `balance reconcile` (weighted least squares subject to the node
 * balances, classification, global / measurement / nodal tests, gross-error identification by serial
 * elimination); docs/FORMATS.md describes the quantities.
 *
 *     ab_error err;
 *     ab_case *c = NULL;
 *     ab_result *r = NULL;
 *     const char *ids[]  = {"F1", "F2", "F3"};
 *     const char *from[] = {NULL, "U1", "U1"};      // NULL or "" = outside the boundary
 *     const char *to[]   = {"U1", NULL, NULL};
 *     double values[]    = {100.0, 60.0, NAN};      // NAN = unmeasured
 *     double sigmas[]    = {2.0, 1.5, NAN};         // 1σ; 0 = known exactly; ignored when unmeasured
 *     if (ab_case_create(3, ids, from, to, values, sigmas, &c, &err) != AB_OK) { puts(err.message); ... }
 *     if (ab_reconcile(c, 0.05, &r, &err) != AB_OK) { puts(err.message); ... }
 *     ab_stream_result s;
 *     ab_result_stream(r, 2, &s, NULL);             // F3: observable, s.reconciled = 40.0
 *     ab_result_free(r);
 *     ab_case_free(c);
 *
 * Conventions
 * - Every function that can fail returns an ab_status (AB_OK = 0) and, when `error` is not NULL,
 *   fills it with the status and a message in the user's terms (which stream, which file and line).
 *   Output parameters are written only on success.
 * - Handles (ab_case *, ab_result *) are opaque; each is released by its own free function, which
 *   accepts NULL. Strings returned inside structs (ids, locations) belong to the handle they came
 *   from and stay valid until it is freed; strings returned through `char **` are released with
 *   ab_string_free.
 * - Numbers that do not exist are NaN (test with isnan), and a flag says so where it matters
 *   (has_value, has_z).
 * - Indices are 0-based, in the order the streams were given.
 *
 * Thread safety
 * - The library has no global mutable state. Functions may be called from any number of threads
 *   at once on different handles.
 * - A case or a result is immutable once created: several threads may read it (and reconcile the
 *   same case) at the same time; it must not be freed while another thread uses it.
 * - LAPACK runs on OpenBLAS. When many threads reconcile at once, run OpenBLAS on one thread
 *   (environment OPENBLAS_NUM_THREADS=1, or ab_blas_set_threads(1), which is process-wide).
 *
 * Linking: cc prog.c -I<include dir> -L<lib dir> -lCAuditBalance -Wl,-rpath,<lib dir>.
 * The library needs the Swift runtime (libswiftCore.so …), found through its own RUNPATH.
 */
#ifndef AUDIT_BALANCE_H
#define AUDIT_BALANCE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this interface: major, minor. Functions are only ever added within a major version. */
#define AB_VERSION_MAJOR 1
#define AB_VERSION_MINOR 2

/** Size of ab_error.message, including the terminating NUL; longer messages are truncated. */
#define AB_ERROR_MESSAGE_SIZE 1024

/** What a call achieved. */
typedef enum ab_status {
    /** Success. */
    AB_OK = 0,
    /** A NULL pointer where one is required, an index out of range, alpha not in (0, 1). */
    AB_INVALID_ARGUMENT = 1,
    /** The balance data are wrong: duplicate ids, negative uncertainty, a measured value without
        an uncertainty, unreadable case files … (exit status 65 of `balance`). */
    AB_BAD_DATA = 2,
    /** A numerical failure in LAPACK (exit status 1 of `balance`). */
    AB_COMPUTATION_FAILED = 3,
    /** No stream with the given id. */
    AB_NOT_FOUND = 4
} ab_status;

/** What the balances can say about a stream (FORMATS.md §2, `classification`). */
typedef enum ab_classification {
    /** Measured, and checked by at least one balance: adjusted and tested. */
    AB_REDUNDANT = 0,
    /** Measured, but no balance can check it: it keeps its measured value. */
    AB_NONREDUNDANT = 1,
    /** Unmeasured, determined by the balances. */
    AB_OBSERVABLE = 2,
    /** Unmeasured and not determinable: has_value is 0 and reconciled is NaN. */
    AB_UNOBSERVABLE = 3,
    /** Known exactly (sigma 0). */
    AB_FIXED = 4
} ab_classification;

/** The kind of an identified gross error. */
typedef enum ab_gross_error_kind {
    /** A meter reads wrong (location: the stream id). */
    AB_BIAS = 0,
    /** A leak or unmeasured loss at a node (location: the node id). */
    AB_LEAK = 1
} ab_gross_error_kind;

/** The status and message of a failed call. */
typedef struct ab_error {
    ab_status status;
    /** NUL-terminated UTF-8, e.g. "stream 'S4': the uncertainty -2 is negative (…)". */
    char message[AB_ERROR_MESSAGE_SIZE];
} ab_error;

/** A balance problem: streams between nodes. Opaque. */
typedef struct ab_case ab_case;

/** The outcome of a reconciliation. Opaque. */
typedef struct ab_result ab_result;

/** The result for one stream. */
typedef struct ab_stream_result {
    /** The stream id; owned by the result. */
    const char *id;
    /** Measured value; NaN when unmeasured. */
    double measured;
    /** Standard uncertainty of the measurement; NaN when unmeasured. */
    double sigma;
    /** Reconciled (measured) or estimated (unmeasured) value; NaN when has_value is 0. */
    double reconciled;
    /** Standard uncertainty of `reconciled`; NaN when has_value is 0. */
    double reconciled_sigma;
    /** reconciled − measured; NaN when either is missing. */
    double adjustment;
    /** Measurement test statistic (redundant streams); NaN when has_z is 0. */
    double z;
    /** What the balances can say about the stream. */
    ab_classification classification;
    /** 1 when `reconciled` is a number, 0 for an unobservable stream. */
    int has_value;
    /** 1 when `z` is a number. */
    int has_z;
    /** 1 when |z| exceeds the Šidák-corrected critical value of the measurement test. */
    int flagged;
} ab_stream_result;

/** The global (chi-squared) test. */
typedef struct ab_global_test {
    /** gamma = r' S^-1 r. */
    double statistic;
    /** Degrees of freedom: the rank of the reduced constraints (not the node count). */
    int dof;
    /** chi2_{1-alpha}(dof); NaN when dof is 0. */
    double critical;
    /** P(chi2(dof) >= statistic); NaN when dof is 0. */
    double p_value;
    /** The significance level used. */
    double alpha;
    /** 1 when statistic <= critical (also when there is nothing to test). */
    int passed;
} ab_global_test;

/** A gross error located by identification. */
typedef struct ab_gross_error {
    ab_gross_error_kind kind;
    /** Stream id (bias) or node id (leak); owned by the result. */
    const char *location;
    /** Signed test statistic when it was identified. */
    double z;
    /** Estimated size: how much the meter reads high (bias), or the flow lost (leak); NaN if unknown. */
    double estimated_bias;
    /** Standard uncertainty of estimated_bias; NaN if unknown. */
    double estimated_bias_sigma;
} ab_gross_error;

/** The library version, e.g. "0.1.0"; static storage. */
const char *ab_version(void);

/** The interface version of the loaded library (compare with AB_VERSION_MAJOR / AB_VERSION_MINOR of the header
    the caller was compiled with: the same major, and a minor at least the header's, is compatible). Either
    pointer may be NULL. Since 1.1. */
void ab_abi_version(int *major, int *minor);

/** The name of a status, e.g. "AB_BAD_DATA"; static storage. */
const char *ab_status_name(ab_status status);

/**
 * Creates a case from arrays of `count` streams.
 *   ids     unique, non-empty stream ids
 *   from    node each stream leaves; NULL or "" = outside the boundary (the array itself may be NULL)
 *   to      node each stream enters; NULL or "" = outside the boundary (the array itself may be NULL)
 *   values  measured values; NaN = unmeasured (estimated from the balances)
 *   sigmas  standard uncertainties (1 sigma) of the measured values; 0 = known exactly; NaN = not
 *           given (reconciliation then fails with AB_BAD_DATA); ignored for unmeasured streams.
 *           The array may be NULL when no stream is measured.
 * Every node named in from/to balances (sum in = sum out). The arrays are copied.
 * Returns AB_BAD_DATA for invalid data, AB_INVALID_ARGUMENT for NULL ids/values or count 0.
 */
ab_status ab_case_create(size_t count, const char *const *ids, const char *const *from, const char *const *to,
                         const double *values, const double *sigmas, ab_case **out_case, ab_error *error);

/**
 * Loads a case from disk as `balance` does: a folder holding streams.csv (and optionally nodes.csv,
 * relations.csv, components.csv, covariance.csv), or the path of a streams.csv. UTF-8 or GB18030.
 */
ab_status ab_case_load(const char *path, ab_case **out_case, ab_error *error);

/** Number of streams of a case (0 for NULL). */
size_t ab_case_stream_count(const ab_case *c);

/** Releases a case; NULL is allowed. Results made from it stay valid. */
void ab_case_free(ab_case *c);

/**
 * Reconciles a case at significance level `alpha` (0 < alpha < 1; 0.05 is usual) exactly as
 * `balance reconcile --alpha ALPHA` does (covariance.csv of a loaded case included): reconciled values,
 * classification, the statistical tests and gross errors by serial elimination.
 * A failed global test is a result (passed = 0), not an error.
 */
ab_status ab_reconcile(const ab_case *c, double alpha, ab_result **out_result, ab_error *error);

/** Number of streams in a result (0 for NULL). */
size_t ab_result_stream_count(const ab_result *r);

/** The result of stream `index` (0-based, in case order). */
ab_status ab_result_stream(const ab_result *r, size_t index, ab_stream_result *out, ab_error *error);

/** The index of the stream called `id`; AB_NOT_FOUND if there is none. */
ab_status ab_result_find_stream(const ab_result *r, const char *id, size_t *out_index, ab_error *error);

/** The global test on all measurements. */
ab_status ab_result_global_test(const ab_result *r, ab_global_test *out, ab_error *error);

/** Number of identified gross errors (0 when the global test passed, and for NULL). */
size_t ab_result_gross_error_count(const ab_result *r);

/** Gross error `index`, in order of identification. */
ab_status ab_result_gross_error(const ab_result *r, size_t index, ab_gross_error *out, ab_error *error);

/** The complete result as the JSON document of `balance reconcile --format json` (FORMATS.md §2);
    release it with ab_string_free. */
ab_status ab_result_json(const ab_result *r, char **out_json, ab_error *error);

/** Releases a string returned by this library; NULL is allowed. */
void ab_string_free(char *s);

/** Releases a result; NULL is allowed. */
void ab_result_free(ab_result *r);

/**
 * Runs any command of the `balance` tool on a case on disk, through the same application layer:
 *   command       "reconcile", "check", "water", "energy", "material", "simulate", "advise", "savings", "compare"
 *                 or "report" (since 1.2: the audit report, FORMATS.md §5.13)
 *   case_path     a case folder or a streams.csv (for "savings": the base period folder)
 *   options_json  the command's options as a JSON object, keys the long options in camelCase, e.g.
 *                 {"grossErrors": "glr", "alpha": 0.01}; NULL or "" for the defaults ("report" names the
 *                 reporting period folder of "savings"); an unknown key is a usage error
 *   result_json   on success, the JSON of `balance COMMAND CASE --format json`, byte for byte; release
 *                 it with ab_string_free. Since 1.2 the option "format" names another text format instead:
 *                 "csv", "markdown", "table", or for "report" "html" (the bytes of `--format FORMAT`); the binary
 *                 "xlsx" and "pdf" are a usage error (64)
 *   error_message on failure (when not NULL), the message `balance` prints; release it with ab_string_free
 * Returns the exit status of `balance`: 0 success, 65 bad data, 64 bad usage (unknown command or
 * option, option out of range), 1 a failed computation.
 */
int ab_run(const char *command, const char *case_path, const char *options_json, char **result_json,
           char **error_message);

/**
 * ab_run on a case held in memory (since 1.1): `file_count` files, each a name, its bytes and their size.
 *   file_names     "streams.csv", "nodes.csv", "relations.csv", "components.csv", "covariance.csv",
 *                  "equations.csv", "readings.csv", "meters.csv" (a folder part is ignored; case-insensitive), or
 *                  one workbook "NAME.xlsx"
 *                  holding the case as sheets (FORMATS.md §1.8); messages name the files as given
 *   file_contents  the bytes (CSV in UTF-8 or GB18030, or the .xlsx file); copied before the call returns
 * Everything else as ab_run. "savings" (two periods) is not available from memory: exit 64.
 * A name that is no case file, a name given twice, or a workbook with other files: 64.
 */
int ab_run_files(const char *command, size_t file_count, const char *const *file_names,
                 const unsigned char *const *file_contents, const size_t *file_sizes, const char *options_json,
                 char **result_json, char **error_message);

/** Sets the number of OpenBLAS threads for the whole process; returns 1 if it took effect (0 on
    another BLAS). Use 1 when many threads reconcile at once. */
int ab_blas_set_threads(int count);

#ifdef __cplusplus
}
#endif

#endif /* AUDIT_BALANCE_H */
