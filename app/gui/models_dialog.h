// The models page: the catalog with each model's state, Download (progress, checksum), Import
// from a file, and the folder models live in. GUI thread; scanning, and downloading or
// importing, run on two ModelFilesWorker threads (worker_thread.h) reached by queued signals.
#pragma once

#include <QDialog>
#include <QHash>
#include <functional>
#include <vector>

#include "app/gui/model_files_worker.h"
#include "app/gui/model_library.h"
#include "app/gui/worker_thread.h"
#include "models/model_catalog.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace fr::gui {

// Widgets carry object names for tests: messageLabel, modelTable (a QTreeWidget, one top-level
// item per catalog model with its id in column 0's Qt::UserRole data and its ModelState, as an
// int, in the state column's Qt::UserRole data; -1 while not checked yet), statusLabel,
// progressBar, progressLabel, cancelButton, folderLabel, openFolderButton, downloadButton and
// importButton.
//
// The models are looked for in model_search_folders({}); downloads and imports go to
// model_download_folder(). Closing the dialog cancels a download (its .part file is kept to
// resume from); destroying it waits for the worker threads: a download stops within about a
// second, an import copy or the first hash of a big file may take a few seconds. A scan runs
// beside a download or an import, not after it.
class ModelsDialog : public QDialog {
  Q_OBJECT

 public:
  enum Column { nameColumn, roleColumn, stateColumn, sizeColumn, licenseColumn };

  explicit ModelsDialog(QWidget* parent = nullptr);
  // The same for another catalog (tests).
  explicit ModelsDialog(std::vector<fr::CatalogModel> catalog, QWidget* parent = nullptr);
  ~ModelsDialog() override;

  // A message shown above the list, e.g. why the page was opened; empty hides it.
  void setMessage(const QString& message);
  // Selects (and scrolls to) the catalog model `id`.
  void selectModel(const QString& id);

  // Asks the user for a file to import, starting in `start`; empty when cancelled.
  using FileChooser = std::function<QString(QWidget* parent, const QString& start)>;
  // Asks whether to import a file that is not the official model; `question` explains.
  using MismatchQuestion = std::function<bool(QWidget* parent, const QString& question)>;
  // Replace the QFileDialog and QMessageBox behind "Import…" (tests).
  void setImportFileChooser(FileChooser chooser);
  void setMismatchQuestion(MismatchQuestion question);

  // True while a download or an import runs.
  bool busy() const { return busy_; }

  // Closing (Close, Esc, the window's close button) cancels a download first.
  void done(int result) override;

 public slots:
  // Checks every model's file again on a worker thread ("Checking…" meanwhile); scanned()
  // follows. Called when the dialog is shown.
  void rescan();

 signals:
  // A download or an import succeeded: a model file was added or replaced.
  void modelsChanged();
  // A rescan has filled in the table.
  void scanned();
  // A download or an import ended, successfully or not (`message` says how).
  void jobFinished(bool ok, const QString& message);
  // Ask the workers (queued): ModelFilesWorker's slots of the same names.
  void scanRequested(const fr::gui::ModelCatalog& catalog);
  void downloadRequested(const fr::CatalogModel& model);
  void checkRequested(const QString& file, const fr::CatalogModel& model);
  void importRequested(const QString& file, const fr::CatalogModel& model, bool acceptMismatch);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildUi();
  void fillTable();
  QTreeWidgetItem* itemFor(const QString& id) const;
  const fr::CatalogModel* selectedModel() const;
  void applyScan(const QVector<ModelEntry>& entries);
  void showEntry(QTreeWidgetItem* item, const ModelEntry& entry);
  void updateButtons();
  void setStatus(const QString& text, bool isError);

  void startDownload();
  void showProgress(quint64 received, quint64 total);
  void startImport();
  // The import's file was checked (`error` empty): asks about a mismatch, then copies.
  void importChecked(const QString& file, const fr::CatalogModel& model, const FileCheck& check,
                     const QString& error);
  // A download or an import ended: `text` is the model's path or the reason.
  void onJobDone(const fr::CatalogModel& model, bool ok, const QString& text);
  // The job ended; `declined`: the user chose not to import (not an error).
  void finishJob(bool ok, const QString& message, bool declined);
  void cancelDownload();

  std::vector<fr::CatalogModel> catalog_;
  QHash<QString, ModelEntry> entries_;  // by model id, from the last scan

  QLabel* messageLabel_ = nullptr;
  QTreeWidget* table_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QProgressBar* progressBar_ = nullptr;
  QLabel* progressLabel_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QLabel* folderLabel_ = nullptr;
  QPushButton* openFolderButton_ = nullptr;
  QPushButton* downloadButton_ = nullptr;
  QPushButton* importButton_ = nullptr;

  FileChooser fileChooser_;
  MismatchQuestion mismatchQuestion_;

  bool scanning_ = false;
  bool rescanAgain_ = false;  // rescan() was called during a scan
  bool busy_ = false;         // a download or an import runs; one at a time
  bool downloading_ = false;  // the job is a download (which Cancel stops)
  bool cancelling_ = false;   // the download was cancelled; its answer is on its way
  WorkerThread<ModelFilesWorker> scanThread_{QStringLiteral("model scan")};
  WorkerThread<ModelFilesWorker> jobThread_{QStringLiteral("model files")};
};

}  // namespace fr::gui
