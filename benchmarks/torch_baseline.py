#!/usr/bin/env python3
"""The PyTorch baseline for facerestore-bench: the same architectures at the same input sizes,
timed in eager mode with torch.no_grad() and the same thread count, with random weights.

The networks follow ../shared/spec/networks.md (our own PyTorch code, written from the spec):
SRVGGNetCompact x4, GFPGANv1Clean (out 512, narrow 1), RRDBNet x4 / x2 and RetinaFace
mobilenet0.25. Prints JSON in facerestore-bench --json's layout ("networks": name, height,
width, median_ms, min_ms, runs_ms).

Usage: torch_baseline.py [--network srvgg@320x480,...] [--threads N] [--repeats N]
                         [--warmup N]
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def lrelu(x, slope=0.2):
    return F.leaky_relu(x, slope)


class Srvgg(nn.Module):
    def __init__(self, nf=64, num_conv=32, scale=4):
        super().__init__()
        self.scale = scale
        layers = [nn.Conv2d(3, nf, 3, 1, 1), nn.PReLU(nf)]
        for _ in range(num_conv):
            layers += [nn.Conv2d(nf, nf, 3, 1, 1), nn.PReLU(nf)]
        layers.append(nn.Conv2d(nf, 3 * scale * scale, 3, 1, 1))
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        out = F.pixel_shuffle(self.body(x), self.scale)
        return out + F.interpolate(x, scale_factor=self.scale, mode="nearest")


class Rdb(nn.Module):
    def __init__(self, nf, gc):
        super().__init__()
        self.convs = nn.ModuleList(
            [nn.Conv2d(nf + i * gc, gc if i < 4 else nf, 3, 1, 1) for i in range(5)])

    def forward(self, x):
        feats = [x]
        for conv in self.convs[:4]:
            feats.append(lrelu(conv(torch.cat(feats, 1))))
        return self.convs[4](torch.cat(feats, 1)) * 0.2 + x


class Rrdb(nn.Module):
    def __init__(self, nf, gc):
        super().__init__()
        self.rdbs = nn.Sequential(Rdb(nf, gc), Rdb(nf, gc), Rdb(nf, gc))

    def forward(self, x):
        return self.rdbs(x) * 0.2 + x


class Rrdbnet(nn.Module):
    def __init__(self, scale=4, nf=64, blocks=23, gc=32):
        super().__init__()
        self.unshuffle = {4: 1, 2: 2, 1: 4}[scale]
        self.conv_first = nn.Conv2d(3 * self.unshuffle ** 2, nf, 3, 1, 1)
        self.body = nn.Sequential(*[Rrdb(nf, gc) for _ in range(blocks)])
        self.conv_body = nn.Conv2d(nf, nf, 3, 1, 1)
        self.conv_up1 = nn.Conv2d(nf, nf, 3, 1, 1)
        self.conv_up2 = nn.Conv2d(nf, nf, 3, 1, 1)
        self.conv_hr = nn.Conv2d(nf, nf, 3, 1, 1)
        self.conv_last = nn.Conv2d(nf, 3, 3, 1, 1)

    def forward(self, x):
        if self.unshuffle > 1:
            x = F.pixel_unshuffle(x, self.unshuffle)
        feat = self.conv_first(x)
        feat = feat + self.conv_body(self.body(feat))
        feat = lrelu(self.conv_up1(F.interpolate(feat, scale_factor=2, mode="nearest")))
        feat = lrelu(self.conv_up2(F.interpolate(feat, scale_factor=2, mode="nearest")))
        return self.conv_last(lrelu(self.conv_hr(feat)))


def bilinear(x, factor):
    return F.interpolate(x, scale_factor=factor, mode="bilinear", align_corners=False)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, factor):
        super().__init__()
        self.factor = factor
        self.conv1 = nn.Conv2d(cin, cin, 3, 1, 1)
        self.conv2 = nn.Conv2d(cin, cout, 3, 1, 1)
        self.skip = nn.Conv2d(cin, cout, 1, bias=False)

    def forward(self, x):
        y = bilinear(lrelu(self.conv1(x)), self.factor)
        y = lrelu(self.conv2(y))
        return y + self.skip(bilinear(x, self.factor))


class ModulatedConv(nn.Module):
    def __init__(self, cin, cout, k, style_width, demodulate, upsample=False):
        super().__init__()
        self.demodulate, self.upsample, self.pad = demodulate, upsample, k // 2
        self.modulation = nn.Linear(style_width, cin)
        self.weight = nn.Parameter(torch.randn(1, cout, cin, k, k) / math.sqrt(cin * k * k))

    def forward(self, x, style):
        m = self.modulation(style).view(1, 1, -1, 1, 1)
        w = self.weight * m
        if self.demodulate:
            w = w * torch.rsqrt(w.pow(2).sum([2, 3, 4], keepdim=True) + 1e-8)
        if self.upsample:
            x = bilinear(x, 2)
        return F.conv2d(x, w[0], padding=self.pad)


class StyleConv(nn.Module):
    def __init__(self, cin, cout, style_width, upsample=False):
        super().__init__()
        self.conv = ModulatedConv(cin, cout, 3, style_width, True, upsample)
        self.noise_weight = nn.Parameter(torch.zeros(1))
        self.bias = nn.Parameter(torch.zeros(1, cout, 1, 1))

    def forward(self, x, style, noise):
        y = self.conv(x, style) * math.sqrt(2) + self.noise_weight * noise
        return lrelu(y + self.bias)


class ToRgb(nn.Module):
    def __init__(self, cin, style_width):
        super().__init__()
        self.conv = ModulatedConv(cin, 3, 1, style_width, False)
        self.bias = nn.Parameter(torch.zeros(1, 3, 1, 1))

    def forward(self, x, style, skip=None):
        y = self.conv(x, style) + self.bias
        return y if skip is None else y + bilinear(skip, 2)


class Gfpgan(nn.Module):
    def __init__(self, size=512, narrow=1.0, style_width=512):
        super().__init__()
        self.log_size = int(math.log2(size))
        d = {r: int(c * narrow) for r, c in
             {4: 512, 8: 512, 16: 512, 32: 512, 64: 512, 128: 256, 256: 128, 512: 64}.items()}
        e = {r: c // 2 for r, c in d.items()}
        res = [2 ** i for i in range(self.log_size, 1, -1)]  # 512 … 4
        self.conv_body_first = nn.Conv2d(3, e[size], 1)
        self.down = nn.ModuleList([ResBlock(e[r], e[r // 2], 0.5) for r in res[:-1]])
        self.final_conv = nn.Conv2d(e[4], e[4], 3, 1, 1)
        self.layers = 2 * self.log_size - 2
        self.style_width = style_width
        self.final_linear = nn.Linear(e[4] * 16, style_width * self.layers)
        ups = list(reversed(res))  # 4 … 512
        self.up = nn.ModuleList([ResBlock(e[r], e[2 * r], 2) for r in ups[:-1]])

        def condition(c):
            return nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(c, c, 3, 1, 1))
        self.scales = nn.ModuleList([condition(e[2 * r]) for r in ups[:-1]])
        self.shifts = nn.ModuleList([condition(e[2 * r]) for r in ups[:-1]])
        self.constant = nn.Parameter(torch.randn(1, d[4], 4, 4))
        self.conv1 = StyleConv(d[4], d[4], style_width)
        self.to_rgb1 = ToRgb(d[4], style_width)
        self.style_convs = nn.ModuleList()
        self.to_rgbs = nn.ModuleList()
        for r in ups[1:]:
            self.style_convs.append(StyleConv(d[r // 2], d[r], style_width, upsample=True))
            self.style_convs.append(StyleConv(d[r], d[r], style_width))
            self.to_rgbs.append(ToRgb(d[r], style_width))
        self.noise_sizes = [4] + [r for r in ups[1:] for _ in range(2)]

    def forward(self, x):
        feat = lrelu(self.conv_body_first(x))
        skips = []
        for block in self.down:
            feat = block(feat)
            skips.insert(0, feat)
        feat = lrelu(self.final_conv(feat))
        styles = self.final_linear(feat.flatten(1)).view(self.layers, self.style_width)
        conditions = []
        for i, block in enumerate(self.up):
            feat = block(feat + skips[i])
            conditions.append((self.scales[i](feat), self.shifts[i](feat)))
        noises = [torch.randn(1, 1, r, r) for r in self.noise_sizes]
        out = self.conv1(self.constant, styles[0:1], noises[0])
        skip = self.to_rgb1(out, styles[1:2])
        t = 1
        for b, to_rgb in enumerate(self.to_rgbs):
            out = self.style_convs[2 * b](out, styles[t:t + 1], noises[t])
            half = out.shape[1] // 2
            scale, shift = conditions[b]
            out = torch.cat([out[:, :half], out[:, half:] * scale + shift], 1)
            out = self.style_convs[2 * b + 1](out, styles[t + 1:t + 2], noises[t + 1])
            skip = to_rgb(out, styles[t + 2:t + 3], skip)
            t += 2
        return skip


def conv_bn(cin, cout, stride=1, slope=0.1, k=3, groups=1, act=True):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False),
              nn.BatchNorm2d(cout)]
    if act:
        layers.append(nn.LeakyReLU(slope))
    return nn.Sequential(*layers)


def depthwise(cin, cout, stride):
    return nn.Sequential(conv_bn(cin, cin, stride, groups=cin), conv_bn(cin, cout, k=1))


class Ssh(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = conv_bn(c, c // 2, act=False)
        self.b1 = conv_bn(c, c // 4)
        self.b = conv_bn(c // 4, c // 4, act=False)
        self.c1 = conv_bn(c // 4, c // 4)
        self.c = conv_bn(c // 4, c // 4, act=False)

    def forward(self, x):
        b1 = self.b1(x)
        return F.relu(torch.cat([self.a(x), self.b(b1), self.c(self.c1(b1))], 1))


class Retinaface(nn.Module):
    def __init__(self, c=64):
        super().__init__()
        self.stage1 = nn.Sequential(conv_bn(3, 8, 2), depthwise(8, 16, 1), depthwise(16, 32, 2),
                                    depthwise(32, 32, 1), depthwise(32, 64, 2),
                                    depthwise(64, 64, 1))
        self.stage2 = nn.Sequential(depthwise(64, 128, 2),
                                    *[depthwise(128, 128, 1) for _ in range(5)])
        self.stage3 = nn.Sequential(depthwise(128, 256, 2), depthwise(256, 256, 1))
        self.outputs = nn.ModuleList([conv_bn(n, c, k=1) for n in (64, 128, 256)])
        self.merge1, self.merge2 = conv_bn(c, c), conv_bn(c, c)
        self.ssh = nn.ModuleList([Ssh(c) for _ in range(3)])
        self.heads = nn.ModuleList([nn.ModuleList([nn.Conv2d(c, k, 1) for k in (4, 8, 20)])
                                    for _ in range(3)])

    def forward(self, x):
        s1 = self.stage1(x)
        s2 = self.stage2(s1)
        s3 = self.stage3(s2)
        o1, o2, o3 = [out(s) for out, s in zip(self.outputs, (s1, s2, s3))]
        o2 = self.merge2(o2 + F.interpolate(o3, size=o2.shape[2:], mode="nearest"))
        o1 = self.merge1(o1 + F.interpolate(o2, size=o1.shape[2:], mode="nearest"))
        results = []
        for level, feat in enumerate((o1, o2, o3)):
            feat = self.ssh[level](feat)
            cls, box, lmk = [h(feat).permute(0, 2, 3, 1).reshape(1, -1, n)
                             for h, n in zip(self.heads[level], (2, 4, 10))]
            results.append((F.softmax(cls, -1), box, lmk))
        return results


NETWORKS = {
    "srvgg": (lambda: Srvgg(), (320, 480), (0.0, 1.0)),
    "gfpgan": (lambda: Gfpgan(), (512, 512), (-1.0, 1.0)),
    "rrdbnet": (lambda: Rrdbnet(4), (128, 128), (0.0, 1.0)),
    "rrdbnet-x2": (lambda: Rrdbnet(2), (128, 128), (0.0, 1.0)),
    "retinaface": (lambda: Retinaface().eval(), (720, 1280), (-123.0, 151.0)),
}


def time_network(name, height, width, repeats, warmup):
    make, _, (lo, hi) = NETWORKS[name]
    torch.manual_seed(1)
    net = make().eval()
    x = lo + (hi - lo) * torch.rand(1, 3, height, width)
    runs = []
    with torch.no_grad():
        for i in range(warmup + repeats):
            t0 = time.perf_counter()
            net(x)
            if i >= warmup:
                runs.append((time.perf_counter() - t0) * 1e3)
    return {"name": name, "height": height, "width": width,
            "median_ms": statistics.median(runs), "min_ms": min(runs), "runs_ms": runs}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--network", default="srvgg,gfpgan,rrdbnet,retinaface",
                        help="comma-separated NAME or NAME@HxW")
    parser.add_argument("--threads", type=int, default=0, help="0: all cores")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before them")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    results = []
    for item in args.network.split(","):
        name, _, size = item.partition("@")
        if name not in NETWORKS:
            parser.error("unknown network " + name)
        height, width = map(int, size.split("x")) if size else NETWORKS[name][1]
        results.append(time_network(name, height, width, args.repeats, args.warmup))
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "networks": results}, indent=2))


if __name__ == "__main__":
    main()
