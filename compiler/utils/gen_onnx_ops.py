#!/usr/bin/python3
"""Generates the ODS definitions of the Nuri dialect's ONNX ops.

Reads ONNX's own op schemas (Debian's python3-onnx, ONNX 1.12) and writes one
TableGen op per ONNX op of the default domain, at the newest version not above
MAX_OPSET. The output is committed (compiler/include/nuri/Dialect/Nuri/IR/
NuriOnnxOps.td) so building Nuri does not need Python; the ctest
`compiler.onnx_ops_td_up_to_date` regenerates it and fails on any difference.

Usage: /usr/bin/python3 gen_onnx_ops.py [--max-opset 17] [-o FILE]
"""

import argparse
import sys

try:
    import onnx
    from onnx import defs
except ImportError:
    sys.exit("gen_onnx_ops.py needs Debian's python3-onnx: run it with "
             "/usr/bin/python3")

MAX_OPSET = 17

# Ops the importer rewrites into other ops, or that the dialect defines by
# hand (nuri.Constant in NuriOps.td).
SKIPPED = {
    "Constant": "hand-written nuri.Constant",
}

# ONNX element type -> ODS type constraint.
ELEMENT_TYPES = {
    "tensor(float16)": "F16",
    "tensor(float)": "F32",
    "tensor(double)": "F64",
    "tensor(bfloat16)": "BF16",
    "tensor(int8)": "I8",
    "tensor(int16)": "I16",
    "tensor(int32)": "I32",
    "tensor(int64)": "I64",
    "tensor(uint8)": "UI8",
    "tensor(uint16)": "UI16",
    "tensor(uint32)": "UI32",
    "tensor(uint64)": "UI64",
    "tensor(bool)": "I1",
    "tensor(complex64)": "Complex<F32>",
    "tensor(complex128)": "Complex<F64>",
    "tensor(string)": "Nuri_String",
}

A = onnx.defs.OpSchema.AttrType
ATTR_TYPES = {
    A.INT: "I64Attr",
    A.FLOAT: "F32Attr",
    A.STRING: "StrAttr",
    A.INTS: "I64ArrayAttr",
    A.FLOATS: "F32ArrayAttr",
    A.STRINGS: "StrArrayAttr",
    A.TENSOR: "ElementsAttr",
    A.SPARSE_TENSOR: "AnyAttr",
    A.TYPE_PROTO: "TypeAttr",
    A.TYPE_PROTOS: "TypeArrayAttr",
}

# Op names whose side effects forbid CSE/folding (they draw random numbers).
RANDOM_OPS = {"Bernoulli", "Multinomial", "RandomNormal", "RandomNormalLike",
              "RandomUniform", "RandomUniformLike"}

# Operand/attribute names that collide with methods ODS generates.
RENAMES = {"name": "name_", "type": "type_"}


def latest_schemas(max_opset):
    latest = {}
    for s in defs.get_all_schemas_with_history():
        if s.domain != "" or s.since_version > max_opset:
            continue
        if s.name not in latest or latest[s.name].since_version < s.since_version:
            latest[s.name] = s
    return latest


def type_constraint(schema, type_str):
    """ODS constraint for a formal parameter's type string."""
    allowed = None
    for tc in schema.type_constraints:
        if tc.type_param_str == type_str:
            allowed = tc.allowed_type_strs
    if allowed is None:  # the parameter names a type directly
        allowed = [type_str]
    if any(not t.startswith("tensor(") for t in allowed):
        return "AnyType"  # sequences/optionals: no dialect type for them yet
    elems = [ELEMENT_TYPES[t] for t in allowed]
    return "TensorOf<[%s]>" % ", ".join(elems)


def ods_name(name):
    return RENAMES.get(name, name)


def attr_default(attr):
    """The ODS default-value expression of an optional attribute, or None."""
    v = attr.default_value
    if v is None or not v.name:
        return None
    t = attr.type
    if t == A.INT:
        return str(v.i)
    if t == A.FLOAT:
        return repr(float("%.9g" % v.f))
    if t == A.STRING:
        return '"%s"' % v.s.decode()
    if t == A.INTS:
        return "{%s}" % ", ".join(str(i) for i in v.ints)
    if t == A.FLOATS:
        return "{%s}" % ", ".join(repr(float("%.9g" % f)) for f in v.floats)
    if t == A.STRINGS:
        return None  # no convenient ODS default; left optional
    return None


