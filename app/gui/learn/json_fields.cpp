// Field checks for the content loaders. Messages are for the people who write the content files,
// so they are English and say what was expected and what was found.
#include "learn/json_fields.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace {

// Content files are a few hundred KB; anything far larger is not one of ours.
constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
constexpr qsizetype kShownChars = 40;

QString wholeNumberRange(int min, int max)
{
    if (max == std::numeric_limits<int>::max())
        return QStringLiteral("a whole number ≥ %1").arg(min);
    return QStringLiteral("a whole number from %1 to %2").arg(min).arg(max);
}

} // namespace

QString entryName(const QString& file, const QString& list, qsizetype index, const QJsonValue& entry,
                  const QString& nameField)
{
    const QJsonValue name = entry.toObject().value(nameField);
    if (name.isString() && !name.toString().isEmpty())
        return QStringLiteral("%1: %2[%3] (\"%4\")").arg(file, list, QString::number(index), name.toString());
    return QStringLiteral("%1: %2[%3]").arg(file, list, QString::number(index));
}

QString entryMessage(const QString& where, const FieldError& error)
{
    if (error.within.isEmpty())
        return QStringLiteral("%1: %2").arg(where, error.message);
    return QStringLiteral("%1, %2: %3").arg(where, error.within, error.message);
}

QString describeJson(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 10);
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.size() > kShownChars)
            return QStringLiteral("the string \"%1…\"").arg(text.left(kShownChars));
        return QStringLiteral("the string \"%1\"").arg(text);
    }
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

bool isValidId(const QString& id)
{
    if (id.isEmpty())
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-'))
            return false;
    }
    return true;
}

QString FieldReader::name(const QString& field) const
{
    return QStringLiteral("\"%1%2\"").arg(m_prefix, field);
}

QJsonValue FieldReader::required(const QString& field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        throw FieldError{QStringLiteral("%1 is missing").arg(name(field))};
    return value;
}

QString FieldReader::text(const QString& field) const
{
    const QJsonValue value = required(field);
    if (!value.isString() || value.toString().trimmed().isEmpty())
        throw FieldError{
            QStringLiteral("%1 must be a non-empty string, got %2").arg(name(field), describeJson(value))};
    return value.toString();
}

QString FieldReader::optionalText(const QString& field, const QString& fallback) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return fallback;
    if (!value.isString())
        throw FieldError{QStringLiteral("%1 must be a string, got %2").arg(name(field), describeJson(value))};
    return value.toString();
}

QString FieldReader::id(const QString& field) const
{
    const QJsonValue value = required(field);
    if (!value.isString() || !isValidId(value.toString()))
        throw FieldError{QStringLiteral("%1 must be an id of lower case letters, digits and '-', got %2")
                             .arg(name(field), describeJson(value))};
    return value.toString();
}

QString FieldReader::oneOf(const QString& field, const QStringList& allowed) const
{
    const QJsonValue value = required(field);
    if (!value.isString() || !allowed.contains(value.toString()))
        throw FieldError{QStringLiteral("%1 must be one of %2, got %3")
                             .arg(name(field), allowed.join(QStringLiteral(", ")), describeJson(value))};
    return value.toString();
}

int FieldReader::integer(const QString& field, int min, int max) const
{
    const QJsonValue value = required(field);
    // Compare as doubles before converting: a huge or fractional number must not reach the int.
    const double number = value.isDouble() ? value.toDouble() : std::nan("");
    if (!std::isfinite(number) || number != std::floor(number) || number < min || number > max)
        throw FieldError{QStringLiteral("%1 must be %2, got %3")
                             .arg(name(field), wholeNumberRange(min, max), describeJson(value))};
    return static_cast<int>(number);
}

std::optional<int> FieldReader::optionalInteger(const QString& field, int min, int max) const
{
    if (!m_object.contains(field))
        return std::nullopt;
    return integer(field, min, max);
}

std::optional<int> FieldReader::integerOrNull(const QString& field, int min, int max) const
{
    if (required(field).isNull())
        return std::nullopt;
    return integer(field, min, max);
}

bool FieldReader::boolean(const QString& field) const
{
    const QJsonValue value = required(field);
    if (!value.isBool())
        throw FieldError{
            QStringLiteral("%1 must be true or false, got %2").arg(name(field), describeJson(value))};
    return value.toBool();
}

bool FieldReader::optionalBoolean(const QString& field, bool fallback) const
{
    return m_object.contains(field) ? boolean(field) : fallback;
}

double FieldReader::number(const QString& field, double min, double max) const
{
    const QJsonValue value = required(field);
    const double number = value.isDouble() ? value.toDouble() : std::nan("");
    if (!std::isfinite(number) || number < min || number > max) {
        const QString range = std::isfinite(max) ? QStringLiteral("a number from %1 to %2").arg(min).arg(max)
                                                 : QStringLiteral("a number ≥ %1").arg(min);
        throw FieldError{
            QStringLiteral("%1 must be %2, got %3").arg(name(field), range, describeJson(value))};
    }
    return number;
}

double FieldReader::positiveNumber(const QString& field) const
{
    const QJsonValue value = required(field);
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() <= 0)
        throw FieldError{
            QStringLiteral("%1 must be a positive number, got %2").arg(name(field), describeJson(value))};
    return value.toDouble();
}

