# Shows that the layer check fails on each kind of violation and passes clean files:
#   cmake -DCHECK=<check_layers.cmake> -DWORK=<scratch folder> -P check_layers_selftest.cmake
cmake_minimum_required(VERSION 3.22)
file(REMOVE_RECURSE "${WORK}")

# path → one include line; the "bad" ones must each be reported, the "good" ones never.
set(bad
  "core/up.cpp|#include \"models/gfpgan.h\""
  "core/cv.cpp|#include <opencv2/core.hpp>"
  "core/qt.h|#include <QString>"
  "models/up.cpp|#include \"app/restore/pipeline.h\""
  "models/cv.h|#include <opencv2/imgproc.hpp>"
  "app/restore/up.cpp|#include \"app/gui/main_window.h\""
  "app/restore/qt.cpp|#include <QtCore/QObject>"
  "app/cli/peer.cpp|#include \"app/gui/restore_worker.h\""
  "app/gui/vk.cpp|#include <vulkan/vulkan.h>"
  "tests/vk.cpp|#include <vulkan/vulkan_core.h>"
  "app/bench/inner.cpp|#include \"core/vulkan/vk_common.h\""
  "core/vulkan/vulkan_backend.h|#include <vulkan/vulkan.h>")
set(good
  "core/vulkan/vk_ok.cpp|#include <vulkan/vulkan.h>"
  "core/ok.cpp|#include \"core/vulkan/vulkan_devices.h\""
  "models/ok.cpp|#include \"core/backend.h\""
  "app/restore/ok.cpp|#include <opencv2/core.hpp>"
  "app/gui/ok.cpp|#include <QObject>"
  "app/cli/ok.cpp|#include \"app/restore/pipeline.h\""
  "tests/ok.cpp|#include \"app/gui/main_window.h\"")
foreach(entry IN LISTS bad good)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 path)
  list(GET parts 1 line)
  file(WRITE "${WORK}/${path}" "// layer check self-test\n${line}\n")
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${WORK} -P ${CHECK}
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
set(failures "")
if(result EQUAL 0)
  string(APPEND failures "the check passed a tree with violations\n")
endif()
foreach(entry IN LISTS bad)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 path)
  if(NOT out MATCHES "${path}:2: ")
    string(APPEND failures "not reported: ${path}\n")
  endif()
endforeach()
foreach(entry IN LISTS good)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 path)
  if(out MATCHES "${path}:")
    string(APPEND failures "reported though allowed: ${path}\n")
  endif()
endforeach()
if(failures)
  message(FATAL_ERROR "layer check self-test:\n${failures}check output:\n${out}")
endif()
message("layer check self-test: every violation reported, every allowed include passed")
