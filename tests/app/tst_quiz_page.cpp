// QuizPage: a keyboard-only sitting (right and wrong answers, feedback announced, score and
// mistakes at the end), the best score saved and shown again after a restart, numeric answers with
// a tolerance and a German decimal comma, the live track off without a trace and checked against a
// real trace, the class results CSV, a failed save shown, names for screen readers, screenshots.
#include "learn/live_questions.h"
#include "learn/progress_store.h"
#include "learn/quiz_bank.h"
#include "quiz/question_card.h"
#include "quiz/quiz_page.h"
#include "quiz/quiz_review.h"
#include "quiz/quiz_start.h"
#include "run/trace_model.h"
#include "shell/theme.h"

#include "generated_tokens.h"
#include "tiny_model.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

// Qt's offscreen platform never switches accessibility on, and QAccessible::updateAccessibility
// drops every event while it is off (QAccessible::setActive only tells observers). Qt's own
// accessibility tests switch it on through the platform's QPlatformAccessibility, which is private
// API whose headers Debian ships apart; these declarations name the three exported symbols used.
// The offscreen platform keeps Qt's default QPlatformIntegration::accessibility().
class QPlatformAccessibility {
public:
    void setActive(bool active);
};
class QPlatformIntegration {
public:
    QPlatformAccessibility* accessibility() const;
};
class QGuiApplicationPrivate {
public:
    static QPlatformIntegration* platform_integration;
};

namespace {

constexpr uint32_t kQuizSeed = 7;
constexpr uint64_t kModelSeed = 5;

QuizQuestion choice(const QString& id, const QString& track, const QString& prompt,
                    const QStringList& choices, int answer)
{
    QuizQuestion q;
    q.id = id;
    q.track = track;
    q.kind = QuizQuestion::Kind::Choice;
    q.objective = QStringLiteral("Objective of %1").arg(id);
    q.prompt = prompt;
    q.choices = choices;
    q.correctChoice = answer;
    q.explanation = QStringLiteral("Because of %1: only <b>a few</b> experts work on each token.").arg(id);
    return q;
}

QuizQuestion truth(const QString& id, const QString& track, const QString& prompt, bool answer)
{
    QuizQuestion q;
    q.id = id;
    q.track = track;
    q.kind = QuizQuestion::Kind::TrueFalse;
    q.objective = QStringLiteral("Objective of %1").arg(id);
    q.prompt = prompt;
    q.correctTruth = answer;
    q.explanation = QStringLiteral("The explanation of %1.").arg(id);
    return q;
}

QuizQuestion number(const QString& id, const QString& track, const QString& prompt, double answer,
                    double tolerance, const QString& unit)
{
    QuizQuestion q;
    q.id = id;
    q.track = track;
    q.kind = QuizQuestion::Kind::Number;
    q.objective = QStringLiteral("Objective of %1").arg(id);
    q.prompt = prompt;
    q.correctNumber = answer;
    q.tolerance = tolerance;
    q.unit = unit;
    q.explanation = QStringLiteral("37 / 671 is about 0.055, so about 5.5 % of the weights work per token.");
    return q;
}

// Explorer: 12 questions of all three kinds (a sitting takes 10); builder: two numbers; creator: none.
QuizBank makeBank()
{
    QuizBank bank;
    bank.language = QStringLiteral("en");
    const QString e = QStringLiteral("explorer");
    for (int i = 0; i < 5; ++i)
        bank.questions << choice(
            QStringLiteral("e-choice-%1").arg(i), e,
            QStringLiteral("Question %1: how many experts wake up for one word in a model "
                           "with 8 experts that uses 2 per token?")
                .arg(i),
            {QStringLiteral("All 8"), QStringLiteral("2"), QStringLiteral("1"),
             QStringLiteral("None of them")},
            (i % 4));
    for (int i = 0; i < 4; ++i)
        bank.questions << truth(
            QStringLiteral("e-truth-%1").arg(i), e,
            QStringLiteral("Statement %1: the experts that sleep for this word are wasted.").arg(i),
            i % 2 == 0);
    for (int i = 0; i < 3; ++i)
        bank.questions << number(
            QStringLiteral("e-number-%1").arg(i), e,
            QStringLiteral("2 of 8 experts work. What fraction is that (question %1)?").arg(i), 0.25, 0.01,
            QString());
    const QString b = QStringLiteral("builder");
    bank.questions << number(
        QStringLiteral("b-deepseek-share"), b,
        QStringLiteral("DeepSeek-V3 uses 37B of its 671B parameters per token. Roughly what "
                       "percentage is that?"),
        5.5, 0.5, QStringLiteral("%"));
    bank.questions << number(
        QStringLiteral("b-mixtral-active"), b,
        QStringLiteral("Mixtral 8x7B: about how many billion parameters work per token?"), 12.9, 0.5,
        QStringLiteral("B"));
    return bank;
}

// Accessibility events seen while the test's handler is installed.
struct SeenEvent {
    QObject* object;
    QAccessible::Event type;
    QString name;
};
QList<SeenEvent> g_events;
void recordEvent(QAccessibleEvent* event)
{
    auto* widget = qobject_cast<QWidget*>(event->object());
    g_events.append({event->object(), event->type(), widget ? widget->accessibleName() : QString()});
}

bool alertFor(QObject* object, const QString& name)
{
    for (const SeenEvent& e : std::as_const(g_events))
        if (e.object == object && e.type == QAccessible::Alert && e.name == name)
            return true;
    return false;
}

template <typename T> T* child(const QWidget& parent, const QString& name)
{
    T* w = parent.findChild<T*>(name);
    if (!w)
        qWarning("no child %s", qPrintable(name));
    return w;
}

// Grabs the page once its layouts have settled (they are laid out from posted events).
bool saveGrab(QWidget& page, const QString& path)
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    return page.grab().save(path);
}

