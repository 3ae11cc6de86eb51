"""`python -m jdlint` runs the command line."""

from jdlint.cli.main import run

if __name__ == "__main__":
    run()
