// Reading a whole file into memory, for the readers (which parse bytes).
#pragma once

#include <string>

#include "engine/core/status.h"

namespace cadence {

// The file's bytes, unchanged. An io_error Status naming the path and the
// system's reason when the file cannot be opened or read (missing, a
// directory, no permission), or when it is not a regular file: a FIFO, a
// device or a socket is refused without reading from it (it could block
// forever or never end). A symbolic link to a regular file is read.
Result<std::string> read_file_bytes(const std::string& path);

}  // namespace cadence
