// A realistic lesson book built in code for the lessons tests and their screenshots: three tracks,
// nine lessons, one "guess, then see" step. Built here (not read from resources/) so the tests do
// not depend on the shipped lesson texts.
#pragma once

#include "learn/lesson_book.h"

#include <QStringList>

namespace lessonfixture {

inline LessonStep step(const QString& title, const QString& text)
{
    LessonStep s;
    s.title = title;
    s.text = text;
    return s;
}

inline Lesson lesson(const QString& id, const QString& track, const QString& title, const QString& objective,
                     int level, const QString& prerequisite, int steps)
{
    Lesson l;
    l.id = id;
    l.track = track;
    l.title = title;
    l.objective = objective;
    l.level = level;
    l.prerequisite = prerequisite;
    for (int i = 0; i < steps; ++i)
        l.steps << step(QStringLiteral("Part %1").arg(i + 1),
                        QStringLiteral("Text of part %1 of %2.").arg(i + 1).arg(title));
    return l;
}

constexpr int kPredictStep = 4;  // of the first lesson
constexpr int kPredictLayer = 1; // 0-based: "layer 2"

// The first lesson, written out: seven steps, step 5 asks for a guess.
inline Lesson manyExperts()
{
    Lesson l = lesson(QStringLiteral("explorer-many-experts"), QStringLiteral("explorer"),
                      QStringLiteral("A big AI is lots of tiny experts"),
                      QStringLiteral("See that only a few experts wake up for each word."), 1, QString(), 0);
    l.steps << step(
        QStringLiteral("Meet the experts"),
        QStringLiteral("This AI is not one big brain. Inside each layer sit <b>4 small experts</b>, "
                       "and a <i>router</i> decides which of them work on each word.\n\n"
                       "Look at the grid on the right: one row per layer, one box per expert."));
    LessonStep sum = step(QStringLiteral("Watch a sum"),
                          QStringLiteral("Now the model reads “23 + 45 =”. Watch the boxes light up: only "
                                         "<b>2 of the 4</b> experts wake up for each token.\n\nThe others "
                                         "sleep — for this token."));
    sum.action.mode = LessonAction::Mode::Explore;
    sum.action.prompt = QStringLiteral("23 + 45 =");
    sum.action.run = true;
    sum.action.pauseAfterTokens = 1;
    sum.action.layer = 0;
    l.steps << sum;
    l.steps << step(QStringLiteral("Who woke up?"),
                    QStringLiteral("Click a token in the strip to see its experts again. Different tokens "
                                   "wake different experts."));
    l.steps << step(QStringLiteral("The receptionist"),
                    QStringLiteral("The router is like a hospital receptionist: it sends each word to a few "
                                   "departments. Nobody planned the departments — they formed while the "
                                   "model learned."));
    LessonStep guess = step(QStringLiteral("Your turn: guess"),
                            QStringLiteral("The model is paused after the sum. Which experts will wake up "
                                           "next?\n\nPick your guess, then check it: the model writes one "
                                           "more token and we see what its router really did."));
    LessonPrediction predict;
    predict.layer = kPredictLayer;
    predict.question = QStringLiteral("Which 2 experts will wake up in layer 2 for the next token?");
    guess.predict = predict;
    l.steps << guess;
    l.steps << step(QStringLiteral("A poem"),
                    QStringLiteral("Now try a line of a poem. Do the same experts wake up as for the sum?"));
    l.steps << step(QStringLiteral("What you saw"),
                    QStringLiteral("A big AI can be lots of tiny experts. For each token only a few work; "
                                   "the rest wait for the tokens they are good at."));
    return l;
}

inline LessonBook book()
{
    LessonBook b;
    b.language = QStringLiteral("en");
    b.tracks << LessonTrack{QStringLiteral("explorer"), QStringLiteral("Explorer"),
                            QStringLiteral("Ages 8 to 11"),
                            QStringLiteral("A big AI is lots of tiny experts. Meet them, watch them wake up, "
                                           "and guess which ones will.")};
    b.tracks << LessonTrack{QStringLiteral("builder"), QStringLiteral("Builder"), QStringLiteral("Teens"),
                            QStringLiteral("Why a model can look like 47B and run like 13B: total and active "
                                           "parameters, and why experts make AI fast.")};
    b.tracks << LessonTrack{QStringLiteral("creator"), QStringLiteral("Creator"),
                            QStringLiteral("Adults and engineers"),
                            QStringLiteral("The router up close: softmax, top-k, load balancing and how "
                                           "experts really specialise, with this model's own numbers.")};
    b.lessons << manyExperts();
    b.lessons << lesson(QStringLiteral("explorer-hospital"), QStringLiteral("explorer"),
                        QStringLiteral("The hospital with many departments"),
                        QStringLiteral("Explain the router as a receptionist who picks departments."), 1,
                        QStringLiteral("explorer-many-experts"), 4);
    b.lessons << lesson(QStringLiteral("explorer-math-poem"), QStringLiteral("explorer"),
                        QStringLiteral("A sum and a poem"),
                        QStringLiteral("Compare which experts wake up for numbers and for words."), 2,
                        QStringLiteral("explorer-hospital"), 5);
    b.lessons << lesson(QStringLiteral("builder-total-active"), QStringLiteral("builder"),
                        QStringLiteral("Looks like 47B, runs like 13B"),
                        QStringLiteral("Tell total parameters from active parameters (Mixtral 8x7B)."), 1,
                        QString(), 6);
    b.lessons << lesson(QStringLiteral("builder-why-fast"), QStringLiteral("builder"),
                        QStringLiteral("Why experts make AI fast"),
                        QStringLiteral("See that each token computes 2 experts instead of all 8."), 2,
                        QStringLiteral("builder-total-active"), 4);
    b.lessons << lesson(QStringLiteral("builder-sleeping"), QStringLiteral("builder"),
                        QStringLiteral("What do the other experts do?"),
                        QStringLiteral("Nothing, for this token: MoE saves compute, not memory."), 2,
                        QString(), 3);
    b.lessons << lesson(QStringLiteral("creator-router"), QStringLiteral("creator"),
                        QStringLiteral("The router: softmax, top-k, renormalise"),
                        QStringLiteral("Follow one token's scores to its two gate weights."), 2, QString(),
                        7);
    b.lessons << lesson(QStringLiteral("creator-balance"), QStringLiteral("creator"),
                        QStringLiteral("Load balancing and collapse"),
                        QStringLiteral("Why the auxiliary loss keeps every expert busy."), 3,
                        QStringLiteral("creator-router"), 5);
    b.lessons << lesson(QStringLiteral("creator-specialise"), QStringLiteral("creator"),
                        QStringLiteral("Do experts really specialise?"),
                        QStringLiteral("Test the “math expert” story against this model's numbers."), 3,
                        QStringLiteral("creator-balance"), 6);
    return b;
}

} // namespace lessonfixture
