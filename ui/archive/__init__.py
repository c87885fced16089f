"""The customer archive screens: a customer's file (客户档案) and its ledger."""
