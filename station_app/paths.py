"""Where things live: the data directory and the app's own resources, frozen or not."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "VillageStation"
ENV_DATA_DIR = "STATION_DATA_DIR"


def data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``STATION_DATA_DIR``, else the platform's user data dir."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def app_root() -> Path:
    """The folder holding resources/ and translations/.

    Frozen: the bundle. Installed from the wheel: the package itself (setup.py maps both folders into
    station_app). From source or an editable install: the repo's top, where the team keeps them.
    """
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    package = Path(__file__).resolve().parent
    return package if (package / "resources").is_dir() else package.parent


def resource(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def translation(name: str) -> Path:
    return app_root() / "translations" / name


# Fonts known to carry Simplified Chinese, most preferred first; TrueType outlines first, because the label
# engine embeds the same file and reportlab cannot read CFF fonts such as Noto CJK.
_SYSTEM_CJK_FONTS = (
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyh.ttf", "C:/Windows/Fonts/simhei.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc", "/Library/Fonts/Arial Unicode.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


def cjk_fonts() -> list[Path]:
    """Existing CJK font files: any shipped in resources/fonts, then the system's."""
    shipped = sorted(p for p in resource("fonts").glob("*") if p.suffix.lower() in (".ttf", ".ttc", ".otf"))
    windir = os.environ.get("WINDIR")
    system = [Path(p.replace("C:/Windows", windir) if windir else p) for p in _SYSTEM_CJK_FONTS]
    return [p for p in shipped + system if p.is_file()]
