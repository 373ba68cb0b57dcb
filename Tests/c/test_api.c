/* Every function of the C interface (Sources/CAuditBalance/include/audit_balance.h), with their error paths,
 * compiled with -Wall -Wextra -Werror and run under AddressSanitizer + LeakSanitizer by `make test-c`: a string or
 * handle the library hands out and this test frees must not leak, and no call may touch memory it should not.
 * Checks the published Narasimhan & Jordache answer (S1 = 100.22, chi-squared 6.4075) and that ab_run,
 * ab_run_files and the typed functions agree.
 * Usage: test_api REPOSITORY_ROOT
 */
#include <audit_balance.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAILED %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc(n > 0 ? (size_t)n : 1);
    *size = n > 0 && fread(bytes, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
    fclose(f);
    return bytes;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: test_api REPOSITORY_ROOT\n"); return 2; }
    char nj[4096], demo[4096], book[4096], path[4200];
    snprintf(nj, sizeof nj, "%s/Datasets/published/nj_heat_exchanger_bypass", argv[1]);
    snprintf(demo, sizeof demo, "%s/Datasets/demo/dyeing-plant-water", argv[1]);
    snprintf(book, sizeof book, "%s/Tests/BalanceIOTests/Fixtures/xlsx/nj_heat_exchanger_bypass.xlsx", argv[1]);

    /* Versions. */
    int major = -1, minor = -1;
    ab_abi_version(&major, &minor);
    CHECK(major == AB_VERSION_MAJOR && minor >= AB_VERSION_MINOR, "ABI %d.%d vs header %d.%d", major, minor,
          AB_VERSION_MAJOR, AB_VERSION_MINOR);
    ab_abi_version(NULL, NULL);
    CHECK(strlen(ab_version()) > 0, "empty version");
    CHECK(strcmp(ab_status_name(AB_BAD_DATA), "AB_BAD_DATA") == 0, "status name %s", ab_status_name(AB_BAD_DATA));
    CHECK(ab_blas_set_threads(1) == 1, "OpenBLAS thread count not set");

    /* A case from arrays: the NJ heat exchanger with bypass (Narasimhan & Jordache 2000, Example 3.1 data). */
    ab_error error;
    ab_case *c = NULL;
    CHECK(ab_case_load(nj, &c, &error) == AB_OK, "ab_case_load: %s", error.message);
    CHECK(ab_case_stream_count(c) == 6, "%zu streams", ab_case_stream_count(c));
    ab_result *r = NULL;
    CHECK(ab_reconcile(c, 0.05, &r, &error) == AB_OK, "ab_reconcile: %s", error.message);
    ab_case_free(c);  /* the result stays valid */
    CHECK(ab_result_stream_count(r) == 6, "%zu result streams", ab_result_stream_count(r));
    size_t index = 99;
    CHECK(ab_result_find_stream(r, "S1", &index, &error) == AB_OK && index == 0, "find S1: %zu", index);
    CHECK(ab_result_find_stream(r, "nope", &index, &error) == AB_NOT_FOUND, "an unknown id was found");
    ab_stream_result s;
    CHECK(ab_result_stream(r, 0, &s, &error) == AB_OK && fabs(s.reconciled - 100.22) < 0.005,
          "S1 reconciled %.4f, published 100.22", s.reconciled);
    CHECK(ab_result_stream(r, 6, &s, &error) == AB_INVALID_ARGUMENT, "index 6 of 6 accepted");
    ab_global_test g;
    CHECK(ab_result_global_test(r, &g, &error) == AB_OK && fabs(g.statistic - 6.4075) < 1e-4 && g.dof == 4,
          "chi-squared %.6f dof %d, published 6.4075 and 4", g.statistic, g.dof);
    CHECK(ab_result_gross_error_count(r) == 0, "%zu gross errors", ab_result_gross_error_count(r));
    ab_gross_error ge;
    CHECK(ab_result_gross_error(r, 0, &ge, &error) == AB_INVALID_ARGUMENT, "gross error 0 of 0 accepted");
    char *typed_json = NULL;
    CHECK(ab_result_json(r, &typed_json, &error) == AB_OK && typed_json, "ab_result_json: %s", error.message);
    ab_result_free(r);

    /* ab_run gives the same JSON as the typed functions (both are `balance reconcile --format json`). */
    char *json = NULL, *message = NULL;
    CHECK(ab_run("reconcile", nj, NULL, &json, &message) == 0, "ab_run: %s", message ? message : "");
    CHECK(json && typed_json && strcmp(json, typed_json) == 0, "ab_run and ab_result_json differ");
    ab_string_free(typed_json);

    /* ab_run_files on the same files held in memory gives the same JSON. */
    const char *names[2] = {"streams.csv", "nodes.csv"};
    const unsigned char *contents[2] = {NULL, NULL};
    size_t sizes[2] = {0, 0};
    snprintf(path, sizeof path, "%s/streams.csv", nj);
    unsigned char *streams = read_file(path, &sizes[0]);
    contents[0] = streams;
    char *from_memory = NULL;
    CHECK(ab_run_files("reconcile", 1, names, contents, sizes, NULL, &from_memory, &message) == 0,
          "ab_run_files: %s", message ? message : "");
    CHECK(from_memory && json && strcmp(from_memory, json) == 0, "ab_run_files and ab_run differ");
    ab_string_free(from_memory);
    ab_string_free(json);
    json = NULL;

    /* A workbook in memory equals the same workbook on disk (one without extra sheets: a warning would name the
       path as given). */
    size_t book_size = 0;
    unsigned char *book_bytes = read_file(book, &book_size);
    const char *book_name[1] = {"nj_heat_exchanger_bypass.xlsx"};
    const unsigned char *book_content[1] = {book_bytes};
    char *on_disk = NULL;
    CHECK(ab_run("reconcile", book, "{\"grossErrors\": \"glr\"}", &on_disk, &message) == 0, "ab_run workbook: %s", message ? message : "");
    CHECK(ab_run_files("reconcile", 1, book_name, book_content, &book_size, "{\"grossErrors\": \"glr\"}", &json, &message) == 0,
          "ab_run_files workbook: %s", message ? message : "");
    CHECK(json && on_disk && strcmp(json, on_disk) == 0, "a workbook in memory and on disk differ");
    ab_string_free(json);
    ab_string_free(on_disk);
    json = NULL;
    free(book_bytes);

    /* Errors: statuses equal the CLI's exit statuses, with a message; nothing returned on failure. */
    CHECK(ab_run("reconcile", demo, "{\"noSuchOption\": 1}", &json, &message) == 64 && json == NULL && message,
          "unknown option: not 64");
    ab_string_free(message);
    message = NULL;
    CHECK(ab_run("nonsense", demo, NULL, &json, &message) == 64, "unknown command: not 64");
    ab_string_free(message);
    message = NULL;
    const char *bad_name[1] = {"streams.txt"};
    CHECK(ab_run_files("reconcile", 1, bad_name, contents, sizes, NULL, &json, &message) == 64,
          "a file that is no case file: not 64");
    ab_string_free(message);
    message = NULL;
    const char *bad_csv = "id,from,to,value,sigma\nS1,,A,10,-1\nS2,A,,9,1\n";
    const unsigned char *bad_content[1] = {(const unsigned char *)bad_csv};
    size_t bad_size = strlen(bad_csv);
    CHECK(ab_run_files("reconcile", 1, names, bad_content, &bad_size, NULL, &json, &message) == 65 && message
              && strstr(message, "streams.csv:2:5") && strstr(message, "S1"),
          "a negative sigma: %s", message ? message : "(no message)");
    ab_string_free(message);
    message = NULL;
    CHECK(ab_run_files("reconcile", 0, names, contents, sizes, NULL, &json, NULL) == 64, "no files: not 64");
    CHECK(ab_run(NULL, demo, NULL, &json, NULL) == 64, "NULL command: not 64");
    free(streams);

    /* Typed-function errors. */
    const char *ids[2] = {"A", "A"};
    double values[2] = {1, 1}, sigmas[2] = {1, 1};
    CHECK(ab_case_create(2, ids, NULL, NULL, values, sigmas, &c, &error) == AB_BAD_DATA, "duplicate ids accepted");
    CHECK(ab_case_create(0, ids, NULL, NULL, values, sigmas, &c, &error) == AB_INVALID_ARGUMENT, "count 0 accepted");
    const char *ok_ids[2] = {"S1", "S2"};
    const char *from[2] = {NULL, "N"}, *to[2] = {"N", NULL};
    CHECK(ab_case_create(2, ok_ids, from, to, values, sigmas, &c, &error) == AB_OK, "ab_case_create: %s", error.message);
    CHECK(ab_reconcile(c, 1.5, &r, &error) != AB_OK, "alpha 1.5 accepted");
    ab_case_free(c);
    ab_case_free(NULL);
    ab_result_free(NULL);
    ab_string_free(NULL);
    CHECK(ab_case_stream_count(NULL) == 0 && ab_result_stream_count(NULL) == 0 && ab_result_gross_error_count(NULL) == 0,
          "NULL counts");

    if (failures) { fprintf(stderr, "test_api: %d failure(s)\n", failures); return 1; }
    printf("test_api: every function of audit_balance.h checked\n");
    return 0;
}
