"""The county sync: the wire protocol, the station's client, and the county server. No Qt."""
