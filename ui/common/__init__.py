"""Parts every screen uses: message line, ops, dialogs, scanner, PDF preview, signatures, worker."""
