// The one number formatter of the app: the cost panel and Scale write "1.3M" alike, and German
// gets decimal commas and its own units.
#include "shell/language.h"
#include "style/number_format.h"

#include <QLocale>
#include <QTest>

class TestNumberFormat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void compactNumbers_data();
    void compactNumbers();
    void percentages();
    void germanUsesCommasAndItsUnits(); // last: it installs the German translation
};

void TestNumberFormat::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestNumberFormat::compactNumbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::newRow("small stays whole") << 512.0 << 1 << "512";
    QTest::newRow("below a thousand") << 950.0 << 1 << "950";
    QTest::newRow("thousands") << 12345.0 << 1 << "12.3K";
    QTest::newRow("millions") << 1'640'000.0 << 1 << "1.6M";
    QTest::newRow("no decimals from 100") << 250e6 << 1 << "250M";
    QTest::newRow("billions") << 46.7e9 << 1 << "46.7B";
    QTest::newRow("three digits") << 141e9 << 1 << "141B";
    QTest::newRow("no .0") << 17e9 << 1 << "17B";
    QTest::newRow("trillions") << 1.6e12 << 1 << "1.6T";
    QTest::newRow("rounding picks the unit") << 999.97e6 << 1 << "1B";
    QTest::newRow("two decimals") << 5.6333e9 << 2 << "5.63B";
    QTest::newRow("trailing zero trimmed") << 2.5e6 << 2 << "2.5M";
}

void TestNumberFormat::compactNumbers()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(compactNumber(value, decimals), expected);
}

void TestNumberFormat::percentages()
{
    QCOMPARE(percentText(0.055), QStringLiteral("5.5%"));
    QCOMPARE(percentText(0.283), QStringLiteral("28%"));
    QCOMPARE(percentText(0.25, 0), QStringLiteral("25%"));
    QCOMPARE(percentText(0.0, 0), QStringLiteral("0%"));
    QCOMPARE(percentText(1.0), QStringLiteral("100%"));
}

void TestNumberFormat::germanUsesCommasAndItsUnits()
{
    QVERIFY(installLanguage(*QCoreApplication::instance(), QStringLiteral("de")));
    const QString nbsp(QChar(0x00A0));
    QCOMPARE(compactNumber(46.7e9), QStringLiteral("46,7") + nbsp + QStringLiteral("Mrd."));
    QCOMPARE(compactNumber(1'300'000), QStringLiteral("1,3") + nbsp + QStringLiteral("Mio."));
    QCOMPARE(percentText(0.055), QStringLiteral("5,5") + nbsp + QStringLiteral("%"));
}

QTEST_MAIN(TestNumberFormat)
#include "tst_number_format.moc"
