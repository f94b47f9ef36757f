"""The guide's content: loaded once from resources/, validated, frozen."""

from supportguide_app.guide.loader import GuideDataError, build_guide, load_guide
from supportguide_app.guide.model import Guide

__all__ = ["Guide", "GuideDataError", "build_guide", "load_guide"]
