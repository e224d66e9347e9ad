#include "app/gui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "app/gui/compare_view.h"
#include "app/gui/device_options.h"
#include "app/gui/face_strip.h"
#include "app/gui/image_export.h"
#include "app/gui/image_inputs.h"
#include "app/gui/models_dialog.h"
#include "app/gui/settings_dialog.h"
#include "app/restore/image_io.h"

namespace fr::gui {
namespace {

// Window state, kept beside the settings (which are all in app_settings.h).
const char kLastFolderKey[] = "state/lastFolder";
const char kGeometryKey[] = "state/geometry";

// Where a stage of a photo is, in words ("restoring face 1 of 2").
QString stageText(const QString& stage, int step, int steps) {
  if (stage == QLatin1String("read")) return MainWindow::tr("reading");
  if (stage == QLatin1String("detect"))
    return steps > 1 ? MainWindow::tr("finding faces, part %1 of %2").arg(step).arg(steps)
                     : MainWindow::tr("finding faces");
  if (stage == QLatin1String("align")) return MainWindow::tr("aligning faces");
  if (stage == QLatin1String("restore"))
    return MainWindow::tr("restoring face %1 of %2").arg(step).arg(steps);
  if (stage == QLatin1String("background"))
    return MainWindow::tr("upscaling the background, part %1 of %2").arg(step).arg(steps);
  if (stage == QLatin1String("paste")) return MainWindow::tr("pasting the faces back");
  return stage;
}

// How far into one photo a stage is, 0 to 1, for the overall progress bar.
double stageFraction(const QString& stage, int step, int steps) {
  const double within = steps > 0 ? double(step - 1) / steps : 0.0;
  if (stage == QLatin1String("detect")) return 0.1 * within;
  if (stage == QLatin1String("align")) return 0.1;
  if (stage == QLatin1String("restore")) return 0.1 + 0.5 * within;
  if (stage == QLatin1String("background")) return 0.6 + 0.35 * within;
  if (stage == QLatin1String("paste")) return 0.95;
  return 0.0;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("FaceRestore"));
  setAcceptDrops(true);
  QSettings store;
  settings_ = AppSettings::load(store);
  devices_ = fr::system_devices();
  // A device saved as "vulkan:N" by an older version is kept as the identity of device N.
  const QString migrated =
      QString::fromStdString(fr::migrate_device_setting(settings_.device.toStdString(), devices_));
  if (migrated != settings_.device) {
    settings_.device = migrated;
    settings_.save(store);
  }

  registerWorkerTypes();
  registerDisplayTypes();
  worker_ = restoreThread_.worker();
  display_ = displayThread_.worker();
  connect(this, &MainWindow::restoreRequested, worker_, &RestoreWorker::restore,
          Qt::QueuedConnection);
  connect(worker_, &RestoreWorker::progress, this, &MainWindow::onProgress);
  connect(worker_, &RestoreWorker::imageRestored, this, &MainWindow::onImageRestored);
  connect(worker_, &RestoreWorker::imageFailed, this, &MainWindow::onImageFailed);
  connect(worker_, &RestoreWorker::finished, this, &MainWindow::onFinished);
  connect(worker_, &RestoreWorker::modelMissing, this, &MainWindow::onModelMissing);
  connect(worker_, &RestoreWorker::setupFailed, this, &MainWindow::onSetupFailed);
  connect(worker_, &RestoreWorker::modelsLoaded, this,
          [this](const QString& device, const QString& warning) {
            QString label = device;
            for (const auto& option : deviceOptions(devices_))
              if (option.value == device) label = option.label;
            deviceLabel_->setText(tr("Running on: %1").arg(label));
            deviceLabel_->setToolTip(warning);
            if (!warning.isEmpty()) statusBar()->showMessage(warning);
          });
  connect(this, &MainWindow::showFileRequested, display_, &DisplayWorker::showFile,
          Qt::QueuedConnection);
  connect(this, &MainWindow::showRestoredRequested, display_, &DisplayWorker::showRestored,
          Qt::QueuedConnection);
  connect(this, &MainWindow::compositeRequested, display_, &DisplayWorker::composite,
          Qt::QueuedConnection);
  connect(display_, &DisplayWorker::shown, this, &MainWindow::onShown);
  connect(display_, &DisplayWorker::composited, this, &MainWindow::onComposited);
  connect(this, &MainWindow::saveRequested, saveThread_.worker(), &SaveWorker::save,
          Qt::QueuedConnection);
  connect(saveThread_.worker(), &SaveWorker::saved, this, &MainWindow::onSaved);
  DisplayWorker* thumbnails = thumbnailThread_.worker();
  connect(this, &MainWindow::thumbnailRequested, thumbnails, &DisplayWorker::makeThumbnail,
          Qt::QueuedConnection);

