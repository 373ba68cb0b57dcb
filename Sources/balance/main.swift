import AuditBalance
print(BLASInfo.description)
