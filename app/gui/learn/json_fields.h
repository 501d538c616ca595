// The one JSON field reader of the content loaders: lessons, quiz, preset prompts and scale data.
// Each reader takes one field of a JSON object and either returns it or throws FieldError saying
// which field broke which rule; readEntries() catches it per entry, reports it with the file and
// entry ("prompts.json: presets[1] (\"math-add\"): \"kind\" must be ...") and drops the entry.
// Nothing here trusts the JSON: any type may stand where another is expected, numbers may be huge.
#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Why one field is unusable, in words ("\"level\" must be a whole number from 1 to 3, got 7").
struct FieldError {
    explicit FieldError(QString why, QString place = {}) : message(std::move(why)), within(std::move(place))
    {
    }
    QString message;
    QString within; // where inside the entry, e.g. "steps[2]"; empty: the entry itself
};

// "lessons.en.json: lessons[3] (\"builder-active\"), steps[2]: <message>".
QString entryMessage(const QString& where, const FieldError& error);

// Readers of one object's fields. `required` readers throw when the field is absent; optional ones
// return the fallback (or nullopt) when absent but still throw when present and wrong.
class FieldReader {
public:
    // prefix: how messages name this object's fields, e.g. "action." for "action.layer".
    explicit FieldReader(QJsonObject object, QString prefix = {})
        : m_object(std::move(object)), m_prefix(std::move(prefix))
    {
    }

    bool has(const QString& field) const { return m_object.contains(field); }
    // A string that is not empty (nor only spaces).
    QString text(const QString& field) const;
    // A string, possibly empty; `fallback` when absent.
    QString optionalText(const QString& field, const QString& fallback = {}) const;
    // An id: lower case letters, digits and '-', not empty.
    QString id(const QString& field) const;
    // A string that is one of `allowed`.
    QString oneOf(const QString& field, const QStringList& allowed) const;
    // A whole number in [min, max] (JSON has only doubles: 2.0 counts, 2.5 does not).
    int integer(const QString& field, int min, int max) const;
    std::optional<int> optionalInteger(const QString& field, int min, int max) const;
    // Required, but a present null gives nullopt ("not published").
    std::optional<int> integerOrNull(const QString& field, int min, int max) const;
    bool boolean(const QString& field) const;
    bool optionalBoolean(const QString& field, bool fallback) const;
    // A finite number in [min, max].
    double number(const QString& field, double min, double max) const;
    // A finite number above zero; with the OrNull form, a present null gives nullopt.
    double positiveNumber(const QString& field) const;
    std::optional<double> positiveNumberOrNull(const QString& field) const;
    QJsonArray array(const QString& field) const;
    // An optional text in one language or several: a string, or an object of language codes to
    // strings with "en" among them ({"en": "...", "de": "..."}). Gives `language`'s text, else the
    // English one; empty when absent.
    QString localisedText(const QString& field, const QString& language) const;
    // An optional array of strings (empty when absent); each must be one of `allowed` when that is
    // not empty.
    QStringList optionalStrings(const QString& field, const QStringList& allowed = {}) const;
    std::optional<QJsonObject> optionalObject(const QString& field) const;
    // The fields outside `known`, as messages: a typo such as "pauseAfterToken" would otherwise
    // pass unseen. The loaders report them and keep the entry.
    QStringList unknownFields(const QStringList& known) const;
    // The same check for a file whose entries must not carry unknown fields (sources.json): throws
    // on the first one.
    void rejectUnknownFields(const QStringList& known) const;

private:
    QJsonValue required(const QString& field) const;
    // The field as messages show it, quoted: "\"action.layer\"".
    QString name(const QString& field) const;
    QJsonObject m_object;
    QString m_prefix;
};

// A short description of a JSON value for messages: "the string \"abc\"", "an array", "7.5".
QString describeJson(const QJsonValue& value);
// Whether `id` is lower case letters, digits and '-' (and not empty).
bool isValidId(const QString& id);

// "lessons.en.json: lessons[3] (\"builder-active\")": the entry's `nameField` is shown when it is a
// non-empty string.
QString entryName(const QString& file, const QString& list, qsizetype index, const QJsonValue& entry,
                  const QString& nameField = QStringLiteral("id"));

// Calls read(object, where) for each entry of `entries` (the array `list` of `file`); an entry that is
// not an object or whose read throws FieldError is reported to *problems (not null) and skipped.
template <typename Read>
void readEntries(const QString& file, const QString& list, const QJsonArray& entries, QStringList* problems,
                 Read read, const QString& nameField = QStringLiteral("id"))
{
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = entryName(file, list, i, entries[i], nameField);
        try {
            if (!entries[i].isObject())
                throw FieldError{QStringLiteral("must be an object, got %1").arg(describeJson(entries[i]))};
            read(entries[i].toObject(), where);
        } catch (const FieldError& error) {
            problems->append(entryMessage(where, error));
        }
    }
}

// The whole file as a JSON object, or nullopt and one message appended to *errors (not null): the
// file cannot be read, is not JSON, or is not an object.
std::optional<QJsonObject> readJsonObjectFile(const QString& path, const QString& fileName,
                                              QStringList* errors);
// A content file written in one language (lessons, quiz): its top object and its "language" (empty
// when that is broken, with a message). Fields outside `knownFields` are reported; nullopt (and one
// message) when the file cannot be read as a JSON object. Messages go to *problems (not null).
struct ContentFile {
    QJsonObject root;
    QString language;
};
std::optional<ContentFile> readContentFile(const QString& path, const QStringList& knownFields,
                                           QStringList* problems);

// The array `list` of the file's top object (e.g. "presets" of prompts.json), or nullopt and one
// message appended to *errors (not null), as readJsonObjectFile.
std::optional<QJsonArray> readJsonListFile(const QString& path, const QString& list, QStringList* errors);
