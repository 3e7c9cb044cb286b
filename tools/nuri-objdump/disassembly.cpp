#include "disassembly.h"

#include <exception>
#include <sstream>

namespace nuri::objdump {

Disassembly disassemble(const detail::LoadedModel &model,
                        const detail::LoadedSegment &segment,
                        const tools::ToolingRegistry &registry) {
  Disassembly result;
  const tools::SegmentPrinter *printer =
      registry.findSegmentPrinter(segment.format);
  if (!printer)
    return result;
  result.hasPrinter = true;
  tools::SegmentInfo info;
  info.name = segment.name;
  info.target = segment.target;
  info.format = segment.format;
  info.formatVersion = segment.formatVersion;
  info.payload = segment.payload;
  info.values = model.values;
  std::ostringstream out;
  // Printers report damage as Status; this only keeps a library's
  // exception (std::bad_alloc) from ending the tool without a message.
  try {
    result.status = (*printer)(info, out);
  } catch (const std::exception &e) {
    result.status =
        internalError("the '", segment.format, "' printer threw: ", e.what());
  }
  result.text = out.str();
  return result;
}

std::string noPrinterMessage(const detail::LoadedSegment &segment,
                             const tools::ToolingRegistry &registry) {
  std::string formats;
  for (const std::string &format : registry.printerFormats())
    formats += strCat(formats.empty() ? "" : ", ", format);
  return strCat("no printer for format '", segment.format,
                "' (this build prints: ", formats.empty() ? "none" : formats,
                ")");
}

} // namespace nuri::objdump
