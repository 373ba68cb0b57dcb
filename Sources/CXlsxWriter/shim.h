// Shim for libxlsxwriter (Debian: libxlsxwriter-dev), which writes the .xlsx results (`--format xlsx`).
// Only BalanceIO/Output/XLSXWriter.swift imports it.
#ifndef AUDITBALANCE_CXLSXWRITER_SHIM_H
#define AUDITBALANCE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
