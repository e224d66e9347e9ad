#include "app/gui/model_files_worker.h"

#include <QElapsedTimer>

namespace fr::gui {
namespace {

// How often a download's progress is sent at most, in milliseconds.
constexpr qint64 kProgressIntervalMs = 100;

}  // namespace

void registerModelFileTypes() {
  qRegisterMetaType<fr::CatalogModel>();
  qRegisterMetaType<fr::gui::ModelCatalog>();
  qRegisterMetaType<fr::gui::ModelEntry>();
  qRegisterMetaType<QVector<fr::gui::ModelEntry>>();
  qRegisterMetaType<fr::gui::FileCheck>();
}

ModelFilesWorker::ModelFilesWorker(QObject* parent) : QObject(parent) {}

void ModelFilesWorker::cancel() {
  cancel_ = true;
}

void ModelFilesWorker::prepareForJob() {
  cancel_ = false;
}

void ModelFilesWorker::scan(const ModelCatalog& catalog) {
  emit scanned(scanModels(fr::model_search_folders({}), catalog));
}

void ModelFilesWorker::download(const fr::CatalogModel& model) {
  QElapsedTimer clock;
  clock.start();
  qint64 shownAt = -kProgressIntervalMs;
  const auto result = downloadModel(model, [&](quint64 received, quint64 total) {
    if (cancel_) return false;
    if (clock.elapsed() - shownAt >= kProgressIntervalMs) {
      shownAt = clock.elapsed();
      emit progress(received, total);
    }
    return true;
  });
  emit jobDone(model, result.ok(),
               result ? *result : QString::fromStdString(result.error().message));
}

void ModelFilesWorker::check(const QString& file, const fr::CatalogModel& model) {
  const auto result = checkModelFile(file, model);
  emit checked(file, model, result ? *result : FileCheck{},
               result ? QString() : QString::fromStdString(result.error().message));
}

void ModelFilesWorker::import(const QString& file, const fr::CatalogModel& model,
                              bool acceptMismatch) {
  const auto result = importModel(file, model, acceptMismatch);
  emit jobDone(model, result.ok(),
               result ? *result : QString::fromStdString(result.error().message));
}

}  // namespace fr::gui
