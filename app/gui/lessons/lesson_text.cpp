#include "lessons/lesson_text.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTextDocumentFragment>

QString lessonTextToHtml(const QString& text)
{
    static const QRegularExpression paragraphBreak(QStringLiteral("\\n[ \\t]*\\n\\s*"));
    static const QRegularExpression emphasis(QStringLiteral("&lt;(/?)([bi])&gt;"),
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression lineBreak(QStringLiteral("&lt;br\\s*/?&gt;"),
                                              QRegularExpression::CaseInsensitiveOption);
    QStringList paragraphs;
    for (const QString& raw : text.trimmed().split(paragraphBreak, Qt::SkipEmptyParts)) {
        QString html = raw.trimmed().toHtmlEscaped();
        html.replace(emphasis, QStringLiteral("<\\1\\2>"));
        html.replace(lineBreak, QStringLiteral("<br>"));
        html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        paragraphs << QStringLiteral("<p>%1</p>").arg(html);
    }
    return paragraphs.join(QString());
}

QString lessonTextToPlain(const QString& text)
{
    return QTextDocumentFragment::fromHtml(lessonTextToHtml(text)).toPlainText().trimmed();
}
