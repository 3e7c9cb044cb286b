// What nuri-objdump was asked to show.
#ifndef NURI_TOOLS_NURI_OBJDUMP_OBJDUMP_OPTIONS_H
#define NURI_TOOLS_NURI_OBJDUMP_OBJDUMP_OPTIONS_H

#include <string>

namespace nuri::objdump {

struct Options {
  std::string artifact;
  bool values = false;      // the value table
  bool disassemble = false; // segment payloads through their printers
  std::string segment;      // only this segment ("" = all)
  bool json = false;
};

} // namespace nuri::objdump

#endif // NURI_TOOLS_NURI_OBJDUMP_OBJDUMP_OPTIONS_H
