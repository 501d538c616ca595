#include "print/pdf_pages.h"

#include <QCoreApplication>
#include <QDir>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>

namespace {
constexpr int kDpi = 300;
constexpr double kPageWidthMm = 210, kPageHeightMm = 297;
constexpr double kMarginMm = 15;
constexpr double kFooterMm = 10; // from the bottom edge to the footer's baseline area

QString where(const QString& path)
{
    return QDir::toNativeSeparators(path);
}
} // namespace

PdfExportError::PdfExportError(const QString& message) : std::runtime_error(message.toStdString()) {}

PdfPages::PdfPages(const QString& path, const QString& title, const QString& footer)
    : m_path(path), m_footer(footer)
{
    // A QSaveFile, so a failed export leaves an older file as it was and no half-written PDF.
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly))
        throw PdfExportError(QCoreApplication::translate("PdfPages", "Could not write %1: %2")
                                 .arg(where(path), m_file->errorString()));
    m_writer = std::make_unique<QPdfWriter>(m_file.get());
    m_writer->setResolution(kDpi);
    // No printer margins: the sheets place everything themselves, measured from the paper's corner.
    m_writer->setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    m_writer->setTitle(title);
    m_writer->setCreator(QStringLiteral("Tiny Experts"));
    if (!m_painter.begin(m_writer.get())) {
        m_file->cancelWriting();
        throw PdfExportError(
            QCoreApplication::translate("PdfPages", "Could not start a PDF in %1").arg(where(path)));
    }
    m_painter.setRenderHint(QPainter::Antialiasing);
    drawFooter();
}

PdfPages::~PdfPages()
{
    if (m_painter.isActive()) // finish() was not reached: an exception; keep the old file
        m_painter.end();
    if (m_file)
        m_file->cancelWriting();
}

QRectF PdfPages::content()
{
    return QRectF(kMarginMm, kMarginMm, kPageWidthMm - 2 * kMarginMm, kPageHeightMm - 2 * kMarginMm - 8);
}

void PdfPages::newPage()
{
    m_writer->newPage();
    ++m_pages;
    drawFooter();
}

void PdfPages::finish()
{
    m_painter.end();
    if (!m_file->commit())
        throw PdfExportError(QCoreApplication::translate("PdfPages", "Could not write %1: %2")
                                 .arg(where(m_path), m_file->errorString()));
}

double PdfPages::px(double mm) const
{
    return mm * kDpi / 25.4;
}

QRectF PdfPages::px(const QRectF& mm) const
{
    return QRectF(px(mm.x()), px(mm.y()), px(mm.width()), px(mm.height()));
}

QFont PdfPages::font(double points, bool bold) const
{
    QFont f;
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

double PdfPages::text(double x, double y, double widthMm, const QString& text, const QFont& font,
                      const QColor& colour, int flags, bool draw)
{
    const QFontMetricsF metrics(font, m_writer.get());
    const QRectF box(px(x), px(y), px(widthMm), px(kPageHeightMm));
    const QRectF used = metrics.boundingRect(box, flags | Qt::TextWordWrap, text);
    if (draw) {
        m_painter.setFont(font);
        m_painter.setPen(colour);
        m_painter.drawText(box, flags | Qt::TextWordWrap, text);
    }
    return used.height() * 25.4 / kDpi;
}

void PdfPages::textIn(const QRectF& mm, const QString& text, const QFont& font, const QColor& colour,
                      int flags)
{
    m_painter.setFont(font);
    m_painter.setPen(colour);
    m_painter.drawText(px(mm), flags | Qt::TextDontClip, text);
}

double PdfPages::textHeight(double widthMm, const QString& text, const QFont& font)
{
    return this->text(0, 0, widthMm, text, font, PrintStyle::kInk, Qt::AlignLeft, false);
}

double PdfPages::textWidth(const QString& text, const QFont& font)
{
    return QFontMetricsF(font, m_writer.get()).horizontalAdvance(text) * 25.4 / kDpi;
}

void PdfPages::writeOnLine(double x, double y, double widthMm, const QString& label)
{
    const QFont f = font(PrintStyle::kBodyPt);
    const double labelWidth = textWidth(label, f) + 2;
    const double h = text(x, y, labelWidth + 1, label, f);
    m_painter.setPen(QPen(PrintStyle::kLine, px(0.3)));
    m_painter.drawLine(QPointF(px(x + labelWidth), px(y + h - 0.8)),
                       QPointF(px(x + widthMm), px(y + h - 0.8)));
}

void PdfPages::drawFooter()
{
    const QFont f = font(PrintStyle::kSmallPt - 1);
    const double y = kPageHeightMm - kFooterMm - 4;
    text(kMarginMm, y, kPageWidthMm - 2 * kMarginMm, m_footer, f, PrintStyle::kGrey, Qt::AlignLeft);
    text(kMarginMm, y, kPageWidthMm - 2 * kMarginMm,
         QCoreApplication::translate("PdfPages", "page %1").arg(m_pages), f, PrintStyle::kGrey,
         Qt::AlignRight);
}
