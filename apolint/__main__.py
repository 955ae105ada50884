"""``python -m apolint`` and the ``apolint`` console script.

Kept import-light: spaCy takes a second or more to import, and Ctrl-C during that start-up must
end like Ctrl-C at any other time (apolint/interrupt.py)."""
from .interrupt import exit_interrupted


def main() -> None:
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        exit_interrupted()


if __name__ == "__main__":
    main()
