// Drawing the worksheet: a header, the token strip, then one grid per token, in rows that continue
// on further pages; the answer pages repeat the grids with the router's choices filled in.
#include "print/worksheet_pdf.h"

#include "print/pdf_pages.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace {
struct WorksheetPdf { // the translation context of this file's strings
    Q_DECLARE_TR_FUNCTIONS(WorksheetPdf)
};

constexpr double kGapX = 6, kGapY = 5;         // between grids, mm
constexpr double kMinCell = 4.5, kMaxCell = 9; // squared paper has 5 mm squares
constexpr double kColourCell = 6;              // when the grids take more than a page anyway

// The smallest of 1, 2, 4, 8 ... with n * cell >= need: every name drawn has room.
int labelEvery(double cell, double need)
{
    int every = 1;
    while (every * cell < need && every < 64)
        every *= 2;
    return every;
}

QString modelLine(const Worksheet& sheet)
{
    return WorksheetPdf::tr("Model: %1 · %2 layers · %3 experts in each layer · %4 chosen for each token")
        .arg(sheet.modelName)
        .arg(sheet.layers)
        .arg(sheet.experts)
        .arg(sheet.expertsPerToken);
}

// Title, prompt and model line, shared by the sheet and the answer pages; returns the y below.
double drawHead(PdfPages& pages, const Worksheet& sheet, const QString& title)
{
    double y = pages.top();
    y += pages.text(pages.left(), y, pages.width(), title, pages.font(PrintStyle::kTitlePt, true));
    y += 2;
    const QFont bold = pages.font(PrintStyle::kBodyPt + 2, true);
    const QString label = WorksheetPdf::tr("Prompt:") + QLatin1Char(' ');
    const double labelWidth = pages.textWidth(label, bold);
    pages.text(pages.left(), y, labelWidth + 1, label, bold);
    y += pages.text(pages.left() + labelWidth, y, pages.width() - labelWidth, sheet.prompt,
                    pages.font(PrintStyle::kBodyPt + 2), PrintStyle::kAccent);
    y += 1;
    y += pages.text(pages.left(), y, pages.width(), modelLine(sheet), pages.font(PrintStyle::kSmallPt + 1),
                    PrintStyle::kGrey);
    return y + 3;
}

// The prompt's tokens as numbered boxes, wrapping like words; returns the y below.
double drawTokenStrip(PdfPages& pages, const Worksheet& sheet, double y)
{
    const QFont f = pages.font(PrintStyle::kBodyPt + 2);
    const QFont small = pages.font(PrintStyle::kSmallPt - 1);
    constexpr double kBoxHeight = 9, kNumberHeight = 4.5, kPad = 2.5, kGap = 1.5;
    double x = pages.left();
    QPainter& p = pages.painter();
    for (size_t i = 0; i < sheet.tokens.size(); ++i) {
        const QString& text = sheet.tokens[i].text;
        const double w = std::max(pages.textWidth(text, f) + 2 * kPad, 8.0);
        if (x > pages.left() && x + w > pages.left() + pages.width()) {
            x = pages.left();
            y += kBoxHeight + kNumberHeight + 1;
        }
        p.setPen(QPen(PrintStyle::kInk, pages.px(0.35)));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(pages.px(QRectF(x, y, w, kBoxHeight)), pages.px(1.2), pages.px(1.2));
        pages.text(x, y + 1.3, w, text, f, PrintStyle::kInk, Qt::AlignHCenter);
        pages.text(x, y + kBoxHeight + 0.3, w, QString::number(i + 1), small, PrintStyle::kGrey,
                   Qt::AlignHCenter);
        x += w + kGap;
    }
    return y + kBoxHeight + kNumberHeight + 3;
}

