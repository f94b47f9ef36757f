"""Time from starting a process to the first pixels it draws in a new window, seen from outside.

The child is not asked to report anything, so the same measurement works for the unfrozen
application, the frozen bundle, a bare QWizard and a Windows program under Wine: a private Xvfb
server is started, this process watches it with Xlib (ctypes, no extra package), creates a DAMAGE
object for every window mapped on the root, and at each DamageNotify reads the window's pixels:
the time is taken when they are no longer all one colour, i.e. when the child has drawn its
content (Qt's backing store flush, Wine's GDI). Mapping alone does not count: the server's own
background fill on map also raises damage, but leaves the window one colour.
"""

from __future__ import annotations

import ctypes
import os
import select
import subprocess
import time
from collections.abc import Sequence

_SUBSTRUCTURE_NOTIFY = 1 << 19
_MAP_NOTIFY = 19
_REPORT_NON_EMPTY = 3
_MIN_SIDE = 100  # ignore tiny helper windows (Wine maps a few)


class _Event(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


class _Image(ctypes.Structure):  # the leading fields of XImage
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


class _Attributes(ctypes.Structure):  # the leading fields of XWindowAttributes
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("rest", ctypes.c_long * 32)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


@_ERROR_HANDLER
def _ignore_x_errors(display, event):  # a window gone before we looked at it: not our problem
    return 0


class XvfbPaintWatcher:
    """A private Xvfb server and a watcher of the first paint into a window on it."""

    def __init__(self, size: str = "1280x1024x24") -> None:
        read_fd, write_fd = os.pipe()
        self.server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size,
                                        "-nolisten", "tcp"], pass_fds=(write_fd,),
                                       stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display_name = f":{number}"
        x11 = self.x11 = ctypes.CDLL("libX11.so.6")
        damage = self.damage = ctypes.CDLL("libXdamage.so.1")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x11.XFlush.argtypes = x11.XPending.argtypes = x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event)]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_Attributes)]
        x11.XSetErrorHandler(_ignore_x_errors)
        damage.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                                 ctypes.POINTER(ctypes.c_int)]
        damage.XDamageCreate.restype = ctypes.c_ulong
        damage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
        damage.XDamageSubtract.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        x11.XGetImage.restype = ctypes.POINTER(_Image)
        x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                  ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x11.XFree.argtypes = [ctypes.c_void_p]
        for _ in range(100):
            self.dpy = x11.XOpenDisplay(self.display_name.encode())
            if self.dpy:
                break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"cannot open display {self.display_name}")
        base, error = ctypes.c_int(), ctypes.c_int()
        if not damage.XDamageQueryExtension(self.dpy, ctypes.byref(base), ctypes.byref(error)):
            raise RuntimeError("Xvfb has no DAMAGE extension")
        self.damage_notify = base.value  # XDamageNotify is event 0 of the extension
        x11.XDisplayWidth.argtypes = x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.root = x11.XDefaultRootWindow(self.dpy)
        x11.XSelectInput(self.dpy, self.root, _SUBSTRUCTURE_NOTIFY)
        x11.XSync(self.dpy, 0)

    def _drain(self) -> None:
        event = _Event()
        self.x11.XSync(self.dpy, 0)
        while self.x11.XPending(self.dpy):
            self.x11.XNextEvent(self.dpy, ctypes.byref(event))

    def _has_content(self, window: int) -> bool:
        """Whether the window's pixels are not all one colour (i.e. something was drawn).

        Read from the root window, clipped to the screen: XGetImage of a window that reaches past
        the screen's edge fails (Wine places its 1280-pixel window at x = 4).
        """
        attributes = _Attributes()
        if not self.x11.XGetWindowAttributes(self.dpy, window, ctypes.byref(attributes)) \
                or min(attributes.width, attributes.height) < _MIN_SIDE:
            return False
        left, top = max(attributes.x, 0), max(attributes.y, 0)
        right = min(attributes.x + attributes.width, self.x11.XDisplayWidth(self.dpy, 0))
        bottom = min(attributes.y + attributes.height, self.x11.XDisplayHeight(self.dpy, 0))
        if right - left < _MIN_SIDE or bottom - top < _MIN_SIDE:
            return False
        image = self.x11.XGetImage(self.dpy, self.root, left, top, right - left, bottom - top,
                                   0xFFFFFFFF, 2)  # AllPlanes, ZPixmap
        if not image:
            return False
        try:
            data = ctypes.string_at(image.contents.data,
                                    image.contents.bytes_per_line * image.contents.height)
            pixel = data[: image.contents.bits_per_pixel // 8]
            return data != pixel * (len(data) // len(pixel))
        finally:
            self.x11.XFree(image.contents.data)
            self.x11.XFree(image)

    def time_to_first_paint(self, args: Sequence[str], env: dict[str, str], timeout: float = 60.0
                            ) -> float:
        """Seconds from Popen to the first paint into a window the child mapped; kills the child."""
        self._drain()
        env = dict(env, DISPLAY=self.display_name)
        env.pop("QT_QPA_PLATFORM", None)
        event = _Event()
        fd = self.x11.XConnectionNumber(self.dpy)
        start = time.perf_counter()
        # Pipes, not /dev/null: a Windows console program under Wine fails to start its Python
        # (init_sys_streams, WinError 6) without them. Its little output fits the pipe buffer.
        child = subprocess.Popen(list(args), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
        watched: dict[int, int] = {}  # window → its damage object
        try:
            while True:
                while self.x11.XPending(self.dpy):
                    self.x11.XNextEvent(self.dpy, ctypes.byref(event))
                    words = ctypes.cast(ctypes.byref(event), ctypes.POINTER(ctypes.c_ulong))
                    if event.type == _MAP_NOTIFY:
                        window = words[5]  # XMapEvent: type, serial, send_event, display, event, window
                        # Any size: Wine maps a window small and sizes it after; size counts below.
                        watched[window] = self.damage.XDamageCreate(self.dpy, window, _REPORT_NON_EMPTY)
                        self.x11.XFlush(self.dpy)
                    elif event.type == self.damage_notify and words[4] in watched:  # drawable
                        elapsed = time.perf_counter() - start
                        self.damage.XDamageSubtract(self.dpy, watched[words[4]], 0, 0)  # re-arm
                        if self._has_content(words[4]):
                            return elapsed
                if child.poll() is not None:
                    raise RuntimeError(f"{args[0]} exited ({child.returncode}) before painting")
                left = start + timeout - time.perf_counter()
                if left <= 0:
                    raise RuntimeError(f"{args[0]} painted nothing in {timeout} s")
                select.select([fd], [], [], min(left, 0.05))
        finally:
            # Killed and reaped, its pipes closed without reading them to the end: a process the
            # child started may hold their other ends for much longer (under Wine the first
            # program of a wineserver's life starts services.exe and the desktop, which live as
            # long as the server: reading to the end would wait for the server to exit, and so
            # would make every following run start Wine cold).
            child.kill()
            child.wait()
            child.stdin.close()
            child.stdout.close()

    def close(self) -> None:
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x11.XCloseDisplay(self.dpy)
        self.server.terminate()
        self.server.wait()

    def __enter__(self) -> XvfbPaintWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
