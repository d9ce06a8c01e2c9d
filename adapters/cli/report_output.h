// Where a command's report goes, with every write checked: standard output,
// or a file that appears whole or not at all.
//
// A file report (a regular file, new or replaced; through a symlink, the
// file it names) is written to a temporary file in the same folder
// (".<name>.<pid>.tmp", so that the final rename stays on one file system)
// and renamed over the target by publish(); a ReportOutput destroyed before
// that removes the temporary file, so a failed or interrupted command leaves
// no partial report behind (a kill -9 may leave the hidden temporary file,
// never a partial target). A device or a pipe given as --out (/dev/stdout)
// is written in place and checked like standard output. Standard output cannot be taken back: finish()
// flushes it and says whether every byte was written, so that a command can
// refuse to record a run whose report was lost (a full disk, a closed pipe).
//
// Usage:
//   auto output = ReportOutput::open(command.out);   // "" = standard output
//   if (!output.is_ok()) ... exit 2
//   write_report(..., output->stream());
//   if (Status s = output->finish(); !s.is_ok()) ... exit 2, record nothing
//   ... record the run ...
//   if (Status s = output->publish(); !s.is_ok()) ... exit 2
#pragma once

#include <fstream>
#include <ostream>
#include <string>

#include "engine/core/status.h"

namespace cadence {

class ReportOutput {
 public:
  // `path` empty: standard output. Otherwise creates the temporary file
  // (kIoError naming the path when the folder cannot be written).
  static Result<ReportOutput> open(const std::string& path);

  ReportOutput(ReportOutput&& other) noexcept;
  ReportOutput& operator=(ReportOutput&&) = delete;
  ReportOutput(const ReportOutput&) = delete;
  ReportOutput& operator=(const ReportOutput&) = delete;
  ~ReportOutput();  // removes an unpublished temporary file

  std::ostream& stream();
  // For writers that take a file name (XLSX): the file to write (the
  // temporary one, or the device). Empty for standard output.
  const std::string& writable_path() const { return temporary_.empty() ? path_ : temporary_; }
  bool to_file() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

  // Flushes and closes what was written through stream() (or checks the
  // file a writer wrote at writable_path()); kIoError when any write
  // failed. Call once, after the last write.
  Status finish();
  // Renames the finished temporary file to the target path; a no-op for
  // standard output.
  Status publish();

 private:
  ReportOutput(std::string path, std::string target, std::string temporary)
      : path_(std::move(path)), target_(std::move(target)), temporary_(std::move(temporary)) {}

  std::string path_;       // as the user gave it; empty for standard output
  std::string target_;     // the file replaced: path_, or what its symlink names
  std::string temporary_;  // empty when written in place (a device, a pipe)
  std::ofstream file_;
  bool published_ = false;
};

// Flushes standard output: ok when every byte written to it (std::cout or
// stdio) so far has been written, else kIoError with the reason.
Status flush_standard_output();

// Flushes standard output once a command is done: the exit code of the
// command, or 2 with a message on stderr when something written to stdout
// was lost (main calls it for every command).
int finish_standard_output(int code);

}  // namespace cadence
