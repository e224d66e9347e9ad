// The main window of the desktop application: the list of loaded photos, the before/after
// comparison, the faces of the current photo, and the commands to load, restore and save.
// Restorations run on a RestoreWorker thread; the window only exchanges queued signals with
// value types with it, so it never freezes. GUI thread only.
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QThread>
#include <memory>

#include "app/gui/app_settings.h"
#include "app/gui/image_list.h"
#include "app/gui/restore_worker.h"
#include "core/device.h"

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace fr::gui {

class CompareView;
class FaceStrip;
class ModelsDialog;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // Loads the settings from the application's QSettings.
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // The one way photos get in (open, open folder, drop, paste, command line): image files and
  // the images directly inside folders are appended, others are reported in the status bar.
  // Returns how many were added.
  int addPaths(const QStringList& paths);

  const AppSettings& settings() const { return settings_; }
  // Replaces the settings (and saves them); used by the settings dialog and by tests.
  void setSettings(const AppSettings& settings);

  ImageList* imageList() const { return list_; }
  CompareView* compareView() const { return compare_; }
  FaceStrip* faceStrip() const { return faces_; }
  bool isRunning() const { return running_; }
  // The restored photo of `row` as it will be saved (the faces as chosen); empty if none.
  cv::Mat resultImage(int row) const;

 public slots:
  void restoreCurrent();
  void restoreAll();
  void cancelRun();
  // Save writes the current photo to its default path (image_export.h); Save All every
  // restored photo. They return false when something was not saved (a message was shown).
  bool saveCurrent();
  bool saveCurrentAs();
  bool saveAll();
  void openFiles();
  void openFolder();
  void pasteImage();
  void showSettings();
  // Opens the models page with `message` on top, selecting `modelId` when it is a catalog id.
  void showModels(const QString& message = {}, const QString& modelId = {});

 signals:
  // A run ended: every image was handled, it was cancelled, or it could not start.
  void runFinished(bool cancelled);
  // The photo at `row` was saved to `path`.
  void imageSaved(int row, const QString& path);
  // Asks the worker (queued) to restore `paths`.
  void restoreRequested(const fr::gui::AppSettings& settings, const QStringList& paths);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  // What the window keeps of a restored photo.
  struct ShownResult {
    std::shared_ptr<const RestoredImage> restored;
    std::vector<bool> included;  // per face: pasted back
    cv::Mat image;               // the final photo with the included faces
  };

  void createActions();
  void createLayout();
  void startRun(const QList<int>& rows);
  void showRow(int row);
  void updateActions();
  void setStatusMessage(const QString& text);
  bool saveRow(int row, const QString& target);
  QString lastFolder() const;
  void rememberFolder(const QString& path);

  void onProgress(int index, int count, const QString& stage, int step, int steps);
  void onImageRestored(const fr::gui::RestoredImage& image);
  void onImageFailed(const QString& path, const QString& message);
  void onFinished(bool cancelled);
  void onModelMissing(const QString& model, const QString& message);
  void onSetupFailed(const QString& message);
  void onFacesChosen(const QVector<bool>& included);

  AppSettings settings_;
  fr::DeviceList devices_;          // listed once at start-up
  ModelsDialog* models_ = nullptr;  // created on first use
  QThread workerThread_;
  RestoreWorker* worker_ = nullptr;  // lives on workerThread_
  bool running_ = false;
  bool cancelling_ = false;
  QStringList runPaths_;                 // the photos of the current run, in order
  QHash<QString, ShownResult> results_;  // by path

  ImageList* list_ = nullptr;
  QStackedWidget* centre_ = nullptr;
  CompareView* compare_ = nullptr;
  FaceStrip* faces_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* progressText_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QLabel* deviceLabel_ = nullptr;

  QAction* restoreAction_ = nullptr;
  QAction* restoreAllAction_ = nullptr;
  QAction* cancelAction_ = nullptr;
  QAction* saveAction_ = nullptr;
  QAction* saveAsAction_ = nullptr;
  QAction* saveAllAction_ = nullptr;
  QAction* removeAction_ = nullptr;
};

}  // namespace fr::gui
