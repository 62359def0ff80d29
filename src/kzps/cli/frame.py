"""The command line's frame: the app, its shared options, the one place errors become
lines on stderr and exit codes, and the entry point."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar

import typer

from kzps.errors import ExitCode, KzpsError, UsageError, problem
from kzps.version import __version__

if TYPE_CHECKING:
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog


class Format(StrEnum):
    """How results are shown."""

    TABLE = "table"
    JSON = "json"


app = typer.Typer(
    name="kzps",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Parameters whose help text comes from the message catalogs, with their keys.
_HELP_TEXTS: list[tuple[Any, str]] = []
_P = TypeVar("_P")


def said(key: str, info: _P) -> _P:
    """A parameter whose help is the catalog's `key`, in the language of the run."""
    _HELP_TEXTS.append((info, key))
    return info


LangOption = Annotated[str | None, said("help.option.lang", typer.Option("--lang"))]
StandardOption = Annotated[Path | None, typer.Option("--standard", hidden=True)]
FormatOption = Annotated[Format, said("help.option.format", typer.Option("--format"))]
OverlayOption = Annotated[list[Path] | None, said("help.option.overlay", typer.Option("--overlay"))]
AsOfOption = Annotated[str | None, said("help.option.as_of", typer.Option("--as-of"))]


def translate(lang: str) -> None:
    """Put the help texts of `lang` on the app, its commands and their parameters."""
    from kzps.words.catalog import catalog

    words = catalog(lang)
    app.info.help = words.say("help.app")
    for command in app.registered_commands:
        command.help = words.say(f"help.command.{command_name(command)}")
    for info, key in _HELP_TEXTS:
        info.help = words.say(key)


def command_name(command: Any) -> str:
    """The name a registered command is called by on the command line."""
    return str(command.name or getattr(command.callback, "__name__", ""))


def named_command(argv: list[str]) -> str | None:
    """The command the line runs, when only --lang stands before it; None when the line
    asks for the app itself (help, --version, an unknown option or no command)."""
    i = 0
    while i < len(argv):
        if argv[i] == "--lang":
            i += 2
        elif argv[i].startswith("--lang="):
            i += 1
        elif argv[i].startswith("-"):
            return None
        else:
            return argv[i]
    return None


#: The module of kzps.cli that defines each command, in the order `kzps --help` lists
#: them: importing the module registers its commands on `app`.
COMMAND_MODULES: Final = {
    "sheet": "assess",
    "assess": "assess",
    "check": "check",
    "plan": "plan",
    "roster": "roster",
    "cards": "standard",
    "card": "standard",
    "validate": "standard",
    "schema": "standard",
}


def register(name: str | None = None) -> None:
    """Register the command `name` by importing its module, or, for None or a name that
    is no command, every command (in COMMAND_MODULES' order, whatever was imported
    first): a run imports only the command it runs."""
    from importlib import import_module

    module = COMMAND_MODULES.get(name or "")
    if module is not None:
        import_module(f"kzps.cli.{module}")
        return
    for each in dict.fromkeys(COMMAND_MODULES.values()):
        import_module(f"kzps.cli.{each}")
    order = list(COMMAND_MODULES)
    app.registered_commands.sort(key=lambda command: order.index(command_name(command)))


@contextmanager
def only(name: str | None) -> Iterator[None]:
    """Build just the command `name` runs: Typer builds every registered command's
    parameters from its signature at each run, a few milliseconds `kzps check` need
    not pay. A name that is no command leaves them all, for Click's own error."""
    every = app.registered_commands
    chosen = [command for command in every if command_name(command) == name]
    if chosen:
        app.registered_commands = chosen
    try:
        yield
    finally:
        app.registered_commands = every


def echo(text: str, *, color: bool | None = None) -> None:
    """One line on standard output."""
    typer.echo(text, color=color)


def words_of(lang: str | None) -> Catalog:
    from kzps.words.catalog import catalog

    return catalog(lang or "en")


def _version(value: bool) -> None:
    if value:
        from kzps.standard.load import load_standard

        words = words_of(safe_language(None))
        with guard(words):
            rules = load_standard().rules.standard
        typer.echo(
            words.say(
                "version",
                version=__version__,
                code=rules.code,
                approved=rules.approved.number,
                approved_on=words.date(rules.approved.date),
                amended=rules.amended.number,
                in_force=words.date(rules.amended.in_force or rules.edition),
            )
        )
        raise typer.Exit(ExitCode.OK)


VersionOption = Annotated[
    bool,
    said("help.option.version", typer.Option("--version", callback=_version, is_eager=True)),
]


@app.callback()
def _root(
    version: VersionOption = False,  # noqa: ARG001 - handled by its eager callback
    lang: LangOption = None,
) -> None:
    """kzps: where a person stands in K65301002 and what the next grade needs."""
    if lang is not None:  # `kzps --lang ru check …` speaks Russian in the command too
        os.environ["KZPS_LANG"] = lang


@contextmanager
def guard(words: Catalog | None = None) -> Iterator[None]:
    """Turn a KzpsError into its lines on stderr and its exit code; nothing else."""
    try:
        yield
    except KzpsError as error:
        report(error, words)
        raise typer.Exit(error.exit_code) from None


