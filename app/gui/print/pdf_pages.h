// The page set-up every printable sheet shares: A4 portrait, 15 mm margins, measures in millimetres,
// fonts in points, black and greys with one accent, a footer on every page, and a file that is
// written whole or not at all. Worksheet and quiz (worksheet_pdf.h, quiz_pdf.h) draw on it.
#pragma once

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <memory>
#include <stdexcept>

class QPdfWriter;
class QSaveFile;

// A PDF that could not be written; what() names the file and the reason, fit for a dialog.
class PdfExportError : public std::runtime_error {
public:
    explicit PdfExportError(const QString& message);
    QString message() const { return QString::fromUtf8(what()); }
};

namespace PrintStyle {
inline const QColor kInk{0, 0, 0};
inline const QColor kGrey{90, 90, 90};    // secondary text
inline const QColor kLine{140, 140, 140}; // grid lines, answer lines
inline const QColor kPale{225, 225, 225}; // shaded areas (a layer without a router)
inline const QColor kAccent{0, 84, 166};  // the one colour: what the model really did; dark enough
                                          // to stay visible in black-and-white print
constexpr double kBodyPt = 13;            // large enough for 12-year-olds
constexpr double kSmallPt = 10;
constexpr double kTitlePt = 22;
} // namespace PrintStyle

class PdfPages {
public:
    // Opens `path` for writing (nothing is replaced until finish()). Throws PdfExportError when the
    // file cannot be created there. `footer` is drawn at the bottom of every page with its number.
    PdfPages(const QString& path, const QString& title, const QString& footer);
    ~PdfPages();
    PdfPages(const PdfPages&) = delete;
    PdfPages& operator=(const PdfPages&) = delete;

    QPainter& painter() { return m_painter; }
    // The area inside the margins and above the footer, in millimetres from the page's corner (the
    // same on every page).
    static QRectF content();
    double top() const { return content().top(); }
    double bottom() const { return content().bottom(); }
    double left() const { return content().left(); }
    double width() const { return content().width(); }

    void newPage();
    int pageCount() const { return m_pages; }
    // Ends the drawing and replaces the file. Throws PdfExportError when it cannot be written.
    void finish();

    // Millimetres to device units (the painter draws in device units, so text keeps its point size).
    double px(double mm) const;
    QRectF px(const QRectF& mm) const;
    QFont font(double points, bool bold = false) const;

    // Text wrapped into `widthMm` at (x, y) mm; returns the height it took, in mm. With draw false
    // it only measures.
    double text(double x, double y, double widthMm, const QString& text, const QFont& font,
                const QColor& colour = PrintStyle::kInk, int flags = Qt::AlignLeft, bool draw = true);
    // One line inside a rectangle (mm), aligned by `flags` (e.g. Qt::AlignCenter), not wrapped.
    void textIn(const QRectF& mm, const QString& text, const QFont& font, const QColor& colour, int flags);
    double textHeight(double widthMm, const QString& text, const QFont& font);
    double textWidth(const QString& text, const QFont& font);
    // A horizontal line to write on: "Name: ________".
    void writeOnLine(double x, double y, double widthMm, const QString& label);

private:
    void drawFooter();

    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QPdfWriter> m_writer;
    QPainter m_painter;
    QString m_path, m_footer;
    int m_pages = 1;
};
