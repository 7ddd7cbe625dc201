// rackscale._rackscale: the pybind11 module under the Python package (python/rackscale). A thin
// layer over rackscale::Study, as the CLI is: a scenario is checked as every command checks it
// (Study::check), a command's results come back as the files the CLI writes for it
// (study/study_outputs.hpp), and the Python side (python/rackscale/__init__.py) reads them into
// pandas DataFrames and plain attributes. The GIL is released while the library runs.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace py = pybind11;

namespace rackscale::python {
namespace {

//! One problem of a scenario as Python sees it: the diagnostic with its text as the CLI prints it.
struct PyDiagnostic {
  Diagnostic diagnostic;
  std::string text;  //!< rendered with the offending line and a caret when its file is at hand
};

std::vector<PyDiagnostic> to_python(const std::vector<Diagnostic>& diagnostics,
                                    const SourceTexts& sources) {
  std::vector<PyDiagnostic> result;
  for (const Diagnostic& d : sorted(diagnostics)) result.push_back({d, render(d, sources)});
  return result;
}

//! A scenario as loaded from Python: its source, and either the checked Study or the errors
//! found (a scenario with errors can still be validated; running it raises ScenarioError).
class PyScenario {
 public:
  //! Checks `source` as every command does; never throws for bad input.
  static PyScenario check(io::ScenarioSource source) {
    PyScenario scenario;
    Diagnostics diag;
    {
      py::gil_scoped_release release;
      scenario.study_ = Study::check(source, diag);
    }
    // A checked scenario keeps its text, so that overriding it later re-reads no file.
    if (scenario.study_) source.text = scenario.study_->loaded().text;
    scenario.source_ = std::move(source);
    scenario.errors_ = diag.items();
    scenario.warnings_ = diag.warnings();
    scenario.sources_ = diag.sources();
    scenario.error_text_ = diag.render();
    scenario.warning_text_ = diag.render_warnings();
    return scenario;
  }

  //! The same source with `overrides` applied after the ones it has.
  PyScenario with_overrides(const std::vector<std::string>& overrides) const {
    io::ScenarioSource source = source_;
    source.overrides.insert(source.overrides.end(), overrides.begin(), overrides.end());
    return check(std::move(source));
  }

  //! Every error and warning, sorted by file, line and column.
  std::vector<PyDiagnostic> diagnostics() const {
    std::vector<Diagnostic> all = errors_;
    all.insert(all.end(), warnings_.begin(), warnings_.end());
    return to_python(all, sources_);
  }

  //! The checked study; throws InputError with the errors (the CLI's text) if there are any.
  const Study& study() const {
    if (!study_) throw InputError(errors_, error_text_);
    return *study_;
  }

  const io::ScenarioSource& source() const { return source_; }
  bool valid() const { return study_.has_value(); }
  const std::string& error_text() const { return error_text_; }
  const std::string& warning_text() const { return warning_text_; }

