#include "lessons/chip_flow.h"

#include <algorithm>

ChipFlow::ChipFlow(int maxColumns, QWidget* parent) : QWidget(parent), m_maxColumns(std::max(1, maxColumns))
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ChipFlow::setChips(const QList<QWidget*>& chips)
{
    m_chips = chips;
    updateGeometry();
    arrange();
}

int ChipFlow::gap() const
{
    return fontMetrics().height() / 4;
}

int ChipFlow::columnsFor(int width) const
{
    if (m_chips.isEmpty())
        return 1;
    const int cell = m_chips.front()->minimumSizeHint().width();
    const int fit = (width + gap()) / std::max(1, cell + gap());
    return std::clamp(fit, 1, std::min(m_maxColumns, static_cast<int>(m_chips.size())));
}

int ChipFlow::heightForWidth(int width) const
{
    if (m_chips.isEmpty())
        return 0;
    const int columns = columnsFor(width);
    const int rows = (static_cast<int>(m_chips.size()) + columns - 1) / columns;
    return rows * m_chips.front()->sizeHint().height() + (rows - 1) * gap();
}

QSize ChipFlow::sizeHint() const
{
    if (m_chips.isEmpty())
        return {0, 0};
    const int columns = std::min(m_maxColumns, static_cast<int>(m_chips.size()));
    const int width = columns * m_chips.front()->sizeHint().width() + (columns - 1) * gap();
    return {width, heightForWidth(width)};
}

QSize ChipFlow::minimumSizeHint() const
{
    if (m_chips.isEmpty())
        return {0, 0};
    const int width = m_chips.front()->minimumSizeHint().width();
    return {width, heightForWidth(width)};
}

void ChipFlow::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void ChipFlow::arrange()
{
    if (m_chips.isEmpty())
        return;
    const int columns = columnsFor(width());
    const QSize hint = m_chips.front()->sizeHint();
    const int cellWidth = std::min(hint.width(), (width() - (columns - 1) * gap()) / columns);
    for (int i = 0; i < m_chips.size(); ++i) {
        const int row = i / columns, column = i % columns;
        m_chips[i]->setGeometry(column * (cellWidth + gap()), row * (hint.height() + gap()), cellWidth,
                                hint.height());
    }
}
