#version 450
// slice_channels: a channel range of x into y.
#include "copy_channels.glsl"
