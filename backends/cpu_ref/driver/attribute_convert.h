// Node attributes from the cpu-ref program payload into AttributeMaps, done
// once at load time so execution never touches the FlatBuffer.
#ifndef NURI_CPU_REF_DRIVER_ATTRIBUTE_CONVERT_H
#define NURI_CPU_REF_DRIVER_ATTRIBUTE_CONVERT_H

#include "cpu_ref/kernels/attributes.h"

#include <flatbuffers/flatbuffers.h>

namespace nuri::cpu_ref {

namespace fb {
struct Attr;
} // namespace fb

// Converts a node's attribute list (may be null). Errors say which
// attribute is malformed; the caller adds the node.
Result<AttributeMap> convertAttributes(
    const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>> *attrs);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_DRIVER_ATTRIBUTE_CONVERT_H