// One token's grid at (x, y): the caption, expert names on top, layer names at the left, and in
// the answer version the chosen experts filled with their gate weights (in %).
void drawGrid(PdfPages& pages, const WorksheetGrid& g, const Worksheet& sheet, int index, double x, double y,
              bool answers)
{
    QPainter& p = pages.painter();
    const WorksheetToken& token = sheet.tokens[static_cast<size_t>(index)];
    const QFont captionFont = pages.font(PrintStyle::kBodyPt - 1, true);
    pages.text(x, y, g.width() + kGapX, WorksheetPdf::tr("Token %1: “%2”").arg(index + 1).arg(token.text),
               captionFont);
    const double top = y + g.caption + g.header;
    const double left = x + g.label;
    const double labelPt = std::clamp(g.cell * 1.45, 6.0, 9.0);
    const QFont labelFont = pages.font(labelPt);
    for (int e = 0; e < g.experts; e += g.expertLabelEvery)
        pages.textIn(QRectF(left + e * g.cell - g.cell, y + g.caption, 3 * g.cell, g.header),
                     QStringLiteral("E%1").arg(e + 1), labelFont, PrintStyle::kGrey, Qt::AlignCenter);
    const int layerEvery = labelEvery(g.cell, 3.4);
    for (int l = 0; l < g.layers; l += layerEvery)
        pages.textIn(QRectF(x, top + l * g.cell, g.label - 1, g.cell), QStringLiteral("L%1").arg(l + 1),
                     labelFont, PrintStyle::kGrey, Qt::AlignLeft | Qt::AlignVCenter);

    const QFont numberFont = pages.font(std::clamp(g.cell * 1.2, 6.0, 9.0), true);
    for (int l = 0; l < g.layers; ++l) {
        const moe::LayerRouting* routing =
            l < static_cast<int>(token.layers.size()) ? &token.layers[static_cast<size_t>(l)] : nullptr;
        if (routing && routing->isDense()) { // no router in this layer: nothing to choose
            p.setPen(Qt::NoPen);
            p.setBrush(PrintStyle::kPale);
            p.drawRect(pages.px(QRectF(left, top + l * g.cell, g.cell * g.experts, g.cell)));
            continue;
        }
        if (!answers || !routing)
            continue;
        for (size_t k = 0; k < routing->experts.size(); ++k) {
            const int e = routing->experts[k];
            const QRectF cell(left + e * g.cell, top + l * g.cell, g.cell, g.cell);
            p.setPen(Qt::NoPen);
            p.setBrush(PrintStyle::kAccent);
            p.drawRect(pages.px(cell));
            if (g.cellNumbers && k < routing->gates.size()) {
                const int percent = static_cast<int>(std::lround(routing->gates[k] * 100.0));
                pages.textIn(cell, QString::number(percent), numberFont, Qt::white, Qt::AlignCenter);
            }
        }
    }
    // The lines last, over the filled squares, so every square keeps its outline.
    const double lineWidth = g.cell >= 4 ? 0.3 : 0.15;
    p.setPen(QPen(PrintStyle::kLine, pages.px(lineWidth)));
    p.setBrush(Qt::NoBrush);
    for (int e = 0; e <= g.experts; ++e)
        p.drawLine(QPointF(pages.px(left + e * g.cell), pages.px(top)),
                   QPointF(pages.px(left + e * g.cell), pages.px(top + g.layers * g.cell)));
    for (int l = 0; l <= g.layers; ++l)
        p.drawLine(QPointF(pages.px(left), pages.px(top + l * g.cell)),
                   QPointF(pages.px(left + g.experts * g.cell), pages.px(top + l * g.cell)));
    p.setPen(QPen(PrintStyle::kInk, pages.px(0.4)));
    p.drawRect(pages.px(QRectF(left, top, g.experts * g.cell, g.layers * g.cell)));
}

// Every token's grid from y on, in rows, starting a new page when a row does not fit.
void drawGrids(PdfPages& pages, const WorksheetGrid& g, const Worksheet& sheet, double y, bool answers,
               const QString& title)
{
    const int count = static_cast<int>(sheet.tokens.size());
    for (int first = 0; first < count; first += g.columns) {
        if (y + g.height() > pages.bottom() && y > pages.top()) {
            pages.newPage();
            y = pages.top();
            y += pages.text(pages.left(), y, pages.width(), WorksheetPdf::tr("%1 (continued)").arg(title),
                            pages.font(PrintStyle::kSmallPt + 1, true), PrintStyle::kGrey) +
                 3;
        }
        // The row of grids centred on the page.
        const double used = g.columns * g.width() + (g.columns - 1) * kGapX;
        const double x = pages.left() + std::max(0.0, (pages.width() - used) / 2);
        for (int i = first; i < std::min(count, first + g.columns); ++i)
            drawGrid(pages, g, sheet, i, x + (i - first) * (g.width() + kGapX), y, answers);
        y += g.height() + kGapY;
    }
}

bool hasDenseLayer(const Worksheet& sheet)
{
    for (const WorksheetToken& token : sheet.tokens)
        for (const moe::LayerRouting& layer : token.layers)
            if (layer.isDense())
                return true;
    return false;
}

// The sheet's small print: tokens left out, grey rows, the start token; returns the y below.
double drawNotes(PdfPages& pages, const Worksheet& sheet, double y)
{
    const QFont f = pages.font(PrintStyle::kSmallPt);
    const int shown = static_cast<int>(sheet.tokens.size());
    if (shown < sheet.promptTokens)
        y += pages.text(pages.left(), y, pages.width(),
                        WorksheetPdf::tr("This sheet shows the first %1 of the prompt's %2 tokens.")
                            .arg(shown)
                            .arg(sheet.promptTokens),
                        f, PrintStyle::kGrey);
    if (hasDenseLayer(sheet))
        y += pages.text(
            pages.left(), y, pages.width(),
            WorksheetPdf::tr("Grey rows are layers without a router: every token goes through the same "
                             "feed-forward block there."),
            f, PrintStyle::kGrey);
    if (sheet.startToken)
        y += pages.text(
            pages.left(), y, pages.width(),
            WorksheetPdf::tr(
                "The model also reads a start token before the first one; it is not on this sheet."),
            f, PrintStyle::kGrey);
    return y + 2;
}
} // namespace

