# Writes small ONNX backend-test-style cases for nuri-conform's own tests:
#   make_conform_cases.py OUT_DIR
# add_ok (passes), add_wrong (expected output off at index [1, 2]),
# random_op (a random op, unsupported), symbolic (a symbolic batch dim the
# runner pins from the data), reshape_bound (a shape input the runner binds).
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def write_case(root, name, graph, inputs, outputs):
    case = os.path.join(root, name)
    data = os.path.join(case, "test_data_set_0")
    os.makedirs(data, exist_ok=True)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 17)])
    onnx.save(model, os.path.join(case, "model.onnx"))
    for i, (n, a) in enumerate(inputs):
        with open(os.path.join(data, "input_%d.pb" % i), "wb") as f:
            f.write(numpy_helper.from_array(a, n).SerializeToString())
    for i, (n, a) in enumerate(outputs):
        with open(os.path.join(data, "output_%d.pb" % i), "wb") as f:
            f.write(numpy_helper.from_array(a, n).SerializeToString())


def vi(name, shape, t=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, t, shape)


root = sys.argv[1]
x = np.arange(6, dtype=np.float32).reshape(2, 3)
y = np.full((2, 3), 0.5, dtype=np.float32)
add = helper.make_graph([helper.make_node("Add", ["x", "y"], ["z"])], "add",
                        [vi("x", [2, 3]), vi("y", [2, 3])], [vi("z", [2, 3])])
write_case(root, "add_ok", add, [("x", x), ("y", y)], [("z", x + y)])
wrong = x + y
wrong[1, 2] += 1
write_case(root, "add_wrong", add, [("x", x), ("y", y)], [("z", wrong)])
rand = helper.make_graph(
    [helper.make_node("RandomNormalLike", ["x"], ["z"])], "random",
    [vi("x", [2, 3])], [vi("z", [2, 3])])
write_case(root, "random_op", rand, [("x", x)], [("z", x)])
sym = helper.make_graph([helper.make_node("Relu", ["x"], ["z"])], "symbolic",
                        [vi("x", ["N", 3])], [vi("z", ["N", 3])])
write_case(root, "symbolic", sym, [("x", x - 2)], [("z", np.maximum(x - 2, 0))])
reshape = helper.make_graph(
    [helper.make_node("Reshape", ["x", "shape"], ["z"])], "reshape",
    [vi("x", [2, 3]), vi("shape", [2], TensorProto.INT64)],
    [vi("z", ["a", "b"])])
write_case(root, "reshape_bound", reshape,
           [("x", x), ("shape", np.array([3, 2], dtype=np.int64))],
           [("z", x.reshape(3, 2))])
