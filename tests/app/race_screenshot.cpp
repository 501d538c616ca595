// Not a test: races a preset in the Race panel, prints the table and caption, and saves a picture
// of the panel, for the measured numbers and the screenshot a person looks at. Built on request:
//   cmake --build build --target race_screenshot
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/app/race_screenshot PRESET.conf OUT.png
#include "playground/race_panel.h"
#include "playground/race_record.h"
#include "playground/race_table.h"

#include "moe/playground.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: race_screenshot PRESET.conf OUT.png\n");
        return 2;
    }
    moe::PlaygroundSettings settings;
    try {
        settings = moe::PlaygroundSettings::fromSettings(moe::Settings::load(argv[1]));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    RacePanel panel;
    panel.resize(1500, 950);
    panel.show();
    panel.setMixtureSettings(settings);
    QObject::connect(&panel, &RacePanel::racingChanged, &app, [&](bool racing) {
        if (racing)
            return;
        const auto* table = panel.findChild<RaceTable*>();
        for (int r = 0; r < table->rowCount(); ++r) {
            QStringList cells;
            for (int c = 0; c < table->columnCount(); ++c)
                cells << table->item(r, c)->text();
            std::printf("%s\n", qPrintable(cells.join(QStringLiteral(" | "))));
        }
        std::printf("caption: %s\nerror: %s\n", qPrintable(panel.caption()), qPrintable(panel.errorText()));
        QTimer::singleShot(500, &app, [&] {
            panel.grab().save(QString::fromLocal8Bit(argv[2]));
            app.quit();
        });
    });
    panel.startRace();
    return app.exec();
}
