// Tensors: NCHW, batch first. HostTensor is float32 in ordinary memory; Tensor is a
// handle to storage owned by a Backend (host memory for the CPU backend, a device buffer
// for Vulkan, possibly fp16) and is only meaningful to the backend that made it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fr {

struct Shape {
  int n = 1, c = 0, h = 1, w = 1;

  int64_t numel() const { return int64_t(n) * c * h * w; }
  int64_t plane() const { return int64_t(h) * w; }
  bool operator==(const Shape&) const = default;
  std::string str() const;
};

struct HostTensor {
  Shape shape;
  std::vector<float> data;  // numel() values, NCHW

  HostTensor() = default;
  explicit HostTensor(Shape s) : shape(s), data(size_t(s.numel()), 0.0f) {}
  HostTensor(Shape s, std::vector<float> values);

  float& at(int n, int c, int y, int x) {
    return data[((size_t(n) * shape.c + c) * shape.h + y) * shape.w + x];
  }
  float at(int n, int c, int y, int x) const {
    return data[((size_t(n) * shape.c + c) * shape.h + y) * shape.w + x];
  }
};

class Backend;

// Backend-specific storage; each backend derives its own.
class TensorBuffer {
 public:
  virtual ~TensorBuffer() = default;
};

// A value handle: copies share the storage. An empty Tensor is what an op returns after
// the backend has entered its error state (see Backend).
class Tensor {
 public:
  Tensor() = default;
  Tensor(Shape shape, std::shared_ptr<TensorBuffer> buffer, const Backend* owner)
      : shape_(shape), buffer_(std::move(buffer)), owner_(owner) {}

  const Shape& shape() const { return shape_; }
  bool empty() const { return buffer_ == nullptr; }
  TensorBuffer* buffer() const { return buffer_.get(); }
  const std::shared_ptr<TensorBuffer>& shared_buffer() const { return buffer_; }
  const Backend* owner() const { return owner_; }

 private:
  Shape shape_;
  std::shared_ptr<TensorBuffer> buffer_;
  const Backend* owner_ = nullptr;
};

}  // namespace fr
