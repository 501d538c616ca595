// Facts about the built-in model that lessons and quiz questions state, filled in from the model
// itself, its training recipe and its evaluation, never typed into the text: a retrained model
// once left a lesson claiming a loss its recipe no longer used. Content writes "{model.top_k}",
// "{recipe.z_loss_weight}", "{eval.add_accuracy}" ...; the loaders replace each name with its
// value, formatted for the content's language (docs/content-format.md lists the names).
//
// Sources, compiled in (resources/app_resources.cmake): the recipe resources/training/
// default-model.conf and resources/models/tiny-experts.eval.json, the output of
// `tiny-experts-cli eval` on the built-in model with that recipe (which also carries the model's
// shape and parameter counts). cli.builtin_eval checks that file against a fresh run of eval.
// The race facts come from resources/playground/race-report.json, the Playground race of the
// balanced preset.
#pragma once

#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>

struct ContentFact {
    QString text;       // as the text shows it: "2", "3.7 M", "25%", "0.003"
    double value = 0.0; // the number, for a quiz answer given as "{name}"
};

using ContentFacts = QMap<QString, ContentFact>;

// The facts from a recipe (key = value text) and an eval report (JSON), formatted for `locale`.
// Problems (a key missing, a file that does not parse) go to *errors; the facts they would give
// are left out, so any text that uses one reports it as unknown.
ContentFacts builtInFacts(const QString& recipeText, const QJsonObject& eval, const QLocale& locale,
                          QStringList* errors);
// The race facts ({race.*}) from the Playground race report (`tiny-experts-cli playground --race
// --report`, shipped as resources/playground/race-report.json), added to `facts`.
void addRaceFacts(ContentFacts& facts, const QJsonObject& race, const QLocale& locale, QStringList* errors);
// The same from the compiled-in resources; cached per language.
const ContentFacts& builtInFactsFor(const QString& language);

// Replaces every "{name}" in every string of `root` (recursively) with its fact. A string that is
// only "{name}" becomes the fact's number where `numericFields` names its field (quiz answers).
// "{{" and "}}" stand for literal braces. An unknown name is reported to *problems (not null) as
// "FILE: PATH: unknown fact {name}" and left in the text.
void fillFacts(QJsonObject& root, const ContentFacts& facts, const QStringList& numericFields,
               const QString& fileName, QStringList* problems);
// One string's substitution; unknown names are appended to *unknown.
QString fillFacts(const QString& text, const ContentFacts& facts, QStringList* unknown);
