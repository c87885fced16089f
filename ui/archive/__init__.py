"""The customer archive's screens: a customer's file (客户档案) and its ledger, recall (周检提醒),
the notification outbox, and their admin pages."""
