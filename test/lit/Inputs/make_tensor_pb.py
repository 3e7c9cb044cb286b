# Writes an ONNX TensorProto file: make_tensor_pb.py OUT NAME DTYPE V0,V1,...
# (1-D int64 or float tensor), for --const-input tests.
import sys

import numpy as np
from onnx import numpy_helper

out, name, dtype, values = sys.argv[1:5]
array = np.array([float(v) for v in values.split(",")], dtype=dtype)
with open(out, "wb") as f:
    f.write(numpy_helper.from_array(array, name).SerializeToString())
