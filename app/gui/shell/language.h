// The app's language: English, or German (the second complete language: interface, lessons and quiz).
// The choice comes from --lang, else the saved setting, else the system's language; it is fixed at
// start-up (a change in the View menu applies on restart) so every string, lesson and number format
// agrees.
#pragma once

#include <QList>
#include <QString>

class QCoreApplication;

struct AppLanguage {
    QString code;       // "en", "de": also the suffix of the lessons and quiz files
    QString nativeName; // "English", "Deutsch": shown in the language menu untranslated
};

QList<AppLanguage> availableLanguages();
// --lang if given, else the "view/language" setting, else the system's language when available,
// else English.
QString chooseLanguage(const QString& requested);
// Installs the app's and Qt's own translations for `code` and makes its locale the default (decimal
// commas in German). English needs none. Returns false when the app's translation is missing.
bool installLanguage(QCoreApplication& app, const QString& code);
