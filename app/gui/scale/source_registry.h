// The sources of every figure about a real model (resources/sources/sources.json): papers, model
// cards and repositories, and per real model the figures each source supports. The Scale page
// names its rows' sources from here; the content tests check the Scale data, the lessons and the
// quiz against it (format and rule in docs/content-format.md).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One paper, model card or repository.
struct Source {
    QString id, title, publisher;
    int year = 0;
    QString arxiv, url; // at least one of them

    // "Mixtral of Experts (Mistral AI, 2024, arXiv 2401.04088)".
    QString citation() const;
    // Where to read it: the arXiv abstract page or the url.
    QString link() const;
};

// The figures one source gives for one model; nullopt: this source publishes no such figure.
struct SourceFigures {
    QString source;                    // a Source id
    QString date;                      // "2025-08" or "2025": release (or, announced only, announcement)
    std::optional<double> total;       // parameters
    std::optional<double> active;      // parameters per token
    std::optional<double> activeShare; // where the source gives only the fraction
    std::optional<int> experts, usedPerToken, sharedExperts;
    std::optional<int> denseLayers, moeLayers;
    QStringList approximate; // which of total, active, activeShare are the source's "about" figures
    QString layers;          // a note on the layer pattern ("dense and MoE layers alternate")
    QString moe;             // closed models: "confirmed" or "not published"
    QString status;          // "released" (empty) or "announced"
};

// A value a text may use that is not a figure or a ratio of figures (Mixtral's "not 56B").
struct DerivedValue {
    double value = 0;
    QString kind; // parameters, percent, experts, layers
    QString why;
};

struct RegistryModel {
    QString name;
    QStringList aliases; // what lessons and quiz also call it ("Mixtral"); may be shared ("Llama 4")
    QList<SourceFigures> figures;
    QList<DerivedValue> derived;

    // The figures of `source`, nullptr when that source gives none for this model.
    const SourceFigures* figuresFrom(const QString& source) const;
};

// A made-up number beside a real model's name in one text item (an exercise's "layer of 8 experts").
struct Exercise {
    QString item; // a question or lesson id, or "lesson-id/steps[2]"
    double value = 0;
    QString kind;
    QString why;
};

struct SourceRegistry {
    QList<Source> sources;
    QList<RegistryModel> models;
    QList<Exercise> exercises;

    const Source* source(const QString& id) const;
    const RegistryModel* model(const QString& name) const;
    // "Mixtral of Experts (Mistral AI, 2024)" for each id, joined with "; "; an unknown id as itself.
    QString citations(const QStringList& ids) const;
};

// Reads and checks the file: unique valid ids, every figure's source known, dates as "YYYY" or
// "YYYY-MM", kinds known. A broken entry is left out with a message naming the file, the entry and
// the field. errors may be null.
SourceRegistry loadSourceRegistry(const QString& path, QStringList* errors);
