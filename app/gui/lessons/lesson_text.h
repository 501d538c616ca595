// Lesson texts as shown: the files hold plain text with <b>, <i> and <br> allowed and paragraphs
// separated by a blank line ("\n\n", docs/content-format.md). Everything else is escaped, so a "<"
// in a sum stays a "<" and no other markup can slip in.
#pragma once

#include <QString>

// Rich text for a QLabel: one <p> per paragraph, single line breaks kept.
QString lessonTextToHtml(const QString& text);
// The same text without markup, for accessible names and descriptions.
QString lessonTextToPlain(const QString& text);
