"""The fee clerk's screen: fee lines, statements, payments, fee standards."""
