"""One module per CLI command. Each defines ``register(subparsers)`` and sets ``run`` on its
parser; top-level imports stay in the standard library so start-up is cheap."""
