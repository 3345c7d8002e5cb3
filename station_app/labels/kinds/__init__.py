"""One module per label kind; each has a data class and ``layout(data, size) -> list[Element]``."""
