// The main window of the desktop application: the list of loaded photos, the before/after
// comparison, the faces of the current photo, and the commands to load, restore and save.
// Restorations run on a RestoreWorker's thread; the pictures at photo size (decoding a photo
// to show it, preparing a result for the view, pasting faces back after a face is ticked, the
// list's thumbnails) on two DisplayWorkers'; saving on a SaveWorker's (worker_thread.h). The
// window only exchanges queued signals with value types with them and swaps finished pictures
// in, so it never freezes. GUI thread only.
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QSet>
#include <memory>

#include "app/gui/app_settings.h"
#include "app/gui/display_worker.h"
#include "app/gui/image_list.h"
#include "app/gui/restore_worker.h"
#include "app/gui/save_worker.h"
#include "app/gui/worker_thread.h"
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
  // The restored photo of `row` as it will be saved (the faces as chosen); empty if none, or
  // while the faces chosen last are still being pasted back (resultChanged follows).
  cv::Mat resultImage(int row) const;

 public slots:
  void restoreCurrent();
  void restoreAll();
  void cancelRun();
  // Save writes the current photo to its default path (image_export.h); Save All every
  // restored photo. The writing happens on the saving thread: they return whether every save
  // was asked for (false: nothing to save, the user declined to replace a file, or the faces
  // are still being pasted back); imageSaved or a message follows each one asked for.
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
  // The current photo is shown: decoded, or its result prepared (`error` says why not).
  void rowShown(int row, const QString& error);
  // The photo at `path` has a new result: restored, or its faces pasted back as chosen.
  void resultChanged(const QString& path);
  // Asks the restore worker (queued) to restore `paths`.
  void restoreRequested(const fr::gui::AppSettings& settings, const QStringList& paths);
  // Ask the display worker (queued): DisplayWorker's slots of the same names.
  void showFileRequested(quint64 ticket, const QString& path, int maxMegapixels);
  void showRestoredRequested(quint64 ticket, const fr::gui::SharedRestoredImage& restored,
                             const cv::Mat& after, const QVector<bool>& included);
  void compositeRequested(quint64 ticket, const fr::gui::SharedRestoredImage& restored,
                          const QVector<bool>& included);
  void thumbnailRequested(const QString& path);
  void saveRequested(const fr::gui::SharedRestoredImage& restored, const cv::Mat& image,
                     const QString& target, int quality, const QStringList& inputs);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  // What the window keeps of a restored photo.
  struct ShownResult {
    SharedRestoredImage restored;
    QVector<bool> included;  // per face: pasted back, as the user chose last
    // The final photo with the faces of `included`; empty while their composite is on its
    // way (compositeTicket is its request's).
    cv::Mat image;
    quint64 compositeTicket = 0;
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
  void onShown(quint64 ticket, const ViewImage& before, const ViewImage& after,
               const cv::Mat& afterImage, const QVector<FaceThumbnail>& faces,
               const QString& error);
  void onComposited(quint64 ticket, const SharedRestoredImage& restored, const cv::Mat& image,
                    const ViewImage& after, const QString& error);
  // Whether some photo's faces are still being pasted back (saving waits for it).
  bool compositing() const;
  void onSaved(const SharedRestoredImage& restored, const QString& target, const QString& error);
  // Save All's summary, once its last save has answered.
  void finishSaveAll();
  // A warning that does not block the window; `informative` says what to do, or is empty.
  void showWarning(const QString& title, const QString& text, const QString& informative = {});

  AppSettings settings_;
  fr::DeviceList devices_;          // listed once at start-up
  ModelsDialog* models_ = nullptr;  // created on first use
  WorkerThread<RestoreWorker> restoreThread_{QStringLiteral("restore")};
  WorkerThread<DisplayWorker> displayThread_{QStringLiteral("display")};
  WorkerThread<DisplayWorker> thumbnailThread_{QStringLiteral("thumbnails")};
  WorkerThread<SaveWorker> saveThread_{QStringLiteral("saving")};
  int savesPending_ = 0;         // asked for, not answered yet
  bool closeWhenSaved_ = false;  // closing waits for them
  // Save All's targets not answered yet, and its tally.
  QSet<QString> saveAllTargets_;
  int saveAllSaved_ = 0;
  int saveAllFailed_ = 0;
  QStringList saveAllErrors_;
  RestoreWorker* worker_ = nullptr;   // on restoreThread_
  DisplayWorker* display_ = nullptr;  // on displayThread_
  quint64 nextTicket_ = 1;            // for the display worker's requests
  quint64 showTicket_ = 0;            // the show request whose answer is wanted
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
