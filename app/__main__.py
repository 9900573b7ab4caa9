import sys

from app.cli import app
from memory.store import StoreError

try:
    app(prog_name="python -m app")
except StoreError as e:  # a store problem the user can act on (e.g. re-embed): no traceback
    print(f"error: {e}", file=sys.stderr)
    sys.exit(1)
