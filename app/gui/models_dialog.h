// The models page: the catalog with each model's state, Download (progress, checksum), Import
// from a file, and the folder models live in. GUI thread; downloads run on a worker thread.
#pragma once

#include <QDialog>

namespace fr::gui {

class ModelsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ModelsDialog(QWidget* parent = nullptr);

  // A message shown above the list, e.g. why the page was opened; empty hides it.
  void setMessage(const QString& message);
  // Selects (and scrolls to) the catalog model `id`.
  void selectModel(const QString& id);
};

}  // namespace fr::gui
