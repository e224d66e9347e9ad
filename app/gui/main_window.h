// The main window of the desktop application.
#pragma once

#include <QMainWindow>

class QLabel;

namespace fr::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

 private:
  QLabel* deviceLabel_ = nullptr;
};

}  // namespace fr::gui
