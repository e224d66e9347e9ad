// The model library (states of model files, the hash cache, import, download from a local HTTP
// server) and the models dialog, with a small synthetic catalog in a temporary folder that
// FACERESTORE_MODELS points at. QSettings go to QStandardPaths' test locations.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <chrono>
#include <filesystem>
#include <memory>

#include "app/gui/model_library.h"
#include "app/gui/models_dialog.h"
#include "tests/http_test_server.h"

using fr::gui::ModelEntry;
using fr::gui::ModelsDialog;
using fr::gui::ModelState;
using fr::gui::Verification;

namespace {

namespace fs = std::filesystem;

// `size` bytes of a pattern that differs with `seed`.
QByteArray content(int size, int seed) {
  QByteArray bytes(size, Qt::Uninitialized);
  for (int i = 0; i < size; ++i) bytes[i] = char((i * 31 + seed * 7 + (i >> 8)) & 0xff);
  return bytes;
}

QString sha256Hex(const QByteArray& bytes) {
  return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A catalog model whose official file is `official`; its size and checksum recorded as asked.
fr::CatalogModel catalogModel(const QString& id, const QByteArray& official, bool withSize = true,
                              bool withSha = true) {
  fr::CatalogModel m;
  m.id = id.toStdString();
  m.name = "Test Model " + id.toStdString();
  m.role = "face";
  m.file = id.toStdString() + ".pth";
  m.url = "http://127.0.0.1:1/" + m.file;
  m.license = "MIT";
  if (withSize) m.size = uint64_t(official.size());
  if (withSha) m.sha256 = sha256Hex(official).toStdString();
  return m;
}

fs::path toPath(const QString& path) {
  return fs::path(QFile::encodeName(path).toStdString());
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesIn(const QString& folder) {
  return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QString message(const fr::Error& e) {
  return QString::fromStdString(e.message);
}

}  // namespace

class TestModelLibrary : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<QTemporaryDir> dir_;
  QString models_;  // FACERESTORE_MODELS: where downloads and imports go; not created

  QString modelPath(const fr::CatalogModel& m) const {
    return models_ + QLatin1Char('/') + QString::fromStdString(m.file);
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FaceRestoreTests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_model_library"));
  }

  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    models_ = dir_->filePath(QStringLiteral("models"));
    qputenv("FACERESTORE_MODELS", QFile::encodeName(models_));
    fr::gui::forgetModelHashes();
  }

  void cleanup() { dir_.reset(); }

  void stateNames() {
    QCOMPARE(fr::gui::modelStateName(ModelState::present), QStringLiteral("Present"));
    QCOMPARE(fr::gui::modelStateName(ModelState::missing), QStringLiteral("Missing"));
    QCOMPARE(fr::gui::modelStateName(ModelState::corrupt), QStringLiteral("Corrupt"));
  }

  void scanReportsMissingPresentAndCorrupt() {
    const QString a = dir_->filePath(QStringLiteral("a")), b = dir_->filePath(QStringLiteral("b"));
    const QByteArray official = content(5000, 1);
    const std::vector<fr::CatalogModel> catalog{
        catalogModel("present", official),       catalogModel("first-decides", official),
        catalogModel("missing", official),       catalogModel("wrong-size", official),
        catalogModel("wrong-content", official), catalogModel("unchecked", official, false, false),
    };
    QVERIFY(writeFile(b + "/present.pth", official));
    QVERIFY(writeFile(a + "/first-decides.pth", content(5000, 2)));
    QVERIFY(writeFile(b + "/first-decides.pth", official));
    QVERIFY(writeFile(a + "/wrong-size.pth", official.left(12)));
    QVERIFY(writeFile(a + "/wrong-content.pth", content(5000, 3)));
    QVERIFY(writeFile(b + "/unchecked.pth", content(77, 4)));

    const auto entries = fr::gui::scanModels({toPath(a), toPath(b)}, catalog);
    QCOMPARE(entries.size(), 6);
    for (int i = 0; i < 6; ++i) QCOMPARE(entries[i].model.id, catalog[size_t(i)].id);

    QCOMPARE(entries[0].state, ModelState::present);
    QCOMPARE(entries[0].path, b + "/present.pth");
    QVERIFY(entries[0].verified);
    QVERIFY(entries[0].detail.isEmpty());

    QCOMPARE(entries[1].state, ModelState::corrupt);  // the first folder's copy decides
    QCOMPARE(entries[1].path, a + "/first-decides.pth");

    QCOMPARE(entries[2].state, ModelState::missing);
    QVERIFY(entries[2].path.isEmpty());

    QCOMPARE(entries[3].state, ModelState::corrupt);
    QCOMPARE(entries[3].detail, QStringLiteral("size 12 bytes, expected 5000"));

    QCOMPARE(entries[4].state, ModelState::corrupt);
    QCOMPARE(entries[4].detail, QStringLiteral("checksum differs"));
    QVERIFY(!entries[4].verified);

    QCOMPARE(entries[5].state, ModelState::present);
    QVERIFY(!entries[5].verified);
    QCOMPARE(entries[5].detail, QStringLiteral("no published checksum"));
  }

  void hashCacheNoticesAChangedFile() {
    const QByteArray official = content(4096, 5);
    const std::vector<fr::CatalogModel> catalog{catalogModel("cached", official)};
    const QString file = dir_->filePath(QStringLiteral("f/cached.pth"));
    const std::vector<fs::path> folders{toPath(QFileInfo(file).absolutePath())};
    QVERIFY(writeFile(file, official));
    auto entries = fr::gui::scanModels(folders, catalog);
    QCOMPARE(entries[0].state, ModelState::present);
    QVERIFY(entries[0].verified);

    // The verified hash is persisted in QSettings.
    {
      QSettings settings;
      settings.beginGroup(QStringLiteral("modelHashes"));
      const QStringList keys = settings.childKeys();
      QCOMPARE(keys.size(), 1);
      const QStringList stored = settings.value(keys.first()).toStringList();
      QCOMPARE(stored.size(), 4);
      QCOMPARE(stored[0], QFileInfo(file).absoluteFilePath());
      QCOMPARE(stored[3], sha256Hex(official));
    }

    // Same size and time stamp: the cached hash is used, the file is not read again.
    const auto stamp = fs::last_write_time(toPath(file));
    QVERIFY(writeFile(file, content(4096, 6)));
    fs::last_write_time(toPath(file), stamp);
    entries = fr::gui::scanModels(folders, catalog);
    QCOMPARE(entries[0].state, ModelState::present);

    // A new time stamp: hashed again, and the change is found.
    fs::last_write_time(toPath(file), stamp + std::chrono::seconds(2));
    entries = fr::gui::scanModels(folders, catalog);
    QCOMPARE(entries[0].state, ModelState::corrupt);
    QCOMPARE(entries[0].detail, QStringLiteral("checksum differs"));

    // Forgetting the cache: the same file and time stamp is read again.
    fs::last_write_time(toPath(file), stamp);
    fr::gui::forgetModelHashes();
    QCOMPARE(fr::gui::scanModels(folders, catalog)[0].state, ModelState::corrupt);
  }

  void cachedOnlyNeverHashes() {
    const QByteArray official = content(3000, 7);
    const std::vector<fr::CatalogModel> catalog{catalogModel("quick", official),
                                                catalogModel("short", official)};
    const QString folder = dir_->filePath(QStringLiteral("q"));
    QVERIFY(writeFile(folder + "/quick.pth", official));
    QVERIFY(writeFile(folder + "/short.pth", official.left(10)));
    const std::vector<fs::path> folders{toPath(folder)};

    auto entries = fr::gui::scanModels(folders, catalog, Verification::cachedOnly);
    QCOMPARE(entries[0].state, ModelState::present);
    QVERIFY(!entries[0].verified);
    QCOMPARE(entries[0].detail, QStringLiteral("not verified yet"));
    QCOMPARE(entries[1].state, ModelState::corrupt);  // the size needs no hashing

    fr::gui::scanModels(folders, catalog);  // hashes and caches
    entries = fr::gui::scanModels(folders, catalog, Verification::cachedOnly);
    QCOMPARE(entries[0].state, ModelState::present);
    QVERIFY(entries[0].verified);
  }

  void importCopiesUnderTheCatalogName() {
    const QByteArray official = content(100000, 8);
    const auto model = catalogModel("imported", official);
    const QString source = dir_->filePath(QStringLiteral("downloads/my copy (1).bin"));
    QVERIFY(writeFile(source, official));

    auto result = fr::gui::importModel(source, model, false);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QCOMPARE(*result, modelPath(model));
    QCOMPARE(readFile(*result), official);
    QCOMPARE(readFile(source), official);                                     // copied, not moved
    QCOMPARE(filesIn(models_), QStringList{QStringLiteral("imported.pth")});  // no temporary left

    const auto entries = fr::gui::scanModels({toPath(models_)}, {model});
    QCOMPARE(entries[0].state, ModelState::present);
    QVERIFY(entries[0].verified);
  }

  void importRefusesAMismatchUnlessAccepted() {
    const QByteArray official = content(2048, 9);
    const auto model = catalogModel("strict", official);
    const QString source = dir_->filePath(QStringLiteral("other.pth"));
    QVERIFY(writeFile(source, content(2048, 10)));

    auto refused = fr::gui::importModel(source, model, false);
    QVERIFY(!refused.ok());
    QVERIFY2(
        message(refused.error()).contains(QStringLiteral("not the official Test Model strict")),
        refused.error().message.c_str());
    QVERIFY2(message(refused.error()).contains(QStringLiteral("checksum differs")),
             refused.error().message.c_str());
    QVERIFY(!QFile::exists(modelPath(model)));
    QVERIFY(filesIn(models_).isEmpty());

    auto accepted = fr::gui::importModel(source, model, true);
    QVERIFY2(accepted.ok(), accepted.ok() ? "" : accepted.error().message.c_str());
    QCOMPARE(readFile(modelPath(model)), content(2048, 10));
    QCOMPARE(fr::gui::scanModels({toPath(models_)}, {model})[0].state, ModelState::corrupt);

    // A good file replaces the accepted one.
    QVERIFY(writeFile(source, official));
    QVERIFY(fr::gui::importModel(source, model, false).ok());
    QCOMPARE(readFile(modelPath(model)), official);
    QCOMPARE(filesIn(models_), QStringList{QStringLiteral("strict.pth")});
  }

  void importOfTheTargetItselfIsANoOp() {
    const QByteArray official = content(1500, 11);
    const auto model = catalogModel("same", official);
    QVERIFY(writeFile(modelPath(model), official));
    const auto before = fs::last_write_time(toPath(modelPath(model)));
    auto result = fr::gui::importModel(modelPath(model), model, false);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QCOMPARE(QFileInfo(*result).canonicalFilePath(),
             QFileInfo(modelPath(model)).canonicalFilePath());
    QCOMPARE(readFile(modelPath(model)), official);
    QVERIFY(fs::last_write_time(toPath(modelPath(model))) == before);
    QCOMPARE(filesIn(models_), QStringList{QStringLiteral("same.pth")});
  }

  void importOfAMissingFileFails() {
    const auto model = catalogModel("absent", content(10, 12));
    const QString source = dir_->filePath(QStringLiteral("nowhere.pth"));
    auto result = fr::gui::importModel(source, model, true);
    QVERIFY(!result.ok());
    QVERIFY2(message(result.error()).contains(QStringLiteral("nowhere.pth")),
             result.error().message.c_str());
    QVERIFY(!QFile::exists(modelPath(model)));
  }

  void downloadsFromTheLocalServer() {
    const QByteArray official = content(1 << 20, 13);
    fr::test::HttpTestServer server(official.toStdString());
    auto model = catalogModel("fetched", official);
    model.url = server.url("/fetched.pth");
    QVERIFY(!QFileInfo::exists(models_));  // created by the download

    QVector<QPair<quint64, quint64>> calls;
    auto result = fr::gui::downloadModel(model, [&](quint64 received, quint64 total) {
      calls.append({received, total});
      return true;
    });
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QCOMPARE(*result, modelPath(model));
    QCOMPARE(readFile(*result), official);
    QVERIFY(!calls.isEmpty());
    for (const auto& call : calls) QVERIFY(call.second == 0 || call.first <= call.second);
    QCOMPARE(calls.last().first, quint64(official.size()));
    QCOMPARE(calls.last().second, quint64(official.size()));
    QCOMPARE(filesIn(models_), QStringList{QStringLiteral("fetched.pth")});

    const auto entries = fr::gui::scanModels(fr::model_search_folders({}), {model});
    QCOMPARE(entries[0].state, ModelState::present);
    QVERIFY(entries[0].verified);
    QCOMPARE(entries[0].path, modelPath(model));
  }

  void cancelledDownloadLeavesNoFile() {
    const QByteArray official = content(4 << 20, 14);
    fr::test::HttpTestServer server(official.toStdString());
    auto model = catalogModel("cancelled", official);
    model.url = server.url("/cancelled.pth");
    int calls = 0;
    auto result = fr::gui::downloadModel(model, [&](quint64, quint64) {
      ++calls;
      return false;
    });
    QVERIFY(!result.ok());
    QVERIFY2(message(result.error()).contains(QStringLiteral("cancelled")),
             result.error().message.c_str());
    QCOMPARE(calls, 1);
    QVERIFY(!QFile::exists(modelPath(model)));
  }

  void failedDownloadSaysWhereToGetTheFile() {
    const QByteArray official = content(3000, 15);
    fr::test::HttpTestServer server(content(3000, 16).toStdString());  // not the official file
    auto model = catalogModel("bad", official);
    model.url = server.url("/bad.pth");
    auto result = fr::gui::downloadModel(model, {});
    QVERIFY(!result.ok());
    const QString text = message(result.error());
    QVERIFY2(text.contains(QString::fromStdString(model.url)), result.error().message.c_str());
    QVERIFY2(text.contains(QDir::toNativeSeparators(models_)), result.error().message.c_str());
    QVERIFY(!QFile::exists(modelPath(model)));
  }

  void unsupportedModelIsNotDownloaded() {
    fr::test::HttpTestServer server("x");
    auto model = catalogModel("later", content(1, 17));
    model.url = server.url("/later.pth");
    model.supported = false;
    model.note = "not supported yet";
    auto result = fr::gui::downloadModel(model, {});
    QVERIFY(!result.ok());
    QVERIFY2(message(result.error()).contains(QStringLiteral("Test Model later")),
             result.error().message.c_str());
    QVERIFY(server.ranges().empty());  // no request was made
    QVERIFY(!QFileInfo::exists(models_));
  }

  // ---- The dialog ----

  void dialogListsTheCatalog() {
    ModelsDialog dialog;
    QSignalSpy scanned(&dialog, &ModelsDialog::scanned);
    auto* table = dialog.findChild<QTreeWidget*>(QStringLiteral("modelTable"));
    QVERIFY(table);
    const auto& catalog = fr::model_catalog();
    QCOMPARE(table->topLevelItemCount(), int(catalog.size()));
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0, 20000);
    QCOMPARE(table->topLevelItemCount(), int(catalog.size()));
    for (int i = 0; i < table->topLevelItemCount(); ++i) {
      const auto* item = table->topLevelItem(i);
      const auto& model = catalog[size_t(i)];
      QCOMPARE(item->data(ModelsDialog::nameColumn, Qt::UserRole).toString(),
               QString::fromStdString(model.id));
      QCOMPARE(item->text(ModelsDialog::nameColumn), QString::fromStdString(model.name));
      QCOMPARE(item->data(ModelsDialog::stateColumn, Qt::UserRole).toInt(),
               int(ModelState::missing));
      QVERIFY2(item->text(ModelsDialog::stateColumn).startsWith(QStringLiteral("Missing")),
               qPrintable(item->text(ModelsDialog::stateColumn)));
      if (!model.supported)
        QVERIFY(item->text(ModelsDialog::stateColumn).contains(QString::fromStdString(model.note)));
    }
    auto* folder = dialog.findChild<QLabel*>(QStringLiteral("folderLabel"));
    QVERIFY(folder);
    QCOMPARE(folder->text(), QDir::toNativeSeparators(models_));
  }

