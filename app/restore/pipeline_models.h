// The pipeline's networks (app/restore/pipeline.h) made from model files: GFPGAN as the
// face restorer, RetinaFace as the detector, RRDBNet / SRVGGNetCompact (PyTorch, safetensors or
// an ncnn .param/.bin pair) as the background upscaler; and finding model files by catalog
// name or path.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/restore/pipeline.h"
#include "core/device.h"
#include "models/face_network.h"
#include "models/model_catalog.h"
#include "models/weight_store.h"

namespace fr {

// The files of one pipeline; an empty path leaves that network out.
struct PipelineModelFiles {
  std::filesystem::path face;
  std::filesystem::path detector;
  std::filesystem::path background;
  // Weights already in memory, used instead of reading the path of that role (benchmarks with
  // random_weights); null: read the file.
  std::shared_ptr<const WeightStore> face_weights, detector_weights, background_weights;
};

struct PipelineLoadOptions {
  ResolvedDevice device;
  BackendOptions backend;
  FaceNetworkOptions face;  // how the face network runs
  // Set on every backend created (Backend::set_cancel_flag): while true, loading and running
  // the networks stop within one op with the error "cancelled". Must outlive the models.
  const std::atomic<bool>* cancel = nullptr;
};

// Creates the backend once and loads every given network onto it (pipelines built and
// weights uploaded here, never later). The detector always uses float32 storage: with fp16
// storage near-equal scores of neighbouring anchors round together and boxes move by pixels.
Result<PipelineModels> load_pipeline_models(const PipelineModelFiles& files,
                                            const PipelineLoadOptions& options);

// A model named on the command line or in the settings: an existing file path, or a catalog
// id / file name / GFPGAN-style alias ("retinaface_resnet50", "retinaface_mobile0.25",
// "realesrgan" = Real-ESRGAN x2plus). `role` is the catalog role it must have ("face",
// "detector", "background").
struct ModelReference {
  std::filesystem::path path;           // set when the file exists
  const CatalogModel* model = nullptr;  // set when named from the catalog (path may be empty)
};
Result<ModelReference> resolve_model_reference(const std::string& name_or_path,
                                               const std::string& role,
                                               const std::vector<std::filesystem::path>& folders);

}  // namespace fr
