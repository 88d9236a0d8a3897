"""Fitting the window to the screen it opens on: a desktop monitor, a laptop, a classroom projector.

Pure arithmetic on pixel sizes (no Qt), so that it is tested without a screen. Inside the window Qt's
layouts size everything; here is only the window's own size on the screen and presentation mode's
text size. The window's smallest size fits :data:`SMALLEST_SCREEN_PX`, the XGA resolution many
classroom projectors still run at, in presentation mode too (tests/gui/test_screen_fit.py).
"""

from __future__ import annotations

#: The window's size on a screen with room for it (width, height px).
PREFERRED_SIZE_PX: tuple[int, int] = (1560, 960)
#: The smallest screen the window fits, normal and in presentation mode (an XGA projector, px).
SMALLEST_SCREEN_PX: tuple[int, int] = (1024, 768)
#: Room left for the window manager's frame and title bar when the window is shrunk to a screen (px).
FRAME_ALLOWANCE_PX: tuple[int, int] = (16, 48)
#: Presentation mode's font scale on a screen :data:`REFERENCE_HEIGHT_PX` high or more.
PRESENTATION_SCALE_MAX = 1.6
#: ... and never less than this on a smaller screen (normal text is 1.0).
PRESENTATION_SCALE_MIN = 1.25
REFERENCE_HEIGHT_PX = 1080


def fitted_rect(preferred: tuple[int, int], available: tuple[int, int, int, int],
                minimum: tuple[int, int] = (0, 0)) -> tuple[int, int, int, int]:
    """Window rectangle ``(x, y, width, height)`` in px for a screen's free area.

    Args:
        preferred: the size wanted when there is room (width, height px).
        available: the screen's free area ``(x, y, width, height)`` px (without task bars).
        minimum: the smallest size the window's layout allows (width, height px).

    The size is ``preferred`` shrunk to the free area less :data:`FRAME_ALLOWANCE_PX` (the title
    bar and frame the window manager adds), but never below ``minimum``; the window is centred
    in the free area, or put at its top-left corner when it is larger.
    """
    ax, ay, aw, ah = (int(v) for v in available)
    fw, fh = FRAME_ALLOWANCE_PX
    width = max(min(int(preferred[0]), aw - fw), int(minimum[0]))
    height = max(min(int(preferred[1]), ah - fh), int(minimum[1]))
    x = ax + max((aw - fw - width) // 2, 0)
    y = ay + max((ah - fh - height) // 2, 0)
    return x, y, width, height


def too_small_notice(free: tuple[int, int], minimum: tuple[int, int]) -> str | None:
    """What to tell the user when a screen's free area (``free``, width × height px) cannot hold the
    window's smallest size (``minimum`` plus :data:`FRAME_ALLOWANCE_PX`); None when it can."""
    fw, fh = FRAME_ALLOWANCE_PX
    if free[0] >= minimum[0] + fw and free[1] >= minimum[1] + fh:
        return None
    return (f"This screen's free area ({free[0]}×{free[1]} px) is smaller than Skelly's smallest window "
            f"({minimum[0] + fw}×{minimum[1] + fh} px with its frame): parts of the window are off the screen.")


def presentation_scale(screen_height_px: int) -> float:
    """Font scale of presentation mode on a screen ``screen_height_px`` high (logical px).

    On a full-HD projector text is :data:`PRESENTATION_SCALE_MAX` × its normal size. A smaller
    screen is projected onto the same wall, so the same text takes a larger share of the picture:
    the scale falls with the screen's height (keeping the text's share of the picture) down to
    :data:`PRESENTATION_SCALE_MIN`. On a 1024×768 projector that is 1.25, which leaves the 3D view
    and the plots room to be seen.
    """
    share = max(float(screen_height_px), 0.0) / REFERENCE_HEIGHT_PX
    return min(max(PRESENTATION_SCALE_MAX * share, PRESENTATION_SCALE_MIN), PRESENTATION_SCALE_MAX)
