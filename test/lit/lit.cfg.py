# lit configuration for Nuri's compiler tests.
import os

import lit.formats

config.name = "Nuri"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nuri_obj_root, "test", "lit")

# Nuri's tools first, then LLVM's FileCheck/not/count.
path = os.pathsep.join([config.nuri_tools_dir, config.llvm_tools_dir,
                        config.environment.get("PATH", os.environ["PATH"])])
config.environment["PATH"] = path
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root,
                                                     "Inputs")))