QString labelText(const QWidget& parent, const QString& name)
{
    const auto* label = parent.findChild<QLabel*>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

QWidget* focus()
{
    return QApplication::focusWidget();
}

// Shows the page as the active window: the keyboard tests type into its focus widget.
bool showActive(QWidget& page)
{
    page.show();
    QApplication::setActiveWindow(&page);
    return QTest::qWaitForWindowActive(&page);
}

// How the test answers one question: the right answer, or a wrong one, typed as a learner would.
void typeAnswer(const QuizQuestion& q, bool right)
{
    switch (q.kind) {
    case QuizQuestion::Kind::Choice: {
        const int pick = right ? q.correctChoice : (q.correctChoice + 1) % static_cast<int>(q.choices.size());
        QTest::keyClick(focus(), static_cast<Qt::Key>(Qt::Key_1 + pick));
        break;
    }
    case QuizQuestion::Kind::TrueFalse: {
        // Arrow keys this time: Down from nothing picks True, Down again False.
        const bool pickTrue = right ? q.correctTruth : !q.correctTruth;
        QTest::keyClick(focus(), Qt::Key_Down);
        if (!pickTrue)
            QTest::keyClick(focus(), Qt::Key_Down);
        break;
    }
    case QuizQuestion::Kind::Number:
        QTest::keyClicks(focus(),
                         QString::number(right ? q.correctNumber : q.correctNumber + q.tolerance + 1));
        break;
    }
}

} // namespace

class TestQuizPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startScreenListsTracks();
    void keyboardOnlySitting();
    void bestScoreSurvivesARestart();
    void checkNeedsAnAnswer();
    void stopLeavesWithoutAScore();
    void parsesNumbers_data();
    void parsesNumbers();
    void numberAnswerWithGermanComma();
    void liveTrackNeedsATrace();
    void liveQuestionsMatchTheTrace();
    void exportsClassResults();
    void saveFailureIsShownNotFatal();
    void everyControlHasANameAndIsReachable();
    void noScrollBarWhenTheScreenFits();
    void hintFeedbackAndReviewStep();
    void screenshots();

private:
    std::unique_ptr<QuizPage> makePage(ProgressStore* store);
    // Answers the current sitting with the keyboard only; `right(i)` says which to get right.
    // Returns the number answered right.
    template <typename Right> int answerAll(QuizPage& page, Right right);

    QuizBank m_bank;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestQuizPage::initTestCase()
{
    qInfo("quiz seed %u, model seed %llu", kQuizSeed, static_cast<unsigned long long>(kModelSeed));
    m_bank = makeBank();
    QAccessible::installUpdateHandler(recordEvent);
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    QVERIFY(QGuiApplicationPrivate::platform_integration);
    QGuiApplicationPrivate::platform_integration->accessibility()->setActive(true);
    QVERIFY(QAccessible::isActive());
}

void TestQuizPage::init()
{
    g_events.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("progress.json"));
}

void TestQuizPage::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<QuizPage> TestQuizPage::makePage(ProgressStore* store)
{
    auto page = std::make_unique<QuizPage>();
    page->setBank(&m_bank);
    page->setProgressStore(store);
    page->setSeed(kQuizSeed);
    page->resize(1024, 700);
    return page;
}

template <typename Right> int TestQuizPage::answerAll(QuizPage& page, Right right)
{
    int rightCount = 0;
    const int count = page.session().count();
    for (int i = 0; i < count; ++i) {
        [&] {
            QCOMPARE(page.screen(), QuizPage::Screen::Question);
            QCOMPARE(page.session().index(), i);
            QuestionCard* card = page.questionCard();
            QCOMPARE(labelText(*card, QStringLiteral("questionCounter")),
                     QStringLiteral("Question %1 of %2").arg(i + 1).arg(count));
            const QuizQuestion q = page.session().current();
            const bool wantRight = right(i);
            typeAnswer(q, wantRight);
            QTest::keyClick(focus(), Qt::Key_Return);

            QVERIFY(page.session().answered());
            QVERIFY(card->isLocked());
            const QString expected =
                wantRight ? QStringLiteral("✔ Right!")
                          : QStringLiteral("✘ Not quite. The right answer: %1").arg(correctAnswerText(q));
            QCOMPARE(card->feedbackText(), expected);
            auto* feedback = child<QLabel>(*card, QStringLiteral("feedback"));
            QVERIFY2(alertFor(feedback, expected), "the feedback was not announced");
            QVERIFY(child<QLabel>(*card, QStringLiteral("explanation"))->isVisible());
            // The answer widgets are locked and Next has the focus.
            for (QRadioButton* b : card->findChildren<QRadioButton*>())
                QVERIFY(!b->isEnabled() || b->isHidden());
            if (auto* edit = card->findChild<QLineEdit*>(QStringLiteral("numberEdit")))
                QVERIFY(edit->isReadOnly());
            QCOMPARE(focus(), static_cast<QWidget*>(child<QPushButton>(*card, QStringLiteral("nextButton"))));
            rightCount += wantRight ? 1 : 0;
            QCOMPARE(page.session().score(), rightCount);
            QTest::keyClick(focus(), Qt::Key_Return);
        }();
        if (QTest::currentTestFailed())
            return -1;
    }
    return rightCount;
}

