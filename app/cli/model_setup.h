// Which model files a facerestore-cli run uses, from its options: paths as given, catalog
// models found in the model folders or, when missing, downloaded into the user's model
// folder with progress on stderr and their SHA-256 checked.
#pragma once

#include "app/cli/cli_options.h"
#include "app/restore/pipeline_models.h"
#include "core/error.h"

namespace fr::cli {

Result<PipelineModelFiles> model_files_for(const Options& options);

}  // namespace fr::cli
