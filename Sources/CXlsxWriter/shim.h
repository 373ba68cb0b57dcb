// Shim for libxlsxwriter (Debian: libxlsxwriter-dev), which writes the .xlsx results (`--format xlsx`).
// Only BalanceIO/Output/XLSXWriter.swift imports it.
//
// The library is not linked: XLSXWriter opens it on the first workbook it writes (through BalanceCore's
// SharedLibrary), so that the many commands that never write a workbook do not pay for loading it and the libcrypto
// it depends on (≈ 1.1 ms measured per process start). The header gives the types; the typedefs below give each
// function's exact C signature as a function-pointer type for the pointers `dlsym` returns.
#ifndef AUDITBALANCE_CXLSXWRITER_SHIM_H
#define AUDITBALANCE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>

typedef __typeof__(workbook_new_opt) *AB_workbook_new_opt_t;
typedef __typeof__(workbook_set_properties) *AB_workbook_set_properties_t;
typedef __typeof__(workbook_add_format) *AB_workbook_add_format_t;
typedef __typeof__(format_set_bold) *AB_format_set_bold_t;
typedef __typeof__(format_set_num_format) *AB_format_set_num_format_t;
typedef __typeof__(workbook_add_worksheet) *AB_workbook_add_worksheet_t;
typedef __typeof__(worksheet_set_column) *AB_worksheet_set_column_t;
typedef __typeof__(worksheet_freeze_panes) *AB_worksheet_freeze_panes_t;
typedef __typeof__(worksheet_write_string) *AB_worksheet_write_string_t;
typedef __typeof__(worksheet_write_number) *AB_worksheet_write_number_t;
typedef __typeof__(worksheet_write_boolean) *AB_worksheet_write_boolean_t;
typedef __typeof__(workbook_close) *AB_workbook_close_t;
typedef __typeof__(lxw_strerror) *AB_lxw_strerror_t;
#endif
