#!/usr/bin/python3
"""Generate Nuri's model zoo: ONNX models with fixed-seed random weights, a
test input and an expected output for each.

Run it with Debian's Python (/usr/bin/python3 -- it has python3-onnx 1.12 and
python3-numpy); other interpreters on PATH may lack onnx.

    /usr/bin/python3 models/gen_models.py --out-dir build/models
    /usr/bin/python3 models/gen_models.py --out-dir /tmp/zoo --models mlp,lenet5
    /usr/bin/python3 models/gen_models.py --out-dir /tmp/zoo --self-check

Every model is built twice, independently:
  * as an ONNX graph (onnx.helper), and
  * as a plain numpy forward pass (im2col + matmul convolutions, einsum
    attention, ...) that never looks at the ONNX graph.
The numpy pass runs in float64 on the float32 weights and input; its result,
cast to float32, is the expected output. Nothing here runs ONNX or Nuri code.

Randomness: each model draws from numpy.random.default_rng([seed, stream, k])
with k = 0 for the weights, 1 for the test input and 2 for the calibration
input used to set BatchNormalization running statistics. The default seed is
DEFAULT_SEED; mlp/mlp_external share a stream, as do the two BERT layers, so
they have identical weights, inputs and expected outputs.

Output layout for model NAME in --out-dir (see output_files()):
  NAME.onnx, NAME.input_<i>.npy, NAME.expected_<i>.npy          ("flat")
  NAME/model.onnx, NAME/test_data_set_0/{input,output}_<i>.pb   ("backend",
                                                the ONNX backend-test layout)
mlp_external also has mlp_external.data next to each of its .onnx files.
"""

import argparse
import copy
import hashlib
import math
import os
import shutil
import sys
import time

DEFAULT_SEED = 20240611

# name -> (random stream id, short description). Dict order is generation order.
MODELS = {
    "mlp": (1, "MLP 784-512-512-10, MatMul+Add+Relu, opset 17"),
    "lenet5": (2, "LeNet-5 on 1x1x28x28: Conv/Relu/MaxPool x2, Gemm x3, opset 17"),
    "resnet18": (3, "ResNet-18 at 1x3x224x224 with unfolded BatchNormalization, "
                    "opset 17"),
    "mobilenetv2": (4, "MobileNetV2 (width 1.0) at 1x3x224x224, depthwise Conv, "
                       "BatchNormalization, Clip(0,6), opset 17"),
    "bert_layer_opset17": (5, "one BERT encoder layer (seq 128, hidden 256, 4 "
                              "heads, FFN 1024, erf-GELU), LayerNormalization, "
                              "opset 17"),
    "bert_layer_opset13": (5, "the same BERT encoder layer with LayerNorm "
                              "decomposed into ReduceMean/Sub/Pow/Sqrt/Div, "
                              "opset 13"),
    "mlp_external": (1, "the mlp model with every initializer in the external "
                        "data file mlp_external.data"),
}
NUM_INPUTS = {"bert_layer_opset17": 2, "bert_layer_opset13": 2}
EXTERNAL_DATA = {"mlp_external": "mlp_external.data"}
LAYOUTS = ("both", "flat", "backend")

BN_EPS = 1e-5
LN_EPS = 1e-5


def output_files(name, layout="both"):
    """Paths (relative to --out-dir) that generating `name` writes."""
    n_in = NUM_INPUTS.get(name, 1)
    files = []
    if layout in ("both", "flat"):
        files.append(f"{name}.onnx")
        if name in EXTERNAL_DATA:
            files.append(EXTERNAL_DATA[name])
        files += [f"{name}.input_{i}.npy" for i in range(n_in)]
        files.append(f"{name}.expected_0.npy")
    if layout in ("both", "backend"):
        files.append(f"{name}/model.onnx")
        if name in EXTERNAL_DATA:
            files.append(f"{name}/{EXTERNAL_DATA[name]}")
        files += [f"{name}/test_data_set_0/input_{i}.pb" for i in range(n_in)]
        files.append(f"{name}/test_data_set_0/output_0.pb")
    return files


def import_deps():
    global np, onnx, helper, numpy_helper, TensorProto
    try:
        import numpy as np
        import onnx
        from onnx import TensorProto, helper, numpy_helper
    except ImportError as e:
        sys.exit(f"gen_models.py: {e} (interpreter: {sys.executable}). Run it "
                 "with /usr/bin/python3, which has Debian's python3-onnx and "
                 "python3-numpy.")


# ----------------------------------------------------------------------------
# Random parameters
# ----------------------------------------------------------------------------

def rngs(seed, name):
    stream = MODELS[name][0]
    return tuple(np.random.default_rng([seed, stream, k]) for k in range(3))


def f32(a):
    return np.ascontiguousarray(a, dtype=np.float32)


def he_normal(rng, shape, fan_in):
    return f32(rng.standard_normal(shape) * math.sqrt(2.0 / fan_in))


def xavier_normal(rng, shape, fan_in):
    return f32(rng.standard_normal(shape) * math.sqrt(1.0 / fan_in))


def small_bias(rng, n, scale=0.05):
    return f32(rng.uniform(-scale, scale, n))


def is_buffer(key):
    return key.endswith(".running_mean") or key.endswith(".running_var")