  createLayout();
  connect(thumbnails, &DisplayWorker::thumbnailMade, list_, &ImageList::setThumbnail);
  createActions();
  if (!restoreGeometry(store.value(kGeometryKey).toByteArray())) resize(1200, 800);
  setSettings(settings_);
  updateActions();
}

MainWindow::~MainWindow() {
  // The workers' answers are queued to this window: their threads end first. Saves asked
  // for are written before.
  saveThread_.finishQueued();
  worker_->cancel();
  restoreThread_.stop();
  displayThread_.stop();
  thumbnailThread_.stop();
}

void MainWindow::createLayout() {
  list_ = new ImageList(this);
  list_->setObjectName(QStringLiteral("imageList"));
  list_->setMinimumWidth(220);
  connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
    showRow(row);
    updateActions();
  });

  auto* hint = new QLabel(
      tr("Drop photos or folders here, or use File → Open.\n\nFaceRestore finds every face, "
         "restores it and upscales the rest of the photo."),
      this);
  hint->setAlignment(Qt::AlignCenter);
  hint->setWordWrap(true);
  compare_ = new CompareView(this);
  compare_->setObjectName(QStringLiteral("compareView"));
  faces_ = new FaceStrip(this);
  faces_->setObjectName(QStringLiteral("faceStrip"));
  connect(faces_, &FaceStrip::includedChanged, this, &MainWindow::onFacesChosen);
  auto* viewSplit = new QSplitter(Qt::Vertical, this);
  viewSplit->addWidget(compare_);
  viewSplit->addWidget(faces_);
  viewSplit->setStretchFactor(0, 1);
  viewSplit->setCollapsible(0, false);
  centre_ = new QStackedWidget(this);
  centre_->addWidget(hint);
  centre_->addWidget(viewSplit);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(list_);
  split->addWidget(centre_);
  split->setStretchFactor(1, 1);
  setCentralWidget(split);

  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(240);
  progress_->setTextVisible(false);
  progressText_ = new QLabel(this);
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setObjectName(QStringLiteral("cancelButton"));
  connect(cancelButton_, &QPushButton::clicked, this, &MainWindow::cancelRun);
  deviceLabel_ = new QLabel(this);
  statusBar()->addWidget(progressText_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancelButton_);
  statusBar()->addPermanentWidget(deviceLabel_);
  progress_->hide();
  cancelButton_->hide();
}