void TestQuizPage::startScreenListsTracks()
{
    ProgressStore store(m_path);
    auto page = makePage(&store);
    QCOMPARE(page->screen(), QuizPage::Screen::Start);
    QuizStart* start = page->startScreen();
    QCOMPARE(labelText(*start, QStringLiteral("heading")), QStringLiteral("Test yourself"));
    QVERIFY(child<QPushButton>(*start, QStringLiteral("track_explorer"))->isEnabled());
    QVERIFY(child<QPushButton>(*start, QStringLiteral("track_builder"))->isEnabled());
    QVERIFY(!child<QPushButton>(*start, QStringLiteral("track_creator"))->isEnabled());
    QVERIFY(!child<QPushButton>(*start, QStringLiteral("track_live"))->isEnabled());
    QCOMPARE(labelText(*start, QStringLiteral("reason_live")),
             QStringLiteral("Run a prompt in Explore first."));
    QCOMPARE(labelText(*start, QStringLiteral("best_explorer")), QStringLiteral("No score yet"));
    QVERIFY(!page->startQuiz(QStringLiteral("creator")));
    QVERIFY(!page->startQuiz(QStringLiteral("no-such-track")));
    QCOMPARE(page->screen(), QuizPage::Screen::Start);
}

void TestQuizPage::keyboardOnlySitting()
{
    ProgressStore store(m_path);
    store.setLearnerName(QStringLiteral("Ada"));
    auto page = makePage(&store);
    QSignalSpy finished(page.get(), &QuizPage::quizFinished);
    QVERIFY(showActive(*page));
    page->showStart();
    QCOMPARE(child<QLineEdit>(*page, QStringLiteral("learnerName"))->text(), QStringLiteral("Ada"));

    // The focus starts on the first track; Enter starts it.
    QCOMPARE(focus(), static_cast<QWidget*>(child<QPushButton>(*page, QStringLiteral("track_explorer"))));
    QTest::keyClick(focus(), Qt::Key_Return);
    QCOMPARE(page->screen(), QuizPage::Screen::Question);
    QCOMPARE(page->session().count(), QuizPage::kQuestionsPerSitting);
    QCOMPARE(page->session().track(), QStringLiteral("explorer"));

    // Every third question wrong.
    const int right = answerAll(*page, [](int i) { return i % 3 != 1; });
    QCOMPARE(right, 7);

    QCOMPARE(page->screen(), QuizPage::Screen::Review);
    QuizReview* review = page->review();
    QCOMPARE(review->scoreText(), QStringLiteral("You got 7 of 10"));
    QVERIFY(alertFor(child<QLabel>(*review, QStringLiteral("scoreText")), QStringLiteral("You got 7 of 10")));
    QCOMPARE(review->mistakeCount(), 3);
    const QList<QuizSession::Mistake> mistakes = page->session().mistakes();
    QCOMPARE(mistakes.size(), 3);
    for (int m = 0; m < mistakes.size(); ++m) {
        auto* panel = child<QWidget>(*review, QStringLiteral("mistake%1").arg(m + 1));
        QVERIFY(panel);
        QCOMPARE(
            labelText(*panel, QStringLiteral("yourAnswer")),
            QStringLiteral("✘ Your answer: %1").arg(answerText(mistakes[m].question, mistakes[m].given)));
        QCOMPARE(labelText(*panel, QStringLiteral("rightAnswer")),
                 QStringLiteral("✔ The answer: %1").arg(correctAnswerText(mistakes[m].question)));
        QVERIFY(labelText(*panel, QStringLiteral("explanation")).contains(mistakes[m].question.id));
    }

    // Recorded and saved.
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<QuizResult>();
    QCOMPARE(result.learner, QStringLiteral("Ada"));
    QCOMPARE(result.score, 7);
    QCOMPARE(result.total, 10);
    QCOMPARE(store.results().size(), 1);
    QCOMPARE(store.results().front().track, QStringLiteral("explorer"));
    QCOMPARE(store.results().front().finishedAt.timeSpec(), Qt::UTC);
    QVERIFY(QFile::exists(m_path));

    // "Try again" (focused, Enter) starts a new sitting in a new order; all right this time.
    QCOMPARE(focus(), static_cast<QWidget*>(child<QPushButton>(*review, QStringLiteral("tryAgainButton"))));
    QTest::keyClick(focus(), Qt::Key_Return);
    QCOMPARE(page->screen(), QuizPage::Screen::Question);
    QCOMPARE(page->sittingSeed(), kQuizSeed + 1);
    QCOMPARE(answerAll(*page, [](int) { return true; }), 10);
    QCOMPARE(review->scoreText(), QStringLiteral("You got 10 of 10"));
    QCOMPARE(review->bestText(), QStringLiteral("New best! Your best before was 7 of 10."));
    QCOMPARE(review->mistakeCount(), 0);

    // "Choose another track" goes back with the new best shown.
    QTest::keyClick(focus(), Qt::Key_Tab);
    QCOMPARE(focus(),
             static_cast<QWidget*>(child<QPushButton>(*review, QStringLiteral("chooseTrackButton"))));
    QTest::keyClick(focus(), Qt::Key_Space);
    QCOMPARE(page->screen(), QuizPage::Screen::Start);
    QCOMPARE(labelText(*page, QStringLiteral("best_explorer")), QStringLiteral("Best: 10 of 10"));
}