std::optional<double> FieldReader::positiveNumberOrNull(const QString& field) const
{
    const QJsonValue value = required(field);
    if (value.isNull())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() <= 0)
        throw FieldError{QStringLiteral("%1 must be a positive number or null, got %2")
                             .arg(name(field), describeJson(value))};
    return value.toDouble();
}

QString FieldReader::localisedText(const QString& field, const QString& language) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined() || value.isString())
        return value.toString();
    const QString rule = QStringLiteral("%1 must be a string or an object of language codes to strings with "
                                        "\"en\" among them, got %2");
    if (!value.isObject())
        throw FieldError{rule.arg(name(field), describeJson(value))};
    const QJsonObject texts = value.toObject();
    for (auto it = texts.begin(); it != texts.end(); ++it) {
        if (!it.value().isString())
            throw FieldError{QStringLiteral("%1 must be a string, got %2")
                                 .arg(name(field + QLatin1Char('.') + it.key()), describeJson(it.value()))};
    }
    if (!texts.contains(QLatin1String("en")))
        throw FieldError{rule.arg(name(field), QStringLiteral("no \"en\""))};
    return texts.value(texts.contains(language) ? language : QStringLiteral("en")).toString();
}

QStringList FieldReader::optionalStrings(const QString& field, const QStringList& allowed) const
{
    if (!m_object.contains(field))
        return {};
    QStringList strings;
    const QJsonArray values = array(field);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString where = name(field) + QStringLiteral("[%1]").arg(i); // "\"sources\"[2]"
        if (!values[i].isString() || values[i].toString().trimmed().isEmpty())
            throw FieldError{
                QStringLiteral("%1 must be a non-empty string, got %2").arg(where, describeJson(values[i]))};
        if (!allowed.isEmpty() && !allowed.contains(values[i].toString()))
            throw FieldError{QStringLiteral("%1 must be one of %2, got %3")
                                 .arg(where, allowed.join(QStringLiteral(", ")), describeJson(values[i]))};
        strings << values[i].toString();
    }
    return strings;
}

QJsonArray FieldReader::array(const QString& field) const
{
    const QJsonValue value = required(field);
    if (!value.isArray())
        throw FieldError{QStringLiteral("%1 must be an array, got %2").arg(name(field), describeJson(value))};
    return value.toArray();
}

std::optional<QJsonObject> FieldReader::optionalObject(const QString& field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isObject())
        throw FieldError{
            QStringLiteral("%1 must be an object, got %2").arg(name(field), describeJson(value))};
    return value.toObject();
}

QStringList FieldReader::unknownFields(const QStringList& known) const
{
    QStringList messages;
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!known.contains(it.key()))
            messages << QStringLiteral("%1 is not a known field (ignored; known: %2)")
                            .arg(name(it.key()), known.join(QStringLiteral(", ")));
    return messages;
}

void FieldReader::rejectUnknownFields(const QStringList& known) const
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!known.contains(it.key()))
            throw FieldError{QStringLiteral("%1 is not a known field (known: %2)")
                                 .arg(name(it.key()), known.join(QStringLiteral(", ")))};
}

std::optional<QJsonObject> readJsonObjectFile(const QString& path, const QString& fileName,
                                              QStringList* errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("%1: cannot read the file: %2").arg(fileName, file.errorString()));
        return std::nullopt;
    }
    if (file.size() > kMaxFileBytes) {
        errors->append(QStringLiteral("%1: the file has %2 bytes, more than the %3 a content file may have")
                           .arg(fileName, QString::number(file.size()), QString::number(kMaxFileBytes)));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors->append(QStringLiteral("%1: not valid JSON at byte %2: %3")
                           .arg(fileName, QString::number(parseError.offset), parseError.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        errors->append(
            QStringLiteral("%1: expected a JSON object at the top, got %2")
                .arg(fileName, document.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing")));
        return std::nullopt;
    }
    return document.object();
}

std::optional<ContentFile> readContentFile(const QString& path, const QStringList& knownFields,
                                           QStringList* problems)
{
    const QString fileName = QFileInfo(path).fileName();
    const std::optional<QJsonObject> root = readJsonObjectFile(path, fileName, problems);
    if (!root)
        return std::nullopt;
    ContentFile content{*root, {}};
    const FieldReader top(*root);
    for (const QString& note : top.unknownFields(knownFields))
        problems->append(QStringLiteral("%1: %2").arg(fileName, note));
    try {
        content.language = top.id(QStringLiteral("language"));
    } catch (const FieldError& error) {
        problems->append(QStringLiteral("%1: %2").arg(fileName, error.message));
    }
    return content;
}

std::optional<QJsonArray> readJsonListFile(const QString& path, const QString& list, QStringList* errors)
{
    const QString fileName = QFileInfo(path).fileName();
    const std::optional<QJsonObject> root = readJsonObjectFile(path, fileName, errors);
    if (!root)
        return std::nullopt;
    try {
        return FieldReader(*root).array(list);
    } catch (const FieldError& error) {
        errors->append(QStringLiteral("%1: %2").arg(fileName, error.message));
        return std::nullopt;
    }
}
