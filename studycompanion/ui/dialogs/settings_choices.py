"""The settings dialog's choices: each setting's value and its label (English source texts, marked for lupdate;
the dialog shows them through QCoreApplication.translate("SettingsDialog", label))."""

from __future__ import annotations

from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

LANGUAGES = (
    ("auto", QT_TRANSLATE_NOOP("SettingsDialog", "Detect automatically")),
    ("en", QT_TRANSLATE_NOOP("SettingsDialog", "English")),
    ("es", QT_TRANSLATE_NOOP("SettingsDialog", "Spanish")),
    ("fr", QT_TRANSLATE_NOOP("SettingsDialog", "French")),
    ("de", QT_TRANSLATE_NOOP("SettingsDialog", "German")),
    ("pt", QT_TRANSLATE_NOOP("SettingsDialog", "Portuguese")),
    ("it", QT_TRANSLATE_NOOP("SettingsDialog", "Italian")),
    ("nl", QT_TRANSLATE_NOOP("SettingsDialog", "Dutch")),
    ("pl", QT_TRANSLATE_NOOP("SettingsDialog", "Polish")),
    ("tr", QT_TRANSLATE_NOOP("SettingsDialog", "Turkish")),
    ("ar", QT_TRANSLATE_NOOP("SettingsDialog", "Arabic")),
    ("hi", QT_TRANSLATE_NOOP("SettingsDialog", "Hindi")),
    ("ur", QT_TRANSLATE_NOOP("SettingsDialog", "Urdu")),
    ("zh", QT_TRANSLATE_NOOP("SettingsDialog", "Chinese")),
    ("ja", QT_TRANSLATE_NOOP("SettingsDialog", "Japanese")),
    ("ko", QT_TRANSLATE_NOOP("SettingsDialog", "Korean")),
    ("ru", QT_TRANSLATE_NOOP("SettingsDialog", "Russian")),
    ("uk", QT_TRANSLATE_NOOP("SettingsDialog", "Ukrainian")),
    ("ro", QT_TRANSLATE_NOOP("SettingsDialog", "Romanian")),
    ("el", QT_TRANSLATE_NOOP("SettingsDialog", "Greek")),
)
APPEARANCE_CHOICES = (
    ("system", QT_TRANSLATE_NOOP("SettingsDialog", "Like the system (light or dark)")),
    ("light", QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
    ("dark", QT_TRANSLATE_NOOP("SettingsDialog", "Dark")),
)
DEVICES = (
    ("auto", QT_TRANSLATE_NOOP("SettingsDialog", "Automatic (GPU when there is one)")),
    ("cpu", QT_TRANSLATE_NOOP("SettingsDialog", "CPU")),
    ("cuda", QT_TRANSLATE_NOOP("SettingsDialog", "NVIDIA GPU (CUDA)")),
)
COMPUTE_TYPES = (
    ("int8", QT_TRANSLATE_NOOP("SettingsDialog", "int8 (fast, small)")),
    ("int8_float16", QT_TRANSLATE_NOOP("SettingsDialog", "int8 + float16 (GPU)")),
    ("float16", QT_TRANSLATE_NOOP("SettingsDialog", "float16 (GPU)")),
    ("float32", QT_TRANSLATE_NOOP("SettingsDialog", "float32 (most exact, slow)")),
)
NOTE_TYPES = (
    ("ours", QT_TRANSLATE_NOOP("SettingsDialog", "StudyCompanion's own (frame, audio, source link)")),
    ("anki", QT_TRANSLATE_NOOP("SettingsDialog", "Anki's built-in Cloze and Basic")),
    ("custom", QT_TRANSLATE_NOOP("SettingsDialog", "My own note type (set from the CLI)")),
)
BROWSERS = ("", "firefox", "chrome", "chromium", "edge", "brave", "opera", "vivaldi", "safari")
