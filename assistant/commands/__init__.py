"""Command handlers, one module per area; each ``cmd_x(args) -> int`` (see ``__main__``)."""
