"""``python -m apolint`` and the ``apolint`` console script.

Kept import-light: spaCy takes a second or more to import, and Ctrl-C during that start-up must
end like Ctrl-C at any other time: ``apolint: interrupted`` on stderr, exit 130, no traceback."""
import sys

INTERRUPTED = 130


def main() -> None:
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        _interrupted()


def _interrupted() -> None:
    try:
        sys.stderr.write("apolint: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(INTERRUPTED)


if __name__ == "__main__":
    main()
