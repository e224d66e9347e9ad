#include "app/gui/models_dialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
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

// How often the download's progress is sent to the GUI thread at most, in milliseconds.
constexpr qint64 kProgressIntervalMs = 100;

}  // namespace

ModelsDialog::ModelsDialog(QWidget* parent) : ModelsDialog(fr::model_catalog(), parent) {}

ModelsDialog::ModelsDialog(std::vector<fr::CatalogModel> catalog, QWidget* parent)
    : QDialog(parent), catalog_(std::move(catalog)) {
  setWindowTitle(tr("Models"));
  buildUi();
  fillTable();
  updateButtons();
}

ModelsDialog::~ModelsDialog() {
  // The worker threads post their results to this object: they must end before it does.
  // Posted calls not delivered yet are discarded with the object.
  if (cancel_) *cancel_ = true;
  joinJob();
  if (scanThread_.joinable()) scanThread_.join();
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
  if (scanThread_.joinable()) scanThread_.join();  // a finished scan's thread
  scanThread_ = std::thread([this, catalog = catalog_] {
    const auto entries = scanModels(fr::model_search_folders({}), catalog);
    QMetaObject::invokeMethod(
        this, [this, entries] { applyScan(entries); }, Qt::QueuedConnection);
  });
}

void ModelsDialog::applyScan(const QVector<ModelEntry>& entries) {
  scanning_ = false;
  if (scanThread_.joinable()) scanThread_.join();  // it has just posted this call
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

void ModelsDialog::startJob(std::function<void()> work) {
  joinJob();
  jobThread_ = std::thread(std::move(work));
}

void ModelsDialog::postJobResult(const fr::CatalogModel& model, const fr::Result<QString>& result) {
  const bool ok = result.ok();
  const QString message =
      ok ? tr("%1 is ready: %2").arg(qtext(model.name), QDir::toNativeSeparators(*result))
         : qtext(result.error().message);
  QMetaObject::invokeMethod(
      this, [this, ok, message] { finishJob(ok, message, false); }, Qt::QueuedConnection);
}

void ModelsDialog::joinJob() {
  if (jobThread_.joinable()) jobThread_.join();
}

void ModelsDialog::startDownload() {
  const fr::CatalogModel* selected = selectedModel();
  if (!selected || busy_ || !selected->supported) return;
  const fr::CatalogModel model = *selected;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  cancel_ = cancel;
  busy_ = true;
  updateButtons();
  progressBar_->setRange(0, 0);
  progressLabel_->setText(tr("Connecting…"));
  cancelButton_->setEnabled(true);
  progressBar_->show();
  progressLabel_->show();
  cancelButton_->show();
  setStatus(tr("Downloading %1 from %2…").arg(qtext(model.name), qtext(model.url)), false);
  startJob([this, model, cancel] {
    QElapsedTimer clock;
    clock.start();
    qint64 shownAt = -kProgressIntervalMs;
    auto result = downloadModel(model, [&](quint64 received, quint64 total) {
      if (*cancel) return false;
      if (clock.elapsed() - shownAt >= kProgressIntervalMs) {
        shownAt = clock.elapsed();
        QMetaObject::invokeMethod(
            this, [this, received, total] { showProgress(received, total); }, Qt::QueuedConnection);
      }
      return true;
    });
    postJobResult(model, result);
  });
}

void ModelsDialog::showProgress(quint64 received, quint64 total) {
  if (!busy_ || !cancel_ || *cancel_) return;
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
  if (!cancel_ || *cancel_) return;
  *cancel_ = true;
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
  startJob([this, file, model] {
    const auto check = checkModelFile(file, model);
    QMetaObject::invokeMethod(
        this, [this, file, model, check] { importChecked(file, model, check); },
        Qt::QueuedConnection);
  });
}

void ModelsDialog::importChecked(const QString& file, const fr::CatalogModel& model,
                                 const fr::Result<FileCheck>& check) {
  joinJob();
  if (!check) {
    finishJob(false, qtext(check.error().message), false);
    return;
  }
  bool accept = false;
  if (!check->matches) {
    const QString question =
        tr("%1 is not the official %2 (%3).\n\nUse it anyway? FaceRestore may fail to load it, "
           "or restore faces differently from the official model.")
            .arg(QDir::toNativeSeparators(file), qtext(model.name), check->detail);
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
  startJob([this, file, model, accept] { postJobResult(model, importModel(file, model, accept)); });
}

void ModelsDialog::finishJob(bool ok, const QString& message, bool declined) {
  joinJob();  // it has just posted this call
  const bool cancelled = cancel_ && *cancel_;
  cancel_.reset();
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
