"""Counter hardware other than the printer and the keyboard-wedge scanner: the bench scale. No Qt."""