def report(error: KzpsError, words: Catalog | None) -> None:
    """An error's lines on stderr, in the reader's language."""
    for line in (words or words_of("en")).error_lines(error):
        typer.echo(f"kzps: {line}", err=True)


def safe_language(lang: str | None) -> str:
    """The language asked for, or English when it is not one kzps speaks."""
    from kzps.words.catalog import LANGUAGES, choose_language

    chosen = choose_language(lang)
    return chosen if chosen in LANGUAGES else "en"


def speaking(lang: str | None) -> tuple[str, Catalog]:
    """The language asked for and its words; an unknown language ends the run (exit 2)."""
    with guard():
        language = chosen_language(lang)
    return language, words_of(language)


def chosen_language(lang: str | None) -> str:
    """The language asked for (--lang, KZPS_LANG, the locale); an unknown one is an error."""
    from kzps.words.catalog import LANGUAGES, choose_language

    chosen = choose_language(lang)
    if chosen not in LANGUAGES:
        raise UsageError("--lang", [problem("", "error.language", value=chosen)])
    return chosen


def load(path: Path | None, overlays: list[Path] | None = None) -> Standard:
    """The standard, with the overlays of --overlay or else of $KZPS_OVERLAY applied."""
    from kzps.standard.load import load_standard

    standard = load_standard(path)
    chosen = overlays or [
        Path(p) for p in os.environ.get("KZPS_OVERLAY", "").split(os.pathsep) if p
    ]
    if not chosen:
        return standard
    from kzps.standard.overlay import apply_overlays

    return apply_overlays(standard, chosen)


def as_of_day(value: str | None) -> dt.date | None:
    """--as-of as a day kzps can count to, or a usage error naming the option."""
    return option_day("--as-of", value)


def option_day(option: str, value: str | None) -> dt.date | None:
    """A day given to `option` (ISO or DD.MM.YYYY) that kzps can count to, or a usage
    error naming the option."""
    if value is None:
        return None
    from kzps.decide.service import as_of_problem
    from kzps.decide.values import parse_date
    from kzps.errors import InvalidValueError

    try:
        day = parse_date(value)
    except InvalidValueError as error:
        raise UsageError(option, [problem("", f"error.{error.kind}", **error.values)]) from None
    wrong = as_of_problem("", day)
    if wrong is not None:
        raise UsageError(option, [wrong])
    return day


def asked_language(argv: list[str]) -> str | None:
    """The value of --lang anywhere on the command line, so that --help speaks it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


class Stopped(BaseException):
    """SIGINT or SIGTERM: unwinds every `with` (a half-written report is removed) and
    passes through Click, which would turn Ctrl-C into "Aborted!" and exit 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = ExitCode.INTERRUPTED if signum == signal.SIGINT else ExitCode.TERMINATED


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


class _Output(io.TextIOBase):
    """Standard output that a closed pipe (`kzps … | head`) cannot break: once the reader
    has gone, what is left is dropped, and the command ends with the code it would have
    given anyway, so the same run always exits the same way."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.closed_pipe = False
        self.buffer = _Bytes(inner.buffer, self) if hasattr(inner, "buffer") else None

    def write(self, text: str) -> int:
        """Write, unless the reader has gone."""
        if not self.closed_pipe:
            try:
                self._inner.write(text)
            except BrokenPipeError:
                self.gone()
        return len(text)

    def flush(self) -> None:
        """Flush, unless the reader has gone."""
        if not self.closed_pipe:
            try:
                self._inner.flush()
            except BrokenPipeError:
                self.gone()

    def gone(self) -> None:
        """The reader closed the pipe: send the rest to /dev/null, so that nothing fails
        at exit either."""
        self.closed_pipe = True
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._inner.fileno())
            os.close(devnull)

    def isatty(self) -> bool:
        """Whether the output is a terminal (for colours and wrapping)."""
        return bool(self._inner.isatty())

    def fileno(self) -> int:
        """The descriptor underneath."""
        return int(self._inner.fileno())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The encoding of the output underneath."""
        return str(self._inner.encoding)

    def writable(self) -> bool:
        """Always: a gone reader only means nothing is kept."""
        return True


class _Bytes(io.RawIOBase):
    """The byte side of `_Output` (the roster writes CSV to it in UTF-8)."""

    def __init__(self, inner: Any, text: _Output) -> None:
        self._inner = inner
        self._text = text

    def write(self, data: Any) -> int:
        """Write, unless the reader has gone."""
        if not self._text.closed_pipe:
            try:
                self._inner.write(data)
            except BrokenPipeError:
                self._text.gone()
        return len(data)

    def flush(self) -> None:
        """Flush, unless the reader has gone."""
        if not self._text.closed_pipe:
            try:
                self._inner.flush()
            except BrokenPipeError:
                self._text.gone()

    def writable(self) -> bool:
        """Always."""
        return True


def main() -> None:
    """Console-script entry point."""
    # kzps uses no pydantic plugins; looking for them costs a scan of every
    # installed distribution's metadata at each run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sys.stdout = _Output(sys.stdout)
    lang = safe_language(asked_language(sys.argv[1:]))
    name = named_command(sys.argv[1:])
    register(name)
    translate(lang)
    try:
        with only(name):
            app(prog_name="kzps")
    except Stopped as stopped:
        sys.exit(stopped.code)
    sys.exit(ExitCode.OK)