def attribute_decl(attr):
    base = ATTR_TYPES[attr.type]
    name = ods_name(attr.name)
    if attr.required:
        return "%s:$%s" % (base, name)
    default = attr_default(attr)
    if default is None:
        return "OptionalAttr<%s>:$%s" % (base, name)
    if attr.type == A.STRING:
        return 'DefaultValuedStrAttr<StrAttr, %s>:$%s' % (default, name)
    return 'DefaultValuedAttr<%s, "%s">:$%s' % (base, default, name)


def param_decl(schema, param):
    constraint = type_constraint(schema, param.typeStr)
    opt = param.option
    if opt == onnx.defs.OpSchema.FormalParameterOption.Optional:
        constraint = "Optional<%s>" % constraint
    elif opt == onnx.defs.OpSchema.FormalParameterOption.Variadic:
        constraint = "Variadic<%s>" % constraint
    return "%s:$%s" % (constraint, ods_name(param.name))


def is_variable(param):
    return param.option != onnx.defs.OpSchema.FormalParameterOption.Single


def op_def(schema):
    name = schema.name
    traits = []
    if name not in RANDOM_OPS:
        traits.append("Pure")
    graph_attrs = [a for a in schema.attributes.values() if a.type == A.GRAPH]
    if graph_attrs:
        traits = ["RecursiveMemoryEffects"]
    if sum(is_variable(p) for p in schema.inputs) > 1:
        traits.append("AttrSizedOperandSegments")
    if sum(is_variable(p) for p in schema.outputs) > 1:
        traits.append("AttrSizedResultSegments")

    args = [param_decl(schema, p) for p in schema.inputs]
    for attr in sorted(schema.attributes.values(), key=lambda a: a.name):
        if attr.type == A.GRAPH:
            continue
        args.append(attribute_decl(attr))
    results = [param_decl(schema, p) for p in schema.outputs]

    lines = []
    lines.append('def Nuri_%sOp : Nuri_OnnxOp<"%s", %d, [%s]> {'
                 % (name, name, schema.since_version, ", ".join(traits)))
    lines.append('  let summary = "ONNX %s, opset %d";'
                 % (name, schema.since_version))
    lines.append("  let arguments = (ins%s);" % format_list(args))
    lines.append("  let results = (outs%s);" % format_list(results))
    if graph_attrs:
        regions = ["SizedRegion<1>:$%s" % a.name
                   for a in sorted(graph_attrs, key=region_order)]
        lines.append("  let regions = (region%s);" % format_list(regions))
    lines.append("}")
    return "\n".join(lines)


def region_order(attr):
    """Regions follow their attribute names, but If reads then-before-else
    (the importer orders subgraphs the same way)."""
    return (attr.name != "then_branch", attr.name)


def format_list(items):
    if not items:
        return ""
    return "\n    " + ",\n    ".join(items)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-opset", type=int, default=MAX_OPSET)
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()

    schemas = latest_schemas(args.max_opset)
    out = []
    out.append("// Generated by compiler/utils/gen_onnx_ops.py from the op "
               "schemas of ONNX %s" % onnx.__version__)
    out.append("// (default domain, newest version <= opset %d). Do not edit."
               % args.max_opset)
    out.append("")
    out.append("#ifndef NURI_ONNX_OPS_TD")
    out.append("#define NURI_ONNX_OPS_TD")
    out.append("")
    out.append('include "nuri/Dialect/Nuri/IR/NuriBase.td"')
    out.append("")
    for name in sorted(schemas):
        schema = schemas[name]
        if name in SKIPPED:
            out.append("// %s: %s." % (name, SKIPPED[name]))
            out.append("")
            continue
        if schema.deprecated:
            out.append("// %s: deprecated; the importer rewrites it." % name)
            out.append("")
            continue
        out.append(op_def(schema))
        out.append("")
    out.append("#endif // NURI_ONNX_OPS_TD")
    text = "\n".join(out) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
