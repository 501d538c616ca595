// The Race's table: one row per race model (its colour beside its name, as in the charts) with
// the last measurement's held-out bits per byte, training tokens and seconds, and the model's
// parameters, total and active per token. Each number cell also holds its exact value under
// Qt::UserRole.
#pragma once

#include "moe/playground.h"

#include <QTableWidget>

class RaceRecord;

class RaceTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { Model, BitsPerByte, Tokens, Seconds, TotalParameters, ActiveParameters, ColumnCount };

    explicit RaceTable(const RaceRecord* record, QWidget* parent = nullptr);

private:
    void rebuild();
    void updateRow(moe::RaceModel model);
    void setNumber(int row, int column, const QString& text, const QVariant& value);

    const RaceRecord* m_record;
};
