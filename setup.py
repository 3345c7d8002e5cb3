"""Packages of the wheel. The repo keeps ``resources/`` and ``translations/`` at its top (the team's layout);
the wheel carries them inside ``station_app`` so an installed copy finds them beside its code
(``station_app/paths.py``). Everything else is declared in pyproject.toml."""

from setuptools import find_packages, setup

DATA_PACKAGES = {"station_app.resources": "resources", "station_app.translations": "translations"}

setup(packages=find_packages(include=["station_app*", "sync*"]) + list(DATA_PACKAGES), package_dir=DATA_PACKAGES)
