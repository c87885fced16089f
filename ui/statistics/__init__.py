"""The statistics screen: filters, a report, its tables and charts, XLSX and PDF."""
