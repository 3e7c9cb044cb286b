# Writes DIR/model.onnx whose weight lives in DIR/weights.bin (ONNX external
# data), y = x * w with w = [1, 2, 3, 4].
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

out_dir = sys.argv[1]
os.makedirs(out_dir, exist_ok=True)
w = numpy_helper.from_array(np.array([1, 2, 3, 4], dtype=np.float32), "w")
graph = helper.make_graph(
    [helper.make_node("Mul", ["x", "w"], ["y"], name="scale")], "external",
    [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [4])],
    [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [4])], [w])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
data = os.path.join(out_dir, "weights.bin")
if os.path.exists(data):
    os.remove(data)
onnx.save_model(model, os.path.join(out_dir, "model.onnx"),
                save_as_external_data=True, all_tensors_to_one_file=True,
                location="weights.bin", size_threshold=0)