def count_params(params):
    """(learnable parameters, all weight elements incl. BN running stats)."""
    learn = sum(v.size for k, v in params.items() if not is_buffer(k))
    return learn, sum(v.size for v in params.values())


# ----------------------------------------------------------------------------
# numpy reference ops (NCHW, any float dtype)
# ----------------------------------------------------------------------------

def np_conv(x, w, b=None, stride=1, pad=0, group=1):
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    assert c == cg * group and o % group == 0
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (wd + 2 * pad - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    win = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))
    win = win[:, :, ::stride, ::stride][:, :, :oh, :ow]  # n,c,oh,ow,kh,kw
    cols = (win.reshape(n, group, cg, oh, ow, kh, kw)
            .transpose(0, 1, 2, 5, 6, 3, 4)
            .reshape(n, group, cg * kh * kw, oh * ow))
    wm = w.reshape(group, o // group, cg * kh * kw)
    y = np.matmul(wm[None], cols).reshape(n, o, oh, ow)
    if b is not None:
        y = y + b.reshape(1, o, 1, 1)
    return y


def np_maxpool(x, k, stride, pad=0):
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)),
                constant_values=-np.inf)
    win = np.lib.stride_tricks.sliding_window_view(xp, (k, k), axis=(2, 3))
    return win[:, :, ::stride, ::stride].max(axis=(4, 5))


def np_relu(x):
    return np.maximum(x, 0)


def np_relu6(x):
    return np.minimum(np.maximum(x, 0), 6)


def np_layernorm(x, g, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def np_gelu(x):
    erf = np.vectorize(math.erf, otypes=[np.float64])
    return x * 0.5 * (1.0 + erf(x.astype(np.float64) / math.sqrt(2.0)).astype(x.dtype))


def np_softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class BatchNorm:
    """Inference-mode BN over the params dict. In calibration mode (rng given)
    it first sets running_mean/var from the activation statistics it sees,
    slightly perturbed, the way a trained network's statistics roughly match
    its data."""

    def __init__(self, params, calib_rng=None):
        self.p = params
        self.rng = calib_rng

    def __call__(self, x, key):
        p = self.p
        if self.rng is not None:
            mean = x.mean(axis=(0, 2, 3))
            var = x.var(axis=(0, 2, 3))
            c = mean.size
            p[key + ".running_mean"] = f32(
                mean + 0.1 * np.sqrt(var) * self.rng.standard_normal(c))
            p[key + ".running_var"] = f32(var * self.rng.uniform(0.7, 1.4, c))
        dt = x.dtype
        sh = (1, -1, 1, 1)
        g = p[key + ".weight"].astype(dt).reshape(sh)
        b = p[key + ".bias"].astype(dt).reshape(sh)
        m = p[key + ".running_mean"].astype(dt).reshape(sh)
        v = p[key + ".running_var"].astype(dt).reshape(sh)
        return (x - m) / np.sqrt(v + BN_EPS) * g + b


def bn_affine(rng, p, key, c, gamma=(0.5, 1.5), beta=0.1):
    p[key + ".weight"] = f32(rng.uniform(gamma[0], gamma[1], c))
    p[key + ".bias"] = f32(rng.standard_normal(c) * beta)


# ----------------------------------------------------------------------------
# ONNX graph builder
# ----------------------------------------------------------------------------

class Graph:
    def __init__(self, name, params):
        self.name = name
        self.params = params
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.node_names, self.init_names = set(), set()

    def input(self, name, shape):
        self.inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))
        return name

    def output(self, name, shape):
        self.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))

    def const(self, name, arr=None):
        """Initializer `name`; from the params dict unless arr is given.
        Re-adding an existing name just returns it (shared constants)."""
        if name not in self.init_names:
            arr = self.params[name] if arr is None else arr
            self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
            self.init_names.add(name)
        return name

    def w(self, key):
        return self.const(key)

    def op(self, op_type, inputs, name, out=None, **attrs):
        assert name not in self.node_names, name
        self.node_names.add(name)
        out = out or name
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=name, **attrs))
        return out

    def model(self, opset, doc):
        graph = helper.make_graph(self.nodes, self.name, self.inputs, self.outputs,
                                  initializer=self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="nuri-gen_models", producer_version="1",
                              doc_string=doc)
        return m

    # common layers
    def conv(self, x, key, stride=1, pad=0, group=1, bias=False):
        w = self.params[key + ".weight"]
        ins = [x, self.w(key + ".weight")]
        if bias:
            ins.append(self.w(key + ".bias"))
        return self.op("Conv", ins, key, kernel_shape=list(w.shape[2:]),
                       strides=[stride, stride], pads=[pad] * 4,
                       dilations=[1, 1], group=group)

    def bn(self, x, key):
        ins = [x] + [self.w(key + s) for s in
                     (".weight", ".bias", ".running_mean", ".running_var")]
        return self.op("BatchNormalization", ins, key, epsilon=BN_EPS, momentum=0.9)

    def gemm(self, x, key, out=None):
        return self.op("Gemm", [x, self.w(key + ".weight"), self.w(key + ".bias")],
                       key, out=out, alpha=1.0, beta=1.0, transB=1)


# ----------------------------------------------------------------------------
# MLP
# ----------------------------------------------------------------------------

MLP_DIMS = [784, 512, 512, 10]


