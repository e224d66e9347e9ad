#include <QtTest>

class Testmodel_library : public QObject {
  Q_OBJECT
};

QTEST_MAIN(Testmodel_library)
#include "test_model_library.moc"
