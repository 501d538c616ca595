// Equal-sized chips (the experts to pick) in rows of up to `maxColumns`, wrapping to fewer columns
// when the space is narrow (a lesson dock beside the live page), so no chip is ever cut off.
#pragma once

#include <QList>
#include <QWidget>

class ChipFlow : public QWidget {
    Q_OBJECT
public:
    explicit ChipFlow(int maxColumns, QWidget* parent = nullptr);

    // The chips, children of this widget, in reading order; their size hints set the cell size.
    void setChips(const QList<QWidget*>& chips);
    int columnsFor(int width) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    int gap() const;
    void arrange();

    int m_maxColumns;
    QList<QWidget*> m_chips;
};
