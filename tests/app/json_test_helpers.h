// JSON helpers shared by the content-loader tests: parse a literal written in the test, write a
// file, and patch one entry's fields to make it valid or broken in exactly one way.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QtGlobal>

namespace moe::test {

// The object in `json`; a literal that does not parse is a mistake in the test itself.
inline QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in the test itself: %s in %s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

// Writes `bytes` to `path` (replacing it) and returns the path; a file that cannot be written is a
// broken test machine, not a finding.
inline QString writeTestFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// Merges the fields of `fragment` into `object`; a field set to the string "<delete>" is removed.
inline QJsonObject patched(QJsonObject object, const QByteArray& fragment)
{
    const QJsonObject patch = parseObject(fragment);
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value() == QJsonValue(QStringLiteral("<delete>")))
            object.remove(it.key());
        else
            object.insert(it.key(), it.value());
    }
    return object;
}

} // namespace moe::test
