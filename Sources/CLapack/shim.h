// Shim for LAPACKE and CBLAS (OpenBLAS on Debian: liblapacke-dev libopenblas-dev).
// `lapack_int` is a macro and invisible to Swift, hence the typedef.
#ifndef AUDITBALANCE_CLAPACK_SHIM_H
#define AUDITBALANCE_CLAPACK_SHIM_H
#include <lapacke.h>
typedef lapack_int LapackInt;
#include <cblas.h>
#endif
