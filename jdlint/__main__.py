"""`python -m jdlint` runs the command line."""

from jdlint.cli.main import main

if __name__ == "__main__":
    main()
