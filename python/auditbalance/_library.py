"""Finding and declaring libCAuditBalance.so (Sources/CAuditBalance/include/audit_balance.h)."""
import ctypes
import ctypes.util
import os
import threading

_lock = threading.Lock()
_library = None

_HERE = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    """Where the library is looked for, in order: $AB_LIBRARY; the copy bundled in this package (a wheel, or
    `pip install .`); a checkout's `make lib` (dist/lib) and `swift build` folders; the loader's path."""
    env = os.environ.get("AB_LIBRARY")
    if env:
        yield env
    yield os.path.join(_HERE, "lib", "libCAuditBalance.so")
    root = os.path.dirname(os.path.dirname(_HERE))
    for folder in ("dist/lib", ".build/release", ".build/debug"):
        yield os.path.join(root, folder, "libCAuditBalance.so")
    found = ctypes.util.find_library("CAuditBalance")
    if found:
        yield found


def library_path() -> str:
    """The path of the library that is (or would be) loaded."""
    for path in _candidates():
        if os.path.sep not in path or os.path.exists(path):
            return path
    raise OSError("libCAuditBalance.so not found: set AB_LIBRARY, or build it with `make lib` in the repository")


def load() -> ctypes.CDLL:
    """The loaded library with the prototypes of the functions this package calls (once per process)."""
    global _library
    with _lock:
        if _library is None:
            lib = ctypes.CDLL(library_path())
            lib.ab_run.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                                   ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
            lib.ab_run.restype = ctypes.c_int
            lib.ab_run_files.argtypes = [
                ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_char_p),
                ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p,
                ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
            lib.ab_run_files.restype = ctypes.c_int
            lib.ab_string_free.argtypes = [ctypes.c_void_p]
            lib.ab_string_free.restype = None
            lib.ab_version.argtypes = []
            lib.ab_version.restype = ctypes.c_char_p
            _library = lib
        return _library


def version() -> str:
    """The library's version, e.g. "0.1.0"."""
    return load().ab_version().decode("utf-8")
