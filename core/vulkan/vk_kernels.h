// Internal to core/vulkan: a compute pipeline for every kernel of kernels/ (Kernel, generated
// from kernels/*.comp with each kernel's bindings and SPIR-V), built once when the backend is
// created, in the backend's storage variant (fp32 or fp16). Pipelines go through a
// VkPipelineCache kept on disk in the user cache folder; a cache file that does not match the
// device (or is damaged) is ignored, never trusted.
#pragma once

#include <filesystem>
#include <memory>

#include "core/error.h"
#include "core/vulkan/vk_context.h"
#include "kernels/kernel_table.h"  // generated: Kernel and kKernels, from kernels/*.comp

namespace fr::vk {

// Every pipeline layout has one push-constant range of this many bytes (the minimum every
// device supports); each op's push struct is checked against it.
constexpr uint32_t kMaxPushBytes = 128;

struct KernelPipeline {
  OwnedDescriptorSetLayout set_layout;
  OwnedPipelineLayout layout;
  OwnedPipeline pipeline;
  uint32_t bindings = 0;
};

class Kernels {
 public:
  static Result<std::unique_ptr<Kernels>> create(const Context& ctx);
  ~Kernels();  // writes the pipeline cache back to disk

  const KernelPipeline& get(Kernel k) const { return pipelines_[size_t(k)]; }

  // Where the pipeline cache of `ctx` lives: $FACERESTORE_CACHE_DIR, else the user cache
  // folder ($XDG_CACHE_HOME or ~/.cache on Linux, %LOCALAPPDATA% on Windows)/facerestore.
  static std::filesystem::path cache_file(const Context& ctx);

 private:
  explicit Kernels(const Context& ctx) : ctx_(ctx) {}
  const Context& ctx_;
  OwnedPipelineCache cache_;
  KernelPipeline pipelines_[size_t(Kernel::count)];
};

}  // namespace fr::vk
