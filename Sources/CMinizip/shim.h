// Shim for minizip (zlib's contrib/minizip; Debian: libminizip-dev), which unzips .xlsx workbooks.
// Only BalanceIO/Workbook/ZipArchive.swift imports it.
#ifndef AUDITBALANCE_CMINIZIP_SHIM_H
#define AUDITBALANCE_CMINIZIP_SHIM_H
#include <minizip/unzip.h>
#endif
