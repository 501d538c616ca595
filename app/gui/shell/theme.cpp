#include "shell/theme.h"

#include "style/colour_maths.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Theme {

namespace {

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xF5, 0xF6, 0xF8));
    p.setColor(QPalette::WindowText, QColor(0x1B, 0x1F, 0x24));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xEE, 0xF0, 0xF3));
    p.setColor(QPalette::Text, QColor(0x1B, 0x1F, 0x24));
    p.setColor(QPalette::Button, QColor(0xE9, 0xEC, 0xEF));
    p.setColor(QPalette::ButtonText, QColor(0x1B, 0x1F, 0x24));
    p.setColor(QPalette::Highlight, QColor(0x00, 0x72, 0xB2));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xFF, 0xFF, 0xF0));
    p.setColor(QPalette::ToolTipText, QColor(0x1B, 0x1F, 0x24));
    p.setColor(QPalette::PlaceholderText, QColor(0x6A, 0x73, 0x7D));
    p.setColor(QPalette::Mid, QColor(0xB8, 0xBE, 0xC6));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9A, 0xA0, 0xA8));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9A, 0xA0, 0xA8));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9A, 0xA0, 0xA8));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1E, 0x21, 0x26));
    p.setColor(QPalette::WindowText, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1C));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x2A, 0x30));
    p.setColor(QPalette::Text, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::Button, QColor(0x2B, 0x2F, 0x36));
    p.setColor(QPalette::ButtonText, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::Highlight, QColor(0x56, 0xB4, 0xE9));
    p.setColor(QPalette::HighlightedText, QColor(0x10, 0x12, 0x14));
    p.setColor(QPalette::ToolTipBase, QColor(0x2B, 0x2F, 0x36));
    p.setColor(QPalette::ToolTipText, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::PlaceholderText, QColor(0x8A, 0x92, 0x9C));
    p.setColor(QPalette::Mid, QColor(0x4A, 0x50, 0x58));
    p.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6A, 0x70, 0x78));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6A, 0x70, 0x78));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6A, 0x70, 0x78));
    return p;
}

// For projectors: pure black on pure white with strong outlines. Washed-out projected colours
// lose dark themes and pale greys first, so neither is used.
QPalette highContrastPalette()
{
    QPalette p;
    const QColor ink(0x00, 0x00, 0x00), paper(0xFF, 0xFF, 0xFF);
    p.setColor(QPalette::Window, paper);
    p.setColor(QPalette::WindowText, ink);
    p.setColor(QPalette::Base, paper);
    p.setColor(QPalette::AlternateBase, QColor(0xF0, 0xF0, 0xF0));
    p.setColor(QPalette::Text, ink);
    p.setColor(QPalette::Button, paper);
    p.setColor(QPalette::ButtonText, ink);
    p.setColor(QPalette::Highlight, QColor(0x00, 0x3C, 0x8F));
    p.setColor(QPalette::HighlightedText, paper);
    p.setColor(QPalette::ToolTipBase, paper);
    p.setColor(QPalette::ToolTipText, ink);
    p.setColor(QPalette::PlaceholderText, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Mid, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Dark, ink);
    p.setColor(QPalette::Shadow, ink);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x55, 0x55, 0x55));
    return p;
}

} // namespace

Kind fromName(const QString& name)
{
    if (name == QLatin1String("light"))
        return Kind::Light;
    if (name == QLatin1String("dark"))
        return Kind::Dark;
    if (name == QLatin1String("contrast"))
        return Kind::HighContrast;
    return Kind::System;
}

QString name(Kind kind)
{
    switch (kind) {
    case Kind::Light:
        return QStringLiteral("light");
    case Kind::Dark:
        return QStringLiteral("dark");
    case Kind::HighContrast:
        return QStringLiteral("contrast");
    case Kind::System:
        break;
    }
    return QStringLiteral("system");
}

void apply(Kind kind)
{
    // Fusion draws the same everywhere and honours the palette fully (the platform styles do not).
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(palette(kind));
}

QPalette palette(Kind kind)
{
    switch (kind) {
    case Kind::Light:
        return lightPalette();
    case Kind::Dark:
        return darkPalette();
    case Kind::HighContrast:
        return highContrastPalette();
    case Kind::System:
        break;
    }
    return QApplication::style()->standardPalette();
}

bool isDark()
{
    return ::isDark(QApplication::palette());
}

} // namespace Theme
