#!/usr/bin/env python3
"""Reconciles the heat exchanger with bypass of Narasimhan & Jordache (2000) through the C interface of
AuditBalance (libCAuditBalance.so) with ctypes, from arrays and from the case folder, and checks the
published numbers: reconciled S1 = 100.22, S2 = 64.50, S3 = 35.72 (2 decimals as published, tolerance
0.005), chi-squared = 6.4075 (tolerance 1e-4), 4 degrees of freedom. Exits non-zero on a mismatch.

Usage: reconcile_example.py [--library PATH] [CASE_FOLDER]
The library is looked up with --library, else $AB_LIBRARY, else libCAuditBalance.so on the loader path
(LD_LIBRARY_PATH). Only the standard library is needed.
"""
import argparse
import ctypes
import json
import math
import os
import sys

# --- The C interface, declared from Sources/CAuditBalance/include/audit_balance.h --------------------

AB_OK, AB_INVALID_ARGUMENT, AB_BAD_DATA, AB_COMPUTATION_FAILED, AB_NOT_FOUND = range(5)
CLASSIFICATIONS = ["redundant", "nonredundant", "observable", "unobservable", "fixed"]
AB_ERROR_MESSAGE_SIZE = 1024


class Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("message", ctypes.c_char * AB_ERROR_MESSAGE_SIZE)]


class StreamResult(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_char_p), ("measured", ctypes.c_double), ("sigma", ctypes.c_double),
        ("reconciled", ctypes.c_double), ("reconciled_sigma", ctypes.c_double), ("adjustment", ctypes.c_double),
        ("z", ctypes.c_double), ("classification", ctypes.c_int), ("has_value", ctypes.c_int),
        ("has_z", ctypes.c_int), ("flagged", ctypes.c_int),
    ]


class GlobalTest(ctypes.Structure):
    _fields_ = [
        ("statistic", ctypes.c_double), ("dof", ctypes.c_int), ("critical", ctypes.c_double),
        ("p_value", ctypes.c_double), ("alpha", ctypes.c_double), ("passed", ctypes.c_int),
    ]


class ABError(Exception):
    def __init__(self, error):
        self.status = error.status
        super().__init__(error.message.decode("utf-8"))