def mlp_params(rng, _cal_rng):
    p = {}
    for i in range(3):
        fi, fo = MLP_DIMS[i], MLP_DIMS[i + 1]
        init = he_normal if i < 2 else xavier_normal
        p[f"fc{i + 1}.weight"] = init(rng, (fi, fo), fi)  # [in, out] for MatMul
        p[f"fc{i + 1}.bias"] = small_bias(rng, fo)
    return p


def mlp_inputs(rng):
    return [("input", f32(rng.standard_normal((1, 784))))]


def mlp_forward(p, inputs, dt):
    h = inputs[0].astype(dt)
    for i in range(3):
        h = h @ p[f"fc{i + 1}.weight"].astype(dt) + p[f"fc{i + 1}.bias"].astype(dt)
        if i < 2:
            h = np_relu(h)
    return [h]


def mlp_graph(p, name):
    g = Graph(name, p)
    h = g.input("input", [1, 784])
    for i in range(3):
        k = f"fc{i + 1}"
        h = g.op("MatMul", [h, g.w(k + ".weight")], k + ".matmul")
        last = i == 2
        h = g.op("Add", [h, g.w(k + ".bias")], k + ".add",
                 out="output" if last else None)
        if not last:
            h = g.op("Relu", [h], k + ".relu")
    g.output("output", [1, 10])
    return g.model(17, MODELS[name][1])


# ----------------------------------------------------------------------------
# LeNet-5
# ----------------------------------------------------------------------------

def lenet5_params(rng, _cal_rng):
    p = {}
    p["conv1.weight"] = he_normal(rng, (6, 1, 5, 5), 25)
    p["conv1.bias"] = small_bias(rng, 6)
    p["conv2.weight"] = he_normal(rng, (16, 6, 5, 5), 150)
    p["conv2.bias"] = small_bias(rng, 16)
    for k, fi, fo in (("fc1", 400, 120), ("fc2", 120, 84), ("fc3", 84, 10)):
        init = xavier_normal if k == "fc3" else he_normal
        p[k + ".weight"] = init(rng, (fo, fi), fi)  # [out, in], Gemm transB=1
        p[k + ".bias"] = small_bias(rng, fo)
    return p


def image_inputs(shape):
    return lambda rng: [("input", f32(rng.standard_normal(shape)))]


def lenet5_forward(p, inputs, dt):
    P = {k: v.astype(dt) for k, v in p.items()}
    x = inputs[0].astype(dt)
    x = np_maxpool(np_relu(np_conv(x, P["conv1.weight"], P["conv1.bias"], pad=2)), 2, 2)
    x = np_maxpool(np_relu(np_conv(x, P["conv2.weight"], P["conv2.bias"])), 2, 2)
    x = x.reshape(1, -1)
    for k in ("fc1", "fc2", "fc3"):
        x = x @ P[k + ".weight"].T + P[k + ".bias"]
        if k != "fc3":
            x = np_relu(x)
    return [x]


def lenet5_graph(p, name):
    g = Graph(name, p)
    x = g.input("input", [1, 1, 28, 28])
    x = g.conv(x, "conv1", pad=2, bias=True)
    x = g.op("Relu", [x], "relu1")
    x = g.op("MaxPool", [x], "pool1", kernel_shape=[2, 2], strides=[2, 2])
    x = g.conv(x, "conv2", bias=True)
    x = g.op("Relu", [x], "relu2")
    x = g.op("MaxPool", [x], "pool2", kernel_shape=[2, 2], strides=[2, 2])
    x = g.op("Flatten", [x], "flatten", axis=1)
    x = g.gemm(x, "fc1")
    x = g.op("Relu", [x], "relu3")
    x = g.gemm(x, "fc2")
    x = g.op("Relu", [x], "relu4")
    g.gemm(x, "fc3", out="output")
    g.output("output", [1, 10])
    return g.model(17, MODELS[name][1])


# ----------------------------------------------------------------------------
# ResNet-18
# ----------------------------------------------------------------------------

RESNET_STAGES = [(64, 1), (128, 2), (256, 2), (512, 2)]  # (channels, stride)


def resnet18_blocks():
    """(prefix, in_ch, out_ch, stride, has_projection) for the 8 BasicBlocks."""
    cin = 64
    for s, (c, stride) in enumerate(RESNET_STAGES):
        for b in range(2):
            st = stride if b == 0 else 1
            yield f"layer{s + 1}.{b}", cin, c, st, (st != 1 or cin != c)
            cin = c


def resnet18_params(rng, cal_rng):
    p = {}
    p["conv1.weight"] = he_normal(rng, (64, 3, 7, 7), 3 * 49)
    bn_affine(rng, p, "bn1", 64)
    for pre, cin, cout, _st, proj in resnet18_blocks():
        p[pre + ".conv1.weight"] = he_normal(rng, (cout, cin, 3, 3), cin * 9)
        bn_affine(rng, p, pre + ".bn1", cout)
        p[pre + ".conv2.weight"] = he_normal(rng, (cout, cout, 3, 3), cout * 9)
        bn_affine(rng, p, pre + ".bn2", cout)
        if proj:
            p[pre + ".downsample.0.weight"] = he_normal(rng, (cout, cin, 1, 1), cin)
            bn_affine(rng, p, pre + ".downsample.1", cout)
    p["fc.weight"] = xavier_normal(rng, (1000, 512), 512)
    p["fc.bias"] = small_bias(rng, 1000)
    # BN running statistics from a separate calibration image.
    x_cal = f32(cal_rng.standard_normal((1, 3, 224, 224)))
    resnet18_forward(p, [x_cal], np.float64, calib_rng=cal_rng)
    return p


