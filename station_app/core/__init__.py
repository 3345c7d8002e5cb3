"""The business: plain functions over one sqlite3 connection. No Qt, no labels, no sync."""
