#include <QtTest>

class Testcompare_view : public QObject {
  Q_OBJECT
};

QTEST_MAIN(Testcompare_view)
#include "test_compare_view.moc"
