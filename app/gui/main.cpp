#include <QApplication>

#include "app/gui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("FaceRestore");
  QApplication::setOrganizationName("FaceRestore");
  fr::gui::MainWindow window;
  window.show();
  return app.exec();
}
