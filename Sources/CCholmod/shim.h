// Shim for SuiteSparse CHOLMOD (Debian: libsuitesparse-dev; the header lives in /usr/include/suitesparse).
// Only the sparse Cholesky engine (BalanceCore/LinearAlgebra/SparseCholesky.swift) imports it.
#ifndef AUDITBALANCE_CCHOLMOD_SHIM_H
#define AUDITBALANCE_CCHOLMOD_SHIM_H
#include <suitesparse/cholmod.h>
#endif