void MainWindow::createActions() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open Photos…"), this, &MainWindow::openFiles, QKeySequence::Open);
  file->addAction(tr("Open &Folder…"), this, &MainWindow::openFolder,
                  QKeySequence(QStringLiteral("Ctrl+Shift+O")));
  file->addAction(tr("&Paste Photo"), this, &MainWindow::pasteImage, QKeySequence::Paste);
  file->addSeparator();
  saveAction_ = file->addAction(tr("&Save"), this, &MainWindow::saveCurrent, QKeySequence::Save);
  saveAsAction_ =
      file->addAction(tr("Save &As…"), this, &MainWindow::saveCurrentAs, QKeySequence::SaveAs);
  saveAllAction_ = file->addAction(tr("Save A&ll"), this, &MainWindow::saveAll);
  file->addSeparator();
  removeAction_ = file->addAction(tr("&Remove from List"), this, [this] {
    if (running_) return;
    for (auto* item : list_->selectedItems()) {
      results_.remove(item->data(Qt::UserRole).toString());
      delete item;
    }
    showRow(list_->currentRow());
    updateActions();
  });
  removeAction_->setShortcut(QKeySequence::Delete);
  file->addSeparator();
  file->addAction(tr("&Quit"), this, &QWidget::close, QKeySequence::Quit);

  auto* run = menuBar()->addMenu(tr("&Restore"));
  restoreAction_ = run->addAction(tr("&Restore This Photo"), this, &MainWindow::restoreCurrent,
                                  QKeySequence(QStringLiteral("F5")));
  restoreAllAction_ = run->addAction(tr("Restore &All Photos"), this, &MainWindow::restoreAll,
                                     QKeySequence(QStringLiteral("Shift+F5")));
  cancelAction_ = run->addAction(tr("&Cancel"), this, &MainWindow::cancelRun,
                                 QKeySequence(QStringLiteral("Esc")));

  auto* view = menuBar()->addMenu(tr("&View"));
  auto* modes = new QActionGroup(this);
  const std::pair<QString, CompareView::Mode> modeList[] = {
      {tr("&Split"), CompareView::Mode::split},
      {tr("Side &by Side"), CompareView::Mode::sideBySide},
      {tr("&Before"), CompareView::Mode::before},
      {tr("A&fter"), CompareView::Mode::after}};
  int key = 1;
  for (const auto& [text, mode] : modeList) {
    auto* a = view->addAction(text, this, [this, mode = mode] { compare_->setMode(mode); });
    a->setCheckable(true);
    a->setChecked(mode == compare_->mode());
    a->setShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+%1").arg(key++)));
    modes->addAction(a);
    connect(compare_, &CompareView::modeChanged, a,
            [a, mode = mode](CompareView::Mode m) { a->setChecked(m == mode); });
  }
  view->addAction(tr("&Toggle Before/After"), compare_, &CompareView::toggleBeforeAfter,
                  QKeySequence(QStringLiteral("T")));
  view->addSeparator();
  view->addAction(tr("Zoom &In"), compare_, &CompareView::zoomIn, QKeySequence::ZoomIn);
  view->addAction(tr("Zoom &Out"), compare_, &CompareView::zoomOut, QKeySequence::ZoomOut);
  view->addAction(tr("&Fit to Window"), compare_, &CompareView::zoomToFit,
                  QKeySequence(QStringLiteral("Ctrl+0")));
  view->addAction(tr("&Actual Size (100 %)"), compare_, &CompareView::zoomToActualSize,
                  QKeySequence(QStringLiteral("Ctrl+Shift+0")));

  auto* tools = menuBar()->addMenu(tr("&Tools"));
  tools->addAction(tr("&Settings…"), this, &MainWindow::showSettings, QKeySequence::Preferences);
  tools->addAction(tr("&Models…"), this, [this] { showModels(); });

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About FaceRestore"), this, [this] {
    QMessageBox::about(this, tr("About FaceRestore"),
                       tr("<b>FaceRestore</b><p>Restores faces in photos with GFPGAN and upscales "
                          "the rest with Real-ESRGAN, on any Vulkan GPU or on the CPU.</p>"
                          "<p>The models keep their own licenses (Tools → Models).</p>"));
  });

  auto* bar = addToolBar(tr("Main"));
  bar->setObjectName(QStringLiteral("mainToolBar"));
  bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  bar->addAction(tr("Open"), this, &MainWindow::openFiles);
  bar->addAction(restoreAction_);
  bar->addAction(restoreAllAction_);
  bar->addAction(saveAction_);
  bar->addSeparator();
  for (auto* a : modes->actions()) bar->addAction(a);
}