def load_library(path=None):
    lib = ctypes.CDLL(path or os.environ.get("AB_LIBRARY") or "libCAuditBalance.so")
    P = ctypes.c_void_p
    err = ctypes.POINTER(Error)
    strings = ctypes.POINTER(ctypes.c_char_p)
    doubles = ctypes.POINTER(ctypes.c_double)
    signatures = {
        "ab_version": (ctypes.c_char_p, []),
        "ab_status_name": (ctypes.c_char_p, [ctypes.c_int]),
        "ab_case_create": (ctypes.c_int, [ctypes.c_size_t, strings, strings, strings, doubles, doubles,
                                          ctypes.POINTER(P), err]),
        "ab_case_load": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(P), err]),
        "ab_case_stream_count": (ctypes.c_size_t, [P]),
        "ab_case_free": (None, [P]),
        "ab_reconcile": (ctypes.c_int, [P, ctypes.c_double, ctypes.POINTER(P), err]),
        "ab_result_stream_count": (ctypes.c_size_t, [P]),
        "ab_result_stream": (ctypes.c_int, [P, ctypes.c_size_t, ctypes.POINTER(StreamResult), err]),
        "ab_result_find_stream": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t), err]),
        "ab_result_global_test": (ctypes.c_int, [P, ctypes.POINTER(GlobalTest), err]),
        "ab_result_gross_error_count": (ctypes.c_size_t, [P]),
        "ab_result_json": (ctypes.c_int, [P, ctypes.POINTER(ctypes.c_void_p), err]),
        "ab_string_free": (None, [ctypes.c_void_p]),
        "ab_result_free": (None, [P]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


def check(status, error):
    if status != AB_OK:
        raise ABError(error)


class Result:
    """A reconciliation result; the handle is freed when the object goes."""

    def __init__(self, lib, handle, name):
        self.lib, self.handle, self.name = lib, handle, name

    def __del__(self):
        self.lib.ab_result_free(self.handle)

    def streams(self):
        error = Error()
        out = []
        for i in range(self.lib.ab_result_stream_count(self.handle)):
            s = StreamResult()
            check(self.lib.ab_result_stream(self.handle, i, ctypes.byref(s), ctypes.byref(error)), error)
            out.append({
                "id": s.id.decode("utf-8"), "measured": s.measured, "reconciled": s.reconciled if s.has_value else None,
                "reconciledSigma": s.reconciled_sigma if s.has_value else None, "z": s.z if s.has_z else None,
                "classification": CLASSIFICATIONS[s.classification], "flagged": bool(s.flagged),
            })
        return out

    def global_test(self):
        error, g = Error(), GlobalTest()
        check(self.lib.ab_result_global_test(self.handle, ctypes.byref(g), ctypes.byref(error)), error)
        return g

    def json(self):
        error, text = Error(), ctypes.c_void_p()
        check(self.lib.ab_result_json(self.handle, ctypes.byref(text), ctypes.byref(error)), error)
        try:
            return json.loads(ctypes.string_at(text).decode("utf-8"))
        finally:
            self.lib.ab_string_free(text)


def reconcile_arrays(lib, ids, sources, targets, values, sigmas, alpha=0.05):
    n = len(ids)
    def strings(items):
        return (ctypes.c_char_p * n)(*[s.encode("utf-8") if s else None for s in items])
    def numbers(items):
        return (ctypes.c_double * n)(*[math.nan if v is None else v for v in items])
    error, case, result = Error(), ctypes.c_void_p(), ctypes.c_void_p()
    check(lib.ab_case_create(n, strings(ids), strings(sources), strings(targets), numbers(values), numbers(sigmas),
                             ctypes.byref(case), ctypes.byref(error)), error)
    try:
        check(lib.ab_reconcile(case, alpha, ctypes.byref(result), ctypes.byref(error)), error)
    finally:
        lib.ab_case_free(case)
    return Result(lib, result, "arrays")


def reconcile_folder(lib, path, alpha=0.05):
    error, case, result = Error(), ctypes.c_void_p(), ctypes.c_void_p()
    check(lib.ab_case_load(path.encode("utf-8"), ctypes.byref(case), ctypes.byref(error)), error)
    try:
        check(lib.ab_reconcile(case, alpha, ctypes.byref(result), ctypes.byref(error)), error)
    finally:
        lib.ab_case_free(case)
    return Result(lib, result, path)


# --- The example ----------------------------------------------------------------------------------------

PUBLISHED = {"S1": 100.22, "S2": 64.5, "S3": 35.72}   # Narasimhan & Jordache (2000), 2 decimals
CHI2, DOF = 6.4075, 4


def verify(title, result):
    failures = 0
    print(title)
    streams = {s["id"]: s for s in result.streams()}
    for s in streams.values():
        print(f"  {s['id']:<4} {s['measured']:10.2f} {s['reconciled']:10.2f} {s['reconciledSigma']:9.4f} "
              f"{s['z']:8.3f}  {s['classification']}")
    for key, expected in PUBLISHED.items():
        actual = streams[key]["reconciled"]
        ok = actual is not None and abs(actual - expected) <= 0.005
        failures += not ok
        print(f"  {key} reconciled {actual:.6f}, published {expected} ± 0.005: {'ok' if ok else 'MISMATCH'}")
    g = result.global_test()
    ok = abs(g.statistic - CHI2) <= 1e-4 and g.dof == DOF and g.passed
    failures += not ok
    print(f"  chi-squared {g.statistic:.6f} (published {CHI2} ± 1e-4), dof {g.dof} (4), p = {g.p_value:.4f}: "
          f"{'ok' if ok else 'MISMATCH'}")
    document = result.json()
    if document["globalTest"]["dof"] != DOF:
        failures += 1
        print("  JSON globalTest.dof differs")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="path of libCAuditBalance.so")
    parser.add_argument("case", nargs="?", help="case folder (Datasets/published/nj_heat_exchanger_bypass)")
    args = parser.parse_args()
    lib = load_library(args.library)
    print("AuditBalance C interface", lib.ab_version().decode())

    failures = verify("Narasimhan & Jordache heat exchanger with bypass, from arrays:", reconcile_arrays(
        lib, ["S1", "S2", "S3", "S4", "S5", "S6"],
        [None, "splitter", "splitter", "heat_exchanger", "bypass_valve", "mixer"],
        ["splitter", "heat_exchanger", "bypass_valve", "mixer", "mixer", None],
        [101.91, 64.45, 34.65, 64.2, 36.44, 98.88], [1.0] * 6))
    if args.case:
        failures += verify("The same case loaded from its folder:", reconcile_folder(lib, args.case))

    try:  # bad data come back as an exception with the library's message
        reconcile_arrays(lib, ["A", "A"], [None, "U"], ["U", None], [1.0, 1.0], [0.1, 0.1])
        failures += 1
        print("duplicate ids were accepted")
    except ABError as error:
        print(f"duplicate ids -> {lib.ab_status_name(error.status).decode()}: {error}")
        failures += error.status != AB_BAD_DATA

    print("all checks passed" if not failures else f"{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
