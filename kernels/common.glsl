// Shared by every kernel. Storage type: float32, or float16 when compiled with
// -DFP16_STORAGE (values are converted to float32 on load; all arithmetic is float32).
// LD(buf, i) loads element i as float; ST(buf, i, v) stores v.
#ifdef FP16_STORAGE
#extension GL_EXT_shader_16bit_storage : require
#define STORE_T float16_t
#else
#define STORE_T float
#endif
#define LD(buf, i) float(buf[i])
#define ST(buf, i, v) buf[i] = STORE_T(v)

// Elementwise kernels run 256 invocations a workgroup on a 2-D grid of workgroups (the
// host splits large counts over y, core/vulkan/vk_stream.cpp); this is the flat index.
#define FLAT_WORKGROUP 256
uint flat_index() {
  return gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * FLAT_WORKGROUP;
}

// Activation kinds, as fr::ActKind.
#define ACT_NONE 0
#define ACT_RELU 1
#define ACT_LEAKY 2
#define ACT_PRELU 3
#define ACT_SIGMOID 4
float activate(float v, int kind, float slope, float channel_slope) {
  if (kind == ACT_SIGMOID) return 1.0 / (1.0 + exp(-v));
  if (kind == ACT_NONE || v > 0.0) return v;
  if (kind == ACT_RELU) return 0.0;
  return v * (kind == ACT_LEAKY ? slope : channel_slope);
}
