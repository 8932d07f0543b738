"""The console script and ``python -m writer``: Ctrl-C is answered from the first instant, then the CLI runs.

The signal handlers go in before ``writer.cli`` is imported, because importing
typer and the commands takes a noticeable moment a user may interrupt.
"""


def main() -> None:
    import sys

    from writer.io.process import Interrupted, install_signal_handlers

    install_signal_handlers()
    try:
        from writer.cli import main as cli_main
    except Interrupted as exc:
        sys.exit(exc.exit_code)
    cli_main()


if __name__ == "__main__":
    main()
