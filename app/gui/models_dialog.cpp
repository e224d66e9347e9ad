#include "app/gui/models_dialog.h"

namespace fr::gui {

ModelsDialog::ModelsDialog(QWidget* parent) : QDialog(parent) {}
void ModelsDialog::setMessage(const QString&) {}
void ModelsDialog::selectModel(const QString&) {}

}  // namespace fr::gui
