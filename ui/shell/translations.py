"""Qt's own texts (standard buttons, file dialogs, context menus) in the chosen language.

Our strings go through `counter.i18n._`; Qt's built-in dialogs and widgets are
translated by the `.qm` catalogues that ship with PySide6 (`qt_zh_CN.qm` pulls
in `qtbase_zh_CN.qm`).  `install_qt_translations` is called once, after the
QApplication exists and before any window opens; calling it again replaces the
previous language (the tests switch back and forth).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: the Qt locale of each UI language
QT_LOCALES = {
    "zh": QLocale(
        QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China
    ),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
}
#: Qt's catalogues, first found wins: `qt` is the meta catalogue (it loads `qtbase` and the
#: other modules' catalogues); `qtbase` alone in case a build ships it without the meta one
CATALOGUES = ("qt", "qtbase")
_TAG = "counter-qt-translation"


def translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def remove_qt_translations(app: QCoreApplication) -> None:
    """Take out what `install_qt_translations` put in (the default locale stays as set)."""
    for old in app.findChildren(QTranslator, _TAG):
        app.removeTranslator(old)
        old.setParent(None)  # no longer a child; Python frees it


def install_qt_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's catalogues for `language` ("zh" or "en") into `app`; returns what was loaded.

    English needs no catalogue (Qt's source texts are English), but the locale is set
    either way, so calendars and month names follow the UI language and not the system's.
    """
    remove_qt_translations(app)
    locale = QT_LOCALES[language]
    QLocale.setDefault(locale)
    if language == "en":
        return []
    folder = translations_dir()
    for name in CATALOGUES:
        translator = QTranslator(app)
        translator.setObjectName(_TAG)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            return [translator]
        translator.setParent(None)
    return []
