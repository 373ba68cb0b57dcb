// Shim for LAPACKE and CBLAS (OpenBLAS on Debian: liblapacke-dev libopenblas-dev).
// `lapack_int` is a macro and invisible to Swift, hence the typedef.
//
// The libraries are not linked: BalanceCore opens them on first use (SharedLibrary.swift, LAPACK.swift), which
// saves every process the ≈ 5 ms of relocating OpenBLAS at start. The headers give the types; the typedefs below
// give each routine's exact C signature as a function-pointer type, so that the pointers `dlsym` returns are
// called with the prototypes of the installed headers, never with hand-copied ones.
#ifndef AUDITBALANCE_CLAPACK_SHIM_H
#define AUDITBALANCE_CLAPACK_SHIM_H
#include <lapacke.h>
typedef lapack_int LapackInt;
#include <cblas.h>

typedef __typeof__(LAPACKE_dgeqp3_work) *AB_dgeqp3_work_t;
typedef __typeof__(LAPACKE_dormqr_work) *AB_dormqr_work_t;
typedef __typeof__(LAPACKE_dtrtrs_work) *AB_dtrtrs_work_t;
typedef __typeof__(LAPACKE_dpotrf_work) *AB_dpotrf_work_t;
typedef __typeof__(LAPACKE_dpotrs_work) *AB_dpotrs_work_t;
typedef __typeof__(LAPACKE_dpotri_work) *AB_dpotri_work_t;
typedef __typeof__(cblas_dgemm) *AB_dgemm_t;
typedef __typeof__(cblas_dsyrk) *AB_dsyrk_t;
#endif
