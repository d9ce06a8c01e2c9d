// Reading a whole file into memory, for the readers (which parse bytes).
#pragma once

#include <string>

#include "engine/core/status.h"

namespace cadence {

// The file's bytes, unchanged. An io_error Status naming the path and the
// system's reason when the file cannot be opened or read (missing, a
// directory, no permission).
Result<std::string> read_file_bytes(const std::string& path);

}  // namespace cadence
