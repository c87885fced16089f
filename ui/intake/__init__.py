"""The intake screen: customer, items, review, save, labels and receipt; reprints."""
