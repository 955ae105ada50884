"""How every Ctrl-C ends: ``apolint: interrupted`` on stderr, exit status 130, no traceback.

Exits with ``os._exit`` after flushing, not ``sys.exit``: on Python 3.11, a KeyboardInterrupt
that lands while an extension module runs code through the C API during import (spaCy's and
thinc's Cython modules do) sets an interpreter flag that is never cleared, and the interpreter
then kills itself with SIGINT at exit (status -2) even though apolint handled the interrupt.
Nothing is left to clean up by then: reports are written only when complete."""
import os
import sys

INTERRUPTED = 130


def exit_interrupted() -> None:
    for stream, text in ((sys.stdout, ""), (sys.stderr, "apolint: interrupted\n")):
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(INTERRUPTED)