  void dialogMessageAndSelection() {
    ModelsDialog dialog;
    QSignalSpy scanned(&dialog, &ModelsDialog::scanned);
    dialog.show();
    auto* label = dialog.findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    dialog.setMessage(QStringLiteral("GFPGAN v1.4 is not on this computer yet."));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("GFPGAN v1.4 is not on this computer yet."));
    dialog.setMessage(QString());
    QVERIFY(!label->isVisible());

    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0, 20000);
    auto* table = dialog.findChild<QTreeWidget*>(QStringLiteral("modelTable"));
    auto* download = dialog.findChild<QPushButton*>(QStringLiteral("downloadButton"));
    auto* import = dialog.findChild<QPushButton*>(QStringLiteral("importButton"));
    QVERIFY(table && download && import);
    QVERIFY(!download->isEnabled());  // nothing selected
    dialog.selectModel(QStringLiteral("realesrgan-x4plus"));
    QVERIFY(table->currentItem());
    QCOMPARE(table->selectedItems().size(), 1);
    QCOMPARE(table->currentItem()->data(ModelsDialog::nameColumn, Qt::UserRole).toString(),
             QStringLiteral("realesrgan-x4plus"));
    QVERIFY(download->isEnabled());
    QVERIFY(import->isEnabled());
    dialog.selectModel(QStringLiteral("restoreformer"));  // unsupported
    QCOMPARE(table->currentItem()->data(ModelsDialog::nameColumn, Qt::UserRole).toString(),
             QStringLiteral("restoreformer"));
    QVERIFY(!download->isEnabled());
    QVERIFY(!import->isEnabled());
  }

  void dialogDownloadsAModel() {
    const QByteArray official = content(2 << 20, 18);
    fr::test::HttpTestServer server(official.toStdString());
    auto model = catalogModel("dialog", official);
    model.url = server.url("/dialog.pth");
    ModelsDialog dialog({model});
    QSignalSpy scanned(&dialog, &ModelsDialog::scanned);
    QSignalSpy changed(&dialog, &ModelsDialog::modelsChanged);
    QSignalSpy finished(&dialog, &ModelsDialog::jobFinished);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0, 20000);
    auto* table = dialog.findChild<QTreeWidget*>(QStringLiteral("modelTable"));
    auto* download = dialog.findChild<QPushButton*>(QStringLiteral("downloadButton"));
    dialog.selectModel(QStringLiteral("dialog"));
    QVERIFY(download->isEnabled());
    download->click();
    QVERIFY(dialog.busy());
    QVERIFY(!download->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 30000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(changed.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 1, 20000);
    QCOMPARE(table->topLevelItem(0)->data(ModelsDialog::stateColumn, Qt::UserRole).toInt(),
             int(ModelState::present));
    QCOMPARE(readFile(modelPath(model)), official);
    QVERIFY(!download->isEnabled());  // present now
  }

  void dialogAsksBeforeImportingAnotherFile() {
    const QByteArray official = content(3000, 19);
    const auto model = catalogModel("asked", official);
    const QString source = dir_->filePath(QStringLiteral("unofficial.pth"));
    QVERIFY(writeFile(source, content(3000, 20)));
    ModelsDialog dialog({model});
    QSignalSpy scanned(&dialog, &ModelsDialog::scanned);
    QSignalSpy changed(&dialog, &ModelsDialog::modelsChanged);
    QSignalSpy finished(&dialog, &ModelsDialog::jobFinished);
    QStringList questions;
    bool answer = false;
    dialog.setImportFileChooser([&](QWidget*, const QString&) { return source; });
    dialog.setMismatchQuestion([&](QWidget*, const QString& question) {
      questions << question;
      return answer;
    });
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0, 20000);
    dialog.selectModel(QStringLiteral("asked"));
    auto* import = dialog.findChild<QPushButton*>(QStringLiteral("importButton"));

    import->click();  // declined
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions[0].contains(QStringLiteral("Test Model asked")), qPrintable(questions[0]));
    QVERIFY(!finished.first().at(0).toBool());
    QCOMPARE(changed.count(), 0);
    QVERIFY(!QFile::exists(modelPath(model)));

    answer = true;  // accepted
    import->click();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 20000);
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QCOMPARE(questions.size(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(readFile(modelPath(model)), content(3000, 20));
    auto* table = dialog.findChild<QTreeWidget*>(QStringLiteral("modelTable"));
    QTRY_COMPARE_WITH_TIMEOUT(
        table->topLevelItem(0)->data(ModelsDialog::stateColumn, Qt::UserRole).toInt(),
        int(ModelState::corrupt), 20000);
  }

  void closingTheDialogCancelsTheDownload() {
    const QByteArray official = content(32 << 20, 21);
    fr::test::HttpTestServer server(official.toStdString());
    auto model = catalogModel("closed", official);
    model.url = server.url("/closed.pth");
    auto dialog = std::make_unique<ModelsDialog>(std::vector<fr::CatalogModel>{model});
    QSignalSpy scanned(dialog.get(), &ModelsDialog::scanned);
    QSignalSpy finished(dialog.get(), &ModelsDialog::jobFinished);
    dialog->show();
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0, 20000);
    dialog->selectModel(QStringLiteral("closed"));
    auto* download = dialog->findChild<QPushButton*>(QStringLiteral("downloadButton"));

    download->click();
    dialog->reject();  // closed while downloading
    QVERIFY(!dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 30000);
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("cancelled")),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY(!QFile::exists(modelPath(model)));

    // Destroyed while downloading: the destructor cancels and waits.
    dialog->show();
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 1, 20000);
    dialog->selectModel(QStringLiteral("closed"));
    download->click();
    QVERIFY(dialog->busy());
    dialog.reset();
    QVERIFY(!QFile::exists(modelPath(model)));
    for (const QString& name : filesIn(models_))  // at most the resumable .part
      QCOMPARE(name, QStringLiteral("closed.pth.part"));
  }
};

QTEST_MAIN(TestModelLibrary)
#include "test_model_library.moc"