void TestQuizPage::bestScoreSurvivesARestart()
{
    {
        ProgressStore store(m_path);
        auto page = makePage(&store);
        QVERIFY(showActive(*page));
        QVERIFY(page->startQuiz(QStringLiteral("builder")));
        QCOMPARE(page->session().count(), 2);
        QCOMPARE(answerAll(*page, [](int i) { return i == 0; }), 1);
        QCOMPARE(page->review()->bestText(),
                 QStringLiteral("Your first score on this track. Can you beat it next time?"));
    }
    // A new store on the same file, a new page: the best is there.
    ProgressStore store(m_path);
    QStringList warnings;
    QVERIFY(store.load(&warnings));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    QVERIFY(store.bestResult(QStringLiteral("builder")));
    QCOMPARE(store.bestResult(QStringLiteral("builder"))->score, 1);
    auto page = makePage(&store);
    QCOMPARE(labelText(*page, QStringLiteral("best_builder")), QStringLiteral("Best: 1 of 2"));
    QCOMPARE(labelText(*page, QStringLiteral("best_explorer")), QStringLiteral("No score yet"));

    // A worse score does not replace it, and the end screen says so.
    QVERIFY(showActive(*page));
    QVERIFY(page->startQuiz(QStringLiteral("builder")));
    QCOMPARE(answerAll(*page, [](int) { return false; }), 0);
    QCOMPARE(page->review()->bestText(), QStringLiteral("Your best is still 1 of 2."));
    page->showStart();
    QCOMPARE(labelText(*page, QStringLiteral("best_builder")), QStringLiteral("Best: 1 of 2"));
}

void TestQuizPage::checkNeedsAnAnswer()
{
    ProgressStore store(m_path);
    auto page = makePage(&store);
    QVERIFY(page->startQuiz(QStringLiteral("explorer")));
    page->check(); // nothing picked or typed
    QVERIFY(!page->session().answered());
    QVERIFY(!page->questionCard()->isLocked());
    QVERIFY(!page->questionCard()->hintText().isEmpty());
    QVERIFY(alertFor(child<QLabel>(*page->questionCard(), QStringLiteral("hint")),
                     page->questionCard()->hintText()));
    page->next(); // not answered: stays
    QCOMPARE(page->session().index(), 0);
}

void TestQuizPage::stopLeavesWithoutAScore()
{
    ProgressStore store(m_path);
    auto page = makePage(&store);
    QVERIFY(page->startQuiz(QStringLiteral("explorer")));
    QTest::mouseClick(child<QPushButton>(*page, QStringLiteral("stopButton")), Qt::LeftButton);
    QCOMPARE(page->screen(), QuizPage::Screen::Start);
    QVERIFY(store.results().isEmpty());
}

void TestQuizPage::parsesNumbers_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("value");
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    const QLocale de(QLocale::German, QLocale::Germany);
    QTest::newRow("en point") << en << "5.5"
                              << "%" << true << 5.5;
    QTest::newRow("en unit typed") << en << " 5.5 %"
                                   << "%" << true << 5.5;
    QTest::newRow("en negative") << en << "-0.25"
                                 << "" << true << -0.25;
    QTest::newRow("en comma refused") << en << "5,5"
                                      << "" << false << 0.0;
    QTest::newRow("de comma") << de << "5,5"
                              << "%" << true << 5.5;
    QTest::newRow("de point") << de << "5.5"
                              << "" << true << 5.5;
    QTest::newRow("de with unit") << de << "12,9 B"
                                  << "B" << true << 12.9;
    QTest::newRow("de integer") << de << "37"
                                << "" << true << 37.0;
    QTest::newRow("empty") << en << "  "
                           << "" << false << 0.0;
    QTest::newRow("words") << en << "five"
                           << "" << false << 0.0;
    QTest::newRow("two points") << en << "1.2.3"
                                << "" << false << 0.0;
    QTest::newRow("not finite") << en << "inf"
                                << "" << false << 0.0;
}

void TestQuizPage::parsesNumbers()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, typed);
    QFETCH(QString, unit);
    QFETCH(bool, valid);
    QFETCH(double, value);
    const std::optional<double> parsed = QuestionCard::parseNumber(typed, locale, unit);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, value);
}

