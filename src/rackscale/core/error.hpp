#pragma once
//! The exceptions of rackscale. The library throws; the programs in apps/ decide the exit code.

#include <stdexcept>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"

namespace rackscale {

//! Any failure of rackscale (exit code 1 unless it is an InputError).
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! Bad input (scenario, catalog, weather file): carries every diagnostic found (exit code 2).
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics, std::string rendered)
      : Error(std::move(rendered)), diagnostics_(std::move(diagnostics)) {}
  //! Every problem found, in file order.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  //! The same problems rendered with the lines of `sources` (for an error raised where the
  //! input's text is not at hand, such as a design error pointing at a scenario line).
  InputError with_sources(const SourceTexts& sources) const {
    return InputError(diagnostics_, render(diagnostics_, sources));
  }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace rackscale
