"""Builds the shippable libCAuditBalance.so with `make lib` and puts it into the package (auditbalance/lib),
so that `pip install .` and `make wheel` give a package that needs no Swift toolchain at run time.
The rest of the configuration is in pyproject.toml."""
import os
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = os.path.dirname(os.path.abspath(__file__))


class BuildWithLibrary(build_py):
    def run(self):
        library = os.path.join(ROOT, "dist", "lib", "libCAuditBalance.so")
        if not os.environ.get("AUDITBALANCE_SKIP_MAKE"):
            subprocess.check_call(["make", "--no-print-directory", "lib"], cwd=ROOT)
        if not os.path.exists(library):
            raise SystemExit("auditbalance: dist/lib/libCAuditBalance.so is missing: run `make lib` first")
        super().run()
        target = os.path.join(self.build_lib, "auditbalance", "lib")
        os.makedirs(target, exist_ok=True)
        shutil.copy2(library, target)


commands = {"build_py": BuildWithLibrary}
try:  # The wheel holds a Linux x86_64 library: tag it so (py3-none-linux_x86_64), not as pure Python.
    try:
        from setuptools.command.bdist_wheel import bdist_wheel
    except ImportError:
        from wheel.bdist_wheel import bdist_wheel

    class PlatformWheel(bdist_wheel):
        def finalize_options(self):
            super().finalize_options()
            self.root_is_pure = False

        def get_tag(self):
            _, _, platform = super().get_tag()
            return "py3", "none", platform

    commands["bdist_wheel"] = PlatformWheel
except ImportError:
    pass

setup(cmdclass=commands)