void TestQuizPage::numberAnswerWithGermanComma()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    ProgressStore store(m_path);
    auto page = makePage(&store);
    QVERIFY(showActive(*page));
    struct Case {
        QString typed;
        bool right;
    };
    // The DeepSeek question: 5.5 % ± 0.5; the Mixtral question: 12.9 B ± 0.5.
    const QList<Case> deepseek{{QStringLiteral("5,9"), true}, {QStringLiteral("6,1"), false}};
    for (const Case& c : deepseek) {
        QVERIFY(page->startQuiz(QStringLiteral("builder")));
        if (page->session().current().id != QLatin1String("b-deepseek-share")) {
            QTest::keyClicks(focus(), QStringLiteral("12,9"));
            QTest::keyClick(focus(), Qt::Key_Return);
            QTest::keyClick(focus(), Qt::Key_Return);
        }
        QCOMPARE(page->session().current().id, QStringLiteral("b-deepseek-share"));
        auto* edit = child<QLineEdit>(*page->questionCard(), QStringLiteral("numberEdit"));
        QCOMPARE(focus(), static_cast<QWidget*>(edit));
        QCOMPARE(labelText(*page->questionCard(), QStringLiteral("unitLabel")), QStringLiteral("%"));
        const int scoreBefore = page->session().score();
        QTest::keyClicks(focus(), c.typed);
        QTest::keyClick(focus(), Qt::Key_Return);
        QVERIFY(page->session().answered());
        QCOMPARE(page->session().score() - scoreBefore, c.right ? 1 : 0);
        if (!c.right) // the right answer in German notation
            QCOMPARE(page->questionCard()->feedbackText(),
                     QStringLiteral("✘ Not quite. The right answer: 5,5 %"));
        page->showStart();
    }
    QLocale::setDefault(before);
}

void TestQuizPage::liveTrackNeedsATrace()
{
    ProgressStore store(m_path);
    auto page = makePage(&store);
    TraceModel trace;
    trace.reset(moe::test::tinyConfig(), {}, QStringLiteral("tiny"));
    page->setLiveTrace(&trace);
    QVERIFY(!child<QPushButton>(*page, QStringLiteral("track_live"))->isEnabled());
    QCOMPARE(page->unavailableReason(QStringLiteral("live")),
             QStringLiteral("Run a prompt in Explore first."));
    QVERIFY(!page->startQuiz(QStringLiteral("live")));
    QCOMPARE(page->screen(), QuizPage::Screen::Start);
    QVERIFY(!page->startScreen()->statusText().isEmpty());
}

void TestQuizPage::liveQuestionsMatchTheTrace()
{
    moe::GenerationRequest request;
    request.prompt = "23 + 45 = 68. 12 + 7 = 19. 30 + 11 =";
    request.maxTokens = 12;
    request.stopAtEndOfText = false;
    const std::vector<moe::GeneratedToken> tokens =
        moe::test::generatedTokens(moe::test::tinyModel(kModelSeed), request);
    const moe::ModelConfig config = moe::test::tinyConfig();
    ProgressStore store(m_path);
    auto page = makePage(&store);
    TraceModel trace;
    trace.reset(config, {}, QStringLiteral("tiny"));
    for (const moe::GeneratedToken& token : tokens)
        QVERIFY(trace.append(token));
    page->setLiveTrace(&trace);
    QVERIFY(child<QPushButton>(*page, QStringLiteral("track_live"))->isEnabled());
    QVERIFY(page->unavailableReason(QStringLiteral("live")).isEmpty());
    QVERIFY(showActive(*page));
    QVERIFY(page->startQuiz(QStringLiteral("live")));
    QCOMPARE(page->session().track(), QStringLiteral("live"));

    // The sitting asks exactly the questions made from this trace with the sitting's seed.
    const QList<QuizQuestion> expected = makeLiveQuestions(tokens, config, page->sittingSeed(), 6);
    QCOMPARE(page->session().count(), expected.size());
    QVERIFY2(expected.size() >= 3, "the trace gave too few live questions to test");

    // Each question's right answer, recomputed here from the trace (1-based numbers in the prompt).
    auto numberAfter = [](const QString& text, const QString& pattern) {
        const QRegularExpressionMatch m = QRegularExpression(pattern).match(text);
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    };
    auto routing = [&](int token, int layer) -> const moe::LayerRouting& {
        return tokens.at(static_cast<size_t>(token - 1)).routing.layers.at(static_cast<size_t>(layer - 1));
    };
    // Counts over all tokens, or over "tokens A to B" when the prompt names such a window.
    auto countsIn = [&](int layer, bool digitsOnly, const QString& prompt = QString()) {
        std::vector<int> counts(static_cast<size_t>(config.nExpert), 0);
        const int first = prompt.isEmpty() ? 1 : numberAfter(prompt, QStringLiteral("tokens (\\d+) to"));
        const int last =
            prompt.isEmpty() ? int(tokens.size()) : numberAfter(prompt, QStringLiteral("to (\\d+)"));
        for (int i = first; i <= last; ++i) {
            const moe::GeneratedToken& t = tokens.at(static_cast<size_t>(i - 1));
            const bool digits = !t.bytes.empty() && std::all_of(t.bytes.begin(), t.bytes.end(),
                                                                [](char c) { return c >= '0' && c <= '9'; });
            if (digitsOnly && !digits)
                continue;
            for (const int e : t.routing.layers.at(static_cast<size_t>(layer - 1)).experts)
                ++counts[static_cast<size_t>(e)];
        }
        return counts;
    };
    auto uniqueArgmax = [](const std::vector<int>& counts) {
        // -1 for a tie: such a question must never be asked.
        const auto top = std::max_element(counts.begin(), counts.end());
        return std::count(counts.begin(), counts.end(), *top) == 1 ? static_cast<int>(top - counts.begin())
                                                                   : -1;
    };
    auto chosenExpert = [&](const QuizQuestion& q) {
        return numberAfter(q.choices.value(q.correctChoice), QStringLiteral("Expert (\\d+)"));
    };
    for (int i = 0; i < expected.size(); ++i) {
        const QuizQuestion& q = page->session().current();
        QCOMPARE(q.id, expected[i].id);
        const QString& p = q.prompt;
        const int layer = numberAfter(p, QStringLiteral("layer (\\d+)"));
        QVERIFY2(layer >= 1 && layer <= config.nLayer, qPrintable(p));
        if (q.id.startsWith(QStringLiteral("live-digits-"))) {
            QCOMPARE(chosenExpert(q), uniqueArgmax(countsIn(layer, true)) + 1);
        } else if (q.id.startsWith(QStringLiteral("live-busiest-"))) {
            QCOMPARE(chosenExpert(q), uniqueArgmax(countsIn(layer, false, p)) + 1);
        } else if (q.id.startsWith(QStringLiteral("live-gate-"))) {
            const moe::LayerRouting& r = routing(numberAfter(p, QStringLiteral("Token (\\d+) is")), layer);
            const auto top = std::max_element(r.gates.begin(), r.gates.end()) - r.gates.begin();
            QCOMPARE(chosenExpert(q), r.experts[static_cast<size_t>(top)] + 1);
        } else if (q.id.startsWith(QStringLiteral("live-asleep-"))) {
            const moe::LayerRouting& r = routing(numberAfter(p, QStringLiteral("Token (\\d+) is")), layer);
            QCOMPARE(q.correctNumber, double(config.nExpert - static_cast<int>(r.experts.size())));
        } else if (q.id.startsWith(QStringLiteral("live-route-"))) {
            const moe::LayerRouting& r = routing(numberAfter(p, QStringLiteral("token (\\d+) \\(")), layer);
            const int expert = numberAfter(p, QStringLiteral("to expert (\\d+)")) - 1;
            QCOMPARE(q.correctTruth,
                     std::find(r.experts.begin(), r.experts.end(), expert) != r.experts.end());
        } else if (q.id.startsWith(QStringLiteral("live-count-"))) {
            const int expert = numberAfter(p, QStringLiteral("expert (\\d+) chosen"));
            QCOMPARE(q.correctNumber, double(countsIn(layer, false, p)[static_cast<size_t>(expert - 1)]));
        } else {
            QFAIL(qPrintable(QStringLiteral("a live question of an unknown kind: %1").arg(q.id)));
        }
        // Answered right with the keyboard, it counts as right.
        typeAnswer(q, true);
        QTest::keyClick(focus(), Qt::Key_Return);
        QCOMPARE(page->questionCard()->feedbackText(), QStringLiteral("✔ Right!"));
        QTest::keyClick(focus(), Qt::Key_Return);
    }
    QCOMPARE(page->screen(), QuizPage::Screen::Review);
    QCOMPARE(page->session().score(), expected.size());
    QCOMPARE(labelText(*page, QStringLiteral("best_live")),
             QStringLiteral("Best: %1 of %1").arg(expected.size()));
}

