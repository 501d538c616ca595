// The glossary (resources/glossary/glossary.<language>.json): the words the lessons and questions
// use (token, parameter, layer, router, gate, expert, dense and sparse, FLOPs, inference, ...) in
// plain language, reachable from any lesson or question. Checked at load like the other content.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

struct GlossaryTerm {
    QString id;         // lower case letters, digits and '-'; the same in every language
    QString term;       // as the language writes it
    QString definition; // plain text, <b> and <i> allowed
};

struct Glossary {
    QString language;
    QList<GlossaryTerm> terms; // file order

    const GlossaryTerm* term(const QString& id) const; // nullptr when absent
};

// Reads and checks one file; a broken entry is left out with a message naming the file, the entry
// and the field. Never throws.
Glossary loadGlossary(const QString& path, QStringList* errors = nullptr);
// The glossary for a language from the resources, completed from English for a term the
// translation lacks; English for a language without a file.
Glossary loadGlossaryFor(const QString& language, QStringList* errors = nullptr);
