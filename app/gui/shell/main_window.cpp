#include "shell/main_window.h"

#include "compare/compare_page.h"
#include "explore/classroom_mode.h"
#include "explore/experiments_panel.h"
#include "explore/expert_grid_view.h"
#include "explore/explore_page.h"
#include "explore/measured_leaning.h"
#include "learn/written_for.h"
#include "lessons/learning_wiring.h"
#include "lessons/lesson_library_page.h"
#include "lessons/lesson_panel.h"
#include "playground/playground_page.h"
#include "print/print_dialogs.h"
#include "quiz/quiz_page.h"
#include "run/model_source.h"
#include "run/presets.h"
#include "run/trace_export.h"
#include "run/trace_model.h"
#include "scale/scale_view.h"
#include "shell/language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

MainWindow::MainWindow(const AppOptions& options, QWidget* parent) : QMainWindow(parent), m_options(options)
{
    setWindowTitle(tr("Tiny Experts"));
    QIcon icon;
    for (const char* size : {"32x32", "64x64", "256x256"})
        icon.addFile(QStringLiteral(":/icons/hicolor/%1/apps/tiny-experts.png").arg(QLatin1String(size)));
    setWindowIcon(icon);
    m_models = new ModelHolder(this);
    buildPages();
    setCentralWidget(m_pages);

    buildModeBar();
    buildMenus();
    buildLearning();
    m_classroom = new ClassroomMode(this, m_explore, {menuBar(), m_modeBar, statusBar(), m_learning->dock()},
                                    m_runActions);
    connect(m_explore, &ExplorePage::statusMessage, this,
            [this](const QString& text) { showStatus(text, 6000); });
    connect(m_compare, &ComparePage::statusMessage, this,
            [this](const QString& text) { showStatus(text, 6000); });
    connect(m_playground, &PlaygroundPage::statusMessage, this,
            [this](const QString& text) { showStatus(text, 6000); });
    // "Explore this model": the trained model is the app's model now (through m_models); show it.
    m_playground->setModelHolder(m_models);
    connect(m_playground, &PlaygroundPage::exploreRequested, this, [this] { setMode(Mode::Explore); });
    connect(m_models, &ModelHolder::modelChanged, this, &MainWindow::applyModel);
    connect(m_models, &ModelHolder::loadFailed, this, [this](const QString& message) {
        // Window-modal but not blocking: the app (and a test driving it) keeps running.
        auto* box =
            new QMessageBox(QMessageBox::Warning, tr("This model cannot be opened"),
                            tr("%1\n\nThe model in use stays open.").arg(message), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("modelLoadError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(message, 15000);
    });

    buildLoadProgress();

    QStringList presetErrors;
    const QList<Preset> presets = loadPresets(QStringLiteral(":/presets/prompts.json"), &presetErrors);
    for (const QString& e : presetErrors)
        qWarning("%s", qPrintable(e));
    m_explore->setPresets(presets);
    m_compare->setPresets(presets);

    // The model: the one asked for, else the built-in one; a bad file falls back with a message.
    // A big file loads on a thread of its own, with the progress bar, while the built-in model
    // shows; a small one (validation takes milliseconds) is there when the window first appears.
    constexpr qint64 kBackgroundBytes = qint64{64} << 20;
    const bool inBackground =
        !m_options.modelPath.isEmpty() && QFileInfo(m_options.modelPath).size() >= kBackgroundBytes;
    bool loaded = false;
    if (!m_options.modelPath.isEmpty() && !inBackground) {
        loaded = m_models->open(m_options.modelPath);
        if (!loaded)
            statusBar()->showMessage(m_models->lastError(), 15000);
    }
    if (!loaded && !m_models->openEmbedded())
        statusBar()->showMessage(m_models->lastError());
    if (inBackground)
        m_models->openInBackground(m_options.modelPath);

    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        const QRect screen = QApplication::primaryScreen()
                                 ? QApplication::primaryScreen()->availableGeometry()
                                 : QRect(0, 0, 1600, 1000);
        resize(screen.size() * 0.9);
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_learning->dock()->hide(); // a lesson opens when the learner picks one, not by itself
    QString mode = m_options.mode;
    if (mode.isEmpty())
        mode = settings.value(QStringLiteral("window/mode"), modeId(Mode::Explore)).toString();
    setMode(modeFromId(mode).value_or(Mode::Explore));
    if (!m_options.prompt.isEmpty()) {
        m_explore->setPrompt(m_options.prompt);
        m_compare->setMathPrompt(m_options.prompt);
    }
    if (m_options.fullScreen)
        showFullScreen();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildPages()
{
    m_pages = new QStackedWidget(this);
    for (const ModeInfo& info : modeTable()) {
        m_pages->addWidget(info.makePage(m_pages));
        m_pageModes.append(info.mode);
    }
    const auto page = [this](Mode mode) {
        return m_pages->widget(static_cast<int>(m_pageModes.indexOf(mode)));
    };
    m_explore = qobject_cast<ExplorePage*>(page(Mode::Explore));
    m_compare = qobject_cast<ComparePage*>(page(Mode::Compare));
    m_scale = qobject_cast<ScaleView*>(page(Mode::Scale));
    m_library = qobject_cast<LessonLibraryPage*>(page(Mode::Lessons));
    m_quiz = qobject_cast<QuizPage*>(page(Mode::Quiz));
    m_playground = qobject_cast<PlaygroundPage*>(page(Mode::Playground));
    // The experiments' "most math-leaning" filter measures the leaning in Compare's last runs.
    m_explore->experiments()->setLeaningSource(
        [this] { return measuredLeaning(*m_compare->mathTrace(), *m_compare->poemTrace()); });
}

void MainWindow::buildModeBar()
{
    auto* bar = new QToolBar(tr("Modes"), this);
    m_modeBar = bar;
    bar->setObjectName(QStringLiteral("modeBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QFont f = bar->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    bar->setFont(f);
    auto* title = new QLabel(tr("Tiny Experts"), bar);
    QFont tf = f;
    tf.setPointSizeF(f.pointSizeF() * 1.2);
    title->setFont(tf);
    title->setContentsMargins(8, 0, 24, 0);
    bar->addWidget(title);

    m_modeActions = new QActionGroup(this);
    for (const ModeInfo& info : modeTable()) {
        QAction* action = bar->addAction(info.title);
        action->setCheckable(true);
        action->setToolTip(modeToolTip(info));
        action->setShortcut(info.shortcut);
        action->setData(static_cast<int>(info.mode));
        m_modeActions->addAction(action);
        const Mode mode = info.mode;
        connect(action, &QAction::triggered, this, [this, mode] { setMode(mode); });
    }
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    QAction* classroom = bar->addAction(tr("Classroom"));
    classroom->setToolTip(tr("A full-screen presentation for a projector, driven by the keyboard (F5)"));
    connect(classroom, &QAction::triggered, this, &MainWindow::enterClassroom);
    m_modelLabel = new QLabel(bar);
    m_modelLabel->setContentsMargins(8, 0, 8, 0);
    QFont mf = m_modelLabel->font();
    mf.setBold(false);
    m_modelLabel->setFont(mf);
    bar->addWidget(m_modelLabel);
    addToolBar(Qt::TopToolBarArea, bar);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open model…"), QKeySequence::Open, this, &MainWindow::openModel)
        ->setToolTip(tr("Open any Mixtral-style GGUF model"));
    file->addAction(tr("Use the &built-in model"), this, &MainWindow::useEmbeddedModel);
    file->addSeparator();
    file->addAction(tr("Export &image…"), QKeySequence(QStringLiteral("Ctrl+E")), this,
                    &MainWindow::exportImage);
    file->addAction(tr("Export &trace (CSV or JSON)…"), QKeySequence(QStringLiteral("Ctrl+Shift+E")), this,
                    &MainWindow::exportTrace);
    file->addSeparator();
    // For teachers: paper to hand out (print/).
    file->addAction(tr("Export &worksheet as PDF…"), this, &MainWindow::exportWorksheet)
        ->setToolTip(tr("A worksheet for the prompt in Explore: its tokens and empty grids to colour in, "
                        "then an answer page with the experts the router really chose"));
    file->addAction(tr("Print &quiz as PDF…"), this, [this] { m_quiz->printTest(); })
        ->setToolTip(tr("A quiz as a printed test, with an answer key"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Run"), QKeySequence(QStringLiteral("Ctrl+Return")), this, [this] {
        if (mode() == Mode::Compare)
            m_compare->compare();
        else {
            setMode(Mode::Explore);
            m_explore->run();
        }
    });
    run->addAction(tr("&Pause / continue"), QKeySequence(Qt::Key_Space), m_explore,
                   &ExplorePage::togglePause);
    run->addAction(tr("&Step one token"), QKeySequence(Qt::Key_Right), m_explore, &ExplorePage::step);
    run->addAction(tr("S&top"), QKeySequence(Qt::Key_Escape), m_explore, &ExplorePage::stop);
    run->addSeparator();
    run->addAction(tr("S&lower"), QKeySequence(Qt::Key_Minus), m_explore, &ExplorePage::slower);
    run->addAction(tr("&Faster"), QKeySequence(Qt::Key_Plus), m_explore, &ExplorePage::faster);
    run->addAction(tr("&Experiments"), QKeySequence(QStringLiteral("Ctrl+L")), m_explore,
                   &ExplorePage::toggleExperiments);
    // Space and arrows belong to text fields while one has focus; elsewhere they drive the run.
    for (QAction* a : run->actions())
        a->setShortcutContext(Qt::WindowShortcut);
    m_runActions = run->actions();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_modeActions->actions());
    view->addSeparator();
    auto* themes = new QActionGroup(this);
    QMenu* themeMenu = view->addMenu(tr("&Theme"));
    const Theme::Kind current = Theme::fromName(QSettings().value(QStringLiteral("view/theme")).toString());
    for (const auto& [kind, text] :
         {std::pair{Theme::Kind::System, tr("&System")}, std::pair{Theme::Kind::Light, tr("&Light")},
          std::pair{Theme::Kind::Dark, tr("&Dark")}}) {
        QAction* a = themeMenu->addAction(text);
        a->setCheckable(true);
        a->setChecked(kind == (m_options.theme.isEmpty() ? current : Theme::fromName(m_options.theme)));
        themes->addAction(a);
        const Theme::Kind k = kind;
        connect(a, &QAction::triggered, this, [this, k] { setTheme(k); });
    }
    auto* languages = new QActionGroup(this);
    QMenu* languageMenu = view->addMenu(tr("&Language"));
    for (const AppLanguage& language : availableLanguages()) {
        QAction* a = languageMenu->addAction(language.nativeName); // each language in its own words
        a->setCheckable(true);
        a->setChecked(language.code == m_options.language);
        languages->addAction(a);
        const QString code = language.code;
        connect(a, &QAction::triggered, this, [this, code] { switchLanguage(code); });
    }
    view->addAction(tr("&Full screen"), QKeySequence(Qt::Key_F11), this, &MainWindow::toggleFullScreen);
    view->addAction(tr("&Classroom mode"), QKeySequence(Qt::Key_F5), this, &MainWindow::enterClassroom);
    QAction* fps = view->addAction(tr("Show frame &rate"));
    fps->setCheckable(true);
    fps->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+F")));
    connect(fps, &QAction::toggled, m_explore->expertGrid(), &ExpertGridView::setShowFrameStats);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&Glossary"), QKeySequence(Qt::CTRL | Qt::Key_G), this,
                    [this] { m_learning->showGlossary(); });
    help->addAction(tr("&About Tiny Experts"), this, &MainWindow::showAbout);
}

void MainWindow::setMode(Mode mode)
{
    if (mode != Mode::Explore && m_classroom && m_classroom->isOn())
        m_classroom->setOn(false);
    m_pages->setCurrentIndex(static_cast<int>(m_pageModes.indexOf(mode)));
    // Only the page on screen sets the window's minimum size: a wide page (Compare) must not keep
    // Explore with its lesson panel wider than a 1024-pixel screen.
    for (int i = 0; i < m_pages->count(); ++i) {
        const QSizePolicy::Policy policy =
            i == m_pages->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        m_pages->widget(i)->setSizePolicy(policy, policy);
    }
    m_pages->updateGeometry();
    for (QAction* a : m_modeActions->actions())
        a->setChecked(a->data().toInt() == static_cast<int>(mode));
}

MainWindow::Mode MainWindow::mode() const
{
    return m_pageModes.value(m_pages->currentIndex(), Mode::Explore);
}

void MainWindow::buildLearning()
{
    m_learning = new LearningWiring(this, {m_explore, m_compare, m_library, m_quiz, m_playground});
    connect(m_learning, &LearningWiring::statusMessage, this, &MainWindow::showStatus);
    connect(m_learning, &LearningWiring::pageRequested, this, [this](LessonAction::Mode mode) {
        if (mode == LessonAction::Mode::Explore)
            setMode(Mode::Explore);
        else if (mode == LessonAction::Mode::Compare)
            setMode(Mode::Compare);
        else if (mode == LessonAction::Mode::Scale)
            setMode(Mode::Scale);
        else if (mode == LessonAction::Mode::Playground) // its preset, run and race: LessonDriver
            setMode(Mode::Playground);
    });
    connect(m_learning, &LearningWiring::lessonFinished, this, [this] { setMode(Mode::Lessons); });
    m_learning->load(m_options.language);
}

ProgressStore* MainWindow::progress() const
{
    return m_learning->progress();
}

const LessonBook& MainWindow::lessons() const
{
    return m_learning->lessons();
}

bool MainWindow::startLesson(const QString& lessonId, int step)
{
    return m_learning->startLesson(lessonId, step);
}

void MainWindow::showStatus(const QString& text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::applyModel()
{
    const LoadedModel& m = m_models->current();
    m_explore->setModel(m.model, m.name);
    m_compare->setModel(m.model);
    const bool builtInLoaded = m.source.startsWith(QLatin1String(":/")); // a resource is the built-in model
    m_scale->setModelConfig(m.model->config(), m.name, builtInLoaded);
    m_learning->panel()->setModelShape(m.model->config().nLayer, m.model->config().nExpert,
                                       m.model->config().nExpertUsed);
    // The note needs the built-in model's shape (absent in some tests). With the built-in model
    // loaded there is no note, and the embedded file is not read a second time for its shape.
    const std::optional<moe::ModelConfig> builtIn = builtInLoaded ? std::nullopt : builtInConfig();
    const QString note = builtIn ? writtenForNote(*builtIn, m.model->config(), m.name, false) : QString();
    m_learning->panel()->setModelNote(note);
    m_quiz->setModelNote(note);
    const moe::ModelConfig& c = m.model->config();
    m_modelLabel->setText(tr("model: %1 · %2 layers · %3 experts, %4 awake per token")
                              .arg(m.name)
                              .arg(c.nLayer)
                              .arg(c.nExpert)
                              .arg(c.nExpertUsed));
    m_modelLabel->setToolTip(m.source);
    statusBar()->showMessage(tr("Model loaded: %1").arg(m.source), 5000);
}

void MainWindow::openModel()
{
    const QString dir = QSettings().value(QStringLiteral("files/modelDir")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a model"), dir,
                                                      tr("GGUF models (*.gguf);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("files/modelDir"), QFileInfo(path).absolutePath());
    m_models->openInBackground(path); // a failure keeps the current model and shows a message (loadFailed)
}

void MainWindow::buildLoadProgress()
{
    // In the status bar while a file loads: what, how far, and a way out. Hidden otherwise.
    m_loadBox = new QWidget(this);
    m_loadBox->setObjectName(QStringLiteral("modelLoadProgress"));
    auto* layout = new QHBoxLayout(m_loadBox);
    layout->setContentsMargins(0, 0, 0, 0);
    m_loadLabel = new QLabel(m_loadBox);
    m_loadBar = new QProgressBar(m_loadBox);
    m_loadBar->setRange(0, 100);
    m_loadBar->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    m_loadBar->setAccessibleName(tr("Loading progress"));
    auto* cancel = new QPushButton(tr("Cancel"), m_loadBox);
    cancel->setObjectName(QStringLiteral("cancelModelLoad"));
    cancel->setToolTip(tr("Stop loading; the model in use stays open"));
    layout->addWidget(m_loadLabel);
    layout->addWidget(m_loadBar);
    layout->addWidget(cancel);
    statusBar()->addPermanentWidget(m_loadBox);
    m_loadBox->hide();
    connect(cancel, &QPushButton::clicked, m_models, &ModelHolder::cancelLoad);
    connect(m_models, &ModelHolder::loadStarted, this, [this](const QString& fileName) {
        m_loadLabel->setText(tr("Loading %1…").arg(fileName));
        m_loadBar->setValue(0);
        m_loadBox->show();
    });
    connect(m_models, &ModelHolder::loadProgress, this,
            [this](double fraction) { m_loadBar->setValue(static_cast<int>(fraction * 100.0)); });
    connect(m_models, &ModelHolder::loadCancelled, this, [this] {
        statusBar()->showMessage(tr("Loading cancelled; the model in use stays open."), 8000);
    });
    connect(m_models, &ModelHolder::loadFinished, m_loadBox, &QWidget::hide);
}

std::optional<moe::ModelConfig> MainWindow::builtInConfig()
{
    if (!m_builtInConfig) {
        try {
            m_builtInConfig = loadEmbeddedModel().model->config();
        } catch (const ModelLoadError&) {
            return std::nullopt; // tried again next time; costs nothing when it is there
        }
    }
    return m_builtInConfig;
}

void MainWindow::useEmbeddedModel()
{
    m_models->openEmbedded();
}

void MainWindow::exportImage()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export image"), QStringLiteral("tiny-experts.png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!saveScreenshot(path))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1.").arg(path));
}

bool MainWindow::saveScreenshot(const QString& path)
{
    return grab().save(path, "PNG");
}

void MainWindow::exportTrace()
{
    if (m_explore->traceModel()->tokenCount() == 0) {
        QMessageBox::information(this, tr("Nothing to export yet"), tr("Run a prompt in Explore first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export trace"), QStringLiteral("trace.json"),
                                                      tr("JSON (*.json);;CSV (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        ::exportTrace(*m_explore->traceModel(), path);
        statusBar()->showMessage(tr("Trace written to %1").arg(path), 5000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::exportWorksheet()
{
    const QString path = exportWorksheetWithDialog(this, m_models->current(), m_explore->prompt());
    if (!path.isEmpty())
        statusBar()->showMessage(tr("Worksheet written to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::setTheme(Theme::Kind kind)
{
    Theme::apply(kind);
    QSettings().setValue(QStringLiteral("view/theme"), Theme::name(kind));
}

void MainWindow::switchLanguage(const QString& code)
{
    QSettings().setValue(QStringLiteral("view/language"), code);
    if (code == m_options.language)
        return;
    // Every string, lesson and number format is chosen at start-up, so the change needs a restart.
    QMessageBox box(QMessageBox::Information, tr("Language"),
                    tr("Tiny Experts will use the new language the next time it starts."),
                    QMessageBox::NoButton, this);
    QPushButton* restart = box.addButton(tr("Restart now"), QMessageBox::AcceptRole);
    box.addButton(tr("Later"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != restart)
        return;
    QStringList arguments = QApplication::arguments().mid(1);
    const qsizetype lang = arguments.indexOf(QStringLiteral("--lang"));
    if (lang >= 0)
        arguments.remove(lang, std::min<qsizetype>(2, arguments.size() - lang));
    if (QProcess::startDetached(QApplication::applicationFilePath(), arguments))
        close();
}

void MainWindow::toggleFullScreen()
{
    if (isFullScreen())
        showNormal();
    else
        showFullScreen();
}

void MainWindow::showShortcuts()
{
    QMessageBox::information(this, tr("Keyboard shortcuts"),
                             tr("<table cellpadding=3>%1"
                                "<tr><td><b>Ctrl+Enter</b></td><td>Run the prompt (or compare)</td></tr>"
                                "<tr><td><b>Space</b></td><td>Pause or continue</td></tr>"
                                "<tr><td><b>Right arrow</b></td><td>One token</td></tr>"
                                "<tr><td><b>Esc</b></td><td>Stop</td></tr>"
                                "<tr><td><b>- / +</b></td><td>Slower / faster</td></tr>"
                                "<tr><td><b>Ctrl+L</b></td><td>Experiments</td></tr>"
                                "<tr><td><b>Ctrl+O</b></td><td>Open a model</td></tr>"
                                "<tr><td><b>Ctrl+E</b></td><td>Export an image</td></tr>"
                                "<tr><td><b>Ctrl+Shift+E</b></td><td>Export the trace</td></tr>"
                                "<tr><td><b>F11</b></td><td>Full screen</td></tr>"
                                "<tr><td><b>F5</b></td><td>Classroom mode: Space one token, ← → tokens, ↑ ↓ "
                                "layers, P play / pause, + − speed, F full screen, Esc back</td></tr>"
                                "</table>")
                                 .arg(modeHelpRows()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Tiny Experts"),
        tr("<h3>Tiny Experts</h3><p>A real, small Mixture-of-Experts language model, trained by this "
           "project, runs inside this app. Every number on screen is computed from what its router "
           "really did.</p>"));
}

void MainWindow::enterClassroom()
{
    setMode(Mode::Explore);
    m_classroom->setOn(true);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mode"), modeId(mode()));
    m_explore->stop();
    event->accept();
}