void TestQuizPage::exportsClassResults()
{
    ProgressStore store(m_path);
    store.addQuizResult({QStringLiteral("Ada, the first"), QStringLiteral("explorer"), 7, 10,
                         QDateTime(QDate(2025, 3, 4), QTime(10, 30), Qt::UTC)});
    store.addQuizResult({QStringLiteral("Sam \"the sum\""), QStringLiteral("builder"), 1, 2,
                         QDateTime(QDate(2025, 3, 4), QTime(11, 0), Qt::UTC)});
    auto page = makePage(&store);
    const QString csv = m_dir->filePath(QStringLiteral("class.csv"));
    QVERIFY(page->exportClassResults(csv));
    QCOMPARE(page->startScreen()->statusText(),
             QStringLiteral("Wrote 2 results to %1.").arg(QDir::toNativeSeparators(csv)));
    QVERIFY(alertFor(child<QLabel>(*page->startScreen(), QStringLiteral("status")),
                     page->startScreen()->statusText()));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll())
                                  .split(QRegularExpression(QStringLiteral("\r?\n")), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3); // a header and one row per result
    QVERIFY2(lines[1].contains(QStringLiteral("\"Ada, the first\"")), qPrintable(lines[1]));
    QVERIFY2(lines[2].contains(QStringLiteral("\"Sam \"\"the sum\"\"\"")), qPrintable(lines[2]));

    // A folder that does not exist: false, and the page says why.
    const QString bad = m_dir->filePath(QStringLiteral("no/such/folder/class.csv"));
    QVERIFY(!page->exportClassResults(bad));
    QVERIFY(
        page->startScreen()->statusText().startsWith(QStringLiteral("Could not export the class results: ")));
    QVERIFY(!QFile::exists(bad));
}

void TestQuizPage::saveFailureIsShownNotFatal()
{
    // The progress file's folder is a file: nothing can be written there.
    const QString blocker = m_dir->filePath(QStringLiteral("blocker"));
    QFile block(blocker);
    QVERIFY(block.open(QIODevice::WriteOnly));
    block.close();
    ProgressStore store(blocker + QStringLiteral("/progress.json"));
    auto page = makePage(&store);
    QVERIFY(showActive(*page));
    QVERIFY(page->startQuiz(QStringLiteral("builder")));
    QCOMPARE(answerAll(*page, [](int) { return true; }), 2);
    QCOMPARE(page->screen(), QuizPage::Screen::Review);
    auto* error = child<QLabel>(*page->review(), QStringLiteral("saveError"));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().startsWith(QStringLiteral("Your score could not be saved: ")));
    QCOMPARE(store.results().size(), 1); // kept in memory
}

