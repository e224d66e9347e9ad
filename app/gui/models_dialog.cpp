#include "app/gui/models_dialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <system_error>

#include "core/path_text.h"

namespace fr::gui {
namespace {

QString qtext(const std::string& utf8) {
  return QString::fromStdString(utf8);
}

QString folderText(const std::filesystem::path& folder) {
  return QDir::toNativeSeparators(QString::fromStdString(fr::path_text(folder)));
}

QString dataSize(quint64 bytes) {
  return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

}  // namespace

ModelsDialog::ModelsDialog(QWidget* parent) : ModelsDialog(fr::model_catalog(), parent) {}

ModelsDialog::ModelsDialog(std::vector<fr::CatalogModel> catalog, QWidget* parent)
    : QDialog(parent), catalog_(std::move(catalog)) {
  setWindowTitle(tr("Models"));
  registerModelFileTypes();
  ModelFilesWorker* scanner = scanThread_.worker();
  ModelFilesWorker* files = jobThread_.worker();
  connect(this, &ModelsDialog::scanRequested, scanner, &ModelFilesWorker::scan,
          Qt::QueuedConnection);
  connect(scanner, &ModelFilesWorker::scanned, this, &ModelsDialog::applyScan);
  connect(this, &ModelsDialog::downloadRequested, files, &ModelFilesWorker::download,
          Qt::QueuedConnection);
  connect(this, &ModelsDialog::checkRequested, files, &ModelFilesWorker::check,
          Qt::QueuedConnection);
  connect(this, &ModelsDialog::importRequested, files, &ModelFilesWorker::import,
          Qt::QueuedConnection);
  connect(files, &ModelFilesWorker::progress, this, &ModelsDialog::showProgress);
  connect(files, &ModelFilesWorker::checked, this, &ModelsDialog::importChecked);
  connect(files, &ModelFilesWorker::jobDone, this, &ModelsDialog::onJobDone);
  buildUi();
  fillTable();
  updateButtons();
}

ModelsDialog::~ModelsDialog() {
  // The workers' answers are queued to this dialog: their threads end first.
  jobThread_.worker()->cancel();
  jobThread_.stop();
  scanThread_.stop();
}

void ModelsDialog::buildUi() {
  auto* layout = new QVBoxLayout(this);

  messageLabel_ = new QLabel;
  messageLabel_->setObjectName(QStringLiteral("messageLabel"));
  messageLabel_->setWordWrap(true);
  messageLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  messageLabel_->setFrameShape(QFrame::StyledPanel);
  messageLabel_->setMargin(8);
  messageLabel_->setAutoFillBackground(true);
  QPalette highlighted = messageLabel_->palette();
  highlighted.setColor(QPalette::Window, highlighted.color(QPalette::ToolTipBase));
  highlighted.setColor(QPalette::WindowText, highlighted.color(QPalette::ToolTipText));
  messageLabel_->setPalette(highlighted);
  messageLabel_->hide();
  layout->addWidget(messageLabel_);

  table_ = new QTreeWidget;
  table_->setObjectName(QStringLiteral("modelTable"));
  table_->setRootIsDecorated(false);
  table_->setUniformRowHeights(true);
  table_->setAllColumnsShowFocus(true);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setHeaderLabels({tr("Name"), tr("Role"), tr("State"), tr("Size"), tr("License")});
  for (int c : {nameColumn, roleColumn, stateColumn, sizeColumn})
    table_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  table_->header()->setStretchLastSection(true);
  connect(table_, &QTreeWidget::itemSelectionChanged, this, &ModelsDialog::updateButtons);
  layout->addWidget(table_, 1);

  statusLabel_ = new QLabel;
  statusLabel_->setObjectName(QStringLiteral("statusLabel"));
  statusLabel_->setWordWrap(true);
  statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statusLabel_->hide();
  layout->addWidget(statusLabel_);

  auto* progressRow = new QHBoxLayout;
  progressBar_ = new QProgressBar;
  progressBar_->setObjectName(QStringLiteral("progressBar"));
  progressBar_->setTextVisible(false);
  progressLabel_ = new QLabel;
  progressLabel_->setObjectName(QStringLiteral("progressLabel"));
  cancelButton_ = new QPushButton(tr("Cancel"));
  cancelButton_->setObjectName(QStringLiteral("cancelButton"));
  connect(cancelButton_, &QPushButton::clicked, this, &ModelsDialog::cancelDownload);
  progressRow->addWidget(progressBar_, 1);
  progressRow->addWidget(progressLabel_);
  progressRow->addWidget(cancelButton_);
  progressBar_->hide();
  progressLabel_->hide();
  cancelButton_->hide();
  layout->addLayout(progressRow);

  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(new QLabel(tr("Model folder:")));
  folderLabel_ = new QLabel;
  folderLabel_->setObjectName(QStringLiteral("folderLabel"));
  folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  folderRow->addWidget(folderLabel_, 1);
  openFolderButton_ = new QPushButton(tr("Open folder"));
  openFolderButton_->setObjectName(QStringLiteral("openFolderButton"));
  connect(openFolderButton_, &QPushButton::clicked, this, [this] {
    const auto folder = fr::model_download_folder();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
      setStatus(tr("Cannot create the model folder %1 (%2). Set FACERESTORE_MODELS to a folder "
                   "you can write to.")
                    .arg(folderText(folder), qtext(ec.message())),
                true);
      return;
    }
    const QString path = QString::fromStdString(fr::path_text(folder));
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
      setStatus(tr("Cannot open %1 in the file manager; open it yourself.").arg(folderText(folder)),
                true);
  });
  folderRow->addWidget(openFolderButton_);
  layout->addLayout(folderRow);
  folderLabel_->setText(folderText(fr::model_download_folder()));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  downloadButton_ = buttons->addButton(tr("Download"), QDialogButtonBox::ActionRole);
  downloadButton_->setObjectName(QStringLiteral("downloadButton"));
  importButton_ = buttons->addButton(tr("Import…"), QDialogButtonBox::ActionRole);
  importButton_->setObjectName(QStringLiteral("importButton"));
  connect(downloadButton_, &QPushButton::clicked, this, &ModelsDialog::startDownload);
  connect(importButton_, &QPushButton::clicked, this, &ModelsDialog::startImport);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  resize(820, 440);
}

void ModelsDialog::fillTable() {
  const QBrush grey = palette().brush(QPalette::Disabled, QPalette::Text);
  for (const auto& model : catalog_) {
    auto* item = new QTreeWidgetItem(table_);
    item->setText(nameColumn, qtext(model.name));
    item->setData(nameColumn, Qt::UserRole, qtext(model.id));
    item->setText(roleColumn, qtext(model.role));
    item->setText(stateColumn, tr("Checking…"));
    item->setData(stateColumn, Qt::UserRole, -1);
    item->setText(sizeColumn, model.size ? dataSize(*model.size) : QStringLiteral("—"));
    item->setText(licenseColumn, qtext(model.license));
    item->setToolTip(licenseColumn, qtext(model.license));
    if (!model.supported) {
      const QString note = model.note.empty() ? tr("not supported yet") : qtext(model.note);
      for (int c = 0; c < table_->columnCount(); ++c) {
        item->setForeground(c, grey);
        item->setToolTip(c, note);
      }
    }
  }
}

QTreeWidgetItem* ModelsDialog::itemFor(const QString& id) const {
  for (int i = 0; i < table_->topLevelItemCount(); ++i) {
    auto* item = table_->topLevelItem(i);
    if (item->data(nameColumn, Qt::UserRole).toString() == id) return item;
  }
  return nullptr;
}

const fr::CatalogModel* ModelsDialog::selectedModel() const {
  const auto selected = table_->selectedItems();
  if (selected.isEmpty()) return nullptr;
  const std::string id = selected.first()->data(nameColumn, Qt::UserRole).toString().toStdString();
  for (const auto& model : catalog_)
    if (model.id == id) return &model;
  return nullptr;
}

void ModelsDialog::setMessage(const QString& message) {
  messageLabel_->setText(message);
  messageLabel_->setVisible(!message.isEmpty());
}

void ModelsDialog::selectModel(const QString& id) {
  if (auto* item = itemFor(id)) {
    table_->setCurrentItem(item);
    table_->scrollToItem(item);
  }
}

void ModelsDialog::setImportFileChooser(FileChooser chooser) {
  fileChooser_ = std::move(chooser);
}

void ModelsDialog::setMismatchQuestion(MismatchQuestion question) {
  mismatchQuestion_ = std::move(question);
}

void ModelsDialog::showEvent(QShowEvent* event) {
  QDialog::showEvent(event);
  folderLabel_->setText(folderText(fr::model_download_folder()));
  rescan();
}

void ModelsDialog::done(int result) {
  cancelDownload();
  QDialog::done(result);
}

void ModelsDialog::rescan() {
  if (scanning_) {
    rescanAgain_ = true;
    return;
  }
  scanning_ = true;
  rescanAgain_ = false;
  for (int i = 0; i < table_->topLevelItemCount(); ++i)
    table_->topLevelItem(i)->setText(stateColumn, tr("Checking…"));
  emit scanRequested(catalog_);
}

void ModelsDialog::applyScan(const QVector<ModelEntry>& entries) {
  scanning_ = false;
  for (const auto& entry : entries) {
    const QString id = qtext(entry.model.id);
    entries_.insert(id, entry);
    if (auto* item = itemFor(id)) showEntry(item, entry);
  }
  updateButtons();
  emit scanned();
  if (rescanAgain_) rescan();
}

void ModelsDialog::showEntry(QTreeWidgetItem* item, const ModelEntry& entry) {
  QString state = modelStateName(entry.state);
  if (entry.state == ModelState::corrupt && !entry.detail.isEmpty())
    state = tr("%1 (%2)").arg(state, entry.detail);
  if (!entry.model.supported)
    state = tr("%1 — %2").arg(
        state, entry.model.note.empty() ? tr("not supported yet") : qtext(entry.model.note));
  item->setText(stateColumn, state);
  item->setData(stateColumn, Qt::UserRole, int(entry.state));
  QStringList tip;
  if (!entry.path.isEmpty()) tip << QDir::toNativeSeparators(entry.path);
  if (entry.state == ModelState::present)
    tip << (entry.verified ? tr("checksum verified") : entry.detail);
  else if (!entry.detail.isEmpty())
    tip << entry.detail;
  tip.removeAll(QString());
  item->setToolTip(stateColumn, tip.join(QLatin1Char('\n')));
  if (!entry.model.size && !entry.path.isEmpty())
    item->setText(sizeColumn, dataSize(quint64(QFileInfo(entry.path).size())));
}

void ModelsDialog::updateButtons() {
  const fr::CatalogModel* model = selectedModel();
  const auto entry = model ? entries_.constFind(qtext(model->id)) : entries_.constEnd();
  const bool needsFile = entry != entries_.constEnd() && entry->state != ModelState::present;
  downloadButton_->setEnabled(!busy_ && model && model->supported && needsFile);
  importButton_->setEnabled(!busy_ && model && model->supported);
}

void ModelsDialog::setStatus(const QString& text, bool isError) {
  statusLabel_->setText(text);
  statusLabel_->setStyleSheet(isError ? QStringLiteral("color: #c0392b;") : QString());
  statusLabel_->setVisible(!text.isEmpty());
}

void ModelsDialog::startDownload() {
  const fr::CatalogModel* selected = selectedModel();
  if (!selected || busy_ || !selected->supported) return;
  const fr::CatalogModel model = *selected;
  busy_ = true;
  downloading_ = true;
  cancelling_ = false;
  updateButtons();
  progressBar_->setRange(0, 0);
  progressLabel_->setText(tr("Connecting…"));
  cancelButton_->setEnabled(true);
  progressBar_->show();
  progressLabel_->show();
  cancelButton_->show();
  setStatus(tr("Downloading %1 from %2…").arg(qtext(model.name), qtext(model.url)), false);
  jobThread_.worker()->prepareForJob();
  emit downloadRequested(model);
}

void ModelsDialog::showProgress(quint64 received, quint64 total) {
  if (!busy_ || cancelling_) return;
  if (total > 0) {
    progressBar_->setRange(0, 1000);
    progressBar_->setValue(int(std::min<quint64>(received, total) * 1000 / total));
    progressLabel_->setText(tr("%1 of %2").arg(dataSize(received), dataSize(total)));
  } else {
    progressBar_->setRange(0, 0);
    progressLabel_->setText(dataSize(received));
  }
}

void ModelsDialog::cancelDownload() {
  if (!downloading_ || cancelling_) return;
  cancelling_ = true;
  jobThread_.worker()->cancel();
  cancelButton_->setEnabled(false);
  progressLabel_->setText(tr("Cancelling…"));
}

void ModelsDialog::startImport() {
  const fr::CatalogModel* selected = selectedModel();
  if (!selected || busy_ || !selected->supported) return;
  const fr::CatalogModel model = *selected;
  const QString start = QDir::homePath();
  const QString file = fileChooser_
                           ? fileChooser_(this, start)
                           : QFileDialog::getOpenFileName(
                                 this, tr("Import %1").arg(qtext(model.name)), start,
                                 tr("Model files (*.pth *.pt *.safetensors);;All files (*)"));
  if (file.isEmpty()) return;
  busy_ = true;
  updateButtons();
  progressBar_->setRange(0, 0);
  progressBar_->show();
  setStatus(tr("Checking %1…").arg(QDir::toNativeSeparators(file)), false);
  emit checkRequested(file, model);
}

void ModelsDialog::importChecked(const QString& file, const fr::CatalogModel& model,
                                 const FileCheck& check, const QString& error) {
  if (!error.isEmpty()) {
    finishJob(false, error, false);
    return;
  }
  bool accept = false;
  if (!check.matches) {
    const QString question =
        tr("%1 is not the official %2 (%3).\n\nUse it anyway? FaceRestore may fail to load it, "
           "or restore faces differently from the official model.")
            .arg(QDir::toNativeSeparators(file), qtext(model.name), check.detail);
    accept = mismatchQuestion_ ? mismatchQuestion_(this, question)
                               : QMessageBox::question(this, tr("Not the official model"), question,
                                                       QMessageBox::Yes | QMessageBox::No,
                                                       QMessageBox::No) == QMessageBox::Yes;
    if (!accept) {
      finishJob(false, tr("%1 was not imported.").arg(QDir::toNativeSeparators(file)), true);
      return;
    }
  }
  setStatus(tr("Copying %1 into %2…")
                .arg(QDir::toNativeSeparators(file), folderText(fr::model_download_folder())),
            false);
  emit importRequested(file, model, accept);
}

void ModelsDialog::onJobDone(const fr::CatalogModel& model, bool ok, const QString& text) {
  finishJob(
      ok, ok ? tr("%1 is ready: %2").arg(qtext(model.name), QDir::toNativeSeparators(text)) : text,
      false);
}

void ModelsDialog::finishJob(bool ok, const QString& message, bool declined) {
  const bool cancelled = cancelling_;
  cancelling_ = false;
  downloading_ = false;
  busy_ = false;
  progressBar_->hide();
  progressLabel_->hide();
  cancelButton_->hide();
  setStatus(message, !ok && !cancelled && !declined);
  updateButtons();
  if (ok) {
    emit modelsChanged();
    rescan();
  }
  emit jobFinished(ok, message);
}

}  // namespace fr::gui