void MainWindow::setSettings(const AppSettings& settings) {
  settings_ = settings;
  QSettings store;
  settings_.save(store);
  QString label = settings_.device;
  for (const auto& option : deviceOptions(devices_))
    if (option.value == settings_.device) label = option.label;
  deviceLabel_->setText(tr("Device: %1").arg(label));
}

int MainWindow::addPaths(const QStringList& paths) {
  const auto inputs = collectImages(paths, list_->paths());
  for (const QString& path : inputs.images) {
    list_->addImage(path);
    emit thumbnailRequested(path);
  }
  if (!inputs.images.isEmpty()) {
    if (list_->currentRow() < 0) list_->setCurrentRow(list_->count() - int(inputs.images.size()));
    rememberFolder(QFileInfo(inputs.images.first()).absolutePath());
  }
  if (!inputs.ignored.isEmpty()) {
    QStringList names;
    for (const QString& p : inputs.ignored) names.append(QFileInfo(p).fileName());
    setStatusMessage(tr("Not a photo FaceRestore can read, skipped: %1").arg(names.join(", ")));
  } else if (!inputs.images.isEmpty()) {
    setStatusMessage(tr("Added %n photo(s).", nullptr, int(inputs.images.size())));
  }
  updateActions();
  return int(inputs.images.size());
}

void MainWindow::openFiles() {
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Open Photos"), lastFolder(),
      tr("Photos (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff);;All files (*)"));
  addPaths(files);
}

void MainWindow::openFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), lastFolder());
  if (!folder.isEmpty()) addPaths({folder});
}

