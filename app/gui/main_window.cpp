#include "app/gui/main_window.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

#include "core/device.h"

namespace fr::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("FaceRestore"));
  resize(960, 640);

  auto* fileMenu = menuBar()->addMenu(tr("&File"));
  fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit, QKeySequence::Quit);

  auto* hint = new QLabel(tr("Drop photos here to restore the faces in them."), this);
  hint->setAlignment(Qt::AlignCenter);
  setCentralWidget(hint);

  const fr::DeviceList devices = fr::list_devices();
  auto pick = fr::resolve_device(fr::DeviceChoice{}, devices);
  deviceLabel_ = new QLabel(this);
  deviceLabel_->setText(
      tr("Device: %1")
          .arg(QString::fromStdString(pick ? pick->str() + " (" + pick->reason + ")"
                                           : pick.error().message)));
  statusBar()->addPermanentWidget(deviceLabel_);
}

}  // namespace fr::gui
