// The models page's work on files, done on a WorkerThread (worker_thread.h): checking the
// catalog's models on disk, downloading one, checking and importing a file the user already
// has (model_library.h does the work). Requests arrive as queued slots and each answer leaves as
// a queued signal, both with value types; cancel() and prepareForJob() are the direct calls.
#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>
#include <vector>

#include "app/gui/model_library.h"
#include "models/model_catalog.h"

namespace fr::gui {

using ModelCatalog = std::vector<fr::CatalogModel>;

class ModelFilesWorker : public QObject {
  Q_OBJECT

 public:
  explicit ModelFilesWorker(QObject* parent = nullptr);

  // Thread-safe: the download running now stops within about a second (its .part file kept
  // to resume from), and so does one asked for but not begun; its answer is an error saying
  // it was cancelled.
  void cancel();
  // Thread-safe, called just before asking for a download: an earlier cancel() no longer
  // applies.
  void prepareForJob();

 public slots:
  // The state of every model of `catalog` in model_search_folders({}); scanned() follows.
  void scan(const fr::gui::ModelCatalog& catalog);
  // downloadModel; progress() meanwhile (at most every 100 ms), then jobDone().
  void download(const fr::CatalogModel& model);
  // checkModelFile; checked() follows.
  void check(const QString& file, const fr::CatalogModel& model);
  // importModel; jobDone() follows.
  void import(const QString& file, const fr::CatalogModel& model, bool acceptMismatch);

 signals:
  void scanned(const QVector<fr::gui::ModelEntry>& entries);
  void progress(quint64 received, quint64 total);
  // `error` is empty when `file` could be read and compared (`check` says how it compares).
  void checked(const QString& file, const fr::CatalogModel& model, const fr::gui::FileCheck& check,
               const QString& error);
  // A download or an import ended: `ok` with the model file's path in `text`, or the reason
  // in `text`.
  void jobDone(const fr::CatalogModel& model, bool ok, const QString& text);

 private:
  std::atomic<bool> cancel_{false};
};

// Registers the value types above for queued connections; call once before connecting.
void registerModelFileTypes();

}  // namespace fr::gui

Q_DECLARE_METATYPE(fr::CatalogModel)
Q_DECLARE_METATYPE(fr::gui::ModelCatalog)
Q_DECLARE_METATYPE(fr::gui::ModelEntry)
Q_DECLARE_METATYPE(fr::gui::FileCheck)