void MainWindow::pasteImage() {
  const QMimeData* data = QApplication::clipboard()->mimeData();
  if (!data) return;
  if (data->hasUrls()) {
    if (addPaths(localPaths(data->urls())) > 0) return;
  }
  if (!data->hasImage()) {
    setStatusMessage(tr("The clipboard holds no photo."));
    return;
  }
  // A pasted photo has no file: keep it as a PNG in the application's data folder.
  const QImage image = qvariant_cast<QImage>(data->imageData());
  const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                             .filePath(QStringLiteral("pasted"));
  const QString path = QDir(folder).filePath(
      QStringLiteral("pasted-%1.png")
          .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
  if (image.isNull() || !QDir().mkpath(folder) || !image.save(path, "PNG")) {
    setStatusMessage(
        tr("The pasted photo could not be stored in %1.").arg(QDir::toNativeSeparators(folder)));
    return;
  }
  addPaths({path});
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!localPaths(event->mimeData()->urls()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QStringList paths = localPaths(event->mimeData()->urls());
  if (paths.isEmpty()) return;
  event->acceptProposedAction();
  addPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings().setValue(kGeometryKey, saveGeometry());
  if (running_) worker_->cancel();
  if (savesPending_ > 0) {
    // Photos asked to be saved are written first; onSaved closes the window after the last.
    closeWhenSaved_ = true;
    setStatusMessage(tr("Finishing saving; the window closes when it is done."));
    event->ignore();
    return;
  }
  event->accept();
}

void MainWindow::restoreCurrent() {
  if (list_->currentRow() >= 0) startRun({list_->currentRow()});
}

void MainWindow::restoreAll() {
  QList<int> rows;
  for (int row = 0; row < list_->count(); ++row)
    if (list_->status(row) != ImageStatus::done) rows.append(row);
  if (rows.isEmpty())  // all done: run them all again (e.g. with other settings)
    for (int row = 0; row < list_->count(); ++row) rows.append(row);
  startRun(rows);
}

void MainWindow::startRun(const QList<int>& rows) {
  if (running_ || rows.isEmpty()) return;
  runPaths_.clear();
  for (int row : rows) {
    runPaths_.append(list_->path(row));
    list_->setStatus(row, ImageStatus::waiting);
  }
  running_ = true;
  cancelling_ = false;
  progress_->setValue(0);
  progress_->show();
  cancelButton_->setEnabled(true);
  cancelButton_->show();
  setStatusMessage(tr("Loading the models…"));
  updateActions();
  worker_->prepareForBatch();
  emit restoreRequested(settings_, runPaths_);
}

void MainWindow::cancelRun() {
  if (!running_ || cancelling_) return;
  cancelling_ = true;
  worker_->cancel();
  cancelButton_->setEnabled(false);
  setStatusMessage(tr("Cancelling…"));
}

void MainWindow::onProgress(int index, int count, const QString& stage, int step, int steps) {
  if (index < 1 || index > runPaths_.size()) return;
  const int row = list_->rowOf(runPaths_[index - 1]);
  if (row >= 0 && list_->status(row) != ImageStatus::working)
    list_->setStatus(row, ImageStatus::working);
  progress_->setValue(int(1000.0 * (index - 1 + stageFraction(stage, step, steps)) / count));
  if (!cancelling_)
    setStatusMessage(
        tr("Photo %1 of %2: %3").arg(index).arg(count).arg(stageText(stage, step, steps)));
}

void MainWindow::onImageRestored(const RestoredImage& image) {
  const int row = list_->rowOf(image.path);
  if (row < 0) return;  // removed meanwhile
  ShownResult r;
  r.restored = std::make_shared<const RestoredImage>(image);
  r.included = QVector<bool>(int(image.result.faces.size()), true);
  r.image = image.result.image;
  results_.insert(image.path, std::move(r));
  // Device trouble worked around, or a face left unrestored: kept with the photo, and said.
  QStringList warnings;
  for (const std::string& w : image.result.warnings) warnings << QString::fromStdString(w);
  list_->setStatus(row, ImageStatus::done, warnings.join(QLatin1Char('\n')));
  if (!warnings.isEmpty())
    setStatusMessage(tr("%1: %2").arg(QFileInfo(image.path).fileName(), warnings.last()));
  if (row == list_->currentRow()) showRow(row);
  updateActions();
  emit resultChanged(image.path);
}

void MainWindow::onImageFailed(const QString& path, const QString& message) {
  const int row = list_->rowOf(path);
  if (row >= 0) list_->setStatus(row, ImageStatus::failed, message);
}

void MainWindow::onFinished(bool cancelled) {
  int done = 0, failed = 0;
  for (const QString& path : runPaths_) {
    const int row = list_->rowOf(path);
    if (row < 0) continue;
    if (list_->status(row) == ImageStatus::working) list_->setStatus(row, ImageStatus::waiting);
    done += list_->status(row) == ImageStatus::done;
    failed += list_->status(row) == ImageStatus::failed;
  }
  running_ = false;
  cancelling_ = false;
  runPaths_.clear();
  progress_->hide();
  cancelButton_->hide();
  if (cancelled)
    setStatusMessage(tr("Cancelled."));
  else if (done + failed > 0)
    setStatusMessage(tr("Finished: %1 restored, %2 failed.").arg(done).arg(failed));
  updateActions();
  emit runFinished(cancelled);
}

void MainWindow::onModelMissing(const QString& model, const QString& message) {
  showModels(message + QLatin1Char(' ') +
                 tr("Download it below or import a copy you already have, then press Restore "
                    "again."),
             model);
}

void MainWindow::onSetupFailed(const QString& message) {
  showWarning(tr("Cannot restore"), message,
              tr("Check the device and models in Tools → Settings."));
}

void MainWindow::showRow(int row) {
  // Whatever was asked for before is no longer wanted.
  showTicket_ = nextTicket_++;
  display_->skipShowsBefore(showTicket_);
  compare_->clear();
  faces_->clear();
  if (row < 0 || row >= list_->count()) {
    centre_->setCurrentIndex(0);
    return;
  }
  centre_->setCurrentIndex(1);
  const QString path = list_->path(row);
  const auto it = results_.constFind(path);
  if (it == results_.constEnd())
    emit showFileRequested(showTicket_, path, settings_.maxMegapixels);
  else  // while a composite is on its way, `image` is empty and onComposited shows it
    emit showRestoredRequested(showTicket_, it->restored, it->image, it->included);
}

void MainWindow::onShown(quint64 ticket, const ViewImage& before, const ViewImage& after,
                         const cv::Mat& afterImage, const QVector<FaceThumbnail>& faces,
                         const QString& error) {
  const int row = list_->currentRow();
  if (ticket != showTicket_ || row < 0) return;
  const auto it = results_.constFind(list_->path(row));
  if (it != results_.constEnd() && it->image.data != afterImage.data) {
    showRow(row);  // the faces were pasted back again meanwhile: show that result
    return;
  }
  compare_->setImages(before, after);
  faces_->setFaces(faces);
  if (!error.isEmpty())
    setStatusMessage(error);
  else if (list_->status(row) == ImageStatus::failed)
    setStatusMessage(tr("Failed: %1").arg(list_->reason(row)));
  emit rowShown(row, error);
}

void MainWindow::onFacesChosen(const QVector<bool>& included) {
  const int row = list_->currentRow();
  auto it = results_.find(list_->path(row));
  if (it == results_.end()) return;
  ShownResult& r = *it;
  if (included.size() != int(r.restored->result.faces.size())) return;
  r.included = included;
  r.image = cv::Mat();  // saving waits for the new one
  r.compositeTicket = nextTicket_++;
  emit compositeRequested(r.compositeTicket, r.restored, included);
  updateActions();
}

void MainWindow::onComposited(quint64 ticket, const SharedRestoredImage& restored,
                              const cv::Mat& image, const ViewImage& after, const QString& error) {
  const QString path = restored->path;
  auto it = results_.find(path);
  // Removed, restored again, or chosen again since: a later answer is wanted.
  if (it == results_.end() || it->restored != restored || it->compositeTicket != ticket) return;
  it->compositeTicket = 0;
  if (!error.isEmpty()) {
    setStatusMessage(error);  // no result to save until the faces are chosen again
    updateActions();
    return;
  }
  it->image = image;
  const int row = list_->currentRow();
  if (row >= 0 && list_->path(row) == path) compare_->setAfter(after);
  updateActions();
  emit resultChanged(path);
}

bool MainWindow::compositing() const {
  for (const ShownResult& r : results_)
    if (r.compositeTicket != 0) return true;
  return false;
}

cv::Mat MainWindow::resultImage(int row) const {
  const auto it = results_.constFind(list_->path(row));
  return it == results_.constEnd() ? cv::Mat() : it->image;
}

bool MainWindow::saveRow(int row, const QString& target) {
  const auto it = results_.constFind(list_->path(row));
  if (it == results_.constEnd() || it->image.empty()) return false;
  if (QFileInfo::exists(target) &&
      QMessageBox::question(
          this, tr("Replace file?"),
          tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(target))) !=
          QMessageBox::Yes)
    return false;
  ++savesPending_;
  setStatusMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(target)));
  emit saveRequested(it->restored, it->image, target, settings_.quality, list_->paths());
  return true;
}

