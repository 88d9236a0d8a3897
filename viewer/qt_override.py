"""A guard for Skelly's Python overrides of Qt's virtual methods (events, paint, event filters).

PySide6 6.11 keeps an exception raised inside such an override and raises it again when the C++
call that led there returns to Python. When a second override raises before that happens (two
widgets' ``resizeEvent`` during one ``window.resize()`` or ``setGeometry()`` made from Python,
as presentation mode does), shiboken crashes the whole process (a segfault in
``PepException_GetArgs``, found by the random-user soak). A slip in one of our
overrides must not take a class's window down, so each of them reports its exception through
``sys.excepthook`` (the traceback on stderr in the app; the tests' recording hook fails the test)
and returns a neutral result to Qt instead of raising.

Pure stdlib: no Qt import here.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def qt_override(default: Any = None) -> Callable[[F], F]:
    """Decorate a Python override of a Qt virtual method: exceptions go to ``sys.excepthook``.

    ``default`` is what Qt gets back when the method raised (``False`` for ``eventFilter``).
    ``KeyboardInterrupt`` and ``SystemExit`` still propagate.
    """

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except Exception:  # noqa: BLE001 - reported, not swallowed
                sys.excepthook(*sys.exc_info())
                return default

        return guarded  # type: ignore[return-value]

    return decorate
