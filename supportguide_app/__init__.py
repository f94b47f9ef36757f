"""支援者サポート計画ツール: plan support for hikikomori counselors with the guide's checklist."""

__version__ = "0.1.0"
APP_NAME = "支援者サポート計画ツール"