void TestQuizPage::everyControlHasANameAndIsReachable()
{
    ProgressStore store(m_path);
    auto page = makePage(&store);
    QVERIFY(showActive(*page));
    page->showStart();

    // Tab walks the start screen: name, the tracks that can be taken, export.
    child<QLineEdit>(*page, QStringLiteral("learnerName"))->setFocus();
    QStringList reached;
    for (int i = 0; i < 8; ++i) {
        reached << focus()->objectName();
        QTest::keyClick(focus(), Qt::Key_Tab);
    }
    for (const QString& name : {QStringLiteral("learnerName"), QStringLiteral("track_explorer"),
                                QStringLiteral("track_builder"), QStringLiteral("exportButton")})
        QVERIFY2(reached.contains(name),
                 qPrintable(name + QStringLiteral(" never got the focus: ") + reached.join(',')));

    // The name typed goes to the store.
    child<QLineEdit>(*page, QStringLiteral("learnerName"))->setFocus();
    QTest::keyClicks(focus(), QStringLiteral("Kim"));
    QCOMPARE(store.learnerName(), QStringLiteral("Kim"));

    // On a question: Stop, each choice, Check.
    QVERIFY(page->startQuiz(QStringLiteral("explorer")));
    while (page->session().current().kind != QuizQuestion::Kind::Choice) {
        page->questionCard()->selectChoice(0);
        if (auto* edit = page->findChild<QLineEdit*>(QStringLiteral("numberEdit")))
            edit->setText(QStringLiteral("1"));
        page->check();
        page->next();
    }
    reached.clear();
    for (int i = 0; i < 10; ++i) {
        reached << focus()->objectName();
        QTest::keyClick(focus(), Qt::Key_Tab);
    }
    for (const QString& name :
         {QStringLiteral("stopButton"), QStringLiteral("checkButton"), QStringLiteral("choice1")})
        QVERIFY2(reached.contains(name),
                 qPrintable(name + QStringLiteral(" never got the focus: ") + reached.join(',')));

    for (QAbstractButton* b : page->findChildren<QAbstractButton*>())
        QVERIFY2(!b->accessibleName().isEmpty(), qPrintable(b->objectName()));
    for (QLineEdit* e : page->findChildren<QLineEdit*>())
        QVERIFY2(!e->accessibleName().isEmpty(), qPrintable(e->objectName()));
}

void TestQuizPage::noScrollBarWhenTheScreenFits()
{
    // Each screen is short enough for a 1024 x 700 page: a scroll bar there would only say "there
    // is more" when there is not.
    ProgressStore store(m_path);
    auto page = makePage(&store);
    QVERIFY(showActive(*page));
    const auto visibleScrollArea = [&]() -> QScrollArea* {
        for (QScrollArea* area : page->findChildren<QScrollArea*>()) {
            if (area->isVisible())
                return area;
        }
        return nullptr;
    };
    const auto checkNoScrollBar = [&](const char* screen) {
        QApplication::processEvents();
        QScrollArea* area = visibleScrollArea();
        QVERIFY2(area, screen);
        QVERIFY2(area->widget()->height() <= area->viewport()->height() + 1, screen);
        QVERIFY2(!area->verticalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("%1: content %2 px, viewport %3 px")
                                .arg(QLatin1String(screen))
                                .arg(area->widget()->minimumSizeHint().height())
                                .arg(area->viewport()->height())));
    };

    page->showStart();
    checkNoScrollBar("start screen");
    QTest::mouseClick(child<QPushButton>(*page, QStringLiteral("track_explorer")), Qt::LeftButton);
    QCOMPARE(page->screen(), QuizPage::Screen::Question);
    checkNoScrollBar("question");
    typeAnswer(page->session().current(), true);
    page->check();
    checkNoScrollBar("question with its feedback");
}

void TestQuizPage::screenshots()
{
    for (const Theme::Kind theme : {Theme::Kind::Light, Theme::Kind::Dark}) {
        Theme::apply(theme);
        const QString name = Theme::name(theme);
        ProgressStore store(m_path);
        store.setLearnerName(QStringLiteral("Ada"));
        store.addQuizResult(
            {QStringLiteral("Ada"), QStringLiteral("explorer"), 6, 10, QDateTime::currentDateTimeUtc()});
        auto page = makePage(&store);
        page->resize(1600, 1000);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        page->showStart();
        QVERIFY(saveGrab(*page, QStringLiteral("/tmp/quiz-start-%1.png").arg(name)));

        QVERIFY(page->startQuiz(QStringLiteral("explorer")));
        page->resize(1024, 700);
        QVERIFY(saveGrab(*page, QStringLiteral("/tmp/quiz-question-small-%1.png").arg(name)));
        page->resize(1600, 1000);
        // First question right, second wrong.
        for (int i = 0; i < 2; ++i) {
            const QuizQuestion q = page->session().current();
            QuestionCard* card = page->questionCard();
            if (q.kind == QuizQuestion::Kind::Number) {
                page->findChild<QLineEdit*>(QStringLiteral("numberEdit"))
                    ->setText(i == 0 ? QStringLiteral("0.25") : QStringLiteral("0.3"));
            } else {
                const int right =
                    q.kind == QuizQuestion::Kind::Choice ? q.correctChoice : (q.correctTruth ? 0 : 1);
                card->selectChoice(i == 0 ? right : (right + 1) % card->choiceCount());
            }
            page->check();
            QVERIFY(
                saveGrab(*page, QStringLiteral("/tmp/quiz-%1-%2.png").arg(i == 0 ? "right" : "wrong", name)));
            page->next();
        }
        while (page->screen() == QuizPage::Screen::Question) {
            page->questionCard()->selectChoice(1);
            if (auto* edit = page->findChild<QLineEdit*>(QStringLiteral("numberEdit")))
                edit->setText(QStringLiteral("0.25"));
            page->check();
            page->next();
        }
        QVERIFY(saveGrab(*page, QStringLiteral("/tmp/quiz-end-%1.png").arg(name)));
        page->resize(1024, 700);
        QVERIFY(saveGrab(*page, QStringLiteral("/tmp/quiz-end-small-%1.png").arg(name)));
    }
}