namespace {
// `columns` grids a row with squares of `cell` mm at most (less where the width or a page's
// height asks), and how many fit on a first page of `height` mm.
WorksheetGrid gridOf(int layers, int experts, int columns, double cell, double pageWidth)
{
    WorksheetGrid g;
    g.layers = std::max(1, layers);
    g.experts = std::max(1, experts);
    g.columns = columns;
    const double room = (pageWidth - (columns - 1) * kGapX) / columns - g.label;
    g.cell = std::min(cell, room / g.experts);
    // A grid never taller than a page (a model of very many layers gets smaller squares).
    const double fullPage = PdfPages::content().height() - 8; // less the "(continued)" heading
    g.cell = std::min(g.cell, (fullPage - g.caption - g.header) / g.layers);
    g.cellNumbers = g.cell >= 4.5;
    g.expertLabelEvery = labelEvery(g.cell, 5.5);
    return g;
}

int capacity(const WorksheetGrid& g, double height)
{
    return g.columns * std::max(0, static_cast<int>(std::floor((height + kGapY) / (g.height() + kGapY))));
}
} // namespace

WorksheetGrid worksheetGrid(int layers, int experts, int tokens, double pageWidth, double firstPageHeight)
{
    // The largest squares that put every grid on the first page, with as few grids a row as that
    // allows: one sheet of paper for a short prompt.
    for (double cell = kMaxCell; cell >= kMinCell - 1e-9; cell -= 0.25)
        for (int columns = 1; columns <= 4; ++columns) {
            const WorksheetGrid g = gridOf(layers, experts, columns, cell, pageWidth);
            if (g.cell >= cell - 1e-9 && capacity(g, firstPageHeight) >= tokens)
                return g;
        }
    // Too many for one page: squares of 6 mm where they fit (easy to colour), the most grids a page.
    WorksheetGrid best = gridOf(layers, experts, 1, kMaxCell, pageWidth);
    for (int columns = 2; columns <= 4; ++columns) {
        const WorksheetGrid g = gridOf(layers, experts, columns, kColourCell, pageWidth);
        if (g.cell < kMinCell)
            break;
        if (capacity(g, firstPageHeight) > capacity(best, firstPageHeight))
            best = g;
    }
    return best;
}

int writeWorksheetPdf(const Worksheet& sheet, const QString& path)
{
    PdfPages pages(path, WorksheetPdf::tr("Worksheet: %1").arg(sheet.prompt),
                   WorksheetPdf::tr("Tiny Experts · worksheet · %1").arg(sheet.modelName));
    // The sheet to fill in.
    const QString sheetTitle = WorksheetPdf::tr("Which experts wake up?");
    double y = drawHead(pages, sheet, sheetTitle);
    const double third = pages.width() / 3;
    pages.writeOnLine(pages.left(), y, 2 * third - 8, WorksheetPdf::tr("Name:"));
    pages.writeOnLine(pages.left() + 2 * third, y, third, WorksheetPdf::tr("Date:"));
    y += 11;
    // English has no translation file, so one expert gets its own sentence (no "expert(s)").
    const QString task =
        sheet.expertsPerToken == 1
            ? WorksheetPdf::tr(
                  "The model reads the prompt one token at a time. In each layer, its router wakes up one "
                  "expert for each token. For each token, colour the expert you think wakes up in each "
                  "layer.")
            : WorksheetPdf::tr(
                  "The model reads the prompt one token at a time. In each layer, its router wakes up %n "
                  "experts for each token. For each token, colour the experts you think wake up in each "
                  "layer.",
                  nullptr, sheet.expertsPerToken);
    y += pages.text(pages.left(), y, pages.width(), task, pages.font(PrintStyle::kBodyPt));
    y += 3;
    y += pages.text(pages.left(), y, pages.width(),
                    WorksheetPdf::tr("The prompt in tokens, as the model splits it (␣ is a space):"),
                    pages.font(PrintStyle::kSmallPt + 1), PrintStyle::kGrey);
    y = drawTokenStrip(pages, sheet, y + 1);
    y = drawNotes(pages, sheet, y);
    const WorksheetGrid grid =
        worksheetGrid(sheet.layers, sheet.experts, static_cast<int>(sheet.tokens.size()), pages.width(),
                      pages.bottom() - y);
    drawGrids(pages, grid, sheet, y, false, sheetTitle);

    // The answer pages: the same grids, filled in from the run.
    pages.newPage();
    const QString answersTitle = WorksheetPdf::tr("Answers: what the router chose");
    y = drawHead(pages, sheet, answersTitle);
    const double box = 5;
    pages.painter().setPen(Qt::NoPen);
    pages.painter().setBrush(PrintStyle::kAccent);
    pages.painter().drawRect(pages.px(QRectF(pages.left(), y + 0.3, box, box)));
    y += pages.text(pages.left() + box + 2, y, pages.width() - box - 2,
                    grid.cellNumbers
                        ? WorksheetPdf::tr("an expert the router woke up for this token in this layer; the "
                                           "number is its gate weight in %: its share of the answer.")
                        : WorksheetPdf::tr("an expert the router woke up for this token in this layer."),
                    pages.font(PrintStyle::kBodyPt - 1));
    y += 4;
    drawGrids(pages, grid, sheet, y, true, answersTitle);
    pages.finish();
    return pages.pageCount();
}