def resnet18_forward(p, inputs, dt, calib_rng=None):
    bn = BatchNorm(p, calib_rng)

    def W(k):
        return p[k].astype(dt)

    x = inputs[0].astype(dt)
    x = np_relu(bn(np_conv(x, W("conv1.weight"), stride=2, pad=3), "bn1"))
    x = np_maxpool(x, 3, 2, pad=1)
    for pre, _cin, _cout, st, proj in resnet18_blocks():
        y = np_relu(bn(np_conv(x, W(pre + ".conv1.weight"), stride=st, pad=1), pre + ".bn1"))
        y = bn(np_conv(y, W(pre + ".conv2.weight"), pad=1), pre + ".bn2")
        if proj:
            x = bn(np_conv(x, W(pre + ".downsample.0.weight"), stride=st),
                   pre + ".downsample.1")
        x = np_relu(x + y)
    x = x.mean(axis=(2, 3))
    return [x @ W("fc.weight").T + W("fc.bias")]


def resnet18_graph(p, name):
    g = Graph(name, p)
    x = g.input("input", [1, 3, 224, 224])
    x = g.conv(x, "conv1", stride=2, pad=3)
    x = g.bn(x, "bn1")
    x = g.op("Relu", [x], "relu")
    x = g.op("MaxPool", [x], "maxpool", kernel_shape=[3, 3], strides=[2, 2],
             pads=[1, 1, 1, 1])
    for pre, _cin, _cout, st, proj in resnet18_blocks():
        y = g.conv(x, pre + ".conv1", stride=st, pad=1)
        y = g.bn(y, pre + ".bn1")
        y = g.op("Relu", [y], pre + ".relu1")
        y = g.conv(y, pre + ".conv2", pad=1)
        y = g.bn(y, pre + ".bn2")
        if proj:
            x = g.conv(x, pre + ".downsample.0", stride=st)
            x = g.bn(x, pre + ".downsample.1")
        x = g.op("Add", [y, x], pre + ".add")
        x = g.op("Relu", [x], pre + ".relu2")
    x = g.op("GlobalAveragePool", [x], "avgpool")
    x = g.op("Flatten", [x], "flatten", axis=1)
    g.gemm(x, "fc", out="output")
    g.output("output", [1, 1000])
    return g.model(17, MODELS[name][1])


# ----------------------------------------------------------------------------
# MobileNetV2
# ----------------------------------------------------------------------------

