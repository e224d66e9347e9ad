#include <QtTest>

class Testimage_inputs : public QObject {
  Q_OBJECT
};

QTEST_MAIN(Testimage_inputs)
#include "test_image_inputs.moc"
