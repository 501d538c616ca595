// Lessons as data: the tracks, the lessons and their steps, read from resources/lessons/
// (lessons.<language>.json, format in docs/content-format.md) and checked field by field. A broken
// lesson is left out with a message naming the file, the lesson and the field; the rest still loads.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct LessonTrack {
    QString id; // explorer, builder, creator
    QString title, audience, description;
};

// What a step does to the live app when it is shown. Layers and experts are 1-based in the file
// (as learners see them) and 0-based here; -1 means "leave as it is".
struct LessonAction {
    enum class Mode { None, Explore, Compare, Scale, Playground };
    Mode mode = Mode::None;
    QString prompt;            // explore: the prompt; compare: the math side
    QString poemPrompt;        // compare: the poem side
    bool run = false;          // start the run (explore) or the comparison (compare)
    int pauseAfterTokens = -1; // explore: pause once this many tokens are written; -1: run to the end
    int layer = -1;            // the layer to look at
    int expert = -1;           // the expert to point at
    int topK = -1;             // explore: experts per token for this step; -1: as trained
    QString preset;            // playground: the preset to load (an id of resources/playground/presets.json)
    bool race = false;         // playground: start the race (mixture against two dense models)
};

// "Guess, then see": which experts will wake up in `layer` for the next token of the paused run?
struct LessonPrediction {
    int layer = 0; // 0-based
    QString question;
};

// "Before and after": a question about what the learner believes (not scored), asked when a track
// starts and again when it ends; the second time the panel shows both answers and what the model
// measured (`reveal`). Answers are kept in the ProgressStore under "<id>/before" and "<id>/after".
struct LessonBelief {
    QString id;         // the same id at the start and at the end
    bool after = false; // phase "after": compare with the first answer and reveal
    QString question;
    QStringList choices; // 2 to 5
    QString reveal;      // after: what the evidence says (lesson markup, facts filled in)
};

struct LessonStep {
    QString title;
    QString text; // short paragraphs separated by "\n\n"; <b>, <i>, <br> allowed
    LessonAction action;
    std::optional<LessonPrediction> predict;
    std::optional<LessonBelief> belief;
};

struct Lesson {
    QString id, track, title, objective;
    QStringList goals;    // "you will be able to …" endings, 1 to 4 (empty in a file without them)
    int minutes = 0;      // the estimated time, 0 when the file gives none
    QString recap;        // one line said at the end, empty when the file gives none
    int level = 1;        // 1..3, the order of difficulty within the track
    QString prerequisite; // the id of a lesson to do first, or empty
    QList<LessonStep> steps;
};

struct LessonBook {
    QString language; // "en", "de"
    QList<LessonTrack> tracks;
    QList<Lesson> lessons; // in file order

    const Lesson* lesson(const QString& id) const;                // nullptr when absent
    QList<const Lesson*> lessonsOf(const QString& trackId) const; // file order
    const LessonTrack* track(const QString& id) const;            // nullptr when absent
};

// Reads and checks one lessons file. Problems are appended to *errors (when given), each naming
// the file, the entry and the field; broken lessons (or tracks) are left out. A file that cannot be
// read or parsed gives an empty book and one error. Never throws.
LessonBook loadLessonBook(const QString& path, QStringList* errors = nullptr);

// The lessons for a language from the compiled-in resources (":/lessons/lessons.<language>.json").
// A lesson missing or broken in the translation is taken from English, so the book is always
// complete; a language without a file gives the English book. Problems go to *errors.
LessonBook loadLessonsFor(const QString& language, QStringList* errors = nullptr);
