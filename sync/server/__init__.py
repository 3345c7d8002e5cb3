"""The county server: HTTP app, storage, admin CLI (`county-server`)."""
