#include "rackscale/model/candidates.hpp"

namespace rackscale::model {

const NameTable<WaterStress>& water_stress_names() {
  static const NameTable<WaterStress> table = {{"low", WaterStress::Low},
                                               {"low-medium", WaterStress::LowMedium},
                                               {"medium-high", WaterStress::MediumHigh},
                                               {"high", WaterStress::High},
                                               {"extremely-high", WaterStress::ExtremelyHigh}};
  return table;
}

std::string to_string(WaterStress stress) {
  for (const auto& [name, value] : water_stress_names()) {
    if (value == stress) return name;
  }
  return "?";
}

const NameTable<OptimizeObjective>& optimize_objective_names() {
  static const NameTable<OptimizeObjective> table = {{"gpu_weeks", OptimizeObjective::GpuWeeks},
                                                     {"least_cost", OptimizeObjective::LeastCost},
                                                     {"npv", OptimizeObjective::NetPresentValue}};
  return table;
}

const NameTable<RiskMeasure>& risk_measure_names() {
  static const NameTable<RiskMeasure> table = {{"p50", RiskMeasure::P50},
                                               {"p10", RiskMeasure::P10}};
  return table;
}

}  // namespace rackscale::model
