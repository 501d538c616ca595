#include "learn/glossary.h"

#include "learn/json_fields.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

const GlossaryTerm* Glossary::term(const QString& id) const
{
    for (const GlossaryTerm& t : terms)
        if (t.id == id)
            return &t;
    return nullptr;
}

Glossary loadGlossary(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    Glossary glossary;
    const std::optional<ContentFile> content =
        readContentFile(path, {QStringLiteral("language"), QStringLiteral("terms")}, &problems);
    if (!content)
        return glossary;
    glossary.language = content->language;
    const QString file = QFileInfo(path).fileName();
    QJsonArray terms;
    try {
        terms = FieldReader(content->root).array(QStringLiteral("terms"));
    } catch (const FieldError& error) {
        problems << QStringLiteral("%1: %2").arg(file, error.message);
        return glossary;
    }
    QSet<QString> ids;
    readEntries(file, QStringLiteral("terms"), terms, &problems,
                [&](const QJsonObject& object, const QString& where) {
                    const FieldReader fields(object);
                    for (const QString& note : fields.unknownFields(
                             {QStringLiteral("id"), QStringLiteral("term"), QStringLiteral("definition")}))
                        problems << QStringLiteral("%1: %2").arg(where, note);
                    GlossaryTerm term{fields.id(QStringLiteral("id")), fields.text(QStringLiteral("term")),
                                      fields.text(QStringLiteral("definition"))};
                    if (ids.contains(term.id))
                        throw FieldError{QStringLiteral("\"id\" repeats the term \"%1\"").arg(term.id)};
                    ids.insert(term.id);
                    glossary.terms.append(term);
                });
    return glossary;
}

Glossary loadGlossaryFor(const QString& language, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    Glossary english = loadGlossary(QStringLiteral(":/glossary/glossary.en.json"), &problems);
    const QString path = QStringLiteral(":/glossary/glossary.%1.json").arg(language);
    if (language == QLatin1String("en") || !QFile::exists(path))
        return english;
    const Glossary translated = loadGlossary(path, &problems);
    Glossary glossary;
    glossary.language = language;
    for (const GlossaryTerm& term : std::as_const(english.terms)) {
        const GlossaryTerm* own = translated.term(term.id);
        if (!own)
            problems << QStringLiteral("glossary.%1.json: the term \"%2\" is missing; using the English one")
                            .arg(language, term.id);
        glossary.terms.append(own ? *own : term);
    }
    for (const GlossaryTerm& term : std::as_const(translated.terms))
        if (!english.term(term.id))
            problems << QStringLiteral("glossary.%1.json: the term \"%2\" is not in English; left out")
                            .arg(language, term.id);
    return glossary;
}
