"""Pure rules of customers: the unified social credit code, pinyin search keys."""
