// The one way the desktop application runs work off the window's thread: a QThread of its own
// with one worker QObject living on it. The window reaches the worker's slots by queued
// signals carrying value types, and the worker answers with queued signals the same way; the
// only direct calls are a worker's documented thread-safe ones (such as cancel()). Each
// worker runs its slots one at a time, in the order they were asked for.
//
// Owned and used by the GUI thread. stop() (or the destructor) waits for the slot running at
// that moment to return, so an owner stops its threads before anything the worker's slots
// might reach goes away; calls still queued then are dropped, unless finishQueued() ends it.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

namespace fr::gui {

template <class Worker>
class WorkerThread {
 public:
  // Starts the thread (named `name` in debuggers) with a new Worker on it.
  explicit WorkerThread(const QString& name) : worker_(new Worker) {
    thread_.setObjectName(name);
    worker_->moveToThread(&thread_);
    QObject::connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
  }
  ~WorkerThread() { stop(); }
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  // The worker, for connections and its thread-safe calls; null once stopped (it is deleted
  // on its thread as the thread ends).
  Worker* worker() const { return thread_.isFinished() ? nullptr : worker_; }

  // Ends the thread's event loop once the slot running now returns, and waits for it.
  // Idempotent.
  void stop() {
    thread_.quit();
    thread_.wait();
  }

  // Ends the thread once every call queued to the worker so far has run (work that must not
  // be lost, such as saving), and waits for it. Idempotent.
  void finishQueued() {
    if (thread_.isRunning()) {
      QThread* thread = &thread_;
      QMetaObject::invokeMethod(
          worker_, [thread] { thread->quit(); }, Qt::QueuedConnection);
    }
    thread_.wait();
  }

 private:
  QThread thread_;
  Worker* worker_;
};

}  // namespace fr::gui
