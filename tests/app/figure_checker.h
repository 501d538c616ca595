// The content tests' reader of figures about real models: which models of the source registry a
// text names (by name or alias) and which figures it writes ("46.7B", "46,7 Mrd.", "5.5%",
// "128 experts", "3 dense layers"), and whether each figure is a value of a named model in the
// registry, a ratio of its figures, a listed derived value or a listed exercise. Numbers inside
// {fact} placeholders are the built-in model's and are not read.
#pragma once

#include "scale/source_registry.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace moe::test {

struct Figure {
    enum class Kind { Parameters, Percent, Experts, Layers };
    Kind kind = Kind::Parameters;
    double value = 0; // parameters as a count, percentages as percent, counts as counts
    double scale = 1; // the written unit: 1e9 for "B" and "Mrd.", 1 for % and counts
    int decimals = 0; // as written: "46.7B" has 1
    QString text;     // as written, for messages ("46,7 Mrd.")
};

QString kindName(Figure::Kind kind);

class FigureChecker {
public:
    explicit FigureChecker(SourceRegistry registry);

    // The registry models `text` names, longest names matched first ("Mixtral 8x22B" is not also
    // "Mixtral"); an alias may name several ("Llama 4").
    QStringList modelsNamed(const QString& text) const;
    // The figures of `text` in `language` ("en" or "de"), read after placeholders, tags and model
    // names are taken out (so "8x7B" and "Qwen3-30B-A3B" give no figure).
    QList<Figure> figures(const QString& text, const QString& language) const;
    // Whether `figure` is a value of one of `models`, as written to its precision.
    bool supported(const Figure& figure, const QStringList& models, const QString& item) const;
    // One message per unsupported figure, naming file, item and figure; empty for a text that names
    // no registry model.
    QStringList check(const QString& file, const QString& item, const QString& text,
                      const QString& language) const;
    // The same for a number question's answer (`unit` "%" or "B"), which names no unit in its text.
    QStringList checkAnswer(const QString& file, const QString& item, const QString& text, double answer,
                            const QString& unit) const;

private:
    // The text with placeholders and tags taken out and each name replaced by a bullet; the models
    // it names appended to *named (may be null).
    QString withoutNames(const QString& text, QStringList* named) const;
    // The figures of a text withoutNames() gave.
    QList<Figure> figuresIn(const QString& plain, const QString& language) const;

    struct Name {
        QString name;               // a model's name or alias
        QRegularExpression pattern; // the name as a whole word
        QStringList models;         // the registry models it names
    };
    SourceRegistry m_registry;
    QList<Name> m_names; // longest first
};

} // namespace moe::test
