"""Orders after intake, as every role looks them up: the list with its filters and payment
column, and one order as its dialog shows it.  Above intake and billing (it shows both)."""
