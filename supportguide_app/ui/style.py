"""The window's one stylesheet, generated for the chosen text size.

Sizes are in points computed from the text scale, so Ctrl+plus/minus changes every text at once
(Qt stylesheets know no relative units). Colours are calm and keep a contrast ratio above 4.5:1.
"""

from __future__ import annotations

BASE_POINT_SIZE = 11.0


def point_size(scale_percent: int) -> float:
    return round(BASE_POINT_SIZE * scale_percent / 100, 1)


def stylesheet(scale_percent: int) -> str:
    base = point_size(scale_percent)

    indicator = round(15 * scale_percent / 100)

    def pt(factor: float) -> str:
        return f"{round(base * factor, 1)}pt"

    return f"""
    QWidget {{ font-size: {pt(1)}; color: #1f2328; }}
    QMainWindow, QWidget#centre {{ background: #f6f7f9; }}
    QLabel[role="pageTitle"] {{ font-size: {pt(1.45)}; font-weight: bold; color: #1b3a5c; }}
    QLabel[role="pageIntro"] {{ color: #3d4650; }}
    QLabel[role="cardTitle"] {{ font-size: {pt(1.15)}; font-weight: bold; color: #1b3a5c; }}
    QLabel[role="columnTitle"] {{ font-size: {pt(1.1)}; font-weight: bold; color: #1b3a5c; }}
    QLabel[role="sectionTitle"] {{ font-weight: bold; color: #2b3a4a; margin-top: 4px; }}
    QLabel[role="panelCaption"] {{ font-size: {pt(0.95)}; font-weight: bold; color: #50606f; }}
    QLabel[role="description"], QLabel[role="muted"] {{ color: #4f5963; font-size: {pt(0.92)}; }}
    QLabel[role="hint"] {{ color: #2d4a66; background: #e9f1f9; border-radius: 6px; padding: 8px 10px; }}
    QLabel[role="suggestion"] {{ color: #5a4300; background: #fdf3d6; border-radius: 5px;
                                 padding: 4px 8px; font-size: {pt(0.92)}; }}
    QFrame[role="card"] {{ background: #ffffff; border: 1px solid #d9dee4; border-radius: 8px; }}
    QFrame[role="contextCard"] {{ background: #f0f2f5; border: 1px solid #d9dee4; border-radius: 8px; }}
    QFrame[role="gapCard"] {{ background: #fffaf0; border: 1px solid #ecd9a8; border-radius: 8px; }}
    QFrame[role="methodReview"] {{ background: #f6f8fa; border: 1px solid #e1e6eb; border-radius: 6px; }}
    QFrame[role="methodReview"] QLabel {{ background: transparent; border: none; }}
    QFrame[role="choice"] {{ background: transparent; border: none; border-radius: 6px; }}
    QFrame[role="choice"][suggested="true"] {{ background: #fffbee; }}
    QFrame[role="card"] QLabel, QFrame[role="contextCard"] QLabel, QFrame[role="gapCard"] QLabel
        {{ background: transparent; border: none; }}
    QFrame[role="card"] QLabel[role="hint"] {{ background: #e9f1f9; }}
    QFrame[role="card"] QLabel[role="suggestion"] {{ background: #fdf3d6; }}
    QFrame[role="viewBanner"] {{ background: #e9f1f9; border: 1px solid #b9cde2; border-radius: 8px; }}
    QFrame[role="viewBanner"][entering="true"] {{ background: #fff4e0; border: 2px solid #e0a040; }}
    QFrame[role="viewBanner"] QLabel {{ background: transparent; border: none; }}
    QLabel[role="bannerTitle"] {{ font-size: {pt(1.15)}; font-weight: bold; color: #5a3a00; }}
    QFrame[role="viewBanner"][entering="false"] QLabel[role="bannerTitle"] {{ color: #1b3a5c; }}
    QLabel[role="handOverTitle"] {{ font-size: {pt(1.6)}; font-weight: bold; color: #1b3a5c; }}
    QWidget#handOver {{ background: #f6f7f9; }}
    QFrame[role="consentCard"] {{ background: #ffffff; border: 2px solid #b9cde2; border-radius: 8px; }}
    QFrame[role="consentCard"] QLabel {{ background: transparent; border: none; }}
    QFrame[role="consentCard"] QLabel[role="hint"] {{ background: #e9f1f9; }}
    QFrame[role="compareRow"] {{ background: #f8f9fb; border: 1px solid #e1e6eb; border-radius: 6px; }}
    QFrame[role="compareRow"][differs="true"] {{ background: #fdf6e8; border-color: #ecd9a8; }}
    QFrame[role="compareRow"] QLabel {{ background: transparent; border: none; }}
    QLabel[role="itemLabel"] {{ font-weight: bold; }}
    QLabel[role="note"] {{ color: #3d4650; font-size: {pt(0.92)}; }}
    QFrame[role="compareRow"] QLabel[role="agreement"] {{ border-radius: 5px; padding: 2px 8px;
        font-size: {pt(0.92)}; font-weight: bold; background: #e4ecf4; color: #1b3a5c; }}
    QFrame[role="compareRow"] QLabel[agreement="manager_only"] {{ background: #fbe3c0; color: #5a3a00; }}
    QFrame[role="compareRow"] QLabel[agreement="counselor_only"] {{ background: #dcefdc; color: #1f4a1f; }}
    QFrame[role="compareRow"] QLabel[agreement="both"] {{ background: #e4ecf4; color: #1b3a5c; }}
    QLabel[role="warning"] {{ color: #8a2a00; font-weight: bold; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QListWidget#stepList {{ background: #eef1f5; border: none; padding: 8px 4px; outline: none; }}
    QListWidget#stepList::item {{ padding: 10px 10px; margin: 2px 4px; border-radius: 6px; color: #2b3a4a; }}
    QListWidget#stepList::item:selected {{ background: #1b5e9e; color: #ffffff; }}
    QListWidget#stepList::item:hover:!selected {{ background: #dde5ee; }}
    QListWidget#stepList:focus {{ border: 2px solid #f0a400; }}
    QCheckBox {{ spacing: 8px; padding: 3px 4px; border-radius: 4px; border: 2px solid transparent; }}
    QCheckBox::indicator {{ width: {indicator}px; height: {indicator}px; }}
    QCheckBox:focus {{ border: 2px solid #f0a400; background: #fff6df; }}
    QCheckBox:hover {{ background: #eef4fb; }}
    QRadioButton {{ spacing: 8px; padding: 3px 4px; border-radius: 4px; border: 2px solid transparent; }}
    QRadioButton::indicator {{ width: {indicator}px; height: {indicator}px; }}
    QRadioButton:focus {{ border: 2px solid #f0a400; background: #fff6df; }}
    QLineEdit, QPlainTextEdit, QDateEdit, QComboBox {{
        background: #ffffff; border: 1px solid #aab4bf; border-radius: 5px; padding: 4px 6px; }}
    QLineEdit:focus, QPlainTextEdit:focus, QDateEdit:focus, QComboBox:focus {{
        border: 2px solid #f0a400; }}
    QPushButton {{ background: #ffffff; border: 1px solid #8c9aa8; border-radius: 6px;
                   padding: 6px 16px; min-height: 1.4em; }}
    QPushButton:hover {{ background: #eef4fb; }}
    QPushButton:focus {{ border: 2px solid #f0a400; }}
    QPushButton:default, QPushButton[primary="true"] {{ background: #1b5e9e; color: #ffffff;
                                                         border: 1px solid #164d82; }}
    QPushButton[primary="true"]:focus {{ border: 2px solid #f0a400; }}
    QPushButton:disabled {{ color: #8a949e; background: #f0f2f4; border-color: #c9d0d7; }}
    QLabel[role="link"]:focus {{ border: 2px solid #f0a400; border-radius: 4px; }}
    QTextBrowser {{ background: #ffffff; border: 1px solid #d9dee4; border-radius: 8px; padding: 6px; }}
    QTextBrowser:focus {{ border: 2px solid #f0a400; }}
    QListWidget {{ background: #ffffff; border: 1px solid #d9dee4; border-radius: 6px; }}
    QListWidget:focus {{ border: 2px solid #f0a400; }}
    QWidget#navBar {{ background: #ffffff; border-top: 1px solid #d9dee4; }}
    QSplitter::handle {{ background: #d9dee4; }}
    QStatusBar {{ background: #ffffff; color: #3d4650; }}
    QMenuBar::item:disabled, QMenu::item:disabled {{ color: #8a949e; }}
    QMenu {{ background: #ffffff; border: 1px solid #aab4bf; padding: 4px 0; }}
    QMenu::item {{ padding: 5px 32px 5px 20px; }}
    QMenu::item:selected {{ background: #1b5e9e; color: #ffffff; }}
    QMenu::item:disabled:selected {{ background: #eef1f5; color: #8a949e; }}
    QMenu::separator {{ height: 1px; background: #d9dee4; margin: 4px 8px; }}
    QWidget:disabled {{ color: #8a949e; }}
    """
