"""Usage errors in Korean: a Typer group that renders Click's parse errors itself.

Click words its errors in English (``No such option``, ``Missing argument``...). The
:class:`KoreanGroup` runs the command tree in non-standalone mode, catches those errors and
says them in Korean with the command's usage line, exiting 2 as Click would.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer.core
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

# Typer (>= 0.29) runs its own copy of Click; its errors are these classes, not click's.
from typer._click import core as click_core
from typer._click import exceptions as click_errors

__all__ = ["KoreanGroup", "KoreanUsageError", "usage_error", "usage_message"]

USAGE_EXIT = 2


class KoreanUsageError(click_errors.UsageError):
    """A usage error already worded in Korean (shown as is)."""


def usage_error(message_ko: str) -> typer.Exit:
    """Print ``사용법 오류: message`` on stderr; the exit (status 2) for the caller to raise."""
    Console(stderr=True).print(f"[bold red]사용법 오류:[/] {escape(message_ko)}")
    return typer.Exit(code=USAGE_EXIT)


def _hint(param: click_core.Parameter | None) -> str:
    if param is None:
        return "값"
    if isinstance(param, typer.core.TyperOption):
        return "/".join(param.opts)
    return (getattr(param, "metavar", None) or param.name or "인자").upper()


_BOUND_KO = {
    "less_than_equal": ("le", "이하"),
    "less_than": ("lt", "미만"),
    "greater_than_equal": ("ge", "이상"),
    "greater_than": ("gt", "초과"),
}
_NUMBER_KO = {"float_parsing": "숫자", "int_parsing": "정수", "int_from_float": "정수"}


def _bad_value(error: click_errors.BadParameter) -> str:
    """Korean for a value the option's type refused (Typer checks it with pydantic)."""
    hint = _hint(error.param)
    cause = error.__cause__
    if not isinstance(cause, ValidationError) or not cause.errors():
        return f"{hint} 값이 올바르지 않습니다."
    first = cause.errors()[0]
    got = f" (받은 값: {first.get('input')})"
    kind = first["type"]
    if kind in _BOUND_KO:
        key, word = _BOUND_KO[kind]
        bound = first.get("ctx", {}).get(key)
        return f"{hint} 값은 {bound:g} {word}여야 합니다{got}."
    if kind in _NUMBER_KO:
        return f"{hint} 값은 {_NUMBER_KO[kind]}여야 합니다{got}."
    return f"{hint} 값이 올바르지 않습니다{got}."


def _missing(error: click_errors.MissingParameter) -> str:
    what = "옵션이" if isinstance(error.param, typer.core.TyperOption) else "인자가"
    return f"필수 {what} 빠졌습니다: {_hint(error.param)}"


def _suggest(possibilities: Sequence[str] | None) -> str:
    return f" 비슷한 이름: {', '.join(possibilities)}" if possibilities else ""


_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)")


def usage_message(error: click_errors.UsageError) -> str:
    """Korean wording of a Click usage error."""
    if isinstance(error, KoreanUsageError):
        return error.message
    if isinstance(error, click_errors.MissingParameter):
        return _missing(error)
    if isinstance(error, click_errors.BadParameter):
        return _bad_value(error)
    if isinstance(error, click_errors.NoSuchOption):
        options = list(error.possibilities or ())
        return f"알 수 없는 옵션입니다: {error.option_name}." + _suggest(options)
    if isinstance(error, click_errors.BadOptionUsage):
        if "requires" in error.message:
            return f"{error.option_name} 옵션에 값을 주어야 합니다."
        return f"{error.option_name} 옵션을 잘못 썼습니다."
    extra = _EXTRA.search(error.message)
    if extra:
        return f"필요 없는 인자가 더 있습니다: {extra['args']}"
    return f"명령을 잘못 썼습니다 ({error.message})"


def _usage_line(ctx: click_core.Context | None) -> str:
    if ctx is None:
        return "자세한 도움말: grader --help"
    pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
    return f"사용법: {ctx.command_path} {pieces}\n자세한 도움말: {ctx.command_path} --help"


def _show(error: click_errors.UsageError) -> NoReturn:
    err = Console(stderr=True)
    if isinstance(error, click_errors.NoArgsIsHelpError):
        err.print(error.message, markup=False, highlight=False)
        sys.exit(USAGE_EXIT)
    err.print(f"[bold red]사용법 오류:[/] {escape(usage_message(error))}")
    err.print(_usage_line(error.ctx), markup=False, highlight=False)
    sys.exit(USAGE_EXIT)


class KoreanGroup(typer.core.TyperGroup):
    """The ``grader`` group: Click's usage errors are said in Korean (exit 2)."""

    def resolve_command(
        self, ctx: click_core.Context, args: list[str]
    ) -> tuple[str | None, click_core.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            close = difflib.get_close_matches(name, list(self.commands))
            raise KoreanUsageError(f"알 수 없는 명령입니다: {name}." + _suggest(close), ctx)
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = (args, prog_name, complete_var, False, windows_expand_args)
        if not standalone_mode:
            return super().main(*run, **extra)
        try:
            code = super().main(*run, **extra)
        except click_errors.UsageError as error:
            _show(error)
        except click_errors.ClickException as error:
            Console(stderr=True).print(f"[bold red]오류:[/] {escape(error.format_message())}")
            sys.exit(error.exit_code)
        except typer.Abort:
            Console(stderr=True).print("[bold red]중단했습니다.[/]")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
