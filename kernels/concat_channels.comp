#version 450
// concat_channels: one part (x) into its channels of y.
#include "copy_channels.glsl"
