// The shared colour maths: mixing, transparency, dark or light, and WCAG contrast.
#include "style/colour_maths.h"

#include <QTest>

#include <cmath>

class TestColourMaths : public QObject {
    Q_OBJECT
private slots:
    void mixGoesFromOneToTheOther();
    void withAlphaClamps();
    void darkOrLight();
    void contrastFollowsWcag();
};

void TestColourMaths::mixGoesFromOneToTheOther()
{
    const QColor black(Qt::black), white(Qt::white);
    QCOMPARE(mix(black, white, 0.0), black);
    QCOMPARE(mix(black, white, 1.0), white);
    QCOMPARE(mix(black, white, 0.5).red(), 128);
    QCOMPARE(mix(QColor(200, 0, 0), QColor(0, 0, 200), 0.25), QColor(150, 0, 50));
    QCOMPARE(mix(black, white, 7.0), white); // t is clamped
    QCOMPARE(mix(black, white, -1.0), black);
    QCOMPARE(mix(withAlpha(black, 0.2), white, 0.5).alpha(), 255); // the mix is opaque
}

void TestColourMaths::withAlphaClamps()
{
    QCOMPARE(withAlpha(Qt::red, 0.5).alpha(), 128);
    QCOMPARE(withAlpha(Qt::red, 2.0).alpha(), 255);
    QCOMPARE(withAlpha(Qt::red, -1.0).alpha(), 0);
    QCOMPARE(withAlpha(Qt::red, 0.5).red(), 255);
}

void TestColourMaths::darkOrLight()
{
    QVERIFY(isDark(QColor(0x20, 0x20, 0x20)));
    QVERIFY(!isDark(QColor(0xf0, 0xf0, 0xf0)));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x30, 0x30, 0x30));
    QVERIFY(isDark(dark));
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xee, 0xee, 0xee));
    QVERIFY(!isDark(light));
}

void TestColourMaths::contrastFollowsWcag()
{
    QCOMPARE(relativeLuminance(Qt::black), 0.0);
    QCOMPARE(relativeLuminance(Qt::white), 1.0);
    QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
    QCOMPARE(contrastRatio(Qt::white, Qt::black), 21.0); // order does not matter
    QCOMPARE(contrastRatio(Qt::gray, Qt::gray), 1.0);
    // #777777 on white is the classic just-below-AA grey: 4.48 : 1.
    QVERIFY(std::abs(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
}

QTEST_MAIN(TestColourMaths)
#include "tst_colour_maths.moc"
