// Shim for SuiteSparse CHOLMOD (Debian: libsuitesparse-dev; the header lives in /usr/include/suitesparse).
// Only the sparse Cholesky engine (BalanceCore/LinearAlgebra/SparseCholesky.swift) imports it.
//
// Not linked: libcholmod is opened at run time on first use (SharedLibrary.swift); the typedefs give each
// routine's exact C signature from the installed header as a function-pointer type.
#ifndef AUDITBALANCE_CCHOLMOD_SHIM_H
#define AUDITBALANCE_CCHOLMOD_SHIM_H
#include <suitesparse/cholmod.h>

typedef __typeof__(cholmod_start) *AB_cholmod_start_t;
typedef __typeof__(cholmod_finish) *AB_cholmod_finish_t;
typedef __typeof__(cholmod_allocate_sparse) *AB_cholmod_allocate_sparse_t;
typedef __typeof__(cholmod_free_sparse) *AB_cholmod_free_sparse_t;
typedef __typeof__(cholmod_analyze) *AB_cholmod_analyze_t;
typedef __typeof__(cholmod_factorize) *AB_cholmod_factorize_t;
typedef __typeof__(cholmod_free_factor) *AB_cholmod_free_factor_t;
typedef __typeof__(cholmod_solve) *AB_cholmod_solve_t;
typedef __typeof__(cholmod_free_dense) *AB_cholmod_free_dense_t;
#endif
