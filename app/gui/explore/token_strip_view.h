// The text of a run as token chips that wrap like text. Each chip is filled with the colour of the
// expert its token went to first at one chosen layer, shows that expert's number, and makes
// whitespace visible (faint glyphs from style/visible_text.h; a newline also breaks the line). Prompt chips
// come first, then a "model writes" marker before the generated ones. A scroll area of its own:
// clicks, hovers and chipRect() use viewport() coordinates.
#pragma once

#include "moe/generation.h"
#include "moe/routing.h"
#include "style/expert_palette.h"

#include <QAbstractScrollArea>

class QPainter;

#include <string>
#include <vector>

class TokenStripView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TokenStripView(QWidget* parent = nullptr);

    void clear();
    // text as a learner reads it (a partial UTF-8 character already replaced by U+FFFD).
    void appendToken(const QString& text, bool prompt, const moe::TokenRouting& routing);
    // The same from the core's record; invalid or partial UTF-8 bytes become U+FFFD.
    void appendToken(const moe::GeneratedToken& token);
    int tokenCount() const { return static_cast<int>(m_chips.size()); }

    // Which layer's first choice colours the chips (0-based).
    void setColourLayer(int layer);
    int colourLayer() const { return m_colourLayer; }
    // The outlined chip (-1 = none); scrolled into view.
    void setCurrentToken(int index);
    int currentToken() const { return m_current; }
    // Keep the newest chip in view while tokens arrive, unless the learner scrolled up (default on).
    void setAutoScroll(bool enabled) { m_autoScroll = enabled; }

    // The first-choice expert of a token at the colour layer, or -1 without routing there.
    int chipExpert(int index) const;
    // The fill and the printed label of a chip (no label without routing there). Up to eight experts
    // each has its own colour; with more, the experts first chosen earliest get the hues, the rest
    // grey, and a legend above the chips names them (see ExpertPalette::FirstChoiceColours).
    QColor chipColour(int index) const;
    QString chipLabel(int index) const;
    const ExpertPalette::FirstChoiceColours& colours() const { return m_colours; }
    // The legend line above the chips ("colour = first choice in layer 3: ..."), empty when every
    // expert has its own colour and the layer has a router.
    QString legendText() const;
    // Where a chip is drawn, in viewport() coordinates; empty for an index out of range.
    QRect chipRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void tokenHovered(int index); // -1 when the pointer leaves the chips
    void tokenClicked(int index); // also for keyboard moves (Left/Right/Home/End)

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // A piece of the shown text: ordinary characters, or a whitespace marker drawn faint.
    struct Run {
        QString text;
        bool marker = false;
    };
    struct Chip {
        QString text; // as given
        std::vector<Run> runs;
        bool prompt = false;
        bool breakAfter = false; // the token ends in a newline
        moe::TokenRouting routing;
        QRectF rect; // content coordinates
    };
    struct Metrics {
        QFont chipFont, tagFont, markerFont;
        double chipHeight = 0, padX = 0, tagGap = 0, spacing = 0, lineGap = 0, margin = 0, radius = 0;
    };

    Metrics metrics() const;
    double chipWidth(const Chip& chip, const Metrics& m) const;
    void placeChip(Chip& chip, const Metrics& m);
    void relayout();
    void updateScrollRange();
    int chipAt(const QPoint& viewportPos) const;
    QString toolTipFor(int index) const;
    void recolour(); // m_colours from the chips at the colour layer
    bool colourLayerIsDense() const;
    // Lays out the legend at the top of the content, painting it when painter is given; its height.
    double legend(QPainter* painter, const Metrics& m) const;
    void ensureChipVisible(int index);
    QPixmap chipPixmap(int index, const Metrics& m) const;

    std::vector<Chip> m_chips;
    int m_colourLayer = 0;
    ExpertPalette::FirstChoiceColours m_colours;
    double m_legendHeight = 0;
    int m_current = -1;
    int m_hovered = -1;
    int m_pressed = -1;
    bool m_autoScroll = true;
    // Layout cursor (content coordinates) for appending without a full relayout.
    double m_cursorX = 0, m_cursorY = 0;
    double m_contentHeight = 0;
    QRectF m_promptMarker; // "prompt:" before the first prompt chip
    QRectF m_writesMarker; // "model writes:" before the first generated chip
};
