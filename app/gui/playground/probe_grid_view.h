// One probe prompt's routing: a column per token (its text on top) and a row per expert, grouped
// by layer; the experts the router chose for a token light up in their own colour, as strong as
// their gate weight, with the expert number on them. Sleeping experts stay dim but visible.
#pragma once

#include "moe/playground.h"

#include <QWidget>

class ProbeGridView : public QWidget {
    Q_OBJECT
public:
    explicit ProbeGridView(QWidget* parent = nullptr);

    void setShape(int layers, int experts);
    void setRouting(const moe::ProbeRouting& routing);
    void clear();
    const moe::ProbeRouting& routing() const { return m_routing; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_layers = 0, m_experts = 0;
    moe::ProbeRouting m_routing;
};