# (expansion t, out channels c, repeats n, first stride s), width multiplier 1.0
MBV2_CFG = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
            (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
# BNs followed by ReLU6 get larger scales so that some activations reach 6.
RELU6_GAMMA = (0.5, 2.5)


def mbv2_blocks():
    """(prefix, in_ch, hidden_ch, out_ch, stride, expand, residual)."""
    cin, idx = 32, 1
    for t, c, n, s in MBV2_CFG:
        for i in range(n):
            st = s if i == 0 else 1
            yield (f"features.{idx}", cin, cin * t, c, st, t != 1,
                   st == 1 and cin == c)
            cin, idx = c, idx + 1


def mobilenetv2_params(rng, cal_rng):
    p = {}
    p["features.0.conv.weight"] = he_normal(rng, (32, 3, 3, 3), 27)
    bn_affine(rng, p, "features.0.bn", 32, gamma=RELU6_GAMMA)
    for pre, cin, hid, cout, _st, expand, _res in mbv2_blocks():
        if expand:
            p[pre + ".expand.conv.weight"] = he_normal(rng, (hid, cin, 1, 1), cin)
            bn_affine(rng, p, pre + ".expand.bn", hid, gamma=RELU6_GAMMA)
        p[pre + ".dw.conv.weight"] = he_normal(rng, (hid, 1, 3, 3), 9)
        bn_affine(rng, p, pre + ".dw.bn", hid, gamma=RELU6_GAMMA)
        p[pre + ".project.conv.weight"] = xavier_normal(rng, (cout, hid, 1, 1), hid)
        bn_affine(rng, p, pre + ".project.bn", cout)
    p["features.18.conv.weight"] = he_normal(rng, (1280, 320, 1, 1), 320)
    bn_affine(rng, p, "features.18.bn", 1280, gamma=RELU6_GAMMA)
    p["classifier.weight"] = xavier_normal(rng, (1000, 1280), 1280)
    p["classifier.bias"] = small_bias(rng, 1000)
    x_cal = f32(cal_rng.standard_normal((1, 3, 224, 224)))
    mobilenetv2_forward(p, [x_cal], np.float64, calib_rng=cal_rng)
    return p


def mobilenetv2_forward(p, inputs, dt, calib_rng=None):
    bn = BatchNorm(p, calib_rng)

    def W(k):
        return p[k].astype(dt)

    x = inputs[0].astype(dt)
    x = np_relu6(bn(np_conv(x, W("features.0.conv.weight"), stride=2, pad=1),
                    "features.0.bn"))
    for pre, _cin, hid, _cout, st, expand, res in mbv2_blocks():
        y = x
        if expand:
            y = np_relu6(bn(np_conv(y, W(pre + ".expand.conv.weight")), pre + ".expand.bn"))
        y = np_relu6(bn(np_conv(y, W(pre + ".dw.conv.weight"), stride=st, pad=1,
                                group=hid), pre + ".dw.bn"))
        y = bn(np_conv(y, W(pre + ".project.conv.weight")), pre + ".project.bn")
        x = x + y if res else y
    x = np_relu6(bn(np_conv(x, W("features.18.conv.weight")), "features.18.bn"))
    x = x.mean(axis=(2, 3))
    return [x @ W("classifier.weight").T + W("classifier.bias")]


def mobilenetv2_graph(p, name):
    g = Graph(name, p)
    lo = g.const("relu6.min", np.array(0.0, np.float32))
    hi = g.const("relu6.max", np.array(6.0, np.float32))

    def relu6(x, key):
        return g.op("Clip", [x, lo, hi], key)

    x = g.input("input", [1, 3, 224, 224])
    x = g.conv(x, "features.0.conv", stride=2, pad=1)
    x = relu6(g.bn(x, "features.0.bn"), "features.0.relu6")
    for pre, _cin, hid, _cout, st, expand, res in mbv2_blocks():
        y = x
        if expand:
            y = g.conv(y, pre + ".expand.conv")
            y = relu6(g.bn(y, pre + ".expand.bn"), pre + ".expand.relu6")
        y = g.conv(y, pre + ".dw.conv", stride=st, pad=1, group=hid)
        y = relu6(g.bn(y, pre + ".dw.bn"), pre + ".dw.relu6")
        y = g.conv(y, pre + ".project.conv")
        y = g.bn(y, pre + ".project.bn")
        x = g.op("Add", [x, y], pre + ".add") if res else y
    x = g.conv(x, "features.18.conv")
    x = relu6(g.bn(x, "features.18.bn"), "features.18.relu6")
    x = g.op("GlobalAveragePool", [x], "pool")
    x = g.op("Reshape", [x, g.const("flatten_shape", np.array([1, 1280], np.int64))],
             "flatten")
    g.gemm(x, "classifier", out="output")
    g.output("output", [1, 1000])
    return g.model(17, MODELS[name][1])


# ----------------------------------------------------------------------------
# BERT encoder layer
# ----------------------------------------------------------------------------

SEQ, HID, HEADS, FFN = 128, 256, 4, 1024
HDIM = HID // HEADS


def bert_params(rng, _cal_rng):
    p = {}
    for k in ("attn.query", "attn.key", "attn.value", "attn.output"):
        p[k + ".weight"] = xavier_normal(rng, (HID, HID), HID)  # [in, out]
        p[k + ".bias"] = small_bias(rng, HID)
    for k in ("ln1", "ln2"):
        p[k + ".weight"] = f32(1.0 + 0.1 * rng.standard_normal(HID))
        p[k + ".bias"] = f32(0.1 * rng.standard_normal(HID))
    p["ffn.fc1.weight"] = xavier_normal(rng, (HID, FFN), HID)
    p["ffn.fc1.bias"] = small_bias(rng, FFN)
    p["ffn.fc2.weight"] = xavier_normal(rng, (FFN, HID), FFN)
    p["ffn.fc2.bias"] = small_bias(rng, HID)
    return p


def bert_inputs(rng):
    x = f32(rng.standard_normal((1, SEQ, HID)))
    valid = int(rng.integers(SEQ * 3 // 4, SEQ))  # the rest is padding
    mask = np.zeros((1, SEQ), np.float32)
    mask[0, :valid] = 1.0
    return [("input", x), ("attention_mask", mask)]


def bert_forward(p, inputs, dt):
    P = {k: v.astype(dt) for k, v in p.items()}
    x = inputs[0].astype(dt)[0]        # [S, H]
    mask = inputs[1].astype(dt)[0]     # [S]

    def lin(t, k):
        return t @ P[k + ".weight"] + P[k + ".bias"]

    q, k, v = (lin(x, "attn." + n).reshape(SEQ, HEADS, HDIM)
               for n in ("query", "key", "value"))
    scores = np.einsum("qhd,khd->hqk", q, k) / math.sqrt(HDIM)
    scores = scores + ((1.0 - mask) * -10000.0)[None, None, :]
    ctx = np.einsum("hqk,khd->qhd", np_softmax(scores), v).reshape(SEQ, HID)
    h = np_layernorm(lin(ctx, "attn.output") + x, P["ln1.weight"], P["ln1.bias"], LN_EPS)
    f = lin(np_gelu(lin(h, "ffn.fc1")), "ffn.fc2")
    out = np_layernorm(f + h, P["ln2.weight"], P["ln2.bias"], LN_EPS)
    return [out[None]]


def bert_graph(p, name):
    opset = 17 if name.endswith("opset17") else 13
    g = Graph(name, p)
    x = g.input("input", [1, SEQ, HID])
    mask = g.input("attention_mask", [1, SEQ])
    c = g.const
    scalar = lambda v: np.array(v, np.float32)  # noqa: E731

    def linear(t, k):
        t = g.op("MatMul", [t, g.w(k + ".weight")], k + ".matmul")
        return g.op("Add", [t, g.w(k + ".bias")], k + ".add")

    def layer_norm(t, k, out=None):
        if opset >= 17:
            return g.op("LayerNormalization", [t, g.w(k + ".weight"), g.w(k + ".bias")],
                        k, out=out, axis=-1, epsilon=LN_EPS)
        mean = g.op("ReduceMean", [t], k + ".mean", axes=[-1], keepdims=1)
        d = g.op("Sub", [t, mean], k + ".sub")
        sq = g.op("Pow", [d, c("ln.pow_exponent", scalar(2.0))], k + ".pow")
        var = g.op("ReduceMean", [sq], k + ".var", axes=[-1], keepdims=1)
        var = g.op("Add", [var, c("ln.eps", scalar(LN_EPS))], k + ".add_eps")
        sd = g.op("Sqrt", [var], k + ".sqrt")
        t = g.op("Div", [d, sd], k + ".div")
        t = g.op("Mul", [t, g.w(k + ".weight")], k + ".mul_gamma")
        return g.op("Add", [t, g.w(k + ".bias")], k + ".add_beta", out=out)

    heads_shape = c("attn.heads_shape", np.array([1, SEQ, HEADS, HDIM], np.int64))
    heads = {}
    for n, perm in (("query", [0, 2, 1, 3]), ("key", [0, 2, 3, 1]),
                    ("value", [0, 2, 1, 3])):
        t = linear(x, "attn." + n)
        t = g.op("Reshape", [t, heads_shape], f"attn.{n}.reshape")
        heads[n] = g.op("Transpose", [t], f"attn.{n}.transpose", perm=perm)
    s = g.op("MatMul", [heads["query"], heads["key"]], "attn.scores")
    s = g.op("Div", [s, c("attn.scale", scalar(math.sqrt(HDIM)))], "attn.scale_div")
    m = g.op("Sub", [c("attn.one", scalar(1.0)), mask], "attn.mask.invert")
    m = g.op("Mul", [m, c("attn.mask_value", scalar(-10000.0))], "attn.mask.scale")
    m = g.op("Reshape", [m, c("attn.mask_shape", np.array([1, 1, 1, SEQ], np.int64))],
             "attn.mask.reshape")
    s = g.op("Add", [s, m], "attn.mask.add")
    s = g.op("Softmax", [s], "attn.softmax", axis=-1)
    t = g.op("MatMul", [s, heads["value"]], "attn.context")
    t = g.op("Transpose", [t], "attn.context.transpose", perm=[0, 2, 1, 3])
    t = g.op("Reshape", [t, c("attn.hidden_shape", np.array([1, SEQ, HID], np.int64))],
             "attn.context.reshape")
    t = linear(t, "attn.output")
    t = g.op("Add", [t, x], "attn.residual")
    h = layer_norm(t, "ln1")
    f = linear(h, "ffn.fc1")
    e = g.op("Div", [f, c("gelu.sqrt2", scalar(math.sqrt(2.0)))], "ffn.gelu.div")
    e = g.op("Erf", [e], "ffn.gelu.erf")
    e = g.op("Add", [e, c("gelu.one", scalar(1.0))], "ffn.gelu.add")
    e = g.op("Mul", [f, e], "ffn.gelu.mul")
    f = g.op("Mul", [e, c("gelu.half", scalar(0.5))], "ffn.gelu.mul_half")
    f = linear(f, "ffn.fc2")
    t = g.op("Add", [f, h], "ffn.residual")
    layer_norm(t, "ln2", out="output")
    g.output("output", [1, SEQ, HID])
    return g.model(opset, MODELS[name][1])


# ----------------------------------------------------------------------------
# Registry, generation and output
# ----------------------------------------------------------------------------

def spec(name):
    """(params_fn, inputs_fn, forward_fn, graph_fn) for a model."""
    table = {
        "mlp": (mlp_params, mlp_inputs, mlp_forward, mlp_graph),
        "lenet5": (lenet5_params, image_inputs((1, 1, 28, 28)), lenet5_forward,
                   lenet5_graph),
        "resnet18": (resnet18_params, image_inputs((1, 3, 224, 224)),
                     resnet18_forward, resnet18_graph),
        "mobilenetv2": (mobilenetv2_params, image_inputs((1, 3, 224, 224)),
                        mobilenetv2_forward, mobilenetv2_graph),
        "bert_layer_opset17": (bert_params, bert_inputs, bert_forward, bert_graph),
        "bert_layer_opset13": (bert_params, bert_inputs, bert_forward, bert_graph),
    }
    table["mlp_external"] = table["mlp"]
    return table[name]


class Generated:
    pass


def generate(name, seed):
    params_fn, inputs_fn, forward_fn, graph_fn = spec(name)
    rng_w, rng_in, rng_cal = rngs(seed, name)
    r = Generated()
    r.name = name
    r.params = params_fn(rng_w, rng_cal)
    r.inputs = inputs_fn(rng_in)
    r.model = graph_fn(r.params, name)
    r.model.doc_string += f"; generated by models/gen_models.py --seed {seed}"
    arrays = [a for _n, a in r.inputs]
    r.expected = [f32(o) for o in forward_fn(r.params, arrays, np.float64)]
    r.forward = lambda dt: forward_fn(r.params, arrays, dt)
    r.output_names = [o.name for o in r.model.graph.output]
    return r


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def npy_bytes(arr):
    import io
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return buf.getvalue()


def link_or_copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if os.path.lexists(dst):
        os.remove(dst)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def save_onnx(model, path, name):
    if name not in EXTERNAL_DATA:
        write_bytes(path, model.SerializeToString())
        return
    loc = EXTERNAL_DATA[name]
    data_path = os.path.join(os.path.dirname(path), loc)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # onnx appends to an existing data file: start from scratch every time
    # (and write new inodes rather than through hard links of an earlier run).
    for old in (path, data_path):
        if os.path.lexists(old):
            os.remove(old)
    onnx.save_model(copy.deepcopy(model), path, save_as_external_data=True,
                    all_tensors_to_one_file=True, location=loc, size_threshold=0)


def write_outputs(r, out_dir, layout):
    name = r.name
    j = lambda *a: os.path.join(out_dir, *a)  # noqa: E731
    if layout in ("both", "flat"):
        save_onnx(r.model, j(f"{name}.onnx"), name)
        for i, (_n, a) in enumerate(r.inputs):
            write_bytes(j(f"{name}.input_{i}.npy"), npy_bytes(a))
        for i, a in enumerate(r.expected):
            write_bytes(j(f"{name}.expected_{i}.npy"), npy_bytes(a))
    if layout == "both":
        # Same bytes as the flat files: hard-link them (halves the disk use).
        link_or_copy(j(f"{name}.onnx"), j(name, "model.onnx"))
        if name in EXTERNAL_DATA:
            link_or_copy(j(EXTERNAL_DATA[name]), j(name, EXTERNAL_DATA[name]))
    elif layout == "backend":
        save_onnx(r.model, j(name, "model.onnx"), name)
    if layout in ("both", "backend"):
        for i, (n, a) in enumerate(r.inputs):
            write_bytes(j(name, "test_data_set_0", f"input_{i}.pb"),
                        numpy_helper.from_array(a, n).SerializeToString())
        for i, a in enumerate(r.expected):
            write_bytes(j(name, "test_data_set_0", f"output_{i}.pb"),
                        numpy_helper.from_array(a, r.output_names[i]).SerializeToString())


def summary(r, secs):
    learn, total = count_params(r.params)
    e = r.expected[0]
    return (f"{r.name:20s} params {learn:>10,d} (+{total - learn:,d} BN stats) "
            f"out {list(e.shape)} min {e.min():.3f} max {e.max():.3f} "
            f"std {e.std():.3f}  [{secs:.2f}s]")


# ----------------------------------------------------------------------------
# Self-check
# ----------------------------------------------------------------------------

def dims(value_info):
    shape = value_info.type.tensor_type.shape
    return [d.dim_value if d.HasField("dim_value") else None for d in shape.dim]


def inferred_output_shapes(model):
    """Shape-infer a copy of `model` whose graph outputs have no shape, and
    return what inference derived for each graph output."""
    m = copy.deepcopy(model)
    for o in m.graph.output:
        o.type.tensor_type.ClearField("shape")
    m = onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)
    return [dims(o) for o in m.graph.output]


def file_sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def self_check(r, out_dir, layout, seed):
    name, problems = r.name, []

    def expect(cond, msg):
        if not cond:
            problems.append(msg)

    # 1. Deterministic: a second, independent build gives the same bytes.
    r2 = generate(name, seed)
    expect(r2.model.SerializeToString() == r.model.SerializeToString(),
           "model bytes differ between two builds")
    expect(all(np.array_equal(a, b) for a, b in zip(r.expected, r2.expected)),
           "expected outputs differ between two builds")
    # 2. Every declared graph input/output is float32 with a static shape.
    g = r.model.graph
    for vi in list(g.input) + list(g.output):
        d = dims(vi)
        expect(vi.type.tensor_type.elem_type == TensorProto.FLOAT,
               f"{vi.name} is not float32")
        expect(d and all(isinstance(v, int) and v > 0 for v in d),
               f"{vi.name} shape {d} is not static")
    expect([i.name for i in g.input] == [n for n, _ in r.inputs],
           "graph inputs differ from test inputs")
    expect(all(nd.name for nd in g.node), "unnamed node")
    expect(len({nd.name for nd in g.node}) == len(g.node), "duplicate node names")
    # 3. Written files: all the listed ones exist; loadable, checker-clean, and
    #    shape inference derives the declared output shapes.
    for rel in output_files(name, layout):
        expect(os.path.isfile(os.path.join(out_dir, rel)), f"missing {rel}")
    onnx_paths = [p for p in output_files(name, layout) if p.endswith(".onnx")]
    for rel in onnx_paths:
        path = os.path.join(out_dir, rel)
        try:
            # Not full_check on the path: onnx 1.12 then runs
            # infer_shapes_path, which overwrites the file in place.
            onnx.checker.check_model(path)
            m = onnx.load(path)  # pulls in external data
            onnx.checker.check_model(m, full_check=True)
            got = inferred_output_shapes(m)
            want = [dims(o) for o in m.graph.output]
            expect(got == want, f"{rel}: inferred output shapes {got} != {want}")
            if name in EXTERNAL_DATA:
                raw = onnx.load(path, load_external_data=False)
                expect(all(t.data_location == TensorProto.EXTERNAL
                           for t in raw.graph.initializer),
                       f"{rel}: not every initializer is external")
                for t in m.graph.initializer:  # loading sets it to DEFAULT
                    t.ClearField("data_location")
            expect(m.SerializeToString() == r.model.SerializeToString(),
                   f"{rel}: reloaded model differs from the generated one")
        except Exception as e:  # noqa: BLE001
            problems.append(f"{rel}: {type(e).__name__}: {e}")
    # 4. Test data files round-trip.
    for i, (n, a) in enumerate(r.inputs):
        if layout in ("both", "flat"):
            b = np.load(os.path.join(out_dir, f"{name}.input_{i}.npy"))
            expect(b.dtype == np.float32 and np.array_equal(a, b), f"input_{i}.npy")
        if layout in ("both", "backend"):
            t = onnx.TensorProto()
            with open(os.path.join(out_dir, name, "test_data_set_0", f"input_{i}.pb"), "rb") as f:
                t.ParseFromString(f.read())
            expect(t.name == n and np.array_equal(numpy_helper.to_array(t), a),
                   f"input_{i}.pb")
    # 5. The expected output is sane and matches a float32 run of the
    #    reference within float32 rounding.
    stats = []
    for i, e in enumerate(r.expected):
        d = dims(g.output[i])
        expect(list(e.shape) == d, f"expected_{i} shape {list(e.shape)} != {d}")
        expect(bool(np.isfinite(e).all()), "non-finite expected output")
        expect(e.std() > 0.05, f"expected_{i} is nearly constant (std {e.std()})")
        expect((e == 0).mean() < 0.5, f"expected_{i} is mostly zero")
        o32 = r.forward(np.float32)[i]
        expect(o32.dtype == np.float32, "float32 forward did not run in float32")
        diff = float(np.abs(o32.astype(np.float64) - e.astype(np.float64)).max())
        scale = float(np.abs(e).max())
        expect(diff <= 1e-4 * max(1.0, scale),
               f"float32 forward differs from expected by {diff}")
        stats.append(f"max|f32-expected| {diff:.3g} (max|expected| {scale:.3g})")
    return problems, "; ".join(stats)


def check_demo(seed, out_dir):
    """models/demo must be what this script generates for lenet5."""
    demo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo")
    if seed != DEFAULT_SEED or not os.path.isdir(demo):
        return []
    probs = []
    for rel in output_files("lenet5", "flat"):
        a, b = os.path.join(demo, rel), os.path.join(out_dir, rel)
        if not os.path.isfile(a):
            probs.append(f"models/demo/{rel} missing")
        elif os.path.isfile(b) and file_sha(a) != file_sha(b):
            probs.append(f"models/demo/{rel} is stale: regenerate with "
                         "--models lenet5 --layout flat --out-dir models/demo")
    return probs


# ----------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Generate Nuri's ONNX model zoo with numpy-computed "
                    "expected outputs (run with /usr/bin/python3).")
    ap.add_argument("--out-dir", required=True, help="directory to write into")
    ap.add_argument("--models", default=",".join(MODELS),
                    help="comma-separated subset of: " + ", ".join(MODELS) +
                         " (default: all)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help=f"base random seed (default {DEFAULT_SEED})")
    ap.add_argument("--layout", choices=LAYOUTS, default="both",
                    help="flat: NAME.onnx + .npy files; backend: "
                         "NAME/model.onnx + test_data_set_0/*.pb; both (default)")
    ap.add_argument("--self-check", action="store_true",
                    help="generate, then verify every model (onnx.checker, "
                         "shape inference, determinism, float32 reference "
                         "agreement); exit 1 on any problem")
    ap.add_argument("--list-outputs", action="store_true",
                    help="print the files that would be written (one per "
                         "line, absolute) and exit; needs neither onnx nor numpy")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    names = [n.strip() for n in args.models.split(",") if n.strip()]
    unknown = [n for n in names if n not in MODELS]
    if unknown or not names:
        ap.error(f"unknown model(s) {unknown}; choose from {', '.join(MODELS)}")
    out_dir = os.path.abspath(args.out_dir)

    if args.list_outputs:
        for n in names:
            for rel in output_files(n, args.layout):
                print(os.path.join(out_dir, rel).replace(os.sep, "/"))
        return 0

    import_deps()
    os.makedirs(out_dir, exist_ok=True)
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, flush=True))
    t_all, problems = time.time(), []
    for n in names:
        t0 = time.time()
        r = generate(n, args.seed)
        write_outputs(r, out_dir, args.layout)
        log(summary(r, time.time() - t0))
        if args.self_check:
            t1 = time.time()
            probs, stats = self_check(r, out_dir, args.layout, args.seed)
            problems += [f"{n}: {p}" for p in probs]
            print(f"  self-check {'FAILED' if probs else 'ok'}: {stats} "
                  f"[{time.time() - t1:.2f}s]", flush=True)
            for p in probs:
                print(f"    {p}", flush=True)
    if args.self_check and "lenet5" in names and args.layout != "backend":
        probs = check_demo(args.seed, out_dir)
        problems += probs
        for p in probs:
            print(f"  demo: {p}", flush=True)
    log(f"wrote {len(names)} model(s) to {out_dir} in {time.time() - t_all:.1f}s")
    if problems:
        print(f"self-check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