 private:
  io::ScenarioSource source_;
  std::optional<Study> study_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
  SourceTexts sources_;
  std::string error_text_;
  std::string warning_text_;
};

//! What a command made: the files the CLI writes for it and the text it prints.
struct PyOutputs {
  report::OutputFiles files;
  std::string terminal_text;
  std::string json_text;  //!< `plan --json`'s key answers (plan only)
};

// Checks a Monte Carlo option against the CLI's bounds for it.
void check_range(const char* name, long long value, long long low, long long high) {
  if (value < low || value > high) {
    throw py::value_error(std::string(name) + " must be in " + std::to_string(low) + ".." +
                          std::to_string(high) + ", got " + std::to_string(value));
  }
}

// The library's run options, bounded as the CLI bounds --runs, --threads, --attribution-runs.
RunOptions run_options(std::optional<int> runs, std::optional<std::uint64_t> seed, int threads,
                       std::optional<int> attribution_runs = std::nullopt) {
  if (runs) check_range("runs", *runs, 1, 1'000'000);
  check_range("threads", threads, 0, 1024);
  if (attribution_runs) check_range("attribution_runs", *attribution_runs, 0, 1'000'000);
  RunOptions options;
  options.runs = runs;
  options.seed = seed;
  options.threads = threads;
  options.attribution_runs = attribution_runs;
  return options;
}

PyOutputs design(const PyScenario& scenario, const std::vector<std::string>& command_line) {
  const Study& study = scenario.study();
  py::gil_scoped_release release;
  const DesignResult result = study.design();
  return {design_outputs(result, study.scenario(), command_line), design_terminal_text(result), {}};
}

PyOutputs plan(const PyScenario& scenario, std::optional<int> runs,
               std::optional<std::uint64_t> seed, int threads, std::optional<int> attribution_runs,
               const std::vector<std::string>& command_line) {
  const Study& study = scenario.study();
  const RunOptions options = run_options(runs, seed, threads, attribution_runs);
  py::gil_scoped_release release;
  const PlanResult result = study.plan(options);
  return {plan_outputs(result, study.scenario(), command_line),
          plan_terminal_text(result, study.scenario(), false),
          plan_json_text(result, study.scenario())};
}

PyOutputs reliability(const PyScenario& scenario, std::optional<int> runs,
                      std::optional<std::uint64_t> seed, int threads,
                      const std::vector<std::string>& command_line) {
  const Study& study = scenario.study();
  const RunOptions options = run_options(runs, seed, threads);
  py::gil_scoped_release release;
  const ReliabilityResult result = study.reliability(options);
  return {reliability_outputs(result, command_line),
          reliability_terminal_text(result, study.scenario()),
          {}};
}

bool same(const PyDiagnostic& a, const PyDiagnostic& b) {
  const Diagnostic& x = a.diagnostic;
  const Diagnostic& y = b.diagnostic;
  return x.where.file == y.where.file && x.where.line == y.where.line &&
         x.where.column == y.where.column && x.key_path == y.key_path && x.message == y.message &&
         x.suggestion == y.suggestion && x.severity == y.severity;
}

const char* severity_name(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

void bind_diagnostic(py::module_& m) {
  py::class_<PyDiagnostic>(m, "Diagnostic",
                           "One problem of a scenario: where it is, the key, the rule broken and a "
                           "hint; str() gives the text the CLI prints.")
      .def_property_readonly(
          "file", [](const PyDiagnostic& d) { return d.diagnostic.where.file; },
          "The file the value is in ('' for none)")
      .def_property_readonly(
          "line", [](const PyDiagnostic& d) { return d.diagnostic.where.line; },
          "1-based line; 0: the whole file")
      .def_property_readonly(
          "column", [](const PyDiagnostic& d) { return d.diagnostic.where.column; },
          "1-based column; 0: the whole line")
      .def_property_readonly(
          "path", [](const PyDiagnostic& d) { return d.diagnostic.key_path; },
          "The key path, as for overrides, e.g. 'sites[0].grid[1].capacity'")
      .def_property_readonly(
          "message", [](const PyDiagnostic& d) { return d.diagnostic.message; },
          "The rule broken and the value")
      .def_property_readonly(
          "hint", [](const PyDiagnostic& d) { return d.diagnostic.suggestion; },
          "A suggestion such as 'did you mean \"capacity\"?' ('' for none)")
      .def_property_readonly(
          "severity", [](const PyDiagnostic& d) { return severity_name(d.diagnostic.severity); },
          "'error' (the scenario cannot run) or 'warning' (it runs, probably not as meant)")
      .def("__str__", [](const PyDiagnostic& d) { return d.text; })
      .def("__eq__", [](const PyDiagnostic& a, const PyDiagnostic& b) { return same(a, b); })
      .def("__repr__", [](const PyDiagnostic& d) {
        const SourceLocation& at = d.diagnostic.where;
        return "<Diagnostic " + std::string(severity_name(d.diagnostic.severity)) + " " + at.file +
               ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + " " +
               d.diagnostic.key_path + ": " + d.diagnostic.message + ">";
      });
}

void bind_scenario(py::module_& m) {
  py::class_<PyScenario>(m, "_Scenario", "A checked scenario (use rackscale.load)")
      .def_static(
          "check",
          [](const std::string& file, std::optional<std::string> text,
             const std::vector<std::string>& overrides) {
            return PyScenario::check(io::ScenarioSource{file, std::move(text), overrides, {}});
          },
          py::arg("file"), py::arg("text"), py::arg("overrides"))
      .def("with_overrides", &PyScenario::with_overrides, py::arg("overrides"))
      .def("diagnostics", &PyScenario::diagnostics)
      .def("raise_for_errors", [](const PyScenario& s) { s.study(); })
      .def_property_readonly("valid", &PyScenario::valid)
      .def_property_readonly("error_text", &PyScenario::error_text)
      .def_property_readonly("warning_text", &PyScenario::warning_text)
      .def_property_readonly("file", [](const PyScenario& s) { return s.source().file; })
      .def_property_readonly("overrides", [](const PyScenario& s) { return s.source().overrides; })
      .def_property_readonly("name", [](const PyScenario& s) { return s.study().scenario().name; })
      .def_property_readonly("input_hash",
                             [](const PyScenario& s) { return s.study().input_hash(); })
      .def("design", &design, py::arg("command_line"))
      .def("plan", &plan, py::arg("runs"), py::arg("seed"), py::arg("threads"),
           py::arg("attribution_runs"), py::arg("command_line"))
      .def("reliability", &reliability, py::arg("runs"), py::arg("seed"), py::arg("threads"),
           py::arg("command_line"));
}

void bind_outputs(py::module_& m) {
  py::class_<PyOutputs>(m, "_Outputs", "The files and text of one command")
      .def_property_readonly("names",
                             [](const PyOutputs& o) {
                               std::vector<std::string> names;
                               for (const auto& [name, content] : o.files.files()) {
                                 names.push_back(name);
                               }
                               return names;
                             })
      .def(
          "content",
          [](const PyOutputs& o, const std::string& name) {
            for (const auto& [file, content] : o.files.files()) {
              if (file == name) return py::bytes(content);
            }
            throw py::key_error(name);
          },
          py::arg("name"))
      .def(
          "write",
          [](const PyOutputs& o, const std::string& dir) {
            py::gil_scoped_release release;
            return o.files.write(dir);
          },
          py::arg("dir"))
      .def_readonly("terminal_text", &PyOutputs::terminal_text)
      .def_readonly("json_text", &PyOutputs::json_text);
}

// ScenarioError(ValueError): raised for every InputError, with the CLI's text as its message and
// the diagnostics as its `diagnostics` attribute.
void bind_scenario_error(py::module_& m) {
  static PyObject* scenario_error = PyErr_NewExceptionWithDoc(
      "rackscale.ScenarioError",
      "The scenario has errors. str() is the text the CLI prints; .diagnostics lists them.",
      PyExc_ValueError, nullptr);
  m.add_object("ScenarioError", py::handle(scenario_error));
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const InputError& e) {
      py::object error = py::reinterpret_borrow<py::object>(scenario_error)(e.what());
      error.attr("diagnostics") = py::cast(to_python(e.diagnostics(), SourceTexts{}));
      PyErr_SetObject(scenario_error, error.ptr());
    }
  });
}

}  // namespace
}  // namespace rackscale::python

PYBIND11_MODULE(_rackscale, m) {
  using namespace rackscale::python;
  m.doc() = "The compiled core of the rackscale package (use `import rackscale`).";
  m.attr("__version__") = RACKSCALE_VERSION;
  bind_diagnostic(m);
  bind_scenario(m);
  bind_outputs(m);
  bind_scenario_error(m);
}