// Teaching aids on the card: the hint on request (button or H) before answering, why a wrong
// answer tempts after it, and "Review this step" naming the lesson, which asks for that step. The
// missed question is kept and comes back in the next sitting until it is answered right.
void TestQuizPage::hintFeedbackAndReviewStep()
{
    QuizBank bank;
    bank.language = QStringLiteral("en");
    for (int i = 0; i < 12; ++i) {
        QuizQuestion q = choice(QStringLiteral("c-%1").arg(i), QStringLiteral("creator"),
                                QStringLiteral("Question %1: which experts run?").arg(i),
                                {QStringLiteral("All of them"), QStringLiteral("The chosen ones"),
                                 QStringLiteral("The biggest one")},
                                1);
        q.hint = QStringLiteral("Think about question %1's top-k.").arg(i);
        q.choiceFeedback = {QStringLiteral("Dense thinking %1.").arg(i), QString(),
                            QStringLiteral("Size is not the rule %1.").arg(i)};
        q.lessonId = QStringLiteral("creator-router");
        q.lessonStep = 2;
        bank.questions << q;
    }
    LessonBook book;
    Lesson lesson;
    lesson.id = QStringLiteral("creator-router");
    lesson.track = QStringLiteral("creator");
    lesson.title = QStringLiteral("The router, step by step");
    lesson.steps.resize(4);
    book.lessons << lesson;

    ProgressStore store(m_path);
    QuizPage page;
    page.setBank(&bank);
    page.setLessonBook(&book);
    page.setProgressStore(&store);
    page.setSeed(kQuizSeed);
    page.resize(1024, 700);
    QVERIFY(showActive(page));
    QSignalSpy review(&page, &QuizPage::lessonStepRequested);
    QVERIFY(page.startQuiz(QStringLiteral("creator")));
    QuestionCard* card = page.questionCard();
    auto* tipButton = child<QPushButton>(*card, QStringLiteral("tipButton"));
    QVERIFY(tipButton->isVisible() && tipButton->isEnabled());
    QVERIFY(card->tipText().isEmpty());

    // First question: the hint with H, then a wrong answer.
    const QuizQuestion first = page.session().current();
    QTest::keyClick(focus(), Qt::Key_H);
    QVERIFY2(card->tipText().contains(first.hint), qPrintable(card->tipText()));
    QVERIFY(!tipButton->isEnabled());
    QTest::keyClick(focus(), Qt::Key_3); // "The biggest one": wrong
    page.check();
    QVERIFY2(card->whyWrongText().contains(first.choiceFeedback[2]), qPrintable(card->whyWrongText()));
    QVERIFY(!card->whyWrongText().contains(first.choiceFeedback[0]));
    QCOMPARE(card->reviewStepText(), QStringLiteral("Review this step: The router, step by step, step 3"));
    QVERIFY(card->tipText().isEmpty() && !tipButton->isVisible());
    child<QPushButton>(*card, QStringLiteral("reviewStepButton"))->click();
    QCOMPARE(review.size(), 1);
    QCOMPARE(review.at(0).at(0).toString(), QStringLiteral("creator-router"));
    QCOMPARE(review.at(0).at(1).toInt(), 2);
    page.next();

    // The rest right: no "why it tempts", no review button.
    for (int i = 1; i < page.session().count(); ++i) {
        QTest::keyClick(focus(), Qt::Key_2);
        page.check();
        QVERIFY(card->whyWrongText().isEmpty());
        QVERIFY(card->reviewStepText().isEmpty());
        page.next();
    }
    QCOMPARE(page.screen(), QuizPage::Screen::Review);
    QCOMPARE(store.missedQuestions(QStringLiteral("creator")), QStringList{first.id});

    // Next sitting: the missed question is back; answered right, it leaves the list.
    QVERIFY(page.startQuiz(QStringLiteral("creator")));
    bool asked = false;
    for (int i = 0; i < page.session().count(); ++i) {
        asked = asked || page.session().current().id == first.id;
        QTest::keyClick(focus(), Qt::Key_2);
        page.check();
        page.next();
    }
    QVERIFY(asked);
    QVERIFY(store.missedQuestions(QStringLiteral("creator")).isEmpty());
}

QTEST_MAIN(TestQuizPage)
#include "tst_quiz_page.moc"
