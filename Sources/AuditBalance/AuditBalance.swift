// The umbrella module: `import AuditBalance` gives the whole public API.
@_exported import BalanceCore
@_exported import BalanceIO
@_exported import BalanceStandards
@_exported import BalanceReport
@_exported import BalanceApplication