void MainWindow::onSaved(const SharedRestoredImage& restored, const QString& target,
                         const QString& error) {
  --savesPending_;
  const bool inBatch = saveAllTargets_.remove(target);
  if (error.isEmpty()) {
    setStatusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(target)));
    const int row = list_->rowOf(restored->path);
    if (row >= 0) emit imageSaved(row, target);
  } else if (inBatch) {
    saveAllErrors_.append(error);
  } else {
    setStatusMessage(error);
    showWarning(tr("Cannot save"), error);
  }
  if (inBatch) {
    ++(error.isEmpty() ? saveAllSaved_ : saveAllFailed_);
    if (saveAllTargets_.isEmpty()) finishSaveAll();
  }
  if (savesPending_ == 0 && closeWhenSaved_) close();
}

void MainWindow::finishSaveAll() {
  setStatusMessage(tr("Saved %1 photos, %2 not saved.").arg(saveAllSaved_).arg(saveAllFailed_));
  if (!saveAllErrors_.isEmpty())
    showWarning(tr("Cannot save"), saveAllErrors_.join(QLatin1Char('\n')));
  saveAllErrors_.clear();
}

void MainWindow::showWarning(const QString& title, const QString& text,
                             const QString& informative) {
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setInformativeText(informative);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

bool MainWindow::saveCurrent() {
  const int row = list_->currentRow();
  if (row < 0 || resultImage(row).empty()) return false;
  return saveRow(row, defaultSavePath(list_->path(row), settings_));
}

bool MainWindow::saveCurrentAs() {
  const int row = list_->currentRow();
  if (row < 0 || resultImage(row).empty()) return false;
  const QString suggested =
      QDir(lastFolder())
          .filePath(QFileInfo(defaultSavePath(list_->path(row), settings_)).fileName());
  const QString target =
      QFileDialog::getSaveFileName(this, tr("Save Restored Photo"), suggested, saveFileFilter(),
                                   nullptr, QFileDialog::DontConfirmOverwrite);
  if (target.isEmpty()) return false;
  rememberFolder(QFileInfo(target).absolutePath());
  return saveRow(row, target);
}

bool MainWindow::saveAll() {
  if (compositing()) {
    setStatusMessage(
        tr("The faces you chose are still being pasted back; save again in a "
           "moment."));
    return false;
  }
  saveAllSaved_ = 0;
  saveAllFailed_ = 0;
  saveAllErrors_.clear();
  saveAllTargets_.clear();
  bool allAsked = true;
  for (int row = 0; row < list_->count(); ++row) {
    if (resultImage(row).empty()) continue;
    const QString target = defaultSavePath(list_->path(row), settings_);
    if (saveRow(row, target)) {
      saveAllTargets_.insert(target);
    } else {
      ++saveAllFailed_;
      allAsked = false;
    }
  }
  if (saveAllTargets_.isEmpty()) finishSaveAll();
  return allAsked;
}

void MainWindow::showSettings() {
  SettingsDialog dialog(settings_, deviceOptions(devices_), this);
  if (dialog.exec() == QDialog::Accepted) setSettings(dialog.settings());
}

void MainWindow::showModels(const QString& message, const QString& modelId) {
  if (!models_) models_ = new ModelsDialog(this);
  models_->setMessage(message);
  if (!modelId.isEmpty()) models_->selectModel(modelId);
  models_->show();
  models_->raise();
  models_->activateWindow();
}

void MainWindow::updateActions() {
  const int row = list_->currentRow();
  const bool hasResult = row >= 0 && !resultImage(row).empty();
  restoreAction_->setEnabled(!running_ && row >= 0);
  restoreAllAction_->setEnabled(!running_ && list_->count() > 0);
  cancelAction_->setEnabled(running_);
  saveAction_->setEnabled(hasResult);
  saveAsAction_->setEnabled(hasResult);
  saveAllAction_->setEnabled(!results_.isEmpty() && !compositing());
  removeAction_->setEnabled(!running_ && row >= 0);
}

void MainWindow::setStatusMessage(const QString& text) {
  progressText_->setText(text);
}

QString MainWindow::lastFolder() const {
  const QString folder = QSettings().value(kLastFolderKey).toString();
  return QDir(folder).exists() ? folder
                               : QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
}

void MainWindow::rememberFolder(const QString& path) {
  QSettings().setValue(kLastFolderKey, path);
}

}  // namespace fr::gui
